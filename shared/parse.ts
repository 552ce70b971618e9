// Readers for what Japanese staff type into spreadsheets and forms: full-width digits, yen signs,
// 和暦, course names spelt out. Pure and shared, so the form and the importer agree on what a value
// means. Every regex is built once here: the importer calls these for every cell of large files.
import type { Course, Field, Mode } from './domain.ts';
import { parseCountry } from './countries.ts';
import { daysInMonth } from './dates.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false };

const fail: { ok: false } = { ok: false };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

const NON_ASCII = /[\u0080-\uffff]/;
// Dashes that Word and IMEs produce where a hyphen-minus was meant, which NFKC leaves alone; the
// katakana prolonged sound mark only between digits ("2026ー07ー01"), so コース stays コース.
const DASHES = /[\u2010-\u2015\u2212]|(?<=\d)\u30fc(?=\d)/g;

/**
 * Width-folded text: NFKC turns full-width digits, letters and punctuation into ASCII (and ㋿ into
 * 令和), then dash look-alikes become "-". ASCII input skips the work, which is most cells.
 */
export function normalizeText(s: string): string {
  if (!NON_ASCII.test(s)) return s.trim();
  return s.normalize('NFKC').replace(DASHES, '-').trim();
}

/** Empty for import purposes: nothing, or only spaces (including 全角スペース). */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** A cell as staff would read it back in a message: dates as YYYY-MM-DD, long text shortened. */
export function displayValue(v: unknown): string {
  let s: string;
  if (v instanceof Date) s = Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString().slice(0, 10);
  else if (v === null || v === undefined) s = '';
  else s = String(v);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

// ---------------------------------------------------------------------------------------------
// Numbers

const INT_TEXT = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.0*)?$/;

function integerFromText(s: string): Parsed<number> {
  const m = INT_TEXT.exec(s);
  if (!m) return fail;
  const n = Number(m[2]!.replaceAll(',', ''));
  if (!Number.isSafeInteger(n)) return fail;
  return ok(m[1] === '-' ? -n : n);
}

function integerFromNumber(n: number): Parsed<number> {
  if (!Number.isFinite(n)) return fail;
  // A formula such as =A2*1.1 leaves binary noise (1234000.0000000002) on a whole number.
  const r = Math.round(n);
  if (Math.abs(n - r) > 1e-6 || !Number.isSafeInteger(r)) return fail;
  return ok(r === 0 ? 0 : r);
}

/** An integer: 1234, "1,234", "１，２３４", " 12 ". Not 12.5, not "1,2". */
export function parseInteger(v: unknown): Parsed<number> {
  if (typeof v === 'number') return integerFromNumber(v);
  if (typeof v !== 'string') return fail;
  return integerFromText(normalizeText(v));
}

const COUNT_UNIT = /\s*[人名]$/;

/** A head count: an integer, optionally followed by 人 or 名 ("12名"). */
export function parseCount(v: unknown): Parsed<number> {
  if (typeof v !== 'string') return parseInteger(v);
  return integerFromText(normalizeText(v).replace(COUNT_UNIT, ''));
}

// "¥1,234,000", "1,234,000円", "￥1,234,000-" (the trailing dash of Japanese invoices), "123万円",
// "123万4,000円", "1,234千円" (budget tables in thousands of yen), "JPY 1,234,000".
const YEN_TEXT =
  /^(?:jpy\s*)?[¥\\]?\s*(?:(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万|千)\s*(?:(\d{1,3}(?:,\d{3})*|\d+)\s*)?|(\d{1,3}(?:,\d{3})+|\d+)(?:\.0*)?)\s*(?:円|-|jpy)?$/i;

