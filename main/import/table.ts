// A spreadsheet file as a plain table: the header row and the non-blank rows below it, each with
// the row number Excel shows, so every later problem can point at a cell staff can find.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { ImportProblem } from '../../shared/api/applications.ts';
import { AppError, type Messages } from '../../shared/errors.ts';

export interface TableRow {
  /** As Excel numbers rows: the first line of the file is 1. */
  rowNumber: number;
  /** Aligned with `headers`; strings, numbers, booleans, Dates (date cells), or null. */
  cells: unknown[];
}

export interface Table {
  headers: string[];
  rows: TableRow[];
  /** Where the header row is; 1 unless blank rows come before it. */
  headerRow: number;
}

function rejected(messages: Messages, row: number | null = null): AppError {
  const problems: ImportProblem[] = [{ row, column: null, message: messages.ja, messageEn: messages.en }];
  return new AppError('IMPORT_REJECTED', messages, { problems });
}

const isBlankCell = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

function headerText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** The first non-blank row is the header; blank rows anywhere are skipped. */
function toTable(records: Iterable<{ rowNumber: number; cells: unknown[] }>): Table | null {
  let headers: string[] | null = null;
  let headerRow = 0;
  const rows: TableRow[] = [];
  for (const r of records) {
    if (r.cells.every(isBlankCell)) continue;
    if (headers === null) {
      headers = r.cells.map(headerText);
      while (headers.length && headers[headers.length - 1] === '') headers.pop();
      headerRow = r.rowNumber;
    } else {
      rows.push(r);
    }
  }
  return headers ? { headers, rows, headerRow } : null;
}

// ---------------------------------------------------------------------------------------------
// .xlsx

function plainCellValue(v: ExcelJS.CellValue | undefined): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return plainCellValue((v as ExcelJS.CellFormulaValue).result ?? null);
  if ('hyperlink' in v) return plainCellValue(v.text as ExcelJS.CellValue);
  // "#N/A", "#REF!": kept as text so the row is reported with what Excel shows.
  if ('error' in v) return v.error;
  return String(v);
}

async function readXlsx(bytes: Uint8Array): Promise<Table | null> {
  const wb = new ExcelJS.Workbook();
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw rejected({
      ja: 'ファイルを Excel ブック（.xlsx）として読めませんでした。ファイルが壊れていないか確認してください。',
      en: 'The file could not be read as an Excel workbook (.xlsx). Check that it is not damaged.',
    });
  }
  // Skip hidden sheets: a template may keep its dropdown lists on one.
  const ws = wb.worksheets.find((w) => w.state === 'visible' || w.state === undefined) ?? wb.worksheets[0];
  if (!ws) return null;
  const records: { rowNumber: number; cells: unknown[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: unknown[] = new Array(Math.max(0, values.length - 1));
    // row.values is 1-based (index 0 is always empty), and sparse where cells are missing.
    for (let i = 1; i < values.length; i++) cells[i - 1] = plainCellValue(values[i]);
    records.push({ rowNumber, cells });
  });
  return toTable(records);
}

// ---------------------------------------------------------------------------------------------
// .csv

/**
 * Text from CSV bytes. Excel on Japanese Windows saves "CSV" as Shift_JIS (CP932) and
 * "CSV UTF-8" with a BOM; other tools write UTF-8 without one. Strict UTF-8 decoding tells the
 * last two apart: Shift_JIS text with any Japanese in it is almost never valid UTF-8.
 */
function decodeText(bytes: Uint8Array): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  // Excel's "Unicode text" is UTF-16 with a BOM.
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (b0 === 0xfe && b1 === 0xff) return iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16-be');
  if (bytes.indexOf(0) !== -1) {
    throw rejected({
      ja: 'ファイルが CSV（テキスト）ではありません。Excel ブック（.xlsx）か CSV で保存したファイルを選んでください。',
      en: 'The file is not a CSV (text) file. Choose an Excel workbook (.xlsx) or a file saved as CSV.',
    });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'cp932');
  }
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * RFC 4180 records: quoted fields may hold the separator, line breaks and doubled quotes; CRLF, LF
 * or CR end a record. A record that spans lines is still one spreadsheet row, so row numbers count
 * records, as Excel does when it opens the file. Lenient where Excel is: a quote inside an
 * unquoted field is literal text.
 */
