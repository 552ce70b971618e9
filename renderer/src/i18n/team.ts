// Team mode (a shared PostgreSQL server): the status line's store, and the offer to reload after
// another officer's save. Same keys in ja and en (test/unit/i18n.test.ts).
export const team = {
  ja: {
    team: {
      local: 'この PC のファイル',
      server: 'チームサーバー',
      reload: '最新の内容を読み込む',
      reloadHint: '読み込むと、この画面で入力中の変更は消えます。',
    },
  },
  en: {
    team: {
      local: 'File on this PC',
      server: 'Team server',
      reload: 'Load the latest version',
      reloadHint: 'Loading discards the changes typed on this screen.',
    },
  },
};
