// Backups and restore through every door's handlers and the CLI (in-process): automatic copies at
// start-up, before migrations and bulk writes; restore that keeps the current file and refuses bad
// ones with nothing changed; recovery from a damaged database; doctor; rotation.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index.ts';
import { openDatabase } from '../../db/open.ts';
import { startRuntime, type Runtime } from '../../main/runtime.ts';
import { backupsToDelete, DEFAULT_ROTATION } from '../../shared/backup-rotation.ts';
import { applicationsCsv } from './fixtures/apps-csv.ts';
import { ok, sampleApplication } from './helpers.ts';
import { sqliteOf } from '../../db/store.ts';
import { cliCapture } from './cli-capture.ts';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
/** Every row of every table: opening a WAL database may rewrite its bytes, never its content. */
function content(path: string): unknown {
  const raw = new BetterSqlite3(path, { readonly: true });
  try {
    const tables = (raw.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]).map((t) => t.name);
    return { userVersion: raw.pragma('user_version', { simple: true }), rows: tables.map((t) => [t, raw.prepare(`select * from "${t}" order by 1`).all()]) };
  } finally {
    raw.close();
  }
}
const tmpDb = () => join(mkdtempSync(join(tmpdir(), 'sakura-bk-')), 'sakura-desk.sqlite');
const runtimes: Runtime[] = [];
afterEach(async () => {
  for (const r of runtimes.splice(0)) await r.close();
});

async function rt(dbPath: string, extra: Partial<Parameters<typeof startRuntime>[0]> = {}): Promise<Runtime> {
  const r = await startRuntime({ dbPath, door: 'test', user: 'sato', ...extra });
  runtimes.push(r);
  return r;
}

const cli = (dbPath: string, ...args: string[]) => cliCapture('--db', dbPath, ...args);

async function titles(r: Runtime): Promise<string[]> {
  return (await r.open.db.selectFrom('application').select('title').orderBy('application_no').execute()).map((x) => x.title);
}

describe('backups', () => {
  it('backup prints the file it wrote; list backups --json lists it newest first with its facts', async () => {
    const db = tmpDb();
    const r = await rt(db);
    await ok(r, 'applications/save', { id: null, data: sampleApplication() });
    await r.close();

    const made = await cli(db, 'backup');
    expect(made.code).toBe(0);
    const file = made.stdout.trim();
    expect(dirname(file)).toBe(join(dirname(db), 'backups'));
    expect(existsSync(file)).toBe(true);
    expect(new BetterSqlite3(file, { readonly: true }).pragma('quick_check', { simple: true })).toBe('ok');

    const out = join(dirname(db), 'elsewhere', 'copy.sqlite');
    const outRun = await cli(db, 'backup', '--out', out);
    expect(outRun.stdout.trim()).toBe(out);
    expect(existsSync(out)).toBe(true);

    const listed = await cli(db, 'list', 'backups', '--json');
    const rows = JSON.parse(listed.stdout) as { file: string; createdAt: string; reason: string; sizeBytes: number; schemaVersion: number }[];
    expect(Object.keys(rows[0]!).sort()).toEqual(['createdAt', 'file', 'reason', 'schemaVersion', 'sizeBytes']);
    expect(rows[0]).toMatchObject({ file, reason: 'manual', schemaVersion: Object.keys(migrations).length, sizeBytes: readFileSync(file).length });
    // The daily copy made when the CLI opened the existing file comes before the manual one.
    expect(rows.map((x) => x.reason)).toEqual(['manual', 'daily']);
    expect(rows[0]!.createdAt >= rows[1]!.createdAt).toBe(true);
  });

  it('at start-up at most once a day; not for a brand-new file', async () => {
    const db = tmpDb();
    await (await rt(db)).close();
    expect(existsSync(join(dirname(db), 'backups'))).toBe(false);
    const day1 = new Date('2026-12-01T01:00:00Z');
    await (await rt(db, { now: () => day1 })).close();
    await (await rt(db, { now: () => new Date(day1.getTime() + 3600_000) })).close();
    const r = await rt(db, { now: () => new Date(day1.getTime() + 26 * 3600_000) });
    const daily = (await ok(r, 'backup/list', {})).items.filter((b) => b.kind === 'daily');
    expect(daily.map((b) => b.createdAt)).toEqual(['2026-12-02T03:00:00.000Z', '2026-12-01T01:00:00.000Z']);
  });

  it('before every bulk write, named after the operation', async () => {
    const db = tmpDb();
    const r = await rt(db);
    await ok(r, 'applications/import', applicationsCsv(['SS-1', 'SS-2']));
    const a = await ok(r, 'institutions/save', { id: null, nameJa: '東北大学 工学部', nameEn: null, country: 'JP', kind: 'university' });
    const b = await ok(r, 'institutions/save', { id: null, nameJa: '東北大学工学部', nameEn: null, country: 'JP', kind: 'university' });
    await ok(r, 'institutions/merge', { keepId: a.id, mergeIds: [b.id] });
    const reasons = (await ok(r, 'backup/list', {})).items.map((x) => x.reason);
    expect(reasons).toEqual(['before merge institutions', 'before import applications']);
    // The pre-import copy holds the database as it was before the import: no applications.
    const pre = (await ok(r, 'backup/list', {})).items[1]!;
    const raw = new BetterSqlite3(pre.file, { readonly: true });
    expect(raw.prepare('select count(*) n from application').get()).toEqual({ n: 0 });
    raw.close();
  });

  it('before a migration, on a database that holds data', async () => {
    const db = tmpDb();
    const older: Record<string, Migration> = Object.fromEntries(Object.entries(migrations).slice(0, -1));
    const o = await openDatabase(db, { migrations: older });
    await o.db.insertInto('institution').values({ id: 'i1', name_ja: '京都大学', name_en: null, normalized_name: '京都大学', country: 'JP', kind: 'university', created_at: 'x', updated_at: 'x' }).execute();
    await o.close();
    const r = await rt(db);
    const items = (await ok(r, 'backup/list', {})).items;
    const pre = items.find((b) => b.reason.startsWith('before migration'))!;
    expect(pre.reason).toBe(`before migration ${Object.keys(migrations).at(-1)}`);
    expect(pre.schemaVersion).toBe(Object.keys(older).length);
  });
});

