// A spreadsheet file as a plain table: the header row and the non-blank rows below it, each with
// the row number Excel shows, so every later problem can point at a cell staff can find.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ImportProblem } from '../../shared/api/applications.ts';
import { AppError, type Messages } from '../../shared/errors.ts';
import { MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS } from '../../shared/limits.ts';
import { excelSerialToIsoDate } from '../../shared/parse.ts';
import { checkZip, ZipRefused } from './zip.ts';
import { csvRecordsOf, decodeCsvChunks, NotText, UnclosedQuote, type CsvRecord } from './csv.ts';

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
  if (v === null || v === undefined || typeof v === 'object' && !(v instanceof Date)) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

export interface ReadOptions {
  /** More data rows than this is refused as soon as the next row is read. */
  maxRows?: number;
  /**
   * Checked as soon as the header row is known, before any data row is read: a file without the
   * importer's required columns is refused without reading (and holding) its rows.
   */
  checkHeader?: (headers: string[], headerRow: number) => ImportProblem[];
  /**
   * Each data row as it is read, instead of collecting them in the table (whose `rows` stay empty):
   * an importer that checks rows one by one then never holds the file's cells all at once.
   */
  onRow?: (row: TableRow) => void;
  /**
   * How many data rows the file says it holds, before they are read (CSV: its line ends; .xlsx:
   * the sheet's <dimension>): an estimate for progress, so streamed rows still show "n / total".
   */
  onRowsExpected?: (rows: number) => void;
}

/** Rows between two `parse` progress reports of a file read with `collectingRows`. */
const PARSE_PROGRESS_EVERY = 500;

/**
 * The `onRowsExpected`/`onRow` pair for an importer that keeps the rows and reports `parse`
 * progress as they stream in (against the total the file announces), and the rows it kept.
 */
export function collectingRows(progress?: (phase: 'parse', done: number, total: number) => void): {
  rows: TableRow[];
  handlers: Pick<ReadOptions, 'onRow' | 'onRowsExpected'>;
} {
  const rows: TableRow[] = [];
  let expected = 0;
  return {
    rows,
    handlers: {
      onRowsExpected: (n) => {
        expected = n;
        progress?.('parse', 0, n);
      },
      onRow: (r) => {
        rows.push(r);
        if (rows.length % PARSE_PROGRESS_EVERY === 0) progress?.('parse', rows.length, Math.max(expected, rows.length));
      },
    },
  };
}

function problemsRejected(problems: ImportProblem[]): AppError {
  return new AppError(
    'IMPORT_REJECTED',
    {
      ja: `ファイルに ${problems.length} 件の問題があるため、取り込みませんでした（何も書き込まれていません）。`,
      en: `The file has ${problems.length} problem(s), so nothing was imported (nothing was written).`,
    },
    { problems },
  );
}

function rowLimit(max: number): AppError {
  return rejected({
    ja: `行が多すぎます（上限 ${max.toLocaleString('ja-JP')} 行）。ファイルを分けて取り込んでください。`,
    en: `The file has too many rows (the limit is ${max.toLocaleString('en-US')}). Split it and import the parts.`,
  });
}

/** The first non-blank row is the header; blank rows anywhere are skipped. Fed one record at a time. */
class TableBuilder {
  headers: string[] | null = null;
  headerCells: unknown[] = [];
  headerRow = 0;
  readonly rows: TableRow[] = [];
  /** Problems of cells that hold no data, for rows passed on to onRow. */
  readonly badCells: ImportProblem[] = [];
  private count = 0;
  private readonly maxRows: number;

  constructor(private readonly opts: ReadOptions) {
    this.maxRows = Math.min(opts.maxRows ?? MAX_IMPORT_ROWS, MAX_IMPORT_ROWS);
  }

  push(r: { rowNumber: number; cells: unknown[] }): void {
    if (r.cells.every(isBlankCell)) return;
    if (this.headers === null) {
      const headers = r.cells.map(headerText);
      while (headers.length && headers[headers.length - 1] === '') headers.pop();
      this.headers = headers;
      this.headerCells = r.cells;
      this.headerRow = r.rowNumber;
      const problems = this.opts.checkHeader?.(headers, r.rowNumber) ?? [];
      if (problems.length) throw problemsRejected(problems);
      return;
    }
    if (this.count >= this.maxRows) throw rowLimit(this.maxRows);
    this.count++;
    if (!this.opts.onRow) {
      this.rows.push(r);
      return;
    }
    // Streamed on: a cell that is no data (BadCell) is reported here, with its header, and the
    // row goes on without it; the file is refused at the end as before.
    const bad = badCellsOfRow(r, this.headers);
    if (bad.length) {
      this.badCells.push(...bad);
      r = { rowNumber: r.rowNumber, cells: r.cells.map((c) => (c instanceof BadCell ? null : c)) };
    }
    this.opts.onRow(r);
  }

