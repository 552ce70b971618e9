// CSV as a stream: the bytes are decoded a chunk at a time and cut into records as they come, so
// neither the whole decoded text nor every record is ever held at once. An importer stops at its
// row limit having decoded only what it read.
import iconv from 'iconv-lite';

/** Decoded text per step: large enough to amortise the decoder, small next to any row limit. */
const CHUNK_BYTES = 1 << 20;

export interface CsvRecord {
  rowNumber: number;
  cells: string[];
}

/** Thrown when a quoted value never closes; the caller words it (rejected with the row). */
export class UnclosedQuote extends Error {
  constructor(readonly rowNumber: number) {
    super(`unclosed quote on row ${rowNumber}`);
  }
}

export class NotText extends Error {}

function utf16WithoutBom(bytes: Uint8Array): 'le' | 'be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  // A CSV's separators, digits and line ends are ASCII: in UTF-16 a good share of the characters.
  const pairs = n / 2;
  if (even === 0 && odd > pairs * 0.2) return 'le';
  if (odd === 0 && even > pairs * 0.2) return 'be';
  return null;
}

type Decoder = { write(b: Uint8Array): string; end(): string };

function decoderFor(encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'cp932', fatal = false): Decoder {
  if (encoding === 'utf-8' || encoding === 'utf-16le') {
    // TextDecoder drops a leading BOM of its own encoding and carries split characters over.
    const d = new TextDecoder(encoding, { fatal });
    return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
  }
  const d = iconv.getDecoder(encoding === 'cp932' ? 'cp932' : 'utf16-be');
  return { write: (b) => d.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), end: () => d.end() ?? '' };
}

function* decodeWith(bytes: Uint8Array, decoder: Decoder): Generator<string> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
    const text = decoder.write(bytes.subarray(at, Math.min(at + CHUNK_BYTES, bytes.length)));
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** True when every chunk decodes (a pass that keeps nothing), e.g. strict UTF-8. */
function decodesCleanly(bytes: Uint8Array, decoder: Decoder, accept: (chunk: string) => boolean = () => true): boolean {
  try {
    for (const chunk of decodeWith(bytes, decoder)) if (!accept(chunk)) return false;
    return true;
  } catch {
    return false;
  }
}

/**
 * The text of CSV bytes, a chunk at a time. Excel on Japanese Windows saves "CSV" as Shift_JIS
 * (CP932) and "CSV UTF-8" with a BOM; other tools write UTF-8 without one; Excel's "Unicode text"
 * is UTF-16. Strict UTF-8 decoding tells UTF-8 from Shift_JIS (Japanese Shift_JIS text is almost
 * never valid UTF-8); that check is a pass of its own that keeps no text. NotText for binary data.
 */
