// The prepared-statement cache under Kysely's SQLite driver (db/statement-cache.ts): the same SQL is
// prepared once, the cache stays bounded, a schema change or a busy statement never gives a wrong
// or failing answer, and a restore's new connection starts with its own cache.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AtomicSqliteDialect } from '../../db/migrate.ts';
import { statementCacheOf, withStatementCache } from '../../db/statement-cache.ts';
import { sqliteOf } from '../../db/store.ts';
import { startRuntime, type Runtime } from '../../main/runtime.ts';
import { ok, sampleApplication } from './helpers.ts';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

function kyselyOn(raw: BetterSqlite3.Database, size?: number) {
  const db = new Kysely<any>({ dialect: new AtomicSqliteDialect({ database: raw, ...(size ? { statementCacheSize: size } : {}) }) });
  open.push({ close: () => db.destroy() });
  return { db, cache: statementCacheOf(raw)! };
}

describe('statement cache', () => {
  it('prepares the same SQL once, binding each run its own values', async () => {
    const raw = new BetterSqlite3(':memory:');
    const { db, cache } = kyselyOn(raw);
    await sql`create table t (id integer primary key, name text)`.execute(db);
    for (const [id, name] of [[1, 'a'], [2, 'b'], [3, 'c']] as const) await db.insertInto('t').values({ id, name }).execute();
    const before = cache.prepares;
    const names = [];
    for (const id of [1, 2, 3, 2]) names.push((await db.selectFrom('t').select('name').where('id', '=', id).executeTakeFirst())?.name);
    expect(names).toEqual(['a', 'b', 'c', 'b']);
    expect(cache.prepares - before).toBe(1);
  });

  it('stays bounded, dropping the least recently used statement first', async () => {
    const raw = new BetterSqlite3(':memory:');
    const { db, cache } = kyselyOn(raw, 4);
    const q = (n: number) => sql`select ${sql.lit(n)} as n`.execute(db);
    for (let n = 0; n < 10; n++) await q(n);
    expect(cache.cachedStatements).toBe(4);
    const p = cache.prepares;
    await q(9); // still cached
    expect(cache.prepares).toBe(p);
    await q(0); // dropped long ago
    expect(cache.prepares).toBe(p + 1);
    expect(cache.cachedStatements).toBe(4);
  });

  it('a cached statement sees schema changes (new column, dropped and re-created table)', async () => {
    const raw = new BetterSqlite3(':memory:');
    const { db } = kyselyOn(raw);
    await sql`create table t (id integer primary key)`.execute(db);
    await db.insertInto('t').values({ id: 1 }).execute();
    const all = () => db.selectFrom('t').selectAll().execute();
    expect(await all()).toEqual([{ id: 1 }]);
    await sql`alter table t add column note text default 'x'`.execute(db);
    expect(await all()).toEqual([{ id: 1, note: 'x' }]);
    await sql`drop table t`.execute(db);
    await expect(all()).rejects.toThrow(/no such table/);
    await sql`create table t (id integer primary key, other text)`.execute(db);
    await db.insertInto('t').values({ id: 7, other: 'y' }).execute();
    expect(await all()).toEqual([{ id: 7, other: 'y' }]);
  });

  it('never hands out a statement that is still being iterated', async () => {
    const raw = new BetterSqlite3(':memory:');
    const cached = withStatementCache(raw);
    raw.exec('create table t (id integer); insert into t values (1), (2)');
    const text = 'select id from t order by id';
    const first = cached.prepare(text);
    const it = first.iterate([]);
    expect(it.next().value).toEqual({ id: 1 });
    // Same text while the first is mid-iteration: a separate statement, so both work.
    const second = cached.prepare(text);
    expect(second).not.toBe(first);
    expect(second.all([])).toEqual([{ id: 1 }, { id: 2 }]);
    expect(it.next().value).toEqual({ id: 2 });
    it.return?.();
    expect(cached.prepare(text)).toBe(first);
  });

  it('a restore opens a new connection with its own cache; the old one is closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sakura-stmt-'));
    const rt: Runtime = await startRuntime({ dbPath: join(dir, 'a.sqlite'), door: 'test', user: 't', autoBackups: false, options: { checkOutput: true } });
    open.push(rt);
    await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    const before = sqliteOf(rt.open).raw;
    expect((await ok(rt, 'applications/list', {})).total).toBe(1);
    expect(statementCacheOf(before)!.cachedStatements).toBeGreaterThan(0);
    const backup = await ok(rt, 'backup/create', {});
    await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'A-002', title: '二件目' }) });
    expect((await ok(rt, 'applications/list', {})).total).toBe(2);
    await ok(rt, 'backup/restore', { file: backup.file });
    const after = sqliteOf(rt.open).raw;
    expect(after).not.toBe(before);
    expect(before.open).toBe(false);
    // The restored file's answer, through statements prepared on the new connection.
    expect((await ok(rt, 'applications/list', {})).total).toBe(1);
    expect(statementCacheOf(after)).not.toBe(statementCacheOf(before));
  });
});
