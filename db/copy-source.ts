// The source of `copy` is only read, never written (issue 14): opening a store migrates it, and on
// SQLite even an up-to-date open writes (WAL mode, planner statistics). So a laptop's file is
// snapshotted through SQLite's online backup API from a read-only connection, and the snapshot is
// what gets opened and, if older, migrated. A server schema cannot be snapshotted that way: an
// older one is refused, nothing changed, with the way to bring it up to date.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../shared/errors.ts';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations/index.ts';
import { openFailure } from './open-errors.ts';
import { classifySqliteError, inspectSqliteFile, isSqliteHeader } from './sqlite-file.ts';
import { isPostgresUrl, maskPassword, openStore, type OpenStore } from './store.ts';

export interface CopySource {
  store: OpenStore;
  /** What the report calls the source: the file or masked URL the user gave, not the snapshot. */
  shown: string;
  close(): Promise<void>;
}

const BUSY_TIMEOUT_MS = 5000;

function noSakuraSchema(shown: string): AppError {
  return new AppError('NOT_FOUND', {
    ja: `コピー元「${shown}」には Sakura Desk のデータベースがありません（スキーマが空です）。接続文字列の ?schema= を確かめてください。何も変更していません。`,
    en: `The source "${shown}" holds no Sakura Desk database (the schema is empty). Check the ?schema= of the connection string. Nothing was changed.`,
  });
}

function olderServer(shown: string, version: number): AppError {
  return new AppError(
    'CONFLICT',
    {
      ja: `コピー元「${shown}」のデータベースは古いバージョン（第${version}版、このアプリは第${LATEST_SCHEMA_VERSION}版）です。コピーはコピー元を読むだけで更新しません。先に管理者が「npm run team:setup -- <管理者の接続文字列>」でサーバーを更新してから、もう一度コピーしてください。何も変更していません。`,
      en: `The source "${shown}" holds an older database (version ${version}; this app is at version ${LATEST_SCHEMA_VERSION}). A copy only reads its source and never updates it. Ask the administrator to update the server with "npm run team:setup -- <admin connection string>", then copy again. Nothing was changed.`,
    },
    { schemaVersion: version, appSchemaVersion: LATEST_SCHEMA_VERSION },
  );
}

async function serverSource(url: string): Promise<CopySource> {
  const { probePostgres } = await import('./open-postgres.ts');
  const shown = maskPassword(url);
  const probe = await probePostgres(url);
  if (probe.tooNew) {
    throw new AppError('DB_TOO_NEW', {
      ja: `コピー元「${shown}」はこのアプリより新しいバージョンのデータベースです。Sakura Desk を更新してください。何も変更していません。`,
      en: `The source "${shown}" holds a database of a newer app version. Update Sakura Desk. Nothing was changed.`,
    });
  }
  if (probe.schemaVersion === 0) throw noSakuraSchema(shown);
  if (probe.schemaVersion < LATEST_SCHEMA_VERSION) throw olderServer(shown, probe.schemaVersion);
  // Up to date: opening runs no migration and creates nothing.
  const store = await openStore(url);
  return { store, shown: store.path, close: () => store.close() };
}

async function fileSource(path: string): Promise<CopySource> {
  if (!isSqliteHeader(path)) throw openFailure('not-sqlite', path);
  // Read-only checks first: a damaged file or one of a newer app is refused before any copy.
  const found = inspectSqliteFile(path, BUSY_TIMEOUT_MS);
  const unknown = found.migrationNames.filter((n) => !(n in migrations));
  if (found.userVersion > LATEST_SCHEMA_VERSION || unknown.length > 0) {
    throw openFailure('too-new', path, { userVersion: found.userVersion, unknownMigrations: unknown, known: LATEST_SCHEMA_VERSION });
  }
  const dir = mkdtempSync(join(tmpdir(), 'sakura-copy-'));
  const snapshot = join(dir, 'source.sqlite');
  const drop = () => rmSync(dir, { recursive: true, force: true });
  try {
    // The backup API reads a consistent snapshot (committed WAL frames included) from a read-only
    // connection, which never checkpoints or writes the source.
    const ro = new BetterSqlite3(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    try {
      await ro.backup(snapshot);
    } finally {
      ro.close();
    }
  } catch (e) {
    drop();
    throw classifySqliteError(e, path);
  }
  let store: OpenStore;
  try {
    store = await openStore(snapshot);
  } catch (e) {
    drop();
    throw e;
  }
  return {
    store,
    shown: path,
    close: async () => {
      try {
        await store.close();
      } finally {
        drop();
      }
    },
  };
}

/** Opens `from` for reading, at the app's schema, without changing it by a byte. */
export function openCopySource(from: string): Promise<CopySource> {
  return isPostgresUrl(from) ? serverSource(from) : fileSource(from);
}