export function decodeCsvChunks(bytes: Uint8Array): Generator<string> {
  const [b0, b1, b2] = [bytes[0], bytes[1], bytes[2]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return decodeWith(bytes, decoderFor('utf-8'));
  if (b0 === 0xff && b1 === 0xfe) return decodeWith(bytes, decoderFor('utf-16le'));
  if (b0 === 0xfe && b1 === 0xff) return decodeWith(bytes.subarray(2), decoderFor('utf-16be'));
  // UTF-16 without a BOM (some exporters write it): ASCII characters leave every other byte zero.
  const bom = utf16WithoutBom(bytes);
  if (bom) {
    const enc = bom === 'le' ? 'utf-16le' : 'utf-16be';
    if (decodesCleanly(bytes, decoderFor(enc), (chunk) => !chunk.includes('\0'))) return decodeWith(bytes, decoderFor(enc));
  }
  if (bytes.indexOf(0) !== -1) throw new NotText('NUL bytes');
  if (decodesCleanly(bytes, decoderFor('utf-8', true))) return decodeWith(bytes, decoderFor('utf-8'));
  return decodeWith(bytes, decoderFor('cp932'));
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

interface ParseState {
  rowNumber: number;
  /** The chunk before ended right after a record: line breaks here are blank lines, not a record. */
  afterRecord: boolean;
}

/**
 * Records of `text` that are complete. With `final` false, a record that reaches the end of the
 * text (a value still in quotes, a quote that may be doubled, a CR whose LF may follow) is not
 * emitted: its start is returned as `rest` to be parsed again with the next chunk.
 */
function parseChunk(text: string, separator: number, maxColumns: number, final: boolean, state: ParseState): { records: CsvRecord[]; rest: number } {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let start = 0;
  let row: string[] = [];
  const incomplete = () => ({ records, rest: start });
  /** Blank lines after a record: empty records, kept so later row numbers stay right. */
  const blankLines = (): boolean => {
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d !== CR && d !== LF) break;
      if (d === CR && i + 1 >= n && !final) return false;
      i += d === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      records.push({ rowNumber: state.rowNumber++, cells: [] });
      start = i;
    }
    return true;
  };
  if (state.afterRecord) {
    if (!blankLines()) return incomplete();
    // Only line breaks so far: the next chunk still starts after a record.
    if (i >= n && !final) return { records, rest: n };
    state.afterRecord = false;
  }
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === QUOTE) {
      let parts = '';
      let from = ++i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          if (!final) return incomplete();
          throw new UnclosedQuote(state.rowNumber);
        }
        // A quote at the very end may be the first of a doubled pair: wait for the next chunk.
        if (q === n - 1 && !final) return incomplete();
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
        if (c === separator || c === CR || c === LF) break;
        end++;
      }
      field = end > i ? parts + text.slice(i, end) : parts;
      i = end;
    } else {
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === separator || c === CR || c === LF) break;
        end++;
      }
      field = text.slice(i, end);
      i = end;
    }
    if (row.length < maxColumns) row.push(field);
    if (i >= n) {
      if (!final) return incomplete();
      break;
    }
    const c = text.charCodeAt(i);
    if (c === separator) {
      i++;
      if (i >= n) {
        if (!final) return incomplete();
        // A separator at the very end still announces one more (empty) field.
        row.push('');
      }
      continue;
    }
    // End of record; a CR at the end of the chunk may be half of a CRLF.
    if (c === CR && i + 1 >= n && !final) return incomplete();
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    records.push({ rowNumber: state.rowNumber++, cells: row });
    row = [];
    start = i;
    if (!blankLines()) {
      state.afterRecord = true;
      return incomplete();
    }
    if (i >= n && !final) {
      // The chunk ended just after a record: what the next one starts with is a new line.
      state.afterRecord = true;
      return { records, rest: n };
    }
  }
  if (row.length) records.push({ rowNumber: state.rowNumber++, cells: row });
  return { records, rest: n };
}

/**
 * RFC 4180 records from text chunks: quoted fields may hold the separator, line breaks and doubled
 * quotes; CRLF, LF or CR end a record. A record that spans lines is still one spreadsheet row, so
 * row numbers count records, as Excel does when it opens the file. Lenient where Excel is: a quote
 * inside an unquoted field is literal text. One record at a time, so a caller can stop early.
 */
export function* csvRecordsOf(chunks: Iterable<string>, separator = ',', maxColumns = Number.MAX_SAFE_INTEGER): Generator<CsvRecord> {
  const sep = separator.charCodeAt(0);
  const state: ParseState = { rowNumber: 1, afterRecord: false };
  let carry = '';
  const it = chunks[Symbol.iterator]();
  let next = it.next();
  while (!next.done) {
    const after = it.next();
    const text = carry + next.value;
    const { records, rest } = parseChunk(text, sep, maxColumns, after.done === true, state);
    yield* records;
    carry = text.slice(rest);
    next = after;
  }
  if (carry) yield* parseChunk(carry, sep, maxColumns, true, state).records;
}