/** An amount in yen, as a non-negative-or-negative integer number of yen. */
export function parseYen(v: unknown): Parsed<number> {
  if (typeof v === 'number') return integerFromNumber(v);
  if (typeof v !== 'string') return fail;
  let s = normalizeText(v);
  let sign = 1;
  if (s.startsWith('-')) {
    sign = -1;
    s = s.slice(1).trimStart();
  }
  const m = YEN_TEXT.exec(s);
  if (!m) return fail;
  let yen: number;
  if (m[5] !== undefined) {
    yen = Number(m[5].replaceAll(',', ''));
  } else {
    const unit = m[3] === '万' ? 10_000 : 1_000;
    const whole = Number(m[1]!.replaceAll(',', ''));
    const frac = m[2] ?? '';
    // Exact arithmetic on the digits: 12.5万 must be 125000, not 124999.99999999999.
    if (frac.length > String(unit).length - 1) return fail;
    const fracYen = frac ? Number(frac.padEnd(String(unit).length - 1, '0')) : 0;
    const rest = m[4] !== undefined ? Number(m[4].replaceAll(',', '')) : 0;
    if (rest >= unit || (fracYen && rest)) return fail;
    yen = whole * unit + fracYen + rest;
  }
  if (!Number.isSafeInteger(yen)) return fail;
  return ok(yen === 0 ? 0 : sign * yen);
}

// ---------------------------------------------------------------------------------------------
// Dates

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** YYYY-MM-DD from calendar parts, rejecting 2026-02-30 and friends. */
export function isoDateFromParts(y: number, m: number, d: number): Parsed<string> {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return fail;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return fail;
  return ok(`${y}-${pad2(m)}-${pad2(d)}`);
}

