// Countries and regions as staff write them, resolved to ISO 3166-1 alpha-2.
//
// Default import on purpose: i18n-iso-countries is CommonJS assigned through `module.exports`, so
// Node's ESM loader exposes no named exports for it (only `default`); a namespace import would
// work under Vite and break under tsx and vitest.
import isoCountries from 'i18n-iso-countries';
import enLocale from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import jaLocale from 'i18n-iso-countries/langs/ja.json' with { type: 'json' };
import type { Lang } from './errors.ts';

// The browser build of the library registers no locale by itself; the Node build registers all,
// and registering again is harmless.
isoCountries.registerLocale(jaLocale);
isoCountries.registerLocale(enLocale);

/**
 * The names JST staff and partner institutions actually write, which the library lacks: it holds
 * formal names (大韓民国, ラオス人民民主共和国) and only one form of the katakana.
 */
const ALIASES: Record<string, string> = {
  韓国: 'KR',
  南朝鮮: 'KR',
  北朝鮮: 'KP',
  中国: 'CN',
  中華人民共和国: 'CN',
  台湾: 'TW',
  香港: 'HK',
  澳門: 'MO',
  マカオ: 'MO',
  米国: 'US',
  アメリカ: 'US',
  英国: 'GB',
  イギリス: 'GB',
  ベトナム: 'VN',
  ヴェトナム: 'VN',
  越南: 'VN',
  ロシア: 'RU',
  ラオス: 'LA',
  イラン: 'IR',
  シリア: 'SY',
  ボリビア: 'BO',
  ベネズエラ: 'VE',
  モルドバ: 'MD',
  モルドヴァ: 'MD',
  ミクロネシア: 'FM',
  ブルネイ: 'BN',
  エスワティニ: 'SZ',
  ビルマ: 'MM',
  豪州: 'AU',
  濠洲: 'AU',
  タイ王国: 'TH',
  トルコ共和国: 'TR',
  テュルキエ: 'TR',
  トルキエ: 'TR',
  チェコ共和国: 'CZ',
  キルギスタン: 'KG',
  キルギス共和国: 'KG',
  東チモール: 'TL',
  フィリッピン: 'PH',
  マレイシア: 'MY',
  バングラディシュ: 'BD',
  バングラデッシュ: 'BD',
  サウジ: 'SA',
  UAE: 'AE',
  Korea: 'KR',
  'Korea (South)': 'KR',
  'Viet Nam': 'VN',
  Laos: 'LA',
  Syria: 'SY',
  Moldova: 'MD',
  Micronesia: 'FM',
  Brunei: 'BN',
  Burma: 'MM',
  Macau: 'MO',
  'Hong Kong SAR': 'HK',
  'Hong Kong, China': 'HK',
  'Macao SAR': 'MO',
  'Chinese Taipei': 'TW',
  'Ivory Coast': 'CI',
  Swaziland: 'SZ',
  'Timor Leste': 'TL',
  'Timor-Leste': 'TL',
  'East Timor': 'TL',
};

/** Short names for display where the library's are formal or awkward in a table. */
const DISPLAY: Record<Lang, Record<string, string>> = {
  ja: {
    CN: '中国',
    KR: '韓国',
    KP: '北朝鮮',
    RU: 'ロシア',
    LA: 'ラオス',
    IR: 'イラン',
    SY: 'シリア',
    BO: 'ボリビア',
    VE: 'ベネズエラ',
    MD: 'モルドバ',
    BN: 'ブルネイ',
    FM: 'ミクロネシア',
    SZ: 'エスワティニ',
  },
  en: {
    CN: 'China',
    TW: 'Taiwan',
    KR: 'South Korea',
    IR: 'Iran',
    RU: 'Russia',
    LA: 'Laos',
    SY: 'Syria',
    MD: 'Moldova',
    FM: 'Micronesia',
    BN: 'Brunei',
    VA: 'Vatican City',
  },
};

// Compare names without caring about width, case, spaces or the punctuation people vary
// ("Korea, Republic of", "U.S.A.", "ボスニア・ヘルツェゴビナ").
const NAME_NOISE = /[\s・.,'’()-]/g;
const NON_ASCII = /[^\x20-\x7e]/;

export function countryKey(text: string): string {
  const s = NON_ASCII.test(text) ? text.normalize('NFKC') : text;
  return s.toLowerCase().replace(NAME_NOISE, '');
}

let lookup: Map<string, string> | null = null;

function buildLookup(): Map<string, string> {
  const map = new Map<string, string>();
  const ambiguous = new Set<string>();
  const add = (name: string, code: string) => {
    const key = countryKey(name);
    if (!key || ambiguous.has(key)) return;
    const had = map.get(key);
    if (had === undefined) map.set(key, code);
    else if (had !== code) {
      // "Congo" is two countries; refusing it beats guessing the wrong one.
      map.delete(key);
      ambiguous.add(key);
    }
  };
  for (const lang of ['ja', 'en'] as const) {
    const names = isoCountries.getNames(lang, { select: 'all' });
    for (const [code, list] of Object.entries(names)) for (const n of list) add(n, code);
  }
  for (const [n, code] of Object.entries(ALIASES)) {
    const key = countryKey(n);
    ambiguous.delete(key);
    map.set(key, code);
  }
  // Codes win over names: a two- or three-letter entry is meant as a code.
  for (const [a2, a3] of Object.entries(isoCountries.getAlpha2Codes())) {
    map.set(a2.toLowerCase(), a2);
    map.set(a3.toLowerCase(), a2);
  }
  return map;
}

/** Alpha-2 code for an alpha-2/alpha-3 code or a Japanese or English name; null when unknown. */
export function parseCountry(text: string): string | null {
  lookup ??= buildLookup();
  const key = countryKey(text.trim());
  return key ? (lookup.get(key) ?? null) : null;
}

export function isCountryCode(code: string): boolean {
  return isoCountries.isValid(code) && code.length === 2 && code === code.toUpperCase();
}

/** The display name of an alpha-2 code; the code itself when unknown, so nothing shows blank. */
export function countryName(code: string, lang: Lang): string {
  const upper = code.toUpperCase();
  return DISPLAY[lang][upper] ?? isoCountries.getName(upper, lang) ?? code;
}

const allCache: Partial<Record<Lang, { code: string; name: string }[]>> = {};

/** Every country/region, sorted by display name in that language (for pickers). */
export function allCountries(lang: Lang): { code: string; name: string }[] {
  const cached = allCache[lang];
  if (cached) return cached.map((c) => ({ ...c }));
  const collator = new Intl.Collator(lang);
  const list = Object.keys(isoCountries.getAlpha2Codes())
    .map((code) => ({ code, name: countryName(code, lang) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  allCache[lang] = list;
  return list.map((c) => ({ ...c }));
}
