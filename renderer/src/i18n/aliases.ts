// Texts of the institution aliases panel (別名).
export const aliases = {
  ja: {
    aliases: {
      title: '別名',
      intro: '略称・英語名・旧名など、この機関の別の呼び方です。利益相反の判定、重複候補、取り込み、検索はすべて別名でも照合します。',
      kind: { ja: '日本語', en: '英語', abbr: '略称', merged: '統合元' },
      none: '別名はまだありません。',
      placeholder: '例: 東大',
      nameLabel: '別名',
      kindLabel: '種類',
      add: '別名を追加',
      remove: '削除',
      removeLabel: '別名「{{name}}」を削除',
      removed: '別名「{{name}}」を削除しました。',
      undo: '元に戻す',
    },
  },
  en: {
    aliases: {
      title: 'Other names',
      intro: 'Abbreviations, English and former names of this institution. Conflict checks, duplicate detection, import and search all match these too.',
      kind: { ja: 'Japanese', en: 'English', abbr: 'Abbreviation', merged: 'Merged entry' },
      none: 'No other names yet.',
      placeholder: 'e.g. UTokyo',
      nameLabel: 'Other name',
      kindLabel: 'Kind',
      add: 'Add name',
      remove: 'Remove',
      removeLabel: 'Remove the name "{{name}}"',
      removed: 'The name "{{name}}" was removed.',
      undo: 'Undo',
    },
  },
};