const MS_PER_DAY = 86_400_000;
// Day 0 of the 1900 date system as Excel counts after its fictitious 1900-02-29 (serial 60).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** An Excel serial day number (1900 date system) as YYYY-MM-DD; any time of day is dropped. */
export function excelSerialToIsoDate(serial: number): Parsed<string> {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return fail;
  const day = Math.floor(serial);
  if (day === 60) return fail; // 1900-02-29 exists only in Excel.
  const ms = day < 60 ? Date.UTC(1899, 11, 31) + day * MS_PER_DAY : EXCEL_EPOCH_MS + day * MS_PER_DAY;
  const d = new Date(ms);
  return isoDateFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

interface Era {
  offset: number;
  first: string;
  last: string;
}
const REIWA: Era = { offset: 2018, first: '2019-05-01', last: '9999-12-31' };
const HEISEI: Era = { offset: 1988, first: '1989-01-08', last: '2019-04-30' };
const SHOWA: Era = { offset: 1925, first: '1926-12-25', last: '1989-01-07' };

function eraOf(name: string): Era | null {
  switch (name.toLowerCase()) {
    case '令和':
    case 'r':
      return REIWA;
    case '平成':
    case 'h':
      return HEISEI;
    case '昭和':
    case 's':
      return SHOWA;
    default:
      return null;
  }
}

const eraYear = (n: string) => (n === '元' ? 1 : Number(n));

// What may follow a date without changing it: a weekday as Japanese calendars print it
// ("(水)", "（水曜日）" after NFKC) and a midnight-ish time from CSV exports ("2026/07/01 0:00").
const TAIL = String.raw`(?:\s*\([日月火水木金土](?:曜日?)?\))?(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?`;
const WESTERN_DATE = new RegExp(String.raw`^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})${TAIL}$`);
const KANJI_DATE = new RegExp(String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?${TAIL}$`);
const WAREKI_DATE = new RegExp(
  String.raw`^(令和|平成|昭和|[RHS])\s*(元|\d{1,2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?|([-/.])\s*(\d{1,2})\s*\5\s*(\d{1,2}))${TAIL}$`,
  'i',
);
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * A calendar date as YYYY-MM-DD from: a Date (exceljs gives date cells as Date at UTC midnight, so
 * the UTC fields are the calendar date), an Excel serial number, or text such as 2026/07/01,
 * 2026-7-1, 2026年7月1日, 令和8年7月1日, R8.7.1, 令和元年5月1日, 20260701.
 */
export function parseDate(v: unknown): Parsed<string> {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return fail;
    return isoDateFromParts(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  }
  if (typeof v === 'number') {
    // An 8-digit number is 20260701 typed into a number cell, not a serial from the year 9000s.
    if (Number.isInteger(v) && v >= 10_000_000 && v <= 99_999_999) {
      return isoDateFromParts(Math.floor(v / 10_000), Math.floor(v / 100) % 100, v % 100);
    }
    // Serials below 10000 are dates before 1927: a year (2026) or a count typed into a date cell.
    if (v < 10_000) return fail;
    return excelSerialToIsoDate(v);
  }
  if (typeof v !== 'string') return fail;
  const s = normalizeText(v);
  let m = WESTERN_DATE.exec(s);
  if (m) return isoDateFromParts(Number(m[1]), Number(m[3]), Number(m[4]));
  m = KANJI_DATE.exec(s) ?? COMPACT_DATE.exec(s);
  if (m) return isoDateFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
  m = WAREKI_DATE.exec(s);
  if (m) {
    const era = eraOf(m[1]!)!;
    const n = eraYear(m[2]!);
    if (n < 1) return fail;
    const r = isoDateFromParts(era.offset + n, Number(m[3] ?? m[6]), Number(m[4] ?? m[7]));
    if (!r.ok || r.value < era.first || r.value > era.last) return fail;
    return r;
  }
  return fail;
}

// ---------------------------------------------------------------------------------------------
// Fiscal year and call

const FY_WESTERN = /^(?:fy\s*)?(\d{4})\s*(?:年度?)?$/i;
const FY_WAREKI = /^(令和|平成|[RH])\s*(元|\d{1,2})\s*(?:年度?)?$/i;

/** 年度 as its starting calendar year: 2026, "２０２６", "2026年度", "FY2026", "令和8年度", "R8". */
export function parseFiscalYear(v: unknown): Parsed<number> {
  if (typeof v === 'number') {
    const r = integerFromNumber(v);
    return r.ok && r.value >= 1000 && r.value <= 9999 ? r : fail;
  }
  if (typeof v !== 'string') return fail;
  const s = normalizeText(v);
  let m = FY_WESTERN.exec(s);
  if (m) return ok(Number(m[1]));
  m = FY_WAREKI.exec(s);
  if (m) {
    const era = eraOf(m[1]!)!;
    const n = eraYear(m[2]!);
    // 平成31年度 is the same 年度 as 令和元年度 (2019); nothing after 平成31 exists.
    if (n < 1 || (era === HEISEI && n > 31)) return fail;
    return ok(era.offset + n);
  }
  return fail;
}

const CALL_TEXT = /^第?\s*(\d{1,2})\s*(?:回目?)?\s*(?:公募)?$/;

/** 公募回: 1, "第1回", "1回", "第１回公募". */
export function parseCall(v: unknown): Parsed<number> {
  if (typeof v === 'number') return integerFromNumber(v);
  if (typeof v !== 'string') return fail;
  const m = CALL_TEXT.exec(normalizeText(v));
  return m ? ok(Number(m[1])) : fail;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

// Spaces, middle dots and hyphens vary freely in how people write these names.
const VOCAB_NOISE = /[\s・_-]/g;
const vocabKey = (s: string) => normalizeText(s).toLowerCase().replace(VOCAB_NOISE, '');

function vocabulary<T extends string>(entries: Record<T, readonly string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of Object.entries(entries) as [T, readonly string[]][]) {
    map.set(vocabKey(value), value);
    for (const w of words) map.set(vocabKey(w), value);
  }
  return map;
}

/** The words an import accepts for each value (docs/import-vocabulary.md). */
export const COURSE_VOCABULARY: Record<Course, readonly string[]> = {
  A: ['Aコース', 'コースA', 'A course', 'course A', '科学技術体験コース', '科学技術体験'],
  B: ['Bコース', 'コースB', 'B course', 'course B', '共同研究活動コース', '共同研究活動'],
  C: ['Cコース', 'コースC', 'C course', 'course C', '科学技術研修コース', '科学技術研修'],
  'high-school': [
    'ハイスクール',
    'ハイスクールプログラム',
    'さくらサイエンス・ハイスクールプログラム',
    'high school',
    'high school program',
    'Sakura Science High School Program',
  ],
  officials: [
    '関係者招へい',
    '科学技術関係者招へい',
    '科学技術関係者招へいプログラム',
    '科学技術関係者招聘プログラム',
    '招へいプログラム',
    'official',
    'officials program',
  ],
};
const COURSE_WORDS = vocabulary(COURSE_VOCABULARY);

/** The words an import accepts for each value (docs/import-vocabulary.md). */
export const FIELD_VOCABULARY: Record<Field, readonly string[]> = {
  science: ['科学技術', '科学技術分野', '理工', '理工系', '自然科学'],
  humanities: ['人文・社会科学', '人文社会', '人文・社会科学分野', '人文社会系', 'humanities and social sciences'],
};
const FIELD_WORDS = vocabulary(FIELD_VOCABULARY);

/** The words an import accepts for each value (docs/import-vocabulary.md). */
export const MODE_VOCABULARY: Record<Mode, readonly string[]> = {
  'in-person': ['来日', '来日型', '来日形式', 'in person', 'inperson', 'onsite', 'on-site'],
  online: ['オンライン', 'オンライン型', 'オンライン形式', 'リモート', 'remote', 'virtual'],
};
const MODE_WORDS = vocabulary(MODE_VOCABULARY);

// "A（科学技術体験コース）", "A: 科学技術体験コース": a code with its name; both must agree.
const LABEL_SPLIT = /^([^(:]+)[(:](.*?)\)?$/;

function lookupWord<T extends string>(words: Map<string, T>, v: unknown): Parsed<T> {
  if (typeof v !== 'string') return fail;
  const whole = words.get(vocabKey(v));
  if (whole !== undefined) return ok(whole);
  const m = LABEL_SPLIT.exec(normalizeText(v));
  if (!m) return fail;
  const head = words.get(vocabKey(m[1]!));
  const tail = words.get(vocabKey(m[2]!));
  return head !== undefined && (tail === head || vocabKey(m[2]!) === '') ? ok(head) : fail;
}

/** コース: A/Ａ/a/Aコース/科学技術体験コース, B, C, ハイスクール, 科学技術関係者招へいプログラム. */
export const parseCourse = (v: unknown): Parsed<Course> => lookupWord(COURSE_WORDS, v);
/** 分野: 科学技術/science, 人文・社会科学/humanities. */
export const parseField = (v: unknown): Parsed<Field> => lookupWord(FIELD_WORDS, v);
/** 形態: 来日/in-person, オンライン/online. */
export const parseMode = (v: unknown): Parsed<Mode> => lookupWord(MODE_WORDS, v);

// ---------------------------------------------------------------------------------------------
// Lists and countries

// Not the comma: English institution names contain one ("University of California, Berkeley").
// A line break inside a cell (Alt+Enter) is how many people put one entry per line.
const LIST_SEPARATOR = /[;；、\r\n]+/;

/** Entries of a list cell separated by ";", "；", "、" or line breaks; trimmed, blanks dropped. */
export function splitList(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  const s = typeof v === 'string' ? v : String(v);
  const out: string[] = [];
  for (const part of s.split(LIST_SEPARATOR)) {
    const t = part.trim();
    if (t) out.push(t);
  }
  return out;
}

export { parseCountry } from './countries.ts';

/** A list of countries; on failure, the entries that are not a known country or region. */
export function parseCountries(v: unknown): { ok: true; value: string[] } | { ok: false; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const entry of splitList(v)) {
    const code = parseCountry(entry);
    if (code) codes.push(code);
    else unknown.push(entry);
  }
  return unknown.length ? { ok: false, unknown } : { ok: true, value: codes };
}
