// `copy --from postgres://…` only reads the server (issue 14): a schema at an older version cannot
// be migrated in a snapshot, so it is refused with the way to update it, nothing changed; a schema
// that is not there is not created. An up-to-date one copies as before.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, migrations } from '../../db/migrations/index.ts';
import { parsePgTarget } from '../../db/open-postgres.ts';
import { cliCapture } from './cli-capture.ts';
import { dropPgSchema, freshPgUrl } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'sakura-pgcopysrc-'));
const schemas: string[] = [];
afterAll(async () => {
  for (const u of schemas) await dropPgSchema(u);
});

/** A team schema that an app of schema version `n` set up, its migration table included. */
async function serverAt(n: number): Promise<string> {
  const url = freshPgUrl();
  schemas.push(url);
  const t = parsePgTarget(url);
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.connectionString, options: `-c search_path=${t.schema}` }) }) });
  try {
    await sql`create schema ${sql.id(t.schema)}`.execute(db);
    const first = Object.fromEntries(Object.keys(migrations).sort().slice(0, n).map((k) => [k, migrations[k]!]));
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => first }, migrationTableSchema: t.schema }).migrateToLatest();
    if (error) throw error;
  } finally {
    await db.destroy();
  }
  return url;
}

async function facts(url: string): Promise<string> {
  const t = parsePgTarget(url);
  const c = new pg.Client({ connectionString: t.connectionString });
  await c.connect();
  try {
    const tables = await c.query('select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 order by 1', [t.schema]);
    const done = tables.rows.length > 0 ? await c.query(`select name from "${t.schema}".kysely_migration order by 1`) : { rows: [] };
    return JSON.stringify({ tables: tables.rows, done: done.rows });
  } finally {
    await c.end();
  }
}

describe('copy reads its PostgreSQL source without writing to it', { timeout: 120_000 }, () => {
  it('an older server schema: exit 1 with a bilingual sentence, the schema unchanged, no target file', async () => {
    const url = await serverAt(3);
    const before = await facts(url);
    const to = join(dir, 'from-old-server.sqlite');
    const r = await cliCapture('copy', '--from', url, '--to', to);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`古いバージョン（第3版、このアプリは第${LATEST_SCHEMA_VERSION}版）`);
    expect(r.stderr).toContain('team:setup');
    expect(await facts(url)).toBe(before);
    expect(existsSync(to)).toBe(false);
  });

  it('a schema that does not exist: exit 1, not created', async () => {
    const url = freshPgUrl();
    schemas.push(url);
    const r = await cliCapture('copy', '--from', url, '--to', join(dir, 'from-nothing.sqlite'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Sakura Desk のデータベースがありません');
    expect(await facts(url)).toBe(JSON.stringify({ tables: [], done: [] }));
  });

  it('an up-to-date server schema copies to a file, counts checked', async () => {
    const url = await serverAt(LATEST_SCHEMA_VERSION);
    const before = await facts(url);
    const r = await cliCapture('copy', '--from', url, '--to', join(dir, 'from-latest.sqlite'));
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).tables.find((t: { table: string }) => t.table === 'track_record').rows).toBeGreaterThan(0);
    expect(await facts(url)).toBe(before);
  });
});