describe('restore', () => {
  it('keeps the current database as a backup, swaps the open database, and the app sees the restored data', async () => {
    const db = tmpDb();
    const r = await rt(db);
    const app = await ok(r, 'applications/save', { id: null, data: sampleApplication({ title: '昨日のタイトル' }) });
    const yesterday = await ok(r, 'backup/create', {});
    await ok(r, 'applications/save', { id: app.id, data: sampleApplication({ title: '今日の変更' }) });
    await ok(r, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'A-002' }) });

    const res = await ok(r, 'backup/restore', { file: yesterday.file });
    expect(res.keptAs).toMatch(/before-restore\.sqlite$/);
    // Same runtime, every later call on the restored file.
    expect(await titles(r)).toEqual(['昨日のタイトル']);
    expect((await ok(r, 'applications/list', {})).total).toBe(1);
    // The pre-restore copy holds today's work.
    const kept = new BetterSqlite3(res.keptAs!, { readonly: true });
    expect(kept.prepare('select count(*) n from application').get()).toEqual({ n: 2 });
    kept.close();
    const audit = await ok(r, 'audit/list', { entity: 'backup' });
    expect(audit.items[0]).toMatchObject({ action: 'backup/restore', user: 'sato' });
  });

  it('the laptop loses its database file: restore yesterday’s backup from the CLI and find everything', async () => {
    const db = tmpDb();
    const r = await rt(db);
    await ok(r, 'applications/import', applicationsCsv(['SS-1', 'SS-2', 'SS-3']));
    const backup = await ok(r, 'backup/create', {});
    await r.close();
    // The file and its WAL are gone, as on a lost or wiped laptop; the backups folder survives.
    for (const f of readdirSync(dirname(db))) if (f.startsWith(basename(db))) rmSync(join(dirname(db), f));
    const res = await cli(db, 'restore', backup.file);
    expect(res.code).toBe(0);
    const again = await rt(db);
    expect((await ok(again, 'applications/list', {})).items.map((a) => a.applicationNo).sort()).toEqual(['SS-1', 'SS-2', 'SS-3']);
  });

  const badFiles: [string, (dir: string) => string, string][] = [
    ['not SQLite', (dir) => (writeFileSync(join(dir, 'x.sqlite'), 'これはバックアップではありません'.repeat(40)), join(dir, 'x.sqlite')), 'SQLite ファイルではない'],
    [
      'failing integrity_check',
      (dir) => {
        const p = join(dir, 'bad.sqlite');
        const raw = new BetterSqlite3(p);
        raw.pragma('page_size = 1024');
        raw.exec("create table kysely_migration (name text primary key, timestamp text); insert into kysely_migration values ('0001-initial', 'x'); create table t (a text); create index t_a on t(a);");
        const ins = raw.prepare('insert into t values (?)');
        raw.transaction(() => {
          for (let i = 0; i < 3000; i++) ins.run(`row-${i}-${'x'.repeat(50)}`);
        })();
        raw.close();
        // Swap index pages' bytes: the file stays SQLite, integrity_check finds the index wrong.
        const bytes = readFileSync(p);
        for (let i = bytes.length - 40 * 1024; i < bytes.length - 20 * 1024; i++) bytes[i] = (bytes[i]! + 1) & 0xff;
        writeFileSync(p, bytes);
        return p;
      },
      '破損',
    ],
    [
      'from a newer version',
      (dir) => {
        const p = join(dir, 'new.sqlite');
        const raw = new BetterSqlite3(p);
        raw.exec("create table kysely_migration (name text primary key, timestamp text); insert into kysely_migration values ('9999-future', 'x');");
        raw.pragma('user_version = 99');
        raw.close();
        return p;
      },
      '新しいバージョン',
    ],
  ];
  for (const [what, make, sentence] of badFiles) {
    it(`refuses a backup ${what}: exit 1, nothing changed`, async () => {
      const db = tmpDb();
      const r = await rt(db);
      await ok(r, 'applications/save', { id: null, data: sampleApplication() });
      await r.close();
      const bad = make(mkdtempSync(join(tmpdir(), 'sakura-bad-')));
      const badSha = sha(bad);
      const before = content(db);
      const res = await cli(db, 'restore', bad);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(sentence);
      expect(res.stderr).toContain('現在のデータベースは変更していません');
      expect(content(db)).toEqual(before);
      expect(sha(bad)).toBe(badSha);
      // No "before restore" copy either: the refusal came before anything was touched.
      expect(readdirSync(join(dirname(db), 'backups')).filter((f) => f.includes('before-restore'))).toEqual([]);
    });
  }

  it('a damaged database opens in recovery: offers the newest good backup, restores it, keeps the damaged file', async () => {
    const db = tmpDb();
    const r = await rt(db);
    await ok(r, 'applications/import', applicationsCsv(Array.from({ length: 300 }, (_, i) => `SS-${i}`)));
    const good = await ok(r, 'backup/create', {});
    sqliteOf(r.open).raw.pragma('wal_checkpoint(TRUNCATE)');
    await r.close();
    const bytes = readFileSync(db);
    for (let i = 4096 * 3; i < Math.min(bytes.length, 4096 * 8); i++) bytes[i] = 0x5a;
    writeFileSync(db, bytes);
    const damagedSha = sha(db);

    await expect(startRuntime({ dbPath: db, door: 'test' })).rejects.toMatchObject({ code: 'DB_DAMAGED' });
    const rec = await rt(db, { recovery: true });
    const status = await ok(rec, 'startup/status', {});
    expect(status.ok).toBe(false);
    expect(status.error?.code).toBe('DB_DAMAGED');
    expect(status.newestGoodBackup?.file).toBe(good.file);
    // Other calls answer with the start-up error, not a crash.
    const denied = await rec.invoke('applications/list', {});
    expect(denied.ok === false && denied.error.code).toBe('DB_DAMAGED');
    const doctor = await cli(db, 'doctor', '--json');
    expect(doctor.code).toBe(1);
    expect(JSON.parse(doctor.stdout).integrity).not.toBe('ok');

    const res = await ok(rec, 'backup/restore', { file: good.file });
    expect(sha(res.keptAs!)).toBe(damagedSha);
    expect((await ok(rec, 'applications/list', { limit: 1 })).total).toBe(300);
    expect((await ok(rec, 'startup/status', {})).ok).toBe(true);
  });
});

