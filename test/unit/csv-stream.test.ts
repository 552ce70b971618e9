// CSV read as a stream (main/import/csv.ts): chunks cut anywhere give the same records as the whole
// text, and decoding is lazy, so an import that stops at its row limit never decodes the rest.
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvRecordsOf, decodeCsvChunks, UnclosedQuote } from '../../main/import/csv.ts';

/** Text cut at the given positions. */
function cut(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const p of points) {
    out.push(text.slice(from, p));
    from = p;
  }
  out.push(text.slice(from));
  return out;
}

const records = (chunks: string[]) => [...csvRecordsOf(chunks, ',')];

describe('CSV records from chunks', () => {
  it('are the same wherever the chunks are cut (CRLF, doubled quotes, quoted line breaks, trailing commas)', () => {
    // Pieces that hit every awkward boundary: half a CRLF, half a doubled quote, a separator last.
    const piece = fc.constantFrom('a', '東京', ',', '\r\n', '\n', '\r', '"', '""', '"x,y"', '"a\r\nb"', 'say ""hi""', ' ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.array(fc.nat(400), { maxLength: 8 }), (parts, at) => {
        const text = parts.join('');
        let whole: unknown;
        try {
          whole = records([text]);
        } catch (e) {
          whole = e instanceof UnclosedQuote ? `unclosed ${e.rowNumber}` : e;
        }
        let chunked: unknown;
        try {
          chunked = records(cut(text, at));
        } catch (e) {
          chunked = e instanceof UnclosedQuote ? `unclosed ${e.rowNumber}` : e;
        }
        expect(chunked).toEqual(whole);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a record whose CRLF falls across two chunks as one record, with no blank row after it', () => {
    expect(records(['a,b\r', '\nc,d\r\n'])).toEqual([
      { rowNumber: 1, cells: ['a', 'b'] },
      { rowNumber: 2, cells: ['c', 'd'] },
    ]);
  });
});

describe('decoding CSV bytes a chunk at a time', () => {
  it('decodes Shift_JIS, UTF-8 and UTF-16 without splitting a character at a chunk edge', () => {
    // Over 1 MiB of two-byte (Shift_JIS) and three-byte (UTF-8) characters: chunk edges fall inside them.
    const text = `受付番号,機関\r\n${'髙﨑①㈱,東北大学\r\n'.repeat(80_000)}`;
    for (const bytes of [iconv.encode(text, 'cp932'), Buffer.from(`\uFEFF${text}`, 'utf8'), Buffer.from(text, 'utf8'), iconv.encode(`\uFEFF${text}`, 'utf16-le')]) {
      expect([...decodeCsvChunks(bytes)].join('')).toBe(text);
    }
  });

  it('is lazy: reading the first record decodes only the first chunk', () => {
    const bytes = Buffer.from(`h1,h2\r\n${'x,y\r\n'.repeat(1_000_000)}`, 'utf8');
    const chunks = decodeCsvChunks(bytes);
    let decoded = 0;
    const counted = (function* () {
      for (const c of chunks) {
        decoded += c.length;
        yield c;
      }
    })();
    const first = csvRecordsOf(counted, ',').next();
    expect(first.value).toEqual({ rowNumber: 1, cells: ['h1', 'h2'] });
    // Two chunks at most (the parser looks one ahead to know whether a chunk is the last).
    expect(decoded).toBeLessThanOrEqual(2 * (1 << 20));
    expect(decoded).toBeLessThan(bytes.length / 2);
  });
});