  table(): Table | null {
    return this.headers ? { headers: this.headers, rows: this.rows, headerRow: this.headerRow } : null;
  }
}

// ---------------------------------------------------------------------------------------------
// .xlsx

/** A cell that cannot be imported as data, reported with its row and column once the header is known. */
class BadCell {
  constructor(
    readonly ja: string,
    readonly en: string,
  ) {}
}

const MS_PER_DAY = 86_400_000;
const BEFORE_MARCH_1900 = Date.UTC(1900, 2, 1);

function errorCell(code: string): BadCell {
  return new BadCell(
    `Excel のエラー値「${code}」が入っています。元の数式を直すか、値を入力してください。`,
    `holds the Excel error value "${code}". Fix the formula or type the value.`,
  );
}

/**
 * exceljs turns date cells into Dates at UTC midnight, but counts serials below 61 one day off
 * (it does not know Excel's fictitious 1900-02-29, serial 60). Only the 1900 date system has
 * dates that early, so the serial is recovered from the Date and read again; serial 60 itself is
 * refused rather than silently becoming 1900-02-28.
 */
function earlyDate(d: Date): Date | BadCell {
  const serial = Math.round(d.getTime() / MS_PER_DAY + 25_569);
  if (serial === 60) {
    return new BadCell(
      '1900-02-29（Excel のシリアル値 60）は実在しない日付です。正しい日付を入力してください。',
      'holds 1900-02-29 (Excel serial 60), a date that never existed. Type the real date.',
    );
  }
  const p = excelSerialToIsoDate(serial);
  return p.ok ? new Date(`${p.value}T00:00:00Z`) : d;
}

function plainCellValue(v: ExcelJS.CellValue | undefined): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) || v.getTime() >= BEFORE_MARCH_1900 ? v : earlyDate(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : errorCell(String(v));
  if (typeof v !== 'object') return v;
  if ('richText' in v) return (v.richText ?? []).map((r) => r.text).join('');
  if ('error' in v) return errorCell(String(v.error));
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) {
      return new BadCell(
        '数式の計算結果が保存されていません。Excel で開いて保存し直すか、値として貼り付けてください。',
        'holds a formula whose result was never saved. Open and save the file in Excel, or paste the values instead.',
      );
    }
    // A formula whose saved result is an error: exceljs reads "#DIV/0!" as a number, NaN.
    if (typeof result === 'number' && !Number.isFinite(result)) return errorCell('#ERROR');
    return plainCellValue(result as ExcelJS.CellValue);
  }
  if ('hyperlink' in v) return plainCellValue(v.text as ExcelJS.CellValue);
  if ('sharedString' in v) return null;
  return String(v);
}

