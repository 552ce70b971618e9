// What differs between SQLite (a laptop's file) and PostgreSQL (team mode), in one place, so that
// query files stay portable: case-insensitive search, sort keys and locks.
import { PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

// Any Kysely instance or transaction: the adapter tells which SQL dialect it speaks.
export function engineOf(db: Pick<Kysely<any>, 'getExecutor'>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** `%` and `_` in what staff typed are letters, not wildcards: escape them (and the escape). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Case-insensitive "contains": ILIKE on PostgreSQL, LIKE on SQLite (whose LIKE already ignores
 * ASCII case). Both with an explicit ESCAPE so the escaped % and _ match themselves.
 */
export function containsText(
  db: Pick<Kysely<any>, 'getExecutor'>,
  column: string | Expression<unknown>,
  text: string,
): RawBuilder<SqlBool> {
  const ref = typeof column === 'string' ? sql.ref(column) : column;
  const pattern = likePattern(text);
  return engineOf(db) === 'postgres'
    ? sql<SqlBool>`${ref} ilike ${pattern} escape '\\'`
    : sql<SqlBool>`${ref} like ${pattern} escape '\\'`;
}

/**
 * A sort key that orders the same on every server: byte order (COLLATE "C") on PostgreSQL,
 * whose default collation follows the server's locale; SQLite's default BINARY already is.
 */
export function sortKey(db: Pick<Kysely<any>, 'getExecutor'>, column: string): RawBuilder<string> {
  return engineOf(db) === 'postgres' ? sql<string>`${sql.ref(column)} collate "C"` : sql<string>`${sql.ref(column)}`;
}

/**
 * Serialises writers of one scope (a rule set's year, a call's assignment) for the rest of the
 * transaction: a PostgreSQL advisory lock, freed at commit or rollback. SQLite needs none: one
 * connection, and Kysely runs its transactions one after another.
 */
export async function lockScope(trx: Kysely<any>, scope: string, key: number | string): Promise<void> {
  if (engineOf(trx) !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtext(${scope}), hashtext(${String(key)}))`.execute(trx);
}

/**
 * Runs a bulk job (automatic assignment…) alone for its scope: in this process always, and on
 * PostgreSQL across every officer's process too: one connection holds
 * a session advisory lock across the job's reads and its own transactions, so two officers'
 * runs for the same call happen one after the other and the second plans on the first's result.
 */
export async function withScopeLock<DB, T>(db: Kysely<DB>, scope: string, key: number | string, job: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  // SQLite: one process, but its awaits interleave concurrent calls (two web tabs): queue them here.
  if (engineOf(db) !== 'postgres') return queued(`${scope}\u0000${key}`, () => job(db));
  // Inside a transaction (every write runs in one, with its audit event): a transaction-scoped
  // lock, held until commit, so the next officer's run reads this one's committed result.
  if (db.isTransaction) {
    await lockScope(db, scope, key);
    return job(db);
  }
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext(${scope}), hashtext(${String(key)}))`.execute(conn);
    try {
      return await job(conn);
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${scope}), hashtext(${String(key)}))`.execute(conn);
    }
  });
}

const queues = new Map<string, Promise<unknown>>();
function queued<T>(key: string, job: () => Promise<T>): Promise<T> {
  const before = queues.get(key) ?? Promise.resolve();
  const run = before.then(job, job);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}
