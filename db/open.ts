import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { AppError } from '../shared/errors.ts';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type DB = Kysely<Database>;

export interface OpenDb {
  db: DB;
  raw: BetterSqlite3.Database;
  path: string;
  schemaVersion: number;
  close(): Promise<void>;
}

const SQLITE_HEADER = 'SQLite format 3\0';

const staticProvider: MigrationProvider = { getMigrations: async () => migrations };

function refuse(code: 'DB_NOT_SQLITE' | 'DB_DAMAGED' | 'DB_TOO_NEW', path: string, extra: Record<string, unknown> = {}): never {
  const text = {
    DB_NOT_SQLITE: {
      ja: `「${path}」は Sakura Desk のデータベースではありません（SQLite ファイルではない）。ファイルには一切手を加えていません。`,
      en: `"${path}" is not a Sakura Desk database (not an SQLite file). The file was left untouched.`,
    },
    DB_DAMAGED: {
      ja: `データベース「${path}」が破損しています（整合性チェックに失敗）。ファイルには一切手を加えていません。バックアップから復元してください。`,
      en: `The database "${path}" is damaged (integrity check failed). The file was left untouched; restore it from a backup.`,
    },
    DB_TOO_NEW: {
      ja: `データベース「${path}」はこのアプリより新しいバージョンで作成されています。Sakura Desk を更新してから開いてください。ファイルには一切手を加えていません。`,
      en: `The database "${path}" was written by a newer version of Sakura Desk. Update the app to open it. The file was left untouched.`,
    },
  }[code];
  throw new AppError(code, text, { path, ...extra });
}

/** Looks at an existing file without writing to it: header, integrity, schema version. */
function inspectExisting(path: string): void {
  if (statSync(path).size === 0) return; // an empty file is what SQLite itself creates; safe to use
  const fd = openSync(path, 'r');
  const header = Buffer.alloc(16);
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) refuse('DB_NOT_SQLITE', path);

  let ro: BetterSqlite3.Database | undefined;
  try {
    ro = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    const check = ro.pragma('quick_check', { simple: true });
    if (check !== 'ok') refuse('DB_DAMAGED', path, { quickCheck: String(check) });
    const userVersion = Number(ro.pragma('user_version', { simple: true }));
    if (userVersion > LATEST_SCHEMA_VERSION) refuse('DB_TOO_NEW', path, { userVersion, known: LATEST_SCHEMA_VERSION });
    const hasTable = ro
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    if (hasTable) {
      const names = (ro.prepare('select name from kysely_migration').all() as { name: string }[]).map((r) => r.name);
      const unknown = names.filter((n) => !(n in migrations));
      if (unknown.length > 0) refuse('DB_TOO_NEW', path, { unknownMigrations: unknown });
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    refuse('DB_DAMAGED', path, { sqlite: e instanceof Error ? e.message : String(e) });
  } finally {
    ro?.close();
  }
}

/**
 * Opens (creating if absent) the database and brings its schema up to date. Refuses, without
 * writing a byte, a file that is not SQLite, fails quick_check, or comes from a newer app.
 */
export async function openDatabase(path: string): Promise<OpenDb> {
  const memory = path === ':memory:';
  if (!memory && existsSync(path)) inspectExisting(path);

  const raw = new BetterSqlite3(path);
  if (!memory) raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  // FULL: a committed review decision must survive a power cut on a laptop.
  raw.pragma('synchronous = FULL');
  raw.pragma('busy_timeout = 5000');

  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  const migrator = new Migrator({ db, provider: staticProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new AppError(
      'INTERNAL',
      {
        ja: `データベースの更新（マイグレーション ${failed?.migrationName ?? ''}）に失敗しました。変更は取り消されました。`,
        en: `Updating the database (migration ${failed?.migrationName ?? ''}) failed; the change was rolled back.`,
      },
      { cause: error instanceof Error ? error.message : String(error ?? '') },
    );
  }
  raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
  // Fresh statistics for the query planner: without them SQLite may drive a one-year query from
  // the wrong index. analysis_limit keeps this to milliseconds on a 20-year file; 0x10002 is the
  // SQLite docs' advice for a connection that stays open (analyse what needs it, now).
  raw.pragma('analysis_limit = 1000');
  raw.pragma('optimize = 0x10002');

  return {
    db,
    raw,
    path,
    schemaVersion: LATEST_SCHEMA_VERSION,
    close: async () => {
      // What the session's queries taught the planner is kept for the next start.
      try {
        if (raw.open) raw.pragma('optimize');
      } catch {
        /* a read-only or busy file: statistics are an optimisation, never a reason to fail */
      }
      await db.destroy();
    },
  };
}
