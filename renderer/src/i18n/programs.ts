// Text of the programs area: the same keys in ja and en (test/unit/i18n.test.ts checks them).
export const programs = {
  ja: {},
  en: {},
};
