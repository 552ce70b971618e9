// Frozen once landed. Team mode (issue 14): what the shared PostgreSQL server needs, and the
// columns optimistic concurrency needs on both engines.
// - review.score: `real` is float4 on PostgreSQL (3.8 reads back as 3.799999952316284); make it
//   double precision there. SQLite's REAL already is a double.
// - row_version / updated_by on records staff edit in forms: a save names the version it started
//   from, and a stale one is refused with who changed the record and when.
// - a statement trigger on every table that NOTIFYs `sakura_change`, so every officer's screens
//   refresh on any write, whichever code path made it (delivered at commit, once per table).
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine.ts';

const EDITED = ['application', 'reviewer', 'institution'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of EDITED) {
    await db.schema.alterTable(table).addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    await db.schema.alterTable(table).addColumn('updated_by', 'text').execute();
  }
  if (engineOf(db) !== 'postgres') return;

  await sql`alter table review alter column score type double precision`.execute(db);
  await sql`
    create or replace function sakura_notify_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('sakura_change', tg_table_name || ' ' || current_user);
      return null;
    end $$`.execute(db);
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    where c.relkind = 'r' and c.relnamespace = current_schema()::regnamespace
      and c.relname not like 'kysely\\_%'
    order by c.relname collate "C"`.execute(db);
  for (const { name } of tables.rows) {
    await sql`create trigger ${sql.id(`${name}_notify`)} after insert or update or delete on ${sql.id(name)}
      for each statement execute function sakura_notify_change()`.execute(db);
  }
}
