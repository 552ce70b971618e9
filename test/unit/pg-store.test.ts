// Team mode, the rest of issue 14: a server that will not let us in gets its own code in every
// door (not DB_DAMAGED); the store is chosen in settings (test connection, switch, remembered
// without the password in the settings file; --db and SAKURA_DB still win); backups through the
// server's pg_dump; `copy` leaves a target that is not empty exactly as it was.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { findPgTool } from '../../main/storage/pg-dump.ts';
import { startRuntime } from '../../main/runtime.ts';
import { pgpassVault } from '../../main/store/pgpass.ts';
import { startSwitchableRuntime } from '../../main/store/switch.ts';
import { ok, pgSchemasForFile, sampleApplication, testPgUrl } from './helpers.ts';
import { cliCapture } from './cli-capture.ts';

const dir = mkdtempSync(join(tmpdir(), 'sakura-store-'));
const schemaUrl = pgSchemasForFile();

const cli = cliCapture;

async function admin<T>(fn: (c: pg.Client) => Promise<T>, url = testPgUrl()): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A port nobody listens on: bound, closed, then connected to. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function withUrl(url: string, change: (u: URL) => void): string {
  const u = new URL(url);
  change(u);
  return u.toString();
}

describe('team server failures have their own codes, in every door', { timeout: 120_000 }, () => {
  const cases = async () => {
    const port = await closedPort();
    return [
      { code: 'DB_UNREACHABLE', url: withUrl(testPgUrl(), (u) => (u.port = String(port))), ja: 'ネットワーク', en: 'Check that you are on the network' },
      { code: 'DB_AUTH', url: withUrl(testPgUrl(), (u) => (u.password = 'wrong')), ja: 'ログインを拒否', en: 'refused the login' },
      { code: 'DB_NO_DATABASE', url: withUrl(testPgUrl(), (u) => (u.pathname = '/no_such_db')), ja: 'データベースがありません', en: 'has no database' },
    ] as const;
  };

  it('the runtime, the recovery screen (web and Electron start-up), the CLI and test-connection each say which', async () => {
    for (const c of await cases()) {
      // Start-up without recovery (what the CLI does): the AppError, never DB_DAMAGED.
      await expect(startRuntime({ dbPath: c.url, door: 'test', listen: false })).rejects.toMatchObject({ code: c.code });
      // Web mode and Electron start in recovery: the screen gets the code and both sentences.
      const rt = await startSwitchableRuntime({ flag: c.url, door: 'web', recovery: ['DB_UNREACHABLE', 'DB_AUTH', 'DB_NO_DATABASE'], dataDir: dir, vault: pgpassVault(join(dir, 'pgpass')) });
      try {
        const status = await ok(rt, 'startup/status', {});
        expect(status.ok).toBe(false);
        expect(status.error?.code).toBe(c.code);
        expect(status.error?.details.messages.ja).toContain(c.ja);
        expect(status.error?.details.messages.en).toContain(c.en);
        expect(status.dbPath).not.toContain('sakura@'); // the password never shows
        // Test-connection from the screen gives the same code.
        const probe = await rt.invoke('store/test', { url: c.url });
        expect(probe.ok === false && probe.error.code).toBe(c.code);
      } finally {
        await rt.close();
      }
      const r = await cli('--db', c.url, 'info');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(c.ja);
      expect(r.stderr).toContain(c.en);
      expect(r.stderr).toContain(`(${c.code})`);
      expect(r.stderr).not.toContain(':sakura@');
    }
  });
});

