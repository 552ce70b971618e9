import { randomFillSync } from 'node:crypto';

let lastMs = -1;
let seq = 0;

// Random bits drawn 4 KB at a time: one system call per 256 ids, not one per id (an import of
// 100,000 applications makes 200,000 ids inside its write transaction).
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
function random16(): Buffer {
  if (poolAt + 16 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const b = Buffer.from(pool.subarray(poolAt, poolAt + 16));
  poolAt += 16;
  return b;
}

/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Unique across laptops without
 * coordination, and sorts by creation time, which keeps SQLite's B-tree inserts near the end.
 * `at` (tests) sets the time and skips the in-process counter.
 */
export function newId(at?: number): string {
  const b = random16();
  let now = at ?? Date.now();
  if (at === undefined) {
    // Monotonic within the process (RFC 9562 method 1: a 12-bit counter in rand_a), so rows
    // written in the same millisecond, e.g. two status-history steps in one transaction, still
    // sort in the order they were written.
    if (now <= lastMs) {
      now = lastMs;
      if (++seq > 0xfff) {
        now = ++lastMs;
        seq = 0;
      }
    } else {
      lastMs = now;
      seq = b.readUInt16BE(6) & 0x3ff; // a random start, with room to count up
    }
    b[6] = 0x70 | ((seq >> 8) & 0x0f);
    b[7] = seq & 0xff;
  } else {
    b[6] = 0x70 | (b[6]! & 0x0f);
  }
  b.writeUIntBE(now, 0, 6);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
