// Limits on what comes in from outside, checked before any work is done on it. Shared so the
// contract (base64 length), the web door (413) and the importers (zip central directory) agree.

/** The largest spreadsheet file any import takes (real rosters and application lists are < 5 MB). */
export const MAX_IMPORT_FILE_BYTES = 48 * 1024 * 1024;
/** That file as base64, the form every door carries it in. */
export const MAX_IMPORT_BASE64_CHARS = Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4;
/** An HTTP request body: the largest import plus room for the JSON around it (names, ids). */
export const MAX_REQUEST_BODY_BYTES = MAX_IMPORT_BASE64_CHARS + 1024 * 1024;

/** Any one .xlsx part (a worksheet, the shared strings) once inflated. */
export const MAX_XLSX_ENTRY_BYTES = 200 * 1024 * 1024;
/** All parts of one .xlsx together, once inflated. */
export const MAX_XLSX_TOTAL_BYTES = 300 * 1024 * 1024;
/**
 * Inflated size over compressed size, per part. Real worksheets compress 5–20×, very repetitive
 * ones up to ~60×; zip bombs use 1000× and more. Small parts are exempt (a 1 KB part of zeros is
 * harmless however well it compresses).
 */
export const MAX_XLSX_RATIO = 200;
export const RATIO_EXEMPT_BYTES = 1024 * 1024;
/** Parts in one .xlsx: a real workbook has tens; a zip of 100 000 tiny entries is an attack. */
export const MAX_XLSX_ENTRIES = 10_000;

/** Data rows of any one import: the ceiling under every importer's own limit below. */
export const MAX_IMPORT_ROWS = 200_000;
/**
 * Rows of one applications file. A year brings one to two thousand applications; ten times that
 * keeps every file within the importer's memory bound (300 MB peak, test/unit/hostile-corpus.test.ts),
 * since all rows are checked before any is written (all or nothing).
 */
export const MAX_APPLICATION_ROWS = 20_000;
/**
 * Rows of one applications file imported in a worker thread (a SQLite file, main/jobs/worker.ts):
 * there the parse and the checks cost the app no answers, and only the short write transaction
 * holds the write gate, so five years of applications fit in one file.
 */
export const MAX_APPLICATION_ROWS_IN_WORKER = 100_000;
/** Rows of one reviewers list (a committee has tens to hundreds of members). */
export const MAX_REVIEWER_ROWS = 5_000;
/** Columns read from one row; a huge <dimension> or a ragged CSV line cannot make more. */
export const MAX_IMPORT_COLUMNS = 500;
/** One cell's text; longer than any field we store, so it is refused with its row and column. */
export const MAX_CELL_CHARS = 32_767; // Excel's own limit per cell
/** One returned review sheet, inflated: a reviewer's few hundred rows are well under 1 MB. */
export const MAX_REVIEW_SHEET_BYTES = 16 * 1024 * 1024;