describe('choosing the store in settings', { timeout: 120_000 }, () => {
  it('tests a connection without changing the server, switches, remembers the choice without the password, and --db still wins', async () => {
    const data = mkdtempSync(join(dir, 'data-'));
    const passFile = join(data, 'pgpass');
    const vault = pgpassVault(passFile);
    const server = schemaUrl();
    const schema = new URL(server).searchParams.get('schema')!;
    const password = new URL(server).password;
    const noPassword = withUrl(server, (u) => (u.password = ''));

    const rt = await startSwitchableRuntime({ door: 'test', dataDir: data, vault, env: {}, listen: false });
    try {
      expect((await ok(rt, 'app/info', {})).engine).toBe('sqlite');
      const before = await ok(rt, 'store/get', {});
      expect(before).toMatchObject({ current: { kind: 'file' }, saved: { kind: 'file', url: null }, override: null, passwordStorage: 'pgpass' });
      await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'ON-LAPTOP' }) });

      const probe = await ok(rt, 'store/test', { url: noPassword, password });
      expect(probe).toMatchObject({ engine: 'postgres', user: 'postgres', schema, schemaVersion: 0, tooNew: false });
      expect(probe.server).toMatch(/^PostgreSQL 15/);
      // Testing changed nothing on the server: no schema yet.
      expect((await admin((c) => c.query('select 1 from pg_namespace where nspname = $1', [schema]))).rowCount).toBe(0);

      const wrong = await rt.invoke('store/switch', { kind: 'server', url: noPassword, password: 'wrong' });
      expect(wrong.ok === false && wrong.error.code).toBe('DB_AUTH');
      expect((await ok(rt, 'app/info', {})).engine).toBe('sqlite'); // still on the file

      const after = await ok(rt, 'store/switch', { kind: 'server', url: noPassword, password, remember: true });
      expect(after.current.kind).toBe('server');
      expect(after.current.server).toMatch(/^PostgreSQL 15/);
      expect(after.saved).toEqual({ kind: 'server', url: noPassword, passwordSaved: true });
      const info = await ok(rt, 'app/info', {});
      expect(info).toMatchObject({ engine: 'postgres', user: 'postgres' });
      expect((await ok(rt, 'applications/list', {})).total).toBe(0);
      // The settings file holds the URL and never the password; the pgpass file holds it, 0600.
      const saved = readFileSync(join(data, 'store.json'), 'utf8');
      expect(JSON.parse(saved)).toEqual({ kind: 'server', url: noPassword });
      expect(saved).not.toContain(`:${password}@`);
      expect(saved).not.toContain('password');
      expect(readFileSync(passFile, 'utf8')).toContain(`:${password}`);
      expect(statSync(passFile).mode & 0o777).toBe(0o600);
      const trail = await ok(rt, 'audit/list', { action: 'store/switch' });
      expect(trail.items[0]?.summary).toMatchObject({ to: expect.stringContaining(schema) });
      expect(JSON.stringify(trail.items)).not.toContain(`:${password}@`);
      expect(JSON.stringify(trail.items)).not.toContain('"password"');
    } finally {
      await rt.close();
    }

    // The next start opens the saved server with the remembered password…
    const again = await startSwitchableRuntime({ door: 'test', dataDir: data, vault, env: {}, listen: false });
    try {
      expect((await ok(again, 'app/info', {})).engine).toBe('postgres');
      // …and back to the laptop's file, whose data is still there.
      const back = await ok(again, 'store/switch', { kind: 'file' });
      expect(back.current.kind).toBe('file');
      expect((await ok(again, 'applications/list', {})).items.map((a) => a.applicationNo)).toEqual(['ON-LAPTOP']);
    } finally {
      await again.close();
    }
    // The CLI follows the saved choice too; --db and SAKURA_DB win over it.
    await (await startSwitchableRuntime({ door: 'test', dataDir: data, vault, env: {}, listen: false }).then(async (r) => {
      await ok(r, 'store/switch', { kind: 'server', url: noPassword });
      return r;
    })).close();
    const other = join(dir, 'other.sqlite');
    const flagged = await startSwitchableRuntime({ flag: other, door: 'test', dataDir: data, vault, env: {}, listen: false });
    const envd = await startSwitchableRuntime({ door: 'test', dataDir: data, vault, env: { SAKURA_DB: other }, listen: false });
    try {
      expect((await ok(flagged, 'app/info', {})).dbPath).toBe(other);
      expect((await ok(flagged, 'store/get', {})).override).toBe('flag');
      expect((await ok(envd, 'app/info', {})).dbPath).toBe(other);
      expect((await ok(envd, 'store/get', {})).override).toBe('env');
    } finally {
      await flagged.close();
      await envd.close();
    }
  });

  it('refuses a URL that is not a server connection string, in both languages', async () => {
    const rt = await startSwitchableRuntime({ door: 'test', dataDir: mkdtempSync(join(dir, 'bad-')), vault: pgpassVault(join(dir, 'pp')), env: {}, listen: false });
    try {
      const r = await rt.invoke('store/switch', { kind: 'server', url: 'mysql://x@y/z' });
      expect(r.ok === false && r.error.code).toBe('VALIDATION');
      if (!r.ok) expect(r.error.details.messages.en).toContain('postgres://user@host/database?sslmode=require');
    } finally {
      await rt.close();
    }
  });
});

