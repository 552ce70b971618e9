// Opening the database. Today one engine (SQLite on the laptop); the engine-specific file checks
// live in db/sqlite-file.ts so that a second opener (PostgreSQL, team mode) can sit beside this one
// and return the same OpenDb.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type Migration } from 'kysely';
import { AppError } from '../shared/errors.ts';
import { AtomicSqliteDialect, pendingMigrations, runMigrations } from './migrate.ts';
import { migrations as appMigrations } from './migrations/index.ts';
import { openFailure } from './open-errors.ts';
import type { Database } from './schema.ts';
import { checkSqlitePath, classifySqliteError, inspectSqliteFile, type FileCheckOptions } from './sqlite-file.ts';

export type DB = Kysely<Database>;

export interface OpenDb {
  db: DB;
  /** The SQLite connection (online backups, pragmas). */
  raw: BetterSqlite3.Database;
  path: string;
  schemaVersion: number;
  close(): Promise<void>;
}

export interface OpenOptions extends FileCheckOptions {
  /** Tests replace the app's migrations (a failing one, or the first N). */
  migrations?: Record<string, Migration>;
  /** How long to wait for another program's lock before calling the file busy. */
  busyTimeoutMs?: number;
  /**
   * Runs before pending migrations touch a database that already holds data, with the connection
   * open: the runtime makes its pre-migration backup here. A throw stops the start-up.
   */
  beforeMigrate?: (raw: BetterSqlite3.Database, pending: string[]) => Promise<void> | void;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if absent) the database and brings its schema up to date, one migration per
 * transaction. Refuses, without writing a byte, a file that cannot or must not be opened, each
 * with its own sentence (db/open-errors.ts).
 */
export async function openDatabase(path: string, opts: OpenOptions = {}): Promise<OpenDb> {
  return openSqlite(path, opts);
}

async function openSqlite(path: string, opts: OpenOptions): Promise<OpenDb> {
  const known = opts.migrations ?? appMigrations;
  const latest = Object.keys(known).length;
  const busyTimeoutMs = opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const memory = path === ':memory:';

  let holdsData = false;
  if (!memory && checkSqlitePath(path, opts).exists) {
    const found = inspectSqliteFile(path, busyTimeoutMs);
    if (found.userVersion > latest) throw openFailure('too-new', path, { userVersion: found.userVersion, known: latest });
    const unknown = found.migrationNames.filter((n) => !(n in known));
    if (unknown.length > 0) throw openFailure('too-new', path, { unknownMigrations: unknown });
    holdsData = found.migrationNames.length > 0;
  }

  let raw: BetterSqlite3.Database | undefined;
  try {
    raw = new BetterSqlite3(path, { timeout: busyTimeoutMs });
    if (!memory) raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    // FULL: a committed review decision must survive a power cut on a laptop.
    raw.pragma('synchronous = FULL');
    // Take and drop the write lock once: a file held by another program is found now, with its
    // own sentence, rather than as "database is locked" at the first save.
    if (!memory) {
      raw.exec('begin immediate');
      raw.exec('rollback');
    }
  } catch (e) {
    raw?.close();
    throw classifySqliteError(e, path);
  }

  const conn = raw;
  const db = new Kysely<Database>({ dialect: new AtomicSqliteDialect({ database: conn }) });
  try {
    const pending = await pendingMigrations(db, known);
    if (pending.length > 0 && holdsData) await opts.beforeMigrate?.(conn, pending);
    await runMigrations(db, known, { afterEach: (_name, n) => void conn.pragma(`user_version = ${n}`) });
    conn.pragma(`user_version = ${latest}`);
  } catch (e) {
    await db.destroy();
    throw e instanceof AppError ? e : classifySqliteError(e, path);
  }

  // Fresh statistics for the query planner: without them SQLite may drive a one-year query from
  // the wrong index. analysis_limit keeps this to milliseconds on a 20-year file; 0x10002 is the
  // SQLite docs' advice for a connection that stays open (analyse what needs it, now).
  try {
    conn.pragma('analysis_limit = 1000');
    conn.pragma('optimize = 0x10002');
  } catch {
    /* a read-only or busy file: statistics are an optimisation, never a reason to fail */
  }

  return {
    db,
    raw: conn,
    path,
    schemaVersion: latest,
    close: async () => {
      // What the session's queries taught the planner is kept for the next start.
      try {
        if (conn.open) conn.pragma('optimize');
      } catch {
        /* as above */
      }
      await db.destroy();
    },
  };
}
