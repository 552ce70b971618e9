// Cells of every export, safe to open in Excel. A name such as =HYPERLINK("http://…") or
// +SUM(1,2) typed by a host institution must come out as the text it is, not as a live formula
// (CSV injection): in CSV such a value is prefixed with an apostrophe, the convention Excel,
// LibreOffice and Google Sheets all show as text; in .xlsx it is a string cell in a column
// formatted as Text (@), so even editing the cell in Excel does not turn it into a formula.
import type ExcelJS from 'exceljs';

// What spreadsheet programs take as the start of a formula (or, for TAB and CR, what they strip
// before looking): OWASP's list.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that Excel would read as a formula, made inert with a leading apostrophe. */
export function inertText(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

export type CsvValue = string | number | Date | null | undefined;

/** One CSV field: dates as YYYY/MM/DD, text made inert, quoted when it holds a separator. */
export function csvField(v: CsvValue): string {
  let s: string;
  if (v === null || v === undefined) s = '';
  else if (v instanceof Date) s = v.toISOString().slice(0, 10).replaceAll('-', '/');
  else if (typeof v === 'number') s = String(v);
  else s = inertText(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A CSV line of fields, without the line end. */
export const csvLine = (values: readonly CsvValue[]): string => values.map(csvField).join(',');

export const TEXT_FORMAT = '@';

/** A free-text cell: always a string value (never a formula), formatted as Text. */
export function setTextCell(cell: ExcelJS.Cell, value: string | null | undefined): void {
  cell.value = value ?? null;
  cell.numFmt = TEXT_FORMAT;
}

/** Formats whole columns as Text (@), so cells staff add or edit later stay text too. */
export function textColumns(ws: ExcelJS.Worksheet, columns: readonly number[]): void {
  for (const c of columns) ws.getColumn(c).numFmt = TEXT_FORMAT;
}