describe('backups in team mode', { timeout: 120_000 }, () => {
  it('backup runs pg_dump into the backups folder with its sidecar; pg_restore reads it; list backups shows it', async () => {
    expect(findPgTool('pg_dump')).not.toBeNull();
    const server = schemaUrl();
    const data = mkdtempSync(join(dir, 'dump-'));
    const rt = await startRuntime({ dbPath: server, door: 'cli', listen: false, dataDir: data });
    try {
      await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'DUMPED' }) });
      const info = await ok(rt, 'backup/create', {});
      expect(info.file.startsWith(join(data, 'backups'))).toBe(true);
      expect(info.file.endsWith('.dump')).toBe(true);
      expect(info.sizeBytes).toBeGreaterThan(0);
      const side = JSON.parse(readFileSync(`${info.file}.json`, 'utf8'));
      expect(side).toMatchObject({ kind: 'manual', reason: 'manual', engine: 'postgres', schemaVersion: info.schemaVersion });
      const toc = spawnSync(findPgTool('pg_restore')!, ['--list', info.file], { encoding: 'utf8' });
      expect(toc.status, toc.stderr).toBe(0);
      const schema = new URL(server).searchParams.get('schema')!;
      expect(toc.stdout).toContain(`SCHEMA - ${schema}`);
      expect(toc.stdout).toContain('TABLE DATA');
      expect(toc.stdout).toContain(' application ');
      const listed = await ok(rt, 'backup/list', {});
      expect(listed.folder).toBe(join(data, 'backups'));
      expect(listed.items.map((b) => b.file)).toEqual([info.file]);
      // --out: anywhere the CLI is told; restore onto the shared server stays refused.
      const out = join(dir, `out-${randomBytes(3).toString('hex')}.dump`);
      expect((await ok(rt, 'backup/create', { out })).file).toBe(out);
      expect(existsSync(out)).toBe(true);
      const restore = await rt.invoke('backup/restore', { file: info.file });
      expect(restore.ok === false && restore.error.code).toBe('TEAM_MODE');
      if (!restore.ok) expect(restore.error.details.messages.en).toContain('pg_restore');
      expect((await ok(rt, 'applications/list', {})).total).toBe(1);
    } finally {
      await rt.close();
    }
  });

  it('through the CLI: backup prints the file, list backups --json shows it; without pg_dump, TEAM_MODE', async () => {
    const server = schemaUrl();
    const data = mkdtempSync(join(dir, 'cli-'));
    const prev = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = data;
    try {
      const made = await cli('--db', server, 'backup');
      expect(made.code, made.stderr).toBe(0);
      const file = made.stdout.trim();
      expect(file.endsWith('.dump')).toBe(true);
      const listed = await cli('--db', server, 'list', 'backups', '--json');
      expect(JSON.parse(listed.stdout).map((b: { file: string }) => b.file)).toEqual([file]);
      process.env.SAKURA_PG_BIN = '';
      const none = await cli('--db', server, 'backup');
      expect(none.code).toBe(1);
      expect(none.stderr).toContain('pg_dump');
      expect(none.stderr).toContain('pg_dump is not installed');
    } finally {
      delete process.env.SAKURA_PG_BIN;
      if (prev === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = prev;
    }
  });
});

