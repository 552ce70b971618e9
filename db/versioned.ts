// The one check behind every edit call (issue 14): the save names the version its form started
// from, and a record that has moved on since is refused with who and when, not overwritten.
import { sql, type RawBuilder } from 'kysely';
import type { Messages } from '../shared/errors.ts';
import { staleSaveError } from '../shared/stale.ts';
import { engineOf, lockScope } from './engine.ts';
import type { DB } from './open.ts';
import type { Database } from './schema.ts';

/** Where a record keeps its version: the row's own columns, or a list's (a roster, an itinerary). */
export interface VersionColumns {
  version: string;
  by: string;
  at: string;
}
export const ROW_VERSION: VersionColumns = { version: 'row_version', by: 'updated_by', at: 'updated_at' };

export interface VersionCheck {
  table: keyof Database & string;
  /** Columns that find the one record: `{id}`, or `{fiscal_year, number}` for a keyed upsert. */
  key: Record<string, string | number>;
  /** The version the form started from; 0: it expected no record yet. undefined: no check (legacy callers). */
  expected: number | undefined;
  what: Messages;
  columns?: VersionColumns;
}

/**
 * Serialises the savers of one record for the rest of the transaction and refuses a stale save.
 * The lock is taken before the read, so on PostgreSQL the second of two officers reads the
 * first one's committed version (even when the record did not exist yet, which no row lock
 * could cover); SQLite runs its transactions one after another anyway.
 */
export async function assertVersion(trx: DB, c: VersionCheck): Promise<void> {
  if (c.expected === undefined) return;
  const cols = c.columns ?? ROW_VERSION;
  const keyText = Object.keys(c.key).sort().map((k) => `${k}=${c.key[k]}`).join('&');
  await lockScope(trx, `${c.table}.${cols.version}`, keyText);
  let q = trx
    .selectFrom(c.table as 'application')
    .select([sql<number>`${sql.ref(cols.version)}`.as('v'), sql<string | null>`${sql.ref(cols.by)}`.as('by'), sql<string | null>`${sql.ref(cols.at)}`.as('at')]);
  for (const [k, v] of Object.entries(c.key)) q = q.where(sql.ref(k) as never, '=', v as never);
  if (engineOf(trx) === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  const version = row ? Number(row.v) : 0;
  if (version === c.expected) return;
  throw staleSaveError({ what: c.what, expectedVersion: c.expected, version, changedBy: row?.by ?? null, changedAt: row?.at ?? null, key: c.key });
}

/** The columns every save of a versioned row sets: the next version and who made it. */
export function bumped(user: string): { row_version: RawBuilder<number>; updated_by: string } {
  return { row_version: sql<number>`row_version + 1`, updated_by: user };
}

/** The stamp a form keeps and sends back: `{version, updatedBy, updatedAt}`. */
export function stampOf(r: { row_version: number | string; updated_by: string | null; updated_at: string } | undefined | null) {
  return r ? { version: Number(r.row_version), updatedBy: r.updated_by, updatedAt: r.updated_at } : { version: 0, updatedBy: null, updatedAt: null };
}