function columnLetter(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The BadCells of one data row as problems naming the row and the column's header. */
function badCellsOfRow(r: TableRow, headers: string[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const column = (i: number) => headers[i] || columnLetter(i);
  r.cells.forEach((c, i) => {
    if (c instanceof BadCell) problems.push({ row: r.rowNumber, column: column(i), message: `${r.rowNumber} 行目「${column(i)}」に${c.ja}`, messageEn: `Row ${r.rowNumber}, column "${column(i)}" ${c.en}` });
  });
  return problems;
}

/** Every BadCell of the table as a problem naming its row and its column's header. */
function badCellProblems(table: Table, headerCells: unknown[], streamed: ImportProblem[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  headerCells.forEach((c, i) => {
    if (c instanceof BadCell) problems.push({ row: table.headerRow, column: columnLetter(i), message: `見出しの ${columnLetter(i)} 列は${c.ja}`, messageEn: `The header in column ${columnLetter(i)} ${c.en}` });
  });
  problems.push(...streamed);
  for (const r of table.rows) problems.push(...badCellsOfRow(r, table.headers));
  return problems;
}

function cellsOf(values: ExcelJS.CellValue[], rowNumber: number): unknown[] {
  // row.values is 1-based (index 0 is always empty), and sparse where cells are missing.
  const n = Math.max(0, values.length - 1);
  if (n > MAX_IMPORT_COLUMNS) {
    for (let i = MAX_IMPORT_COLUMNS + 1; i < values.length; i++) {
      if (!isBlankCell(plainCellValue(values[i]))) {
        throw rejected(
          {
            ja: `${rowNumber} 行目に ${MAX_IMPORT_COLUMNS} 列目より右の値があります。取り込める列は ${MAX_IMPORT_COLUMNS} 列までです。`,
            en: `Row ${rowNumber} has values beyond column ${MAX_IMPORT_COLUMNS}, the most an import reads.`,
          },
          rowNumber,
        );
      }
    }
  }
  const cells: unknown[] = new Array(Math.min(n, MAX_IMPORT_COLUMNS));
  for (let i = 0; i < cells.length; i++) cells[i] = plainCellValue(values[i + 1]);
  return cells;
}

const notXlsx = () =>
  rejected({
    ja: 'ファイルを Excel ブック（.xlsx）として読めませんでした。ファイルが壊れていないか確認してください。',
    en: 'The file could not be read as an Excel workbook (.xlsx). Check that it is not damaged.',
  });

const DIMENSION = /<(?:\w+:)?dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"/;

/**
 * Decodes UTF-8 across chunk boundaries: a character cut in two by the inflater stays whole. The
 * sheet's <dimension>, near its start, is passed to `onRows` (its last row number).
 */
async function* utf8Text(chunks: AsyncIterable<Buffer | string>, onRows?: (lastRow: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let head = onRows ? '' : null;
  for await (const c of chunks) {
    const text = typeof c === 'string' ? c : decoder.decode(c, { stream: true });
    if (head !== null) {
      head += text;
      const m = DIMENSION.exec(head);
      if (m) onRows!(Number(m[1]));
      if (m || head.length > 16_384 || head.includes('<sheetData')) head = null;
    }
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

type ReaderInternals = {
  /** Set per reader by readXlsx: the row count a worksheet's <dimension> gives. */
  sakuraOnRows?: (lastRow: number) => void;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: number): unknown;
  _parseSharedStrings(entry: { setEncoding?(e: string): void }): unknown;
};
let safeReader: typeof ExcelJS.stream.xlsx.WorkbookReader | undefined;

/**
 * exceljs's stream reader decodes each inflated chunk of XML on its own (utils/parse-sax.js), so a
 * Japanese character that straddles two chunks turns into "���" (seen from row ~14,000 of a
 * generated 100,000-row file). This reader hands it text decoded across chunks instead: the
 * worksheets through a streaming TextDecoder, the shared strings through the entry's own
 * StringDecoder. Made on first use, so exceljs still loads only when a spreadsheet is read.
 */
function utf8SafeWorkbookReader(): typeof ExcelJS.stream.xlsx.WorkbookReader {
  if (safeReader) return safeReader;
  const Base = ExcelJS.stream.xlsx.WorkbookReader;
  const base = Base.prototype as unknown as ReaderInternals;
  class Utf8SafeWorkbookReader extends Base {}
  const proto = Utf8SafeWorkbookReader.prototype as unknown as ReaderInternals;
  proto._parseWorksheet = function (this: ReaderInternals, iterator, sheetNo) {
    return base._parseWorksheet.call(this, utf8Text(iterator, this.sakuraOnRows), sheetNo);
  };
  proto._parseSharedStrings = function (this: ReaderInternals, entry) {
    entry.setEncoding?.('utf8');
    return base._parseSharedStrings.call(this, entry);
  };
  safeReader = Utf8SafeWorkbookReader;
  return safeReader;
}

/**
 * The first visible worksheet, read as a stream (exceljs WorkbookReader) after the zip's sizes are
 * checked (zip.ts): memory follows the rows kept, not the size of the XML, and nothing is inflated
 * before the limits are known to hold.
 */
async function readXlsx(bytes: Uint8Array, opts: ReadOptions): Promise<Table | null> {
  try {
    await checkZip(bytes);
  } catch (err) {
    if (err instanceof ZipRefused) throw rejected(err.messages);
    throw err;
  }
  const Reader = utf8SafeWorkbookReader();
  const reader = new Reader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  if (opts.onRowsExpected) {
    // Only the first visible sheet is read; a hidden one's <dimension> may come first and is
    // overwritten by the next (progress only).
    (reader as unknown as ReaderInternals).sakuraOnRows = (lastRow) => opts.onRowsExpected!(Math.max(0, lastRow - 1));
  }
  const builder = new TableBuilder(opts);
  let found = false;
  try {
    for await (const ws of reader) {
      const sheet = ws as unknown as AsyncIterable<ExcelJS.Row> & { state?: string };
      // Skip hidden sheets: a template may keep its dropdown lists on one.
      if (found || (sheet.state !== undefined && sheet.state !== 'visible')) {
        for await (const _ of sheet) void _; // drain: the reader goes on to the next part
        continue;
      }
      found = true;
      for await (const row of sheet) {
        builder.push({ rowNumber: row.number, cells: cellsOf(row.values as ExcelJS.CellValue[], row.number) });
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw notXlsx();
  }
  if (!found) return null;
  const table = builder.table();
  if (!table) return null;
  const problems = badCellProblems(table, builder.headerCells, builder.badCells);
  if (problems.length) throw problemsRejected(problems);
  return table;
}

// ---------------------------------------------------------------------------------------------
// .csv

const NOT_TEXT = {
  ja: 'ファイルが CSV（テキスト）ではありません。Excel ブック（.xlsx）か CSV で保存したファイルを選んでください。',
  en: 'The file is not a CSV (text) file. Choose an Excel workbook (.xlsx) or a file saved as CSV.',
};

function unclosed(rowNumber: number): AppError {
  return rejected(
    {
      ja: `${rowNumber} 行目の「"」で始まる値が閉じられていません（CSV の形式が崩れています）。`,
      en: `The quoted value starting on row ${rowNumber} is never closed (the CSV is malformed).`,
    },
    rowNumber,
  );
}

/** Records of one CSV text (main/import/csv.ts has the rules); for tests and small texts. */
export function parseCsv(text: string, separator = ','): CsvRecord[] {
  try {
    return [...csvRecordsOf([text], separator, MAX_IMPORT_COLUMNS)];
  } catch (e) {
    throw e instanceof UnclosedQuote ? unclosed(e.rowNumber) : e;
  }
}

/**
 * How long a CSV is read (and its rows checked, through onRow) before the event loop gets a turn.
 * An .xlsx is read as a stream and yields by itself; a CSV is decoded from memory, so without this
 * a 20,000-row file read on the app's thread (main/handlers/applications.ts WORKER_MIN_BYTES) would
 * hold it for a second.
 */
const CSV_SLICE_MS = 15;

async function readCsv(bytes: Uint8Array, tabs: boolean, opts: ReadOptions): Promise<Table | null> {
  let chunks: Generator<string>;
  try {
    chunks = decodeCsvChunks(bytes);
  } catch (e) {
    throw e instanceof NotText ? rejected(NOT_TEXT) : e;
  }
  if (opts.onRowsExpected) {
    // Line ends less the header: quoted line breaks make it an overestimate, corrected at the end.
    let lines = 0;
    for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
    opts.onRowsExpected(Math.max(0, lines - 1));
  }
  const builder = new TableBuilder(opts);
  const first = chunks.next();
  if (first.done) return builder.table();
  // Excel's "Unicode text" and .tsv files separate with tabs; the header line tells them apart.
  const head = first.value;
  const nl = head.search(/[\r\n]/);
  const firstLine = nl === -1 ? head : head.slice(0, nl);
  const separator = tabs || (firstLine.includes('\t') && !firstLine.includes(',')) ? '\t' : ',';
  const all = (function* () {
    yield head;
    yield* chunks;
  })();
  try {
    // The builder throws at its row limit: decoding stops there too.
    let slice = performance.now();
    let n = 0;
    for (const r of csvRecordsOf(all, separator, MAX_IMPORT_COLUMNS)) {
      builder.push(r);
      if (++n % 64 === 0 && performance.now() - slice > CSV_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
    }
  } catch (e) {
    throw e instanceof UnclosedQuote ? unclosed(e.rowNumber) : e;
  }
  return builder.table();
}

// ---------------------------------------------------------------------------------------------

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * Reads the first visible worksheet of an .xlsx, or a .csv/.tsv/.txt in UTF-8 (with or without
 * BOM), UTF-16 with BOM, or Shift_JIS. The content decides over the extension when they
 * disagree, since files get renamed. Throws IMPORT_REJECTED when there is nothing to read.
 */
export async function readTable(fileName: string, bytes: Uint8Array, opts: ReadOptions = {}): Promise<Table> {
  if (bytes.length === 0) {
    throw rejected({ ja: `ファイル「${fileName}」は空です。`, en: `The file "${fileName}" is empty.` });
  }
  const dot = fileName.lastIndexOf('.');
  const ext = dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
  let table: Table | null;
  if (isZip(bytes)) {
    table = await readXlsx(bytes, opts);
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
    table = await readCsv(bytes, ext === 'tsv', opts);
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
