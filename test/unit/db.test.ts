import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids.ts';
import { LATEST_SCHEMA_VERSION, migrations } from '../../db/migrations/index.ts';
import { openDatabase, type OpenDb } from '../../db/open.ts';
import { AppError } from '../../shared/errors.ts';

const opened: OpenDb[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});
const tmp = () => mkdtempSync(join(tmpdir(), 'sakura-db-'));
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

async function refusal(path: string): Promise<AppError> {
  try {
    opened.push(await openDatabase(path));
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected the database to be refused');
}

describe('opening the database', () => {
  it('creates every table and the built-in track record on a fresh file, with the required pragmas', async () => {
    const path = join(tmp(), 'new.sqlite');
    const o = await openDatabase(path);
    opened.push(o);
    expect(o.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(o.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(o.raw.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(Number(o.raw.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    expect(o.raw.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const record = await o.db.selectFrom('track_record').selectAll().orderBy('fiscal_year').execute();
    expect(record.map((r) => [r.fiscal_year, r.applications, r.adoptions])).toEqual([
      [2014, 574, 283],
      [2015, 636, 391],
      [2016, 631, 454],
      [2017, 608, 492],
      [2018, 688, 502],
      [2019, 704, 557],
    ]);
  });

  it('reopens its own file without re-running migrations', async () => {
    const path = join(tmp(), 'again.sqlite');
    await (await openDatabase(path)).close();
    const o = await openDatabase(path);
    opened.push(o);
    const ran = await o.db.selectFrom('kysely_migration' as never).selectAll().execute();
    expect(ran).toHaveLength(Object.keys(migrations).length);
  });

  it('refuses a database written by a newer app (user_version) and leaves it untouched', async () => {
    const path = join(tmp(), 'future.sqlite');
    await (await openDatabase(path)).close();
    const raw = new BetterSqlite3(path);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = sha(path);
    const err = await refusal(path);
    expect(err.code).toBe('DB_TOO_NEW');
    expect(err.messages.ja).toContain('新しいバージョン');
    expect(sha(path)).toBe(before);
  });

  it('refuses a database with a migration this app does not know', async () => {
    const path = join(tmp(), 'future2.sqlite');
    await (await openDatabase(path)).close();
    const raw = new BetterSqlite3(path);
    raw.prepare("insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01')").run();
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = sha(path);
    expect((await refusal(path)).code).toBe('DB_TOO_NEW');
    expect(sha(path)).toBe(before);
  });

  it('refuses a file that is not SQLite and never overwrites it', async () => {
    const path = join(tmp(), 'notes.sqlite');
    writeFileSync(path, '応募一覧のメモ。これはデータベースではありません。\n'.repeat(50));
    const before = sha(path);
    const err = await refusal(path);
    expect(err.code).toBe('DB_NOT_SQLITE');
    expect(err.messages.en).toContain('left untouched');
    expect(sha(path)).toBe(before);
  });

  it('refuses a damaged SQLite file (fails quick_check) and leaves it as it was', async () => {
    const path = join(tmp(), 'damaged.sqlite');
    const o = await openDatabase(path);
    await o.db.insertInto('institution').values(
      Array.from({ length: 400 }, (_, i) => ({
        id: newId(),
        name_ja: `機関${i}`,
        name_en: null,
        normalized_name: `機関${i}`,
        country: 'JP',
        kind: 'university',
        created_at: 'x',
        updated_at: 'x',
      })),
    ).execute();
    o.raw.pragma('wal_checkpoint(TRUNCATE)');
    o.raw.pragma('journal_mode = DELETE');
    await o.close();
    // Scribble over the middle of the file, past the header page.
    const bytes = readFileSync(path);
    for (let i = 4096 * 2; i < Math.min(bytes.length, 4096 * 5); i++) bytes[i] = 0xa5;
    writeFileSync(path, bytes);
    const before = sha(path);
    const err = await refusal(path);
    expect(err.code).toBe('DB_DAMAGED');
    expect(sha(path)).toBe(before);
  });
});

describe('ids', () => {
  it('are UUIDv7: text, unique, time-ordered', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => newId(1_700_000_000_000 + i));
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });
});
