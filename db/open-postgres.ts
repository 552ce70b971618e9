// Team mode: the same schema, migrations and queries on a shared PostgreSQL server, through `pg`
// (node-postgres) and Kysely's PostgresDialect. A file path still means SQLite (db/open.ts).
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, sql, type MigrationProvider } from 'kysely';
import { AppError } from '../shared/errors.ts';
import { pgConnectFailure } from './pg-errors.ts';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

/** The schema the app's tables live in unless the URL says `?schema=…`. */
export const DEFAULT_PG_SCHEMA = 'sakura';
/** The channel every write notifies (a statement trigger, migration 0008). */
export const CHANGE_CHANNEL = 'sakura_change';

export { isPostgresUrl } from './store.ts';

export interface PgTarget {
  /** The URL handed to pg, without our own `schema` parameter. */
  connectionString: string;
  schema: string;
  /** host:port/database, for `info` and the status line: never the password. */
  server: string;
  /** The URL with any password masked, shown where a file path would be. */
  display: string;
}

export function parsePgTarget(url: string): PgTarget {
  const u = new URL(url.trim());
  const schema = u.searchParams.get('schema') ?? DEFAULT_PG_SCHEMA;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new AppError(
      'VALIDATION',
      { ja: `スキーマ名「${schema}」は使えません（英小文字・数字・_ のみ）。`, en: `Schema name "${schema}" is not allowed (lower-case letters, digits and _ only).` },
      { schema },
    );
  }
  u.searchParams.delete('schema');
  const host = u.hostname || (u.searchParams.get('host') ?? 'localhost');
  const server = `${host}:${u.port || '5432'}${u.pathname || '/'}`;
  const shown = new URL(u.toString());
  if (shown.password) shown.password = '***';
  if (schema !== DEFAULT_PG_SCHEMA) shown.searchParams.set('schema', schema);
  return { connectionString: u.toString(), schema, server, display: shown.toString() };
}

/**
 * pg returns bigint (count(*), sum(int)) and numeric (sum(bigint), avg) as strings, to be safe
 * beyond 2^53. Our counts and yen amounts are far below that, and the handlers expect numbers as
 * they get from SQLite: parse them as numbers for this pool only (not pg's global table).
 */
const numberTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) {
      return (v: string) => (v === null ? null : Number(v));
    }
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export interface OpenPg {
  engine: 'postgres';
  db: Kysely<Database>;
  pool: pg.Pool;
  /** Masked URL: what `info` shows as the database. */
  path: string;
  server: string;
  schema: string;
  /** The PostgreSQL login: in team mode this is who is acting. */
  user: string;
  serverVersion: string;
  schemaVersion: number;
  /** How to log in again (pg_dump backups): held in memory only, never shown or logged. */
  login: PgLogin;
  /** Calls `onChange(table)` for every write any officer commits (LISTEN sakura_change). */
  listen(onChange: (table: string, by: string) => void): Promise<void>;
  close(): Promise<void>;
}

function tooNew(display: string, extra: Record<string, unknown>): never {
  throw new AppError(
    'DB_TOO_NEW',
    {
      ja: `サーバー「${display}」のデータベースはこのアプリより新しいバージョンで更新されています。Sakura Desk を更新してから接続してください。データには一切手を加えていません。`,
      en: `The database on "${display}" was updated by a newer version of Sakura Desk. Update the app to connect. Nothing was changed.`,
    },
    { path: display, ...extra },
  );
}

function cannotConnect(display: string, err: unknown): never {
  throw pgConnectFailure(display, err);
}

function noSchemaRight(): never {
  throw new AppError('FORBIDDEN', {
    ja: 'サーバーのデータベースを作成・更新する権限がありません。管理者に「npm run team:setup -- <管理者の接続文字列>」の実行を依頼してください。',
    en: 'You may not create or update the database schema on the server. Ask the administrator to run "npm run team:setup -- <admin connection string>".',
  });
}

const staticProvider: MigrationProvider = { getMigrations: async () => migrations };

export interface OpenPgOptions {
  max?: number;
  /** A password kept apart from the URL (settings: Electron safeStorage or a pgpass file). */
  password?: string;
  /** How long a connection attempt may take before the server counts as unreachable. */
  connectTimeoutMs?: number;
}

/** How long staff wait for a server that does not answer before they get DB_UNREACHABLE. */
const CONNECT_TIMEOUT_MS = 10_000;

/** What `pg` and `pg_dump` need to log in: the URL (without our `schema`) and any separate password. */
export interface PgLogin {
  connectionString: string;
  password: string | undefined;
}

function poolConfig(target: PgTarget, opts: OpenPgOptions): pg.PoolConfig {
  // pg lets the connection string's fields override `password`, so a separate one goes into the URL.
  let connectionString = target.connectionString;
  if (opts.password) {
    const u = new URL(connectionString);
    u.password = encodeURIComponent(opts.password);
    connectionString = u.toString();
  }
  return {
    connectionString,
    types: numberTypes,
    max: opts.max ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    // Every connection works in our schema: queries stay unqualified, as on SQLite.
    options: `-c search_path=${target.schema}`,
    application_name: 'sakura-desk',
  };
}

