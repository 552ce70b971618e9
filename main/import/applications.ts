// The applications spreadsheet: columns, row-by-row reading into ApplicationInput, and the blank
// template staff fill in. All or nothing: one bad cell rejects the file, and every bad cell is
// reported at once (row and column) so staff can fix them in one pass.
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { ApplicationInput, type ImportProblem } from '../../shared/api/applications.ts';
import { AppError } from '../../shared/errors.ts';
import {
  displayValue,
  isBlank,
  normalizeText,
  parseCall,
  parseCountries,
  parseCount,
  parseCourse,
  parseDate,
  parseField,
  parseFiscalYear,
  parseMode,
  parseYen,
  splitList,
  type Parsed,
} from '../../shared/parse.ts';
import { MAX_APPLICATION_ROWS } from '../../shared/limits.ts';
import { readTable } from './table.ts';

export type ApplicationColumnKey =
  | 'application_no'
  | 'fiscal_year'
  | 'call'
  | 'course'
  | 'title'
  | 'host_institution'
  | 'applicant'
  | 'sending_institutions'
  | 'countries'
  | 'field'
  | 'mode'
  | 'invitees'
  | 'escorts'
  | 'arrival'
  | 'departure'
  | 'requested_amount';

export interface ApplicationColumn {
  key: ApplicationColumnKey;
  /** The header the template writes. */
  ja: string;
  /** The English header also accepted (any case, spaces or underscores). */
  en: string;
  /** Whether the column must be present; a present column may still allow blank cells. */
  required: boolean;
  /** Other headers people use for the same column. */
  aliases: readonly string[];
  /** The ApplicationInput property it fills. */
  prop: keyof ApplicationInput;
}

export const APPLICATION_COLUMNS: readonly ApplicationColumn[] = [
  { key: 'application_no', ja: '受付番号', en: 'application_no', required: true, prop: 'applicationNo', aliases: ['申請番号', '応募番号'] },
  { key: 'fiscal_year', ja: '年度', en: 'fiscal_year', required: true, prop: 'fiscalYear', aliases: ['FY'] },
  { key: 'call', ja: '公募回', en: 'call', required: false, prop: 'call', aliases: ['公募回次'] },
  { key: 'course', ja: 'コース', en: 'course', required: true, prop: 'course', aliases: [] },
  { key: 'title', ja: 'タイトル', en: 'title', required: true, prop: 'title', aliases: ['交流計画名', '計画名', '件名'] },
  { key: 'host_institution', ja: '申請機関', en: 'host_institution', required: true, prop: 'hostInstitution', aliases: ['受入れ機関', '受入機関'] },
  { key: 'applicant', ja: '申請者', en: 'applicant', required: false, prop: 'applicant', aliases: ['申請者名'] },
  {
    key: 'sending_institutions',
    ja: '送出し機関',
    en: 'sending_institutions',
    required: true,
    prop: 'sendingInstitutions',
    aliases: ['送り出し機関', '送出機関'],
  },
  {
    key: 'countries',
    ja: '送出し国・地域',
    en: 'countries',
    required: true,
    prop: 'countries',
    aliases: ['送り出し国・地域', '送出し国', '送り出し国', '国・地域', 'country'],
  },
  { key: 'field', ja: '分野', en: 'field', required: true, prop: 'field', aliases: [] },
  { key: 'mode', ja: '形態', en: 'mode', required: true, prop: 'mode', aliases: ['実施形態', '実施形式'] },
  { key: 'invitees', ja: '招へい人数', en: 'invitees', required: true, prop: 'invitees', aliases: ['招聘人数', '招へい者数', '招聘者数'] },
  { key: 'escorts', ja: '引率者数', en: 'escorts', required: false, prop: 'escorts', aliases: ['引率者', '引率者人数'] },
  { key: 'arrival', ja: '来日予定日', en: 'arrival', required: true, prop: 'arrival', aliases: ['来日日', '開始日'] },
  { key: 'departure', ja: '離日予定日', en: 'departure', required: true, prop: 'departure', aliases: ['離日日', '終了日'] },
  { key: 'requested_amount', ja: '申請額', en: 'requested_amount', required: true, prop: 'requestedAmount', aliases: ['申請金額'] },
];

// Headers compare without width, case, spaces, underscores or the marks people add for required
// columns, so "Application No", "applicationNo" and "application_no" are one header.
const HEADER_NOISE = /[\s_・*※./-]/g;
const headerKey = (h: string) => normalizeText(h).toLowerCase().replace(HEADER_NOISE, '');

