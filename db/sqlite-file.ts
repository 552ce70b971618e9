// The SQLite-specific checks on a database file, kept apart from db/open.ts so that a second engine
// (PostgreSQL, team mode) can be opened without them. Every check here only reads.
import { accessSync, closeSync, constants, existsSync, openSync, readSync, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../shared/errors.ts';
import { openFailure } from './open-errors.ts';

const SQLITE_HEADER = 'SQLite format 3\0';
/** Below this much free space a start-up cannot even write its WAL index and first backup. */
export const MIN_FREE_BYTES = 1024 * 1024;

export interface FileCheckOptions {
  /** Free bytes on the volume holding `dir`; injectable so tests can simulate any disk. */
  freeBytes?: (dir: string) => number;
}

export function freeBytesOn(dir: string): number {
  try {
    const s = statfsSync(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return Number.POSITIVE_INFINITY; // cannot tell: let SQLite report the real error, if any
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function readHeader(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(16);
    const n = readSync(fd, header, 0, 16, 0);
    return header.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

export function isSqliteHeader(path: string): boolean {
  return readHeader(path) === SQLITE_HEADER;
}

/**
 * Before anything opens the file: is the path a usable place for a database? Throws the matching
 * open failure. `exists` tells the caller whether there is a file to inspect further.
 */
export function checkSqlitePath(path: string, opts: FileCheckOptions = {}): { exists: boolean } {
  const dir = dirname(path);
  const exists = existsSync(path);
  if (exists) {
    let st;
    try {
      st = statSync(path);
    } catch (e) {
      throw classifySqliteError(e, path);
    }
    if (st.isDirectory()) throw openFailure('is-folder', path);
    // SQLite writes its first page as soon as it creates a database, and this app migrates at once,
    // so a 0-byte file at start-up is left by a failed copy: opening it would silently start empty.
    if (st.size === 0) throw openFailure('empty', path);
    let header: string;
    try {
      header = readHeader(path);
    } catch (e) {
      throw classifySqliteError(e, path);
    }
    if (header !== SQLITE_HEADER) throw openFailure('not-sqlite', path);
    if (!writable(path)) throw openFailure('read-only-file', path);
  }
  if (existsSync(dir) && !writable(dir)) throw openFailure('read-only-folder', path);
  const free = (opts.freeBytes ?? freeBytesOn)(existsSync(dir) ? dir : dirname(dir));
  if (free < MIN_FREE_BYTES) throw openFailure('disk-full', path, { freeBytes: free });
  return { exists };
}

/** Result of looking inside an existing file with a read-only connection. */
export interface Inspection {
  userVersion: number;
  migrationNames: string[];
}

/** quick_check and the versions, read-only. Throws 'damaged' on a failed check. */
export function inspectSqliteFile(path: string, busyTimeoutMs: number): Inspection {
  let ro: BetterSqlite3.Database | undefined;
  try {
    ro = new BetterSqlite3(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
    const check = ro.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw openFailure('damaged', path, { quickCheck: String(check) });
    const userVersion = Number(ro.pragma('user_version', { simple: true }));
    const hasTable = ro.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    const migrationNames = hasTable
      ? (ro.prepare('select name from kysely_migration').all() as { name: string }[]).map((r) => r.name)
      : [];
    return { userVersion, migrationNames };
  } catch (e) {
    throw classifySqliteError(e, path);
  } finally {
    ro?.close();
  }
}

/** Integrity of an open connection: 'ok' or the problems SQLite found, joined. */
export function integrityOf(raw: BetterSqlite3.Database, kind: 'integrity_check' | 'quick_check' = 'integrity_check'): string {
  const rows = raw.pragma(kind) as Record<string, string>[];
  const texts = rows.map((r) => Object.values(r)[0] ?? '');
  return texts.length === 1 && texts[0] === 'ok' ? 'ok' : texts.join('; ');
}

/**
 * Turns whatever SQLite or Node threw while opening into the one sentence that fits. Error codes
 * are SQLite's extended codes (better-sqlite3 `SqliteError.code`) and Node's errno names.
 */
export function classifySqliteError(e: unknown, path: string): AppError {
  if (e instanceof AppError) return e;
  const code = String((e as { code?: unknown })?.code ?? '');
  const message = e instanceof Error ? e.message : String(e);
  const extra = { sqlite: code || undefined, cause: message };
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return openFailure('busy', path, extra);
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return openFailure(existsSync(path) && !writable(path) ? 'read-only-file' : 'read-only-folder', path, extra);
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return openFailure('disk-full', path, extra);
  if (code === 'EISDIR') return openFailure('is-folder', path, extra);
  if (code === 'SQLITE_NOTADB') return openFailure('not-sqlite', path, extra);
  if (code.startsWith('SQLITE_CORRUPT')) return openFailure('damaged', path, extra);
  if (code.startsWith('SQLITE_CANTOPEN')) {
    if (existsSync(dirname(path)) && !writable(dirname(path))) return openFailure('read-only-folder', path, extra);
    if (existsSync(path) && !writable(path)) return openFailure('read-only-file', path, extra);
    return openFailure('io', path, extra);
  }
  if (code.startsWith('SQLITE_IOERR')) {
    // A full disk often surfaces as an I/O error (the WAL index cannot grow): say which it is.
    const dir = dirname(path);
    if (freeBytesOn(existsSync(dir) ? dir : dirname(dir)) < MIN_FREE_BYTES) return openFailure('disk-full', path, extra);
    return openFailure('io', path, extra);
  }
  if (code.startsWith('SQLITE_') || code.startsWith('E')) return openFailure('io', path, extra);
  // Not a file-system or SQLite failure: a bug, reported as such rather than blamed on the file.
  return new AppError(
    'INTERNAL',
    { ja: `データベース「${path}」を開けませんでした（内部エラー）。`, en: `Could not open the database "${path}" (internal error).` },
    extra,
  );
}
