// Text of the results area: the same keys in ja and en (test/unit/i18n.test.ts checks them).
export const results = {
  ja: {},
  en: {},
};
