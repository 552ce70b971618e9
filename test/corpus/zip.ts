// A tiny zip writer for the hostile corpus: it can write what no library will (sizes that lie,
// tens of thousands of entries, a 1 GB entry built from repeated deflate segments in a few MB).
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface RawEntry {
  name: string;
  /** Stored bytes as they go into the file (already deflated for method 8). */
  compressed: Buffer;
  crc: number;
  size: number;
  method: 0 | 8;
  /** Sizes written to the headers instead of the real ones. */
  declaredSize?: number;
}

export function entry(name: string, data: Buffer | string, method: 0 | 8 = 8): RawEntry {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { name, compressed: method === 8 ? deflateRawSync(bytes) : bytes, crc: crc32(bytes), size: bytes.length, method };
}

/** `repeat` copies of `chunk`, deflated without ever holding the inflated whole. */
export function repeatedEntry(name: string, chunk: Buffer, repeat: number): RawEntry {
  // Each sync-flushed segment is self-contained and byte-aligned, so segments concatenate into one
  // valid deflate stream; an empty final block ends it.
  const segment = deflateRawSync(chunk, { finishFlush: constants.Z_SYNC_FLUSH });
  const end = deflateRawSync(Buffer.alloc(0));
  let crc = 0;
  for (let i = 0; i < repeat; i++) crc = crc32(chunk, crc);
  const compressed = Buffer.concat([...Array.from({ length: repeat }, () => segment), end]);
  return { name, compressed, crc, size: chunk.length * repeat, method: 8 };
}

export function zip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.size;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x0800, 6);
    lh.writeUInt16LE(e.method, 8);
    lh.writeUInt32LE(e.crc >>> 0, 14);
    lh.writeUInt32LE(e.compressed.length, 18);
    lh.writeUInt32LE(size >>> 0, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x0800, 8);
    ch.writeUInt16LE(e.method, 10);
    ch.writeUInt32LE(e.crc >>> 0, 16);
    ch.writeUInt32LE(e.compressed.length, 20);
    ch.writeUInt32LE(size >>> 0, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, e.compressed);
    centrals.push(ch, name);
    offset += 30 + name.length + e.compressed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
