// Limits before work for .xlsx files: the zip's central directory is read first (a few KB at the
// end of the file) and the workbook is refused when any part, or all parts together, would
// inflate past a set size or compress suspiciously well (zip bombs), before a byte is inflated.
// Then each part is inflated once as a stream, counting bytes and holding none, to prove that its
// real size is the declared one: a bomb that lies in its central directory is stopped at the
// declared size, and exceljs only ever sees a workbook whose every size has been checked.
import { createInflateRaw } from 'node:zlib';
import {
  MAX_XLSX_ENTRIES,
  MAX_XLSX_ENTRY_BYTES,
  MAX_XLSX_RATIO,
  MAX_XLSX_TOTAL_BYTES,
  RATIO_EXEMPT_BYTES,
} from '../../shared/limits.ts';
import type { Messages } from '../../shared/errors.ts';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export class ZipRefused extends Error {
  constructor(
    readonly messages: Messages,
    /** 'damaged': not a readable zip at all; 'limit': readable, but over a limit (a bomb). */
    readonly kind: 'damaged' | 'limit' = 'limit',
  ) {
    super(messages.en);
  }
}

const EOCD = 0x06054b50;
const CDH = 0x02014b50;
const LFH = 0x04034b50;
const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

const damaged = () =>
  new ZipRefused(
    {
      ja: 'ファイルを Excel ブック（.xlsx）として読めませんでした（zip の構造が壊れているか、途中で切れています）。',
      en: 'The file could not be read as an Excel workbook (.xlsx): its zip structure is damaged or cut short.',
    },
    'damaged',
  );

/** The central directory's entries, refused before anything is inflated when over the limits. */
export function readCentralDirectory(bytes: Uint8Array, maxTotal = MAX_XLSX_TOTAL_BYTES): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is the last 22 bytes plus a comment of up to 64 KB.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged();
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    // ZIP64: only workbooks over 4 GB need it, far beyond any roster.
    throw new ZipRefused({
      ja: 'このブックは大きすぎる形式（ZIP64）で保存されているため読めません。',
      en: 'The workbook uses the ZIP64 format for very large files and cannot be read.',
    });
  }
  if (count > MAX_XLSX_ENTRIES) {
    throw new ZipRefused({
      ja: `ブックの中の部品が多すぎます（${count} 個、上限 ${MAX_XLSX_ENTRIES} 個）。Excel で保存し直したファイルを選んでください。`,
      en: `The workbook holds too many parts (${count}; the limit is ${MAX_XLSX_ENTRIES}). Choose a file saved by Excel.`,
    });
  }
  if (cdOffset + cdSize > eocd) throw damaged();
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CDH) throw damaged();
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localHeaderOffset = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (localHeaderOffset + 30 + compressedSize > cdOffset) throw damaged();
    if (uncompressedSize > MAX_XLSX_ENTRY_BYTES) {
      throw new ZipRefused({
        ja: `ブックの部品「${name}」は展開すると ${MB(uncompressedSize)} になり、上限（${MB(MAX_XLSX_ENTRY_BYTES)}）を超えるため読みません。`,
        en: `The workbook part "${name}" would inflate to ${MB(uncompressedSize)}, over the ${MB(MAX_XLSX_ENTRY_BYTES)} limit, so it is not read.`,
      });
    }
    if (uncompressedSize > RATIO_EXEMPT_BYTES && uncompressedSize > compressedSize * MAX_XLSX_RATIO) {
      throw new ZipRefused({
        ja: `ブックの部品「${name}」は圧縮率が異常に高い（${Math.round(uncompressedSize / Math.max(1, compressedSize))} 倍）ため読みません（zip 爆弾の疑い）。`,
        en: `The workbook part "${name}" is compressed ${Math.round(uncompressedSize / Math.max(1, compressedSize))}-fold, far more than any real workbook, so it is not read (a suspected zip bomb).`,
      });
    }
    if (method !== 0 && method !== 8) {
      throw new ZipRefused({
        ja: `ブックの部品「${name}」は対応していない圧縮方式で保存されています。Excel で保存し直してください。`,
        en: `The workbook part "${name}" uses an unsupported compression method. Save the file again in Excel.`,
      });
    }
    total += uncompressedSize;
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
  }
  if (total > maxTotal) {
    throw new ZipRefused({
      ja: `ブックは展開すると合計 ${MB(total)} になり、上限（${MB(maxTotal)}）を超えるため読みません。`,
      en: `The workbook would inflate to ${MB(total)} in all, over the ${MB(maxTotal)} limit, so it is not read.`,
    });
  }
  return entries;
}

/** Where an entry's compressed bytes start, from its local header. */
function dataStart(bytes: Uint8Array, e: ZipEntry): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.localHeaderOffset + 30 > bytes.length || view.getUint32(e.localHeaderOffset, true) !== LFH) throw damaged();
  return e.localHeaderOffset + 30 + view.getUint16(e.localHeaderOffset + 26, true) + view.getUint16(e.localHeaderOffset + 28, true);
}

/** Inflates one entry as a stream, holding nothing; refuses it the moment it passes its declared size. */
function inflatedSizeAtMost(bytes: Uint8Array, e: ZipEntry): Promise<void> {
  const start = dataStart(bytes, e);
  const data = bytes.subarray(start, start + e.compressedSize);
  if (e.method === 0) {
    return data.length === e.uncompressedSize ? Promise.resolve() : Promise.reject(damaged());
  }
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let size = 0;
    let over = false;
    inflate.on('data', (c: Buffer) => {
      size += c.length;
      if (size > e.uncompressedSize && !over) {
        over = true;
        inflate.destroy();
        reject(
          new ZipRefused({
            ja: `ブックの部品「${e.name}」は記録された大きさより大きく展開されるため読みません（zip 爆弾の疑い）。`,
            en: `The workbook part "${e.name}" inflates to more than its recorded size, so it is not read (a suspected zip bomb).`,
          }),
        );
      }
    });
    inflate.on('error', () => {
      if (!over) reject(damaged());
    });
    inflate.on('end', () => (over ? undefined : size === e.uncompressedSize ? resolve() : reject(damaged())));
    // In slices, so the inflater's output is drained as it goes.
    const SLICE = 64 * 1024;
    let off = 0;
    const pump = () => {
      while (off < data.length && !over) {
        const chunk = data.subarray(off, off + SLICE);
        off += SLICE;
        if (!inflate.write(chunk)) return void inflate.once('drain', pump);
      }
      if (!over) inflate.end();
    };
    pump();
  });
}

/** Every check above: throws ZipRefused, or returns the entries of a workbook safe to open. */
export async function checkZip(bytes: Uint8Array, maxTotal = MAX_XLSX_TOTAL_BYTES): Promise<ZipEntry[]> {
  const entries = readCentralDirectory(bytes, maxTotal);
  for (const e of entries) await inflatedSizeAtMost(bytes, e);
  return entries;
}
