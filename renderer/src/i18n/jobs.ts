// Long jobs' progress (renderer/src/ui/JobProgress.tsx): the phases every import reports as
// job/progress events. Same keys in ja and en (test/unit/i18n.test.ts).
export const jobs = {
  ja: {
    job: {
      phase: {
        start: '準備中',
        read: 'ファイルを開いています',
        parse: 'ファイルを読み込み中',
        check: '内容を検証中',
        write: 'データベースに書き込み中',
      },
      rows: '{{phase}}: {{done}} / {{total}} 行',
      files: '{{phase}}: {{done}} / {{total}} ファイル',
    },
  },
  en: {
    job: {
      phase: {
        start: 'Starting',
        read: 'Opening the file',
        parse: 'Reading the file',
        check: 'Checking the contents',
        write: 'Writing to the database',
      },
      rows: '{{phase}}: {{done}} / {{total}} rows',
      files: '{{phase}}: {{done}} / {{total}} files',
    },
  },
};
