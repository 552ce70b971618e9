// A worker thread's own connection to the database file the app already has open (and migrated).
// Unlike db/open.ts it writes nothing on its way in or out: no lock probe, no migrations, no
// PRAGMA optimize (which writes sqlite_stat1), so opening and closing it never takes SQLite's write
// lock behind the app's back. A writer's transactions begin IMMEDIATE: the worker takes the lock
// once, while it holds the process's write gate (write-gate.ts), and never has to upgrade a read.
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import { AtomicSqliteDialect } from '../../db/migrate.ts';
import type { DB } from '../../db/open.ts';
import type { Database } from '../../db/schema.ts';

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends AtomicSqliteDialect {
  constructor(private readonly database: BetterSqlite3.Database) {
    super({ database });
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.database });
  }
}

export interface WorkerConnection {
  db: DB;
  raw: BetterSqlite3.Database;
  close(): Promise<void>;
}

/**
 * Kysely prepares every statement afresh; a bulk write repeats the same few hundred-row INSERTs
 * thousands of times. This connection's jobs run one statement at a time (Kysely's mutex), so a
 * prepared statement can be reused safely.
 */
function reusingStatements(raw: BetterSqlite3.Database): BetterSqlite3.Database {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return new Proxy(raw, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          let stmt = cache.get(sql);
          if (!stmt) {
            if (cache.size >= 200) cache.delete(cache.keys().next().value!);
            stmt = target.prepare(sql);
            cache.set(sql, stmt);
          }
          return stmt;
        };
      }
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

export function openWorkerConnection(path: string, o: { readonly: boolean; busyTimeoutMs?: number }): WorkerConnection {
  const raw = new BetterSqlite3(path, { readonly: o.readonly, fileMustExist: true, timeout: o.busyTimeoutMs ?? 5000 });
  raw.pragma('foreign_keys = ON');
  raw.pragma('synchronous = FULL');
  // 64 MB of page cache for this connection: a bulk write's index pages stay in memory instead of
  // being read back from the file for every batch.
  raw.pragma('cache_size = -65536');
  const database = reusingStatements(raw);
  const db = new Kysely<Database>({ dialect: o.readonly ? new AtomicSqliteDialect({ database }) : new ImmediateSqliteDialect(database) });
  return { db, raw, close: () => db.destroy() };
}
