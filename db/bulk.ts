// Bulk writes for generated or imported volumes: multi-row INSERTs sized by bound parameters, not
// by rows, so a wide table and a narrow one both stay under SQLite's (32,766) and PostgreSQL's
// (65,535) limits while each statement carries as many rows as it can.
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

const MAX_PARAMS = 8000;

export async function bulkInsert<T extends keyof Database & string>(
  db: Kysely<Database> | Transaction<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const width = Math.max(1, Object.keys(rows[0] as object).length);
  const per = Math.max(1, Math.floor(MAX_PARAMS / width));
  for (let i = 0; i < rows.length; i += per) {
    // The generic table name loses Kysely's per-table typing; the rows are typed by the caller.
    await (db as Kysely<any>).insertInto(table).values(rows.slice(i, i + per) as any[]).execute();
  }
}