/** What "test connection" reports: who we are on which server, and the schema found there. */
export interface PgProbe {
  engine: 'postgres';
  server: string;
  serverVersion: string;
  user: string;
  schema: string;
  /** Migrations already applied in that schema (0: none yet, the app creates it on switching). */
  schemaVersion: number;
  /** The app's own schema version, to compare. */
  appSchemaVersion: number;
  /** The schema was written by a newer app: switching would be refused. */
  tooNew: boolean;
}

/**
 * Logs in and reads, changing nothing (no schema created, no migration run): the settings
 * screen's "test connection". Connection failures throw DB_UNREACHABLE / DB_AUTH / DB_NO_DATABASE.
 */
export async function probePostgres(url: string, opts: OpenPgOptions = {}): Promise<PgProbe> {
  const target = parsePgTarget(url);
  const client = new pg.Client(poolConfig(target, opts));
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    cannotConnect(target.display, err);
  }
  try {
    const r = await client.query<{ user: string; version: string; has_table: boolean }>(
      `select current_user as "user", current_setting('server_version') as version,
        to_regclass($1) is not null as has_table`,
      [`${target.schema}.kysely_migration`],
    );
    const row = r.rows[0]!;
    const names = row.has_table ? (await client.query<{ name: string }>(`select name from "${target.schema}".kysely_migration`)).rows.map((x) => x.name) : [];
    return {
      engine: 'postgres',
      server: `PostgreSQL ${row.version.split(' ')[0]} ${target.server}`,
      serverVersion: row.version,
      user: row.user,
      schema: target.schema,
      schemaVersion: names.length,
      appSchemaVersion: LATEST_SCHEMA_VERSION,
      tooNew: names.some((n) => !(n in migrations)),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Connects, refuses a schema written by a newer app, and brings an older one up to date (as
 * files are). Officers without DDL rights get a sentence asking for `team:setup` instead.
 */
export async function openPostgres(url: string, opts: OpenPgOptions = {}): Promise<OpenPg> {
  const target = parsePgTarget(url);
  const pool = new pg.Pool(poolConfig(target, opts));
  // An idle client's error (server restart) must not crash the app; the next query reports it.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let info: { user: string; version: string; schema_exists: boolean };
  try {
    const r = await sql<{ user: string; version: string; schema_exists: boolean }>`
      select current_user as "user", current_setting('server_version') as version,
        exists(select 1 from pg_namespace where nspname = ${target.schema}) as schema_exists`.execute(db);
    info = r.rows[0]!;
  } catch (err) {
    await db.destroy();
    cannotConnect(target.display, err);
  }

  try {
    // Normally team:setup (the admin) created it; a login that owns the database may create it
    // itself (a one-person server, tests). Officers without the right get FORBIDDEN below.
    if (!info.schema_exists) await sql`create schema if not exists ${sql.id(target.schema)}`.execute(db);
    const known = await sql<{ name: string }>`
      select name from ${sql.id(target.schema)}.kysely_migration`.execute(db).then(
        (r) => r.rows.map((x) => x.name),
        () => [] as string[],
      );
    const unknown = known.filter((n) => !(n in migrations));
    if (unknown.length > 0) tooNew(target.display, { unknownMigrations: unknown, known: LATEST_SCHEMA_VERSION });
    if (known.length < LATEST_SCHEMA_VERSION) {
      const migrator = new Migrator({ db, provider: staticProvider, migrationTableSchema: target.schema });
      const { error, results } = await migrator.migrateToLatest();
      const failed = results?.find((r) => r.status === 'Error');
      if (error || failed) {
        if ((error as { code?: string } | undefined)?.code === '42501') noSchemaRight();
        throw new AppError(
          'INTERNAL',
          {
            ja: `データベースの更新（マイグレーション ${failed?.migrationName ?? ''}）に失敗しました。変更は取り消されました。`,
            en: `Updating the database (migration ${failed?.migrationName ?? ''}) failed; the change was rolled back.`,
          },
          { cause: error instanceof Error ? error.message : String(error ?? '') },
        );
      }
    }
  } catch (err) {
    await db.destroy();
    if (err instanceof AppError) throw err;
    if ((err as { code?: string }).code === '42501') noSchemaRight();
    cannotConnect(target.display, err);
  }

  let listener: pg.Client | null = null;
  return {
    engine: 'postgres',
    db,
    pool,
    path: target.display,
    server: `PostgreSQL ${info.version.split(' ')[0]} ${target.server}`,
    schema: target.schema,
    user: info.user,
    serverVersion: info.version,
    schemaVersion: LATEST_SCHEMA_VERSION,
    login: { connectionString: target.connectionString, password: opts.password },
    async listen(onChange) {
      // A dedicated connection: a pooled one would be handed to queries and lose the LISTEN.
      listener = new pg.Client({ ...poolConfig(target, opts), application_name: 'sakura-desk-listen' });
      listener.on('error', () => undefined);
      listener.on('notification', (n) => {
        const [table = '', by = ''] = (n.payload ?? '').split(' ');
        onChange(table, by);
      });
      await listener.connect();
      await listener.query(`listen ${CHANGE_CHANNEL}`);
    },
    async close() {
      await listener?.end().catch(() => undefined);
      await db.destroy();
    },
  };
}