describe('doctor', () => {
  it('doctor --json reports integrity, versions, size and the backups', async () => {
    const db = tmpDb();
    await (await rt(db)).close();
    await cli(db, 'backup');
    const d = await cli(db, 'doctor', '--json');
    expect(d.code).toBe(0);
    const v = JSON.parse(d.stdout) as Record<string, unknown>;
    expect(Object.keys(v).sort()).toEqual(['appVersion', 'backups', 'integrity', 'lastBackupAt', 'schemaVersion', 'sizeBytes']);
    expect(v).toMatchObject({ integrity: 'ok', schemaVersion: Object.keys(migrations).length, appVersion: '0.1.0' });
    expect(v.backups).toBeGreaterThanOrEqual(1);
    expect(typeof v.lastBackupAt).toBe('string');
    expect(v.sizeBytes).toBe(readFileSync(db).length);
  });
});

describe('rotation', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const ago = (days: number) => new Date(now.getTime() - days * 86400_000).toISOString();
  const b = (file: string, days: number, kind: 'daily' | 'operation' | 'manual', mb = 1) => ({ file, createdAt: ago(days), kind, sizeBytes: mb * 1024 * 1024 });
  const cases: [string, ReturnType<typeof b>[], Partial<typeof DEFAULT_ROTATION>, string[]][] = [
    ['daily kept 14 days', [b('d1', 1, 'daily'), b('d14', 14, 'daily'), b('d15', 15, 'daily')], {}, ['d15']],
    ['pre-operation kept 30 days', [b('o1', 1, 'operation'), b('o29', 29, 'operation'), b('o31', 31, 'operation')], {}, ['o31']],
    ['manual ones are not aged out', [b('m1', 1, 'manual'), b('m400', 400, 'manual')], {}, []],
    ['the size cap removes the oldest first', [b('a', 1, 'manual', 400), b('b', 2, 'operation', 400), b('c', 3, 'daily', 400)], { maxTotalMb: 1000 }, ['c']],
    ['the newest is kept even over the cap', [b('huge', 0, 'manual', 5000), b('old', 1, 'daily')], { maxTotalMb: 100 }, ['old']],
    ['settings change the ages', [b('d3', 3, 'daily'), b('o3', 3.5, 'operation'), b('n', 0, 'daily')], { dailyKeepDays: 2, operationKeepDays: 3 }, ['d3', 'o3']],
  ];
  for (const [name, list, s, expected] of cases) {
    it(name, () => expect(backupsToDelete(list, { ...DEFAULT_ROTATION, ...s }, now).sort()).toEqual(expected.sort()));
  }

  it('is applied after each backup, using the saved settings', async () => {
    const db = tmpDb();
    const r = await rt(db);
    await ok(r, 'backup/saveSettings', { dailyKeepDays: 14, operationKeepDays: 30, maxTotalMb: 10 });
    for (let i = 0; i < 3; i++) await ok(r, 'backup/create', {});
    expect((await ok(r, 'backup/list', {})).items.length).toBe(3);
    expect((await ok(r, 'backup/list', {})).settings.maxTotalMb).toBe(10);
  });
});

describe('through the app’s doors', () => {
  it('the page can restore only a listed backup and cannot write a backup elsewhere', async () => {
    const db = tmpDb();
    const r = await rt(db, { door: 'web' });
    const listed = await ok(r, 'backup/create', {});
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'sakura-else-')), 'x.sqlite');
    const out = await r.invoke('backup/create', { out: elsewhere });
    expect(out.ok === false && out.error.code).toBe('FORBIDDEN');
    expect(existsSync(elsewhere)).toBe(false);
    const copy = join(dirname(listed.file), '..', 'copy.sqlite');
    writeFileSync(copy, readFileSync(listed.file));
    const foreign = await r.invoke('backup/restore', { file: copy });
    expect(foreign.ok === false && foreign.error.code).toBe('FORBIDDEN');
    expect((await ok(r, 'backup/restore', { file: listed.file })).restoredFrom).toBe(listed.file);
  });
});