const HEADER_LOOKUP = new Map<string, ApplicationColumn>();
for (const c of APPLICATION_COLUMNS) {
  for (const h of [c.ja, c.en, c.prop, ...c.aliases]) HEADER_LOOKUP.set(headerKey(h), c);
}
const COLUMN_BY_PROP = new Map<string, ApplicationColumn>(APPLICATION_COLUMNS.map((c) => [c.prop, c]));

export interface ParsedApplicationRow {
  rowNumber: number;
  data: ApplicationInput;
}
export type ParseApplicationsResult = { ok: true; rows: ParsedApplicationRow[] } | { ok: false; problems: ImportProblem[] };

export interface TableInput {
  headers: string[];
  rows: { rowNumber: number; cells: unknown[] }[];
  headerRow?: number;
}

/** What each kind of unreadable cell means, in both languages. */
const EXPECT: Partial<Record<ApplicationColumnKey, { ja: string; en: string }>> = {
  fiscal_year: { ja: '年度として読めません（例: 2026、2026年度、令和8年度）', en: 'is not a fiscal year (e.g. 2026, 令和8年度)' },
  call: { ja: '公募回として読めません（例: 1、第1回）', en: 'is not a call number (e.g. 1, 第1回)' },
  course: {
    ja: 'コースとして読めません（A、B、C、ハイスクール、関係者招へい のいずれか）',
    en: 'is not a course (A, B, C, high-school or officials)',
  },
  field: { ja: '分野として読めません（科学技術 または 人文・社会科学）', en: 'is not a field (science or humanities)' },
  mode: { ja: '形態として読めません（来日 または オンライン）', en: 'is not a mode (in-person or online)' },
  invitees: { ja: '人数として読めません（0 以上の整数）', en: 'is not a number of people (a whole number, 0 or more)' },
  escorts: { ja: '人数として読めません（0 以上の整数）', en: 'is not a number of people (a whole number, 0 or more)' },
  arrival: { ja: '日付として読めません', en: 'is not a valid date' },
  departure: { ja: '日付として読めません', en: 'is not a valid date' },
  requested_amount: { ja: '金額として読めません（円単位の整数）', en: 'is not an amount (whole yen)' },
};

function zodProblem(
  issue: z.core.$ZodIssue,
  row: number,
  label: { ja: string; en: string; file: string },
  raw: string,
  length: number,
): ImportProblem {
  const base = { row, column: label.file };
  const { ja: L, en: E } = label;
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const small = issue.code === 'too_small';
    const limit = Number(small ? issue.minimum : issue.maximum);
    if (issue.origin === 'string' && small) return { ...base, message: `${L}が空です。`, messageEn: `${E} is empty.` };
    if (issue.origin === 'string') {
      return {
        ...base,
        message: `${L}は ${limit} 文字以内にしてください（${length} 文字あります）。`,
        messageEn: `${E} must be at most ${limit} characters (it has ${length}).`,
      };
    }
    if (issue.origin === 'array') {
      return { ...base, message: `${L}は ${limit} 件までです。`, messageEn: `${E} may list at most ${limit} entries.` };
    }
    return small
      ? { ...base, message: `${L}「${raw}」は ${limit} 以上にしてください。`, messageEn: `${E} "${raw}" must be at least ${limit}.` }
      : { ...base, message: `${L}「${raw}」は ${limit} 以下にしてください。`, messageEn: `${E} "${raw}" must be at most ${limit}.` };
  }
  return { ...base, message: `${L}「${raw}」は正しくありません（${issue.message}）。`, messageEn: `${E} "${raw}" is not valid (${issue.message}).` };
}

/** An applications table read one row at a time, as the file streams in (nothing is held but the rows that passed). */
export interface ApplicationsParser {
  /** Problems of the header row itself (missing or doubled columns); rows are read only without any. */
  readonly headerProblems: ImportProblem[];
  row(rowNumber: number, cells: unknown[]): void;
  finish(): ParseApplicationsResult;
}

const NO_ROWS: ImportProblem = {
  row: null,
  column: null,
  message: '見出し行の下にデータ行がありません。',
  messageEn: 'There are no data rows below the header row.',
};

/**
 * The header decides which column is which; unknown columns (備考 and the like) are ignored. Each
 * row is then checked as it arrives; `finish` gives the validated rows or every problem found.
 * Progress counts rows read (the total is not known while the file streams: 0 until the end, for
 * the caller to replace with the file's own estimate).
 */
