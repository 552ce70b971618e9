// Roster (参加者名簿) and itinerary (日程表) as files staff hand on: .xlsx with Japanese headers,
// real date (and time) cells and an A4 print setup, and the roster as UTF-8-with-BOM CSV, which
// is what makes Excel on Japanese Windows open UTF-8 instead of guessing Shift_JIS.
import ExcelJS from 'exceljs';
import { ROSTER_COLUMNS, type ProgramSummary, type RosterColumn } from '../../shared/api/programs.ts';
import { countryName } from '../../shared/countries.ts';
import { ageOn, isIsoDate } from '../../shared/dates.ts';
import { label, minutesOf, positionText, ROLE_WORDS, SEX_WORDS, SLOT_KIND_WORDS, type Participant, type Slot } from '../../shared/programs.ts';
import { holidayOn, weekdayLabel } from '../../shared/rules/itinerary.ts';
import { csvLine, TEXT_FORMAT, textColumns } from './cells.ts';

/** Column headers; 姓/名 and the rest match the import's headers, so an export re-imports as is. */
const ROSTER_HEADERS: Record<RosterColumn, string[]> = {
  no: ['No.'],
  name: ['姓', '名'],
  nativeName: ['現地表記氏名'],
  sex: ['性別'],
  birthDate: ['生年月日'],
  age: ['年齢（来日時）'],
  nationality: ['国籍'],
  affiliation: ['所属機関'],
  position: ['身分'],
  role: ['区分'],
  email: ['メール'],
};
const WIDTHS: Record<string, number> = {
  'No.': 5,
  姓: 16,
  名: 18,
  現地表記氏名: 18,
  性別: 6,
  生年月日: 12,
  '年齢（来日時）': 8,
  国籍: 14,
  所属機関: 32,
  身分: 10,
  区分: 9,
  メール: 30,
};

/** Roster columns holding free text (everything but No., dates and the age). */
const ROSTER_TEXT_HEADERS = new Set(['姓', '名', '現地表記氏名', '性別', '国籍', '所属機関', '身分', '区分', 'メール']);

/** Every roster column, in the contract's order: the order of the printed and exported table. */
export const DEFAULT_ROSTER_COLUMNS: readonly RosterColumn[] = ROSTER_COLUMNS;

/** Calendar date → Date at UTC midnight: exceljs writes it as the serial of that calendar day. */
function dateCell(iso: string | null): Date | string | null {
  if (!iso) return null;
  return isIsoDate(iso) ? new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)))) : iso;
}

type Cell = string | number | Date | null;

function rosterCells(p: Participant, i: number, col: RosterColumn, arrival: string): Cell[] {
  switch (col) {
    case 'no':
      return [i + 1];
    case 'name':
      return [p.familyName, p.givenName];
    case 'nativeName':
      return [p.nativeName];
    case 'sex':
      return [p.sex ? label(SEX_WORDS, p.sex, 'ja') : null];
    case 'birthDate':
      return [dateCell(p.birthDate)];
    case 'age':
      return [p.birthDate && isIsoDate(p.birthDate) && isIsoDate(arrival) ? ageOn(p.birthDate, arrival) : null];
    case 'nationality':
      return [p.nationality ? countryName(p.nationality, 'ja') : null];
    case 'affiliation':
      return [p.affiliation];
    case 'position':
      // As the host typed it (教授, 大学院生); the kind's label only when no title was given.
      return [positionText(p, 'ja') || null];
    case 'role':
      return [label(ROLE_WORDS, p.role, 'ja')];
    case 'email':
      return [p.email];
  }
}

function ordered(columns: readonly RosterColumn[]): RosterColumn[] {
  return DEFAULT_ROSTER_COLUMNS.filter((c) => columns.includes(c));
}

export function rosterTable(program: ProgramSummary, people: readonly Participant[], columns: readonly RosterColumn[]) {
  const cols = ordered(columns);
  const headers = cols.flatMap((c) => ROSTER_HEADERS[c]);
  const rows = people.map((p, i) => cols.flatMap((c) => rosterCells(p, i, c, program.arrival)));
  return { headers, rows };
}