export function parseCsv(text: string, separator = ','): { rowNumber: number; cells: string[] }[] {
  const sep = separator.charCodeAt(0);
  const records: { rowNumber: number; cells: string[] }[] = [];
  const n = text.length;
  let i = 0;
  let row: string[] = [];
  let rowNumber = 1;
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === QUOTE) {
      let parts = '';
      let from = ++i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          throw rejected(
            {
              ja: `${rowNumber} 行目の「"」で始まる値が閉じられていません（CSV の形式が崩れています）。`,
              en: `The quoted value starting on row ${rowNumber} is never closed (the CSV is malformed).`,
            },
            rowNumber,
          );
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          parts += text.slice(from, q + 1);
          i = from = q + 2;
          continue;
        }
        parts += text.slice(from, q);
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the separator is kept, as Excel does ("a"b → ab).
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === sep || c === CR || c === LF) break;
        end++;
      }
      field = end > i ? parts + text.slice(i, end) : parts;
      i = end;
    } else {
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === sep || c === CR || c === LF) break;
        end++;
      }
      field = text.slice(i, end);
      i = end;
    }
    row.push(field);
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === sep) {
      i++;
      // A separator at the very end still announces one more (empty) field.
      if (i >= n) row.push('');
      continue;
    }
    // End of record.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    records.push({ rowNumber, cells: row });
    row = [];
    rowNumber++;
    // A blank line: an empty record, kept so later row numbers stay right.
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d !== CR && d !== LF) break;
      i += d === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      records.push({ rowNumber, cells: [] });
      rowNumber++;
    }
  }
  if (row.length) records.push({ rowNumber, cells: row });
  return records;
}

function readCsv(bytes: Uint8Array, tabs: boolean): Table | null {
  const text = decodeText(bytes);
  // Excel's "Unicode text" and .tsv files separate with tabs; a header line tells them apart.
  const nl = text.search(/[\r\n]/);
  const firstLine = nl === -1 ? text : text.slice(0, nl);
  const separator = tabs || (firstLine.includes('\t') && !firstLine.includes(',')) ? '\t' : ',';
  return toTable(parseCsv(text, separator));
}

// ---------------------------------------------------------------------------------------------

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * Reads the first visible worksheet of an .xlsx, or a .csv/.tsv/.txt in UTF-8 (with or without
 * BOM), UTF-16 with BOM, or Shift_JIS. The content decides over the extension when they
 * disagree, since files get renamed. Throws IMPORT_REJECTED when there is nothing to read.
 */
export async function readTable(fileName: string, bytes: Uint8Array): Promise<Table> {
  if (bytes.length === 0) {
    throw rejected({ ja: `ファイル「${fileName}」は空です。`, en: `The file "${fileName}" is empty.` });
  }
  const dot = fileName.lastIndexOf('.');
  const ext = dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
  let table: Table | null;
  if (isZip(bytes)) {
    table = await readXlsx(bytes);
  } else if (isOle(bytes) || ext === 'xls') {
    throw rejected({
      ja: '古い Excel 形式（.xls）は読めません。Excel で「Excel ブック（.xlsx）」として保存し直してください。',
      en: 'The old Excel format (.xls) is not supported. Save the file as an Excel workbook (.xlsx) and try again.',
    });
  } else if (ext === 'xlsx' || ext === 'xlsm') {
    throw rejected({
      ja: `ファイル「${fileName}」は Excel ブック（.xlsx）ではありません。`,
      en: `The file "${fileName}" is not an Excel workbook (.xlsx).`,
    });
  } else if (ext === 'csv' || ext === 'tsv' || ext === 'txt') {
    table = readCsv(bytes, ext === 'tsv');
  } else {
    throw rejected({
      ja: `ファイル「${fileName}」の形式は読めません。Excel ブック（.xlsx）か CSV を選んでください。`,
      en: `The file "${fileName}" is not a supported format. Choose an Excel workbook (.xlsx) or a CSV file.`,
    });
  }
  if (!table) {
    throw rejected({
      ja: `ファイル「${fileName}」には見出し行もデータもありません。`,
      en: `The file "${fileName}" has no header row and no data.`,
    });
  }
  return table;
}
