// Bulk jobs (decisions, imports) take the lock of what they change, as applications/import and
// automatic assignment do: in team mode two officers' runs for the same year then happen one after
// the other, and the second works on the first's committed result instead of racing it.
import { withScopeLock } from '../db/engine.ts';
import type { DB } from '../db/open.ts';

/** Locks each year (in year order, so two jobs never wait on each other crosswise), then runs. */
export async function withYearsLocked<T>(db: DB, scope: string, years: Iterable<number>, job: (db: DB) => Promise<T>): Promise<T> {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const step = (i: number, d: DB): Promise<T> => (i >= sorted.length ? job(d) : withScopeLock(d, scope, sorted[i]!, (next) => step(i + 1, next)));
  return step(0, db);
}

/** The fiscal years of these applications (a decision's lock). */
export async function yearsOf(db: DB, applicationIds: readonly string[]): Promise<number[]> {
  if (applicationIds.length === 0) return [];
  const rows = await db.selectFrom('application').select('fiscal_year').distinct().where('id', 'in', [...applicationIds]).execute();
  return rows.map((r) => r.fiscal_year);
}