describe('copy checks the target is empty before touching it', { timeout: 120_000 }, () => {
  async function laptop(): Promise<string> {
    const src = join(dir, `src-${randomBytes(3).toString('hex')}.sqlite`);
    const rt = await startRuntime({ dbPath: src, door: 'test', user: 'laptop' });
    await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    await rt.close();
    return src;
  }
  const schemaFacts = (url: string) =>
    admin(async (c) => {
      const r = await c.query(
        `select n.nspname, c.relname, c.reltuples from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') order by 1, 2`,
      );
      return JSON.stringify(r.rows);
    }, url);

  it('an unrelated non-empty PostgreSQL database: exit 1, no schema created, nothing changed', async () => {
    const src = await laptop();
    const name = `other_${randomBytes(4).toString('hex')}`;
    await admin((c) => c.query(`create database ${name}`));
    const url = withUrl(testPgUrl(), (u) => (u.pathname = `/${name}`));
    await admin(async (c) => {
      await c.query('create table things (id int primary key, label text)');
      await c.query("insert into things values (1, 'keep me')");
    }, url);
    const before = await schemaFacts(url);
    const r = await cli('copy', '--from', src, '--to', url);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('空ではありません');
    expect(r.stderr).toContain('public.things');
    expect(await schemaFacts(url)).toBe(before);
    expect((await admin((c) => c.query("select 1 from pg_namespace where nspname = 'sakura'"), url)).rowCount).toBe(0);
    expect((await admin((c) => c.query('select label from things'), url)).rows).toEqual([{ label: 'keep me' }]);
  });

  it('a server schema of a newer app, and one holding data: exit 1, schema for schema unchanged', async () => {
    const src = await laptop();
    const newer = schemaUrl();
    const o = await startRuntime({ dbPath: newer, door: 'test', listen: false });
    await o.open.db.insertInto('kysely_migration' as never).values({ name: '9999-future', timestamp: new Date().toISOString() } as never).execute();
    await o.close();
    const full = schemaUrl();
    const f = await startRuntime({ dbPath: full, door: 'test', listen: false });
    await ok(f, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'THEIRS' }) });
    await f.close();
    for (const url of [newer, full]) {
      const before = await schemaFacts(testPgUrl());
      const r = await cli('copy', '--from', src, '--to', url);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/新しいバージョン|空ではありません/);
      expect(await schemaFacts(testPgUrl())).toBe(before);
    }
    // An empty schema name that does not exist yet: created, copied, counts checked.
    const empty = schemaUrl();
    const r = await cli('copy', '--from', src, '--to', empty);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).tables.find((t: { table: string }) => t.table === 'application')).toEqual({ table: 'application', rows: 1 });
  });

  it('a non-empty SQLite file and one of a newer app are left byte for byte', async () => {
    const src = await laptop();
    const full = await laptop();
    const newer = join(dir, `newer-${randomBytes(3).toString('hex')}.sqlite`);
    const n = await startRuntime({ dbPath: newer, door: 'test' });
    await n.open.db.insertInto('kysely_migration' as never).values({ name: '9999-future', timestamp: new Date().toISOString() } as never).execute();
    await n.close();
    const Better = (await import('better-sqlite3')).default;
    const other = join(dir, `other-${randomBytes(3).toString('hex')}.sqlite`);
    const db = new Better(other);
    db.exec('create table notes (t text)');
    db.close();
    const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    for (const target of [full, newer, other]) {
      const before = sha(target);
      const r = await cli('copy', '--from', src, '--to', target);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/新しいバージョン|空ではありません/);
      expect(sha(target)).toBe(before);
    }
  });
});
