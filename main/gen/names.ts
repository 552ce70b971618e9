// Names for generated data: institutions in Japan (hosts) and abroad (senders), in Japanese and
// English, over more than 110 countries; reviewers' names. Built from small tables combined, so the
// generator stays deterministic and needs no data files.
import isoCountries from 'i18n-iso-countries';
import '../../shared/countries.ts'; // registers the ja and en locales

const PREFECTURES: readonly (readonly [string, string])[] = [
  ['北海道', 'Hokkaido'], ['青森', 'Aomori'], ['岩手', 'Iwate'], ['宮城', 'Miyagi'], ['秋田', 'Akita'], ['山形', 'Yamagata'],
  ['福島', 'Fukushima'], ['茨城', 'Ibaraki'], ['栃木', 'Tochigi'], ['群馬', 'Gunma'], ['埼玉', 'Saitama'], ['千葉', 'Chiba'],
  ['東京', 'Tokyo'], ['神奈川', 'Kanagawa'], ['新潟', 'Niigata'], ['富山', 'Toyama'], ['石川', 'Ishikawa'], ['福井', 'Fukui'],
  ['山梨', 'Yamanashi'], ['長野', 'Nagano'], ['岐阜', 'Gifu'], ['静岡', 'Shizuoka'], ['愛知', 'Aichi'], ['三重', 'Mie'],
  ['滋賀', 'Shiga'], ['京都', 'Kyoto'], ['大阪', 'Osaka'], ['兵庫', 'Hyogo'], ['奈良', 'Nara'], ['和歌山', 'Wakayama'],
  ['鳥取', 'Tottori'], ['島根', 'Shimane'], ['岡山', 'Okayama'], ['広島', 'Hiroshima'], ['山口', 'Yamaguchi'], ['徳島', 'Tokushima'],
  ['香川', 'Kagawa'], ['愛媛', 'Ehime'], ['高知', 'Kochi'], ['福岡', 'Fukuoka'], ['佐賀', 'Saga'], ['長崎', 'Nagasaki'],
  ['熊本', 'Kumamoto'], ['大分', 'Oita'], ['宮崎', 'Miyazaki'], ['鹿児島', 'Kagoshima'], ['沖縄', 'Okinawa'],
];

/** [ja pattern, en pattern, kind]; {P} is the place name. */
const JP_PATTERNS: readonly (readonly [string, string, string])[] = [
  ['{P}大学', 'University of {P}', 'university'],
  ['{P}工業大学', '{P} Institute of Technology', 'university'],
  ['{P}県立大学', '{P} Prefectural University', 'university'],
  ['{P}工業高等専門学校', 'National Institute of Technology, {P} College', 'school'],
];

const ABROAD_PATTERNS: readonly (readonly [string, string, string])[] = [
  ['{P}国立大学', 'National University of {P}', 'university'],
  ['{P}工科大学', '{P} Institute of Technology', 'university'],
  ['{P}科学技術大学', 'University of Science and Technology of {P}', 'university'],
  ['{P}農業大学', '{P} Agricultural University', 'university'],
  ['{P}医科大学', '{P} Medical University', 'university'],
  ['{P}師範大学', '{P} Normal University', 'university'],
  ['{P}科学アカデミー', '{P} Academy of Sciences', 'research'],
  ['{P}国立研究所', 'National Research Institute of {P}', 'research'],
  ['{P}経済大学', '{P} University of Economics', 'university'],
  ['{P}国際大学', 'International University of {P}', 'university'],
  ['{P}海洋大学', '{P} Maritime University', 'university'],
  ['{P}中央大学', 'Central University of {P}', 'university'],
  ['{P}工学大学', '{P} University of Engineering', 'university'],
  ['{P}エネルギー研究所', '{P} Institute of Energy Research', 'research'],
  ['{P}ポリテクニック大学', 'Polytechnic University of {P}', 'university'],
];

/** Where most invitees come from (weighted), then the rest of the world. */
export const MAIN_COUNTRIES = ['CN', 'VN', 'TH', 'ID', 'IN', 'PH', 'MY', 'KR', 'TW', 'MN', 'BD', 'KH', 'LA', 'MM', 'LK', 'NP', 'PK', 'UZ', 'KZ', 'BR'];

export interface InstitutionSeed {
  nameJa: string;
  nameEn: string;
  country: string;
  kind: string;
}

export function japaneseInstitutions(): InstitutionSeed[] {
  const out: InstitutionSeed[] = [];
  for (const [ja, en, kind] of JP_PATTERNS) {
    for (const [pja, pen] of PREFECTURES) out.push({ nameJa: ja.replace('{P}', pja), nameEn: en.replace('{P}', pen), country: 'JP', kind });
  }
  return out;
}

/** `count` institutions abroad over `countries` countries (main ones first), ja and en names. */
export function overseasInstitutions(count: number, countryCount: number): InstitutionSeed[] {
  const all = Object.keys(isoCountries.getAlpha2Codes()).filter((c) => c !== 'JP' && !MAIN_COUNTRIES.includes(c)).sort();
  const countries = [...MAIN_COUNTRIES, ...all].slice(0, countryCount);
  const out: InstitutionSeed[] = [];
  for (let i = 0; out.length < count; i++) {
    const c = countries[i % countries.length]!;
    const round = Math.floor(i / countries.length);
    const pattern = ABROAD_PATTERNS[round % ABROAD_PATTERNS.length]!;
    const suffix = round >= ABROAD_PATTERNS.length ? ` ${Math.floor(round / ABROAD_PATTERNS.length) + 1}` : '';
    const ja = isoCountries.getName(c, 'ja') ?? c;
    const en = isoCountries.getName(c, 'en') ?? c;
    out.push({ nameJa: pattern[0].replace('{P}', ja) + suffix, nameEn: pattern[1].replace('{P}', en) + suffix, country: c, kind: pattern[2] });
  }
  return out;
}

export const JP_FAMILY = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤', '吉田', '山田', '佐々木', '山口', '松本', '井上', '木村', '林', '清水', '山崎'];
export const JP_GIVEN = ['太郎', '花子', '一郎', '美咲', '健', '直子', '聡', '由紀', '翔', '陽子', '誠', '恵', '大輔', '真理', '浩', '綾'];
export const RESEARCH_FIELDS = ['材料科学', '情報科学', '環境工学', '農学', '医学', '化学', '物理学', '防災', 'エネルギー', '生命科学', '海洋学', '経済学'];
export const THEMES = [
  '防災・減災技術', '再生可能エネルギー', '水資源管理', 'AI とロボティクス', '材料科学', '感染症研究', '農業バイオテクノロジー',
  '海洋環境保全', '都市交通計画', 'スマートシティ', '半導体工学', '気候変動適応', '食品科学', '地域社会とデジタル化',
];