export function applicationsParser(headers: string[], headerRow: number, onProgress?: (done: number, total: number) => void): ApplicationsParser {
  const problems: ImportProblem[] = [];
  const index = new Map<ApplicationColumnKey, number>();
  const labels = new Map<ApplicationColumnKey, { ja: string; en: string; file: string }>();

  headers.forEach((h, i) => {
    if (!h) return;
    const col = HEADER_LOOKUP.get(headerKey(h));
    if (!col) return;
    if (index.has(col.key)) {
      const first = headers[index.get(col.key)!]!;
      problems.push({
        row: headerRow,
        column: h,
        message: `列「${h}」は列「${first}」と同じ項目（${col.ja}）です。どちらか一方にしてください。`,
        messageEn: `Column "${h}" is the same item as column "${first}" (${col.en}). Keep only one of them.`,
      });
      return;
    }
    index.set(col.key, i);
    const file = h.trim();
    labels.set(col.key, { ja: file, en: headerKey(file) === headerKey(col.en) ? file : `${file} (${col.en})`, file });
  });
  for (const col of APPLICATION_COLUMNS) {
    if (col.required && !index.has(col.key)) {
      problems.push({
        row: headerRow,
        column: col.ja,
        message: `必須の列「${col.ja}」が見出し行（${headerRow} 行目）にありません。`,
        messageEn: `The required column "${col.ja}" (${col.en}) is missing from the header row (row ${headerRow}).`,
      });
    }
  }
  const headerProblems = [...problems];
  if (!headerProblems.length) onProgress?.(0, 0);
  const rows: ParsedApplicationRow[] = [];
  const seen = new Map<string, number>();
  let count = 0;

  const row = (rowNumber: number, cells: unknown[]) => {
    const problemsBefore = problems.length;
    const failed = new Set<ApplicationColumnKey>();
    const cell = (key: ApplicationColumnKey): unknown => {
      const i = index.get(key);
      return i === undefined ? undefined : cells[i];
    };
    const label = (key: ApplicationColumnKey) => labels.get(key)!;
    const report = (key: ApplicationColumnKey, message: string, messageEn: string) => {
      failed.add(key);
      problems.push({ row: rowNumber, column: label(key).file, message, messageEn });
    };
    const empty = (key: ApplicationColumnKey) => {
      const l = label(key);
      report(key, `${l.ja}が空です。`, `${l.en} is empty.`);
    };
    /** A required cell read with `parse`; undefined when blank or unreadable (already reported). */
    const read = <T>(key: ApplicationColumnKey, parse: (v: unknown) => Parsed<T>, fallback?: T): T | undefined => {
      const v = cell(key);
      if (isBlank(v)) {
        if (fallback !== undefined) return fallback;
        empty(key);
        return undefined;
      }
      const p = parse(v);
      if (p.ok) return p.value;
      const l = label(key);
      const why = EXPECT[key]!;
      report(key, `${l.ja}「${displayValue(v)}」は${why.ja}。`, `${l.en} "${displayValue(v)}" ${why.en}.`);
      return undefined;
    };
    const text = (key: ApplicationColumnKey): string => {
      const v = cell(key);
      if (v === null || v === undefined) return '';
      if (typeof v === 'string') return v;
      return displayValue(v);
    };

    const rawNo = cell('application_no');
    // Numbers typed as 受付番号 arrive as numbers from .xlsx and as text from CSV; both mean the same.
    const applicationNo = isBlank(rawNo) ? '' : normalizeText(typeof rawNo === 'string' ? rawNo : displayValue(rawNo));
    if (!applicationNo) empty('application_no');
    const fiscalYear = read('fiscal_year', parseFiscalYear);
    const call = index.has('call') && !isBlank(cell('call')) ? (read('call', parseCall) ?? null) : null;
    const course = read('course', parseCourse);
    const field = read('field', parseField);
    const mode = read('mode', parseMode);
    const invitees = read('invitees', parseCount);
    const escorts = index.has('escorts') ? read('escorts', parseCount, 0) : 0;
    const arrival = read('arrival', parseDate);
    const departure = read('departure', parseDate);
    const requestedAmount = read('requested_amount', parseYen);

    const names = splitList(cell('sending_institutions'));
    let countries: string[] = [];
    const parsedCountries = parseCountries(cell('countries'));
    if (parsedCountries.ok) {
      countries = parsedCountries.value;
    } else {
      const l = label('countries');
      const list = parsedCountries.unknown;
      report(
        'countries',
        `${l.ja}の${list.map((u) => `「${u}」`).join('')}は国・地域として読めません（国名か ISO コード、複数は「;」か「、」で区切ります）。`,
        `${l.en}: ${list.map((u) => `"${u}"`).join(', ')} ${list.length > 1 ? 'are not known countries or regions' : 'is not a known country or region'} (use a name or ISO code; separate several with ";" or "、").`,
      );
    }
    // Countries pair with institutions in order when the counts match; one country covers all.
    const countryFor = (i: number): string | null =>
      countries.length === names.length ? countries[i]! : countries.length === 1 ? countries[0]! : null;

    const candidate = {
      fiscalYear,
      applicationNo,
      call,
      course,
      title: text('title'),
      hostInstitution: text('host_institution'),
      applicant: index.has('applicant') ? text('applicant') : '',
      sendingInstitutions: names.map((name, i) => ({ name, country: countryFor(i) })),
      // Two institutions from one country list it twice for the pairing; the application's
      // countries are each country once.
      countries: [...new Set(countries)],
      field,
      mode,
      invitees,
      escorts,
      arrival,
      departure,
      requestedAmount,
    };
    const checked = ApplicationInput.safeParse(candidate);
    if (!checked.success) {
      const reported = new Set<string>();
      for (const issue of checked.error.issues) {
        const col = COLUMN_BY_PROP.get(String(issue.path[0]));
        // Unparsed cells were reported already; zod sees them as missing.
        if (!col || failed.has(col.key) || reported.has(col.key)) continue;
        reported.add(col.key);
        let value = cell(col.key);
        if (col.key === 'sending_institutions' && typeof issue.path[1] === 'number') value = names[issue.path[1]] ?? value;
        if (col.key === 'application_no') value = applicationNo;
        failed.add(col.key);
        // zod counts the trimmed text; the shown value is shortened, so the length travels apart.
        const length = typeof value === 'string' ? value.trim().length : 0;
        problems.push(zodProblem(issue, rowNumber, label(col.key), displayValue(value), length));
      }
      // Never drop a row silently: a failure no cell accounts for still rejects the file.
      if (problems.length === problemsBefore) {
        const why = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        problems.push({ row: rowNumber, column: null, message: `この行は取り込めません（${why}）。`, messageEn: `This row cannot be imported (${why}).` });
      }
    }

    if (fiscalYear !== undefined && applicationNo) {
      const key = `${fiscalYear}\u0000${applicationNo}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, rowNumber);
      } else {
        const l = label('application_no');
        problems.push({
          row: rowNumber,
          column: l.file,
          message: `${l.ja}「${applicationNo}」は ${fiscalYear}年度の中で重複しています（${first} 行目と同じです）。`,
          messageEn: `${l.en} "${applicationNo}" appears more than once in FY${fiscalYear} (same as row ${first}).`,
        });
      }
    }

    if (checked.success && problems.length === 0) rows.push({ rowNumber, data: checked.data });
    // Once a row has failed, the file will be refused: keep no more rows, only the problems.
    if (problems.length && rows.length) rows.length = 0;
    count++;
    if (onProgress && count % 1000 === 0) onProgress(count, 0);
  };

  return {
    headerProblems,
    row,
    finish: () => {
      if (headerProblems.length) return { ok: false, problems: headerProblems };
      if (count === 0) return { ok: false, problems: [NO_ROWS] };
      onProgress?.(count, count);
      return problems.length ? { ok: false, problems } : { ok: true, rows };
    },
  };
}

/**
 * Turns a table into validated rows, or every problem found. The header decides which column is
 * which; unknown columns (備考 and the like) are ignored.
 */
export function parseApplicationsTable(table: TableInput, onProgress?: (done: number, total: number) => void): ParseApplicationsResult {
  const total = table.rows.length;
  const parser = applicationsParser(table.headers, table.headerRow ?? 1, onProgress && ((done) => onProgress(done, total)));
  if (parser.headerProblems.length) return { ok: false, problems: parser.headerProblems };
  for (const r of table.rows) parser.row(r.rowNumber, r.cells);
  return parser.finish();
}

/** Reads and checks an applications file; unreadable files come back as problems too. */
export async function parseApplicationsFile(
  fileName: string,
  bytes: Uint8Array,
  onProgress?: (done: number, total: number) => void,
  maxRows: number = MAX_APPLICATION_ROWS,
): Promise<ParseApplicationsResult> {
  // Each row is checked as the file streams in and only the checked row is kept: the file's
  // cells are never all held beside the rows made from them.
  let parser: ApplicationsParser | null = null;
  // The total the file announces, until the rows are counted at the end.
  let expected = 0;
  const progress = onProgress && ((done: number, total: number) => onProgress(done, total || Math.max(expected, done)));
  try {
    await readTable(fileName, bytes, {
      maxRows,
      checkHeader: (headers, headerRow) => (parser = applicationsParser(headers, headerRow, progress)).headerProblems,
      onRow: (r) => parser!.row(r.rowNumber, r.cells),
      onRowsExpected: (n) => (expected = n),
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'IMPORT_REJECTED' && Array.isArray(err.details.problems)) {
      return { ok: false, problems: err.details.problems as ImportProblem[] };
    }
    throw err;
  }
  return (parser as ApplicationsParser | null)!.finish();
}

/** The header's problems alone (missing or doubled columns), before any row is read. */
export function applicationHeaderProblems(headers: string[], headerRow: number): ImportProblem[] {
  const r = parseApplicationsTable({ headers, rows: [], headerRow });
  return r.ok ? [] : r.problems.filter((p) => p.row === headerRow);
}

// ---------------------------------------------------------------------------------------------
// Template

/** Column widths in characters, a sample row and a hint per column for the template. */
const TEMPLATE: Record<ApplicationColumnKey, { width: number; sample: ExcelJS.CellValue; note?: string; numFmt?: string }> = {
  application_no: { width: 14, sample: 'SS2026-0001', note: '年度の中で重複しない番号' },
  fiscal_year: { width: 8, sample: 2026, note: '例: 2026、令和8年度' },
  call: { width: 8, sample: 1, note: '任意。例: 1、第1回' },
  course: { width: 14, sample: 'A', note: 'A＝科学技術体験コース、B＝共同研究活動コース、C＝科学技術研修コース、ハイスクール、関係者招へい' },
  title: { width: 40, sample: '再生可能エネルギー研究の最前線を体験する交流計画' },
  host_institution: { width: 24, sample: '○○大学' },
  applicant: { width: 16, sample: '桜田 花子' },
  sending_institutions: { width: 36, sample: 'ハノイ工科大学; チュラロンコン大学', note: '複数の場合は「;」か「、」で区切ります' },
  countries: { width: 18, sample: 'ベトナム; タイ', note: '国名か ISO コード（VN など）。送出し機関と同じ数なら順に対応し、1 つなら全機関に共通です' },
  field: { width: 14, sample: '科学技術' },
  mode: { width: 10, sample: '来日' },
  invitees: { width: 10, sample: 10, numFmt: '0' },
  escorts: { width: 10, sample: 1, numFmt: '0', note: '空欄は 0' },
  arrival: { width: 13, sample: new Date(Date.UTC(2026, 6, 1)), numFmt: 'yyyy/mm/dd', note: '例: 2026/07/01、令和8年7月1日' },
  departure: { width: 13, sample: new Date(Date.UTC(2026, 6, 10)), numFmt: 'yyyy/mm/dd' },
  requested_amount: { width: 14, sample: 3_500_000, numFmt: '#,##0', note: '円単位' },
};

const LISTS: Partial<Record<ApplicationColumnKey, string[]>> = {
  course: ['A', 'B', 'C', 'ハイスクール', '関係者招へい'],
  field: ['科学技術', '人文・社会科学'],
  mode: ['来日', 'オンライン'],
};

/** Rows the dropdowns and formats cover; far beyond a year's applications. */
const TEMPLATE_ROWS = 5000;

interface RangeValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

/** A blank applications workbook: Japanese headers, a sample row, dropdowns for the fixed lists. */
export async function buildApplicationsTemplate(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sakura Desk';
  const ws = wb.addWorksheet('応募一覧', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = APPLICATION_COLUMNS.map((c) => ({ header: c.ja, key: c.key, width: TEMPLATE[c.key].width }));

  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  APPLICATION_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFF9D7E0' : 'FFF2F2F2' } };
    const note = TEMPLATE[c.key].note;
    if (note) cell.note = note;
  });

  ws.addRow(APPLICATION_COLUMNS.map((c) => TEMPLATE[c.key].sample));

  const validations = (ws as unknown as { dataValidations: RangeValidations }).dataValidations;
  APPLICATION_COLUMNS.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    const numFmt = TEMPLATE[c.key].numFmt;
    if (numFmt) column.numFmt = numFmt;
    const list = LISTS[c.key];
    if (!list) return;
    const letter = column.letter;
    validations.add(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${list.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: c.ja,
      error: `${list.join('、')} から選んでください。`,
    });
  });

  return new Uint8Array(await wb.xlsx.writeBuffer());
}
