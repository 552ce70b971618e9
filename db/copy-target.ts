// Before `copy` touches its target: is it empty? Only reads, so that a target holding anything
// (data, a newer schema, another application's tables) is refused with nothing changed: no schema
// created, no migration table, not a byte of the file written.
import { existsSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../shared/errors.ts';
import { migrations } from './migrations/index.ts';
import { maskPassword } from './store.ts';

/** Rows a fresh database holds because a migration inserted them (the built-in track record…). */
export type Seeded = Record<string, number>;

function notEmpty(shown: string, what: string[]): AppError {
  return new AppError(
    'CONFLICT',
    {
      ja: `コピー先「${shown}」は空ではありません（${what.join('、')}）。空のデータベースを指定してください。何も変更していません。`,
      en: `The target "${shown}" is not empty (${what.join(', ')}). Give an empty database. Nothing was changed.`,
    },
    { busy: what },
  );
}

function tooNew(shown: string): AppError {
  return new AppError('DB_TOO_NEW', {
    ja: `コピー先「${shown}」はこのアプリより新しいバージョンのデータベースです。何も変更していません。`,
    en: `The target "${shown}" holds a database of a newer app version. Nothing was changed.`,
  });
}

/** What a store holds, as seen from outside: its tables with row counts, and its migrations. */
interface Contents {
  tables: Record<string, number>;
  migrationNames: string[];
  /** Tables elsewhere in the database (PostgreSQL: other schemas not of this app). */
  foreign: string[];
}

function judge(shown: string, c: Contents, seeded: Seeded): void {
  if (c.migrationNames.some((n) => !(n in migrations))) throw tooNew(shown);
  const busy: string[] = [];
  for (const [t, n] of Object.entries(c.tables)) {
    if (t === 'kysely_migration' || t === 'kysely_migration_lock') continue;
    // A table the app does not know (another program's database) counts as data, even empty.
    if (!(t in seeded)) busy.push(`${t}: ${n}`);
    else if (n > seeded[t]!) busy.push(`${t}: ${n}`);
  }
  busy.push(...c.foreign);
  if (busy.length > 0) throw notEmpty(shown, busy);
}

function sqliteContents(path: string): Contents {
  const ro = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const names = (ro.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'").all() as { name: string }[]).map((r) => r.name);
    const tables: Record<string, number> = {};
    for (const t of names) tables[t] = Number((ro.prepare(`select count(*) as n from "${t.replace(/"/g, '""')}"`).get() as { n: number }).n);
    const migrationNames = names.includes('kysely_migration') ? (ro.prepare('select name from kysely_migration').all() as { name: string }[]).map((r) => r.name) : [];
    return { tables, migrationNames, foreign: [] };
  } finally {
    ro.close();
  }
}

async function pgContents(url: string): Promise<Contents> {
  const { parsePgTarget } = await import('./open-postgres.ts');
  const { pgConnectFailure } = await import('./pg-errors.ts');
  const target = parsePgTarget(url);
  // Loaded here: a laptop's file-to-file copy need not load the PostgreSQL driver.
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: target.connectionString, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw pgConnectFailure(target.display, err);
  }
  try {
    const all = (
      await client.query<{ schema: string; name: string }>(
        `select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p', 'v', 'm') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'`,
      )
    ).rows;
    // Other Sakura Desk schemas on the same server (another team's, a test's) are not this target's
    // business; anything else beside it is another application's, and we do not move in beside it.
    const sakuraSchemas = new Set(all.filter((r) => r.name === 'kysely_migration').map((r) => r.schema));
    const foreign = all.filter((r) => r.schema !== target.schema && !sakuraSchemas.has(r.schema)).map((r) => `${r.schema}.${r.name}`);
    const tables: Record<string, number> = {};
    for (const r of all.filter((x) => x.schema === target.schema)) {
      const n = await client.query<{ n: string }>(`select count(*) as n from "${target.schema}"."${r.name.replace(/"/g, '""')}"`);
      tables[r.name] = Number(n.rows[0]?.n ?? 0);
    }
    const migrationNames = 'kysely_migration' in tables ? (await client.query<{ name: string }>(`select name from "${target.schema}".kysely_migration`)).rows.map((r) => r.name) : [];
    return { tables, migrationNames, foreign };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Throws, having changed nothing, unless `to` is empty (absent, new, or only the app's seeded rows). */
export async function assertEmptyTarget(to: string, seeded: Seeded, isServer: boolean): Promise<void> {
  const shown = maskPassword(to);
  if (isServer) return judge(shown, await pgContents(to), seeded);
  if (!existsSync(to) || statSync(to).size === 0) return;
  let contents: Contents;
  try {
    contents = sqliteContents(to);
  } catch {
    // Not readable as SQLite: some other file. Never overwritten by a copy.
    throw notEmpty(shown, ['SQLite ではないファイル / not an SQLite file']);
  }
  judge(shown, contents, seeded);
}
