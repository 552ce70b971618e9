// `npm run team:setup -- postgres://admin@host/db`: what JST's IT runs once (and again after each
// app update) on the team server. Creates the schema and its tables (the app's migrations), the
// two roles and their grants. Every step can be repeated: nothing is dropped, nothing doubles.
import { sql } from 'kysely';
import { openPostgres } from '../db/open-postgres.ts';

export const OFFICER_ROLE = 'sakura_officer';
export const VIEWER_ROLE = 'sakura_viewer';

export interface TeamSetupReport {
  server: string;
  schema: string;
  schemaVersion: number;
  roles: string[];
  tables: number;
}

export async function teamSetup(adminUrl: string): Promise<TeamSetupReport> {
  const open = await openPostgres(adminUrl);
  try {
    const db = open.db;
    const schema = sql.id(open.schema);
    for (const role of [OFFICER_ROLE, VIEWER_ROLE]) {
      // CREATE ROLE has no IF NOT EXISTS; roles are per cluster, so another database may have made it.
      await sql`do $$ begin
        if not exists (select 1 from pg_roles where rolname = ${sql.lit(role)}) then
          create role ${sql.id(role)} nologin;
        end if;
      end $$`.execute(db);
    }
    await sql`grant usage on schema ${schema} to ${sql.id(OFFICER_ROLE)}, ${sql.id(VIEWER_ROLE)}`.execute(db);
    await sql`grant select on all tables in schema ${schema} to ${sql.id(OFFICER_ROLE)}, ${sql.id(VIEWER_ROLE)}`.execute(db);
    await sql`grant insert, update, delete on all tables in schema ${schema} to ${sql.id(OFFICER_ROLE)}`.execute(db);
    // The schema's history is the admin's: officers read it (to refuse a newer app) but never write it.
    await sql`revoke insert, update, delete on ${schema}.kysely_migration, ${schema}.kysely_migration_lock from ${sql.id(OFFICER_ROLE)}`.execute(db);
    // Tables a later app version adds (created by this admin's next team:setup) get the same grants.
    await sql`alter default privileges in schema ${schema} grant select on tables to ${sql.id(OFFICER_ROLE)}, ${sql.id(VIEWER_ROLE)}`.execute(db);
    await sql`alter default privileges in schema ${schema} grant insert, update, delete on tables to ${sql.id(OFFICER_ROLE)}`.execute(db);
    const tables = await sql<{ n: number }>`select count(*)::int as n from pg_tables where schemaname = ${open.schema}`.execute(db);
    return { server: open.server, schema: open.schema, schemaVersion: open.schemaVersion, roles: [OFFICER_ROLE, VIEWER_ROLE], tables: tables.rows[0]?.n ?? 0 };
  } finally {
    await open.close();
  }
}
