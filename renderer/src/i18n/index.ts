import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client.ts';
import { areas } from './areas.ts';

export type UiLang = 'ja' | 'en';

function merge(lang: UiLang): Record<string, unknown> {
  return Object.assign({}, ...areas.map((a) => a[lang]));
}

const saved = (() => {
  try {
    return localStorage.getItem('sakura.lang');
  } catch {
    return null;
  }
})();
const initial: UiLang = saved === 'en' ? 'en' : 'ja';

void i18n.use(initReactI18next).init({
  resources: { ja: { translation: merge('ja') }, en: { translation: merge('en') } },
  lng: initial,
  fallbackLng: 'ja',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = initial;
setApiLanguage(initial);

export function setLanguage(lang: UiLang): void {
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
  setApiLanguage(lang);
  try {
    localStorage.setItem('sakura.lang', lang);
  } catch {
    /* private mode: the choice lasts for this session only */
  }
}

export default i18n;
