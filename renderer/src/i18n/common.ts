// Shell text: navigation, status line, shared words. Each area keeps its own file like this one,
// with the same keys in ja and en (a unit test checks they match).
export const common = {
  ja: {
    app: { name: 'Sakura Desk', subtitle: 'さくらサイエンスプログラム 業務デスク' },
    nav: {
      home: 'ホーム',
      applications: '応募',
      review: '審査',
      programs: '実施計画・日程',
      participants: '参加者',
      results: '実績・報告',
      charts: 'グラフ',
      institutions: '機関リスト',
      settings: '設定',
    },
    status: { db: 'データベース', web: 'Web モード', electron: 'デスクトップ', user: '利用者', schema: 'スキーマ' },
    lang: { label: '表示言語', ja: '日本語', en: 'English' },
    actions: { save: '保存', cancel: 'キャンセル', delete: '削除' },
    errors: { title: 'エラー', loadFailed: '読み込みに失敗しました' },
    loading: '読み込み中…',
    home: {
      welcome: 'さくらサイエンスプログラムの応募受付、審査、日程、名簿、実績をこのアプリで管理します。',
    },
  },
  en: {
    app: { name: 'Sakura Desk', subtitle: 'Sakura Science Program desk' },
    nav: {
      home: 'Home',
      applications: 'Applications',
      review: 'Review',
      programs: 'Programs & itineraries',
      participants: 'Participants',
      results: 'Results & reports',
      charts: 'Charts',
      institutions: 'Institutions',
      settings: 'Settings',
    },
    status: { db: 'Database', web: 'Web mode', electron: 'Desktop', user: 'User', schema: 'Schema' },
    lang: { label: 'Language', ja: '日本語', en: 'English' },
    actions: { save: 'Save', cancel: 'Cancel', delete: 'Delete' },
    errors: { title: 'Error', loadFailed: 'Failed to load' },
    loading: 'Loading…',
    home: {
      welcome: 'Take in applications, run the review, plan itineraries, keep rosters and record results of the Sakura Science Program.',
    },
  },
};
