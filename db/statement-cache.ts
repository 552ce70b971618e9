// A bounded cache of prepared statements for Kysely's SQLite driver. The driver calls
// `db.prepare(sql)` for every query it runs, and SQLite's prepare (parse, plan, bytecode) was
// 0.1–0.4 ms of each list call on a 20-year file: often more than running the statement. Kysely
// compiles the same query shape to the same SQL text (values are bound, not inlined), so the text
// is the key and a hit skips the prepare.
//
// Why this is safe:
// - Parameters are bound on every run (`stmt.all(params)` / `stmt.run(params)`), so nothing of one
//   call's values stays on a statement for the next.
// - After a schema change (a migration, `create index`, ANALYZE) SQLite re-prepares a statement
//   itself on its next run (sqlite3_prepare_v2's SQLITE_SCHEMA retry), and better-sqlite3 reads
//   column names per run: a cached `select *` sees a column added later (test/unit/statement-cache.test.ts).
// - A statement still being iterated (`busy`) is never handed out twice: the caller gets a fresh,
//   uncached one, as the driver would have prepared anyway.
// - The cache belongs to one connection and dies with it: closing the database (a restore swaps in
//   a new connection, main/runtime.ts) drops it, and better-sqlite3 finalises the statements.
// - Bounded (least recently used goes first): SQL with IN lists of many lengths cannot grow it.
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export const STATEMENT_CACHE_SIZE = 256;

export interface CachedDatabase extends SqliteDatabase {
  /** How many statements the cache holds (tests). */
  readonly cachedStatements: number;
  /** How many times `prepare` reached SQLite (tests). */
  readonly prepares: number;
  /** Drops every cached statement (tests that watch `prepare` see each statement again). */
  clear(): void;
}

// The cache of each connection, for tests that must see statements as SQLite prepares them.
const caches = new WeakMap<BetterSqlite3.Database, CachedDatabase>();

/** The statement cache on this connection, if Kysely runs on it through AtomicSqliteDialect. */
export function statementCacheOf(raw: BetterSqlite3.Database): CachedDatabase | undefined {
  return caches.get(raw);
}

export function withStatementCache(raw: BetterSqlite3.Database, max = STATEMENT_CACHE_SIZE): CachedDatabase {
  // Map keeps insertion order: re-inserting on a hit makes the first key the least recently used.
  const cache = new Map<string, BetterSqlite3.Statement>();
  let prepares = 0;
  const fresh = (sqlText: string) => {
    prepares++;
    return raw.prepare(sqlText);
  };
  const cached: CachedDatabase = {
    get cachedStatements() {
      return cache.size;
    },
    get prepares() {
      return prepares;
    },
    clear: () => cache.clear(),
    close: () => void raw.close(),
    prepare(sqlText: string): SqliteStatement {
      const hit = cache.get(sqlText);
      if (hit) {
        if (hit.busy) return fresh(sqlText) as unknown as SqliteStatement;
        cache.delete(sqlText);
        cache.set(sqlText, hit);
        return hit as unknown as SqliteStatement;
      }
      const stmt = fresh(sqlText);
      cache.set(sqlText, stmt);
      if (cache.size > max) cache.delete(cache.keys().next().value!);
      return stmt as unknown as SqliteStatement;
    },
  };
  caches.set(raw, cached);
  return cached;
}