function printSetup(ws: ExcelJS.Worksheet, program: ProgramSummary, what: string, landscape: boolean) {
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
    margins: { left: 0.4, right: 0.4, top: 0.75, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  // "&" starts a header code in Excel, so a title containing one must double it.
  const esc = (s: string) => s.replaceAll('&', '&&');
  ws.headerFooter = {
    oddHeader: `&L${esc(program.title)}&R${esc(`${what}\u3000${program.hostInstitution}\u3000${program.arrival}〜${program.departure}`)}`,
    oddFooter: '&C&P / &N',
  };
}

export async function buildRosterXlsx(program: ProgramSummary, people: readonly Participant[], columns: readonly RosterColumn[]): Promise<Uint8Array> {
  const { headers, rows } = rosterTable(program, people, columns);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sakura Desk';
  const ws = wb.addWorksheet('参加者名簿', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = headers.map((h) => ({ header: h, width: WIDTHS[h] ?? 14 }));
  ws.getRow(1).font = { bold: true };
  // Free-text columns as Text (@): a name or institution that looks like a formula stays text,
  // also after staff edit the cell in Excel.
  const textCols = headers.flatMap((h, i) => (ROSTER_TEXT_HEADERS.has(h) ? [i + 1] : []));
  textColumns(ws, textCols);
  for (const r of rows) {
    const row = ws.addRow(r);
    for (const c of textCols) row.getCell(c).numFmt = TEXT_FORMAT;
  }
  const birthCol = headers.indexOf('生年月日');
  if (birthCol >= 0) ws.getColumn(birthCol + 1).numFmt = 'yyyy/mm/dd';
  printSetup(ws, program, '参加者名簿', true);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** UTF-8 with BOM and CRLF: Excel on Japanese Windows opens it without garbling. */
export function buildRosterCsv(program: ProgramSummary, people: readonly Participant[], columns: readonly RosterColumn[]): Uint8Array {
  const { headers, rows } = rosterTable(program, people, columns);
  const lines = [headers, ...rows].map(csvLine);
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

export const ITINERARY_HEADERS = ['日付', '曜日', '開始', '終了', '内容', '区分', '受入れ機関内', '場所', '担当者', '備考', '祝日'] as const;

export async function buildItineraryXlsx(program: ProgramSummary, slots: readonly Slot[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sakura Desk';
  const ws = wb.addWorksheet('日程表', { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = [12, 5, 7, 7, 40, 11, 8, 24, 16, 30, 14];
  ws.columns = ITINERARY_HEADERS.map((h, i) => ({ header: h, width: widths[i] }));
  ws.getRow(1).font = { bold: true };
  // 内容, 区分, 受入れ機関内, 場所, 担当者, 備考, 祝日 and 曜日 are text.
  const textCols = [2, 5, 6, 7, 8, 9, 10, 11];
  textColumns(ws, textCols);
  for (const s of slots) {
    const hol = holidayOn(s.date);
    const row = ws.addRow([
      dateCell(s.date),
      isIsoDate(s.date) ? weekdayLabel(s.date, 'ja') : '',
      // Times as Excel time values (fractions of a day), so sorting and arithmetic work in Excel.
      minutesOf(s.start) / 1440,
      minutesOf(s.end) / 1440,
      s.activity,
      label(SLOT_KIND_WORDS, s.kind, 'ja'),
      s.atHost ? '○' : '',
      s.place,
      s.personInCharge,
      s.note,
      hol?.ja ?? null,
    ]);
    for (const c of textCols) row.getCell(c).numFmt = TEXT_FORMAT;
  }
  ws.getColumn(1).numFmt = 'yyyy/mm/dd';
  ws.getColumn(3).numFmt = 'hh:mm';
  ws.getColumn(4).numFmt = 'hh:mm';
  printSetup(ws, program, '日程表', true);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A file name staff recognise in Downloads: the application number and what it is. */
export function exportFileName(program: ProgramSummary, what: '参加者名簿' | '日程表', ext: string): string {
  const safe = program.applicationNo.replace(/[\\/:*?"<>|\s]+/g, '_');
  return `${safe}_${what}.${ext}`;
}
