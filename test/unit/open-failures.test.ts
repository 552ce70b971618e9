// Every way the database can fail to open, each with its own sentence and "damaged" only for a
// failed integrity check. The read-only cases run as a non-root user, since root ignores
// permissions; the full disk is a real, filled tmpfs where the machine allows mounting one.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { classifySqliteError } from '../../db/sqlite-file.ts';
import { AppError } from '../../shared/errors.ts';

const root = resolve(import.meta.dirname, '..', '..');
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const c of cleanups.reverse()) c();
});

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'sakura-open-'));
  chmodSync(d, 0o755); // the non-root probe must be able to enter it
  return d;
}

async function healthyDb(dir: string, name = 'sakura-desk.sqlite'): Promise<string> {
  const path = join(dir, name);
  const o = await openDatabase(path);
  await o.db
    .insertInto('institution')
    .values({ id: 'i1', name_ja: '東北大学', name_en: null, normalized_name: '東北大学', country: 'JP', kind: 'university', created_at: 'x', updated_at: 'x' })
    .execute();
  // Fold the WAL into the main file, so the file alone is the database.
  o.raw.pragma('wal_checkpoint(TRUNCATE)');
  await o.close();
  return path;
}

interface Outcome {
  code: string;
  ja: string;
  en: string;
}

async function openHere(path: string): Promise<Outcome> {
  try {
    const o = await openDatabase(path, { busyTimeoutMs: 200 });
    await o.close();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const a = e as AppError;
    return { code: a.code, ja: a.messages.ja, en: a.messages.en };
  }
  throw new Error(`expected ${path} to be refused`);
}

const isRoot = process.getuid?.() === 0;

/** As `nobody` when we are root (root ignores permissions), else as ourselves. */
function openAsNonRoot(path: string): Outcome {
  const probe = join(root, 'test', 'unit', 'fixtures', 'open-probe.ts');
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const cmd = isRoot ? ['runuser', ['-u', 'nobody', '--', tsx, probe, path]] : [tsx, [probe, path]];
  const r = spawnSync(cmd[0] as string, cmd[1] as string[], { encoding: 'utf8', env: { ...process.env, HOME: '/tmp' }, timeout: 60_000 });
  const parsed = JSON.parse(r.stdout || '{}') as Outcome & { opened?: boolean; crash?: string };
  if (!parsed.code) throw new Error(`probe did not refuse: ${r.stdout} ${r.stderr}`);
  return parsed;
}

const seen: Outcome[] = [];

describe('start-up failures, each with its own sentence', () => {
  it('busy in another program', async () => {
    const path = await healthyDb(tmp());
    const other = new BetterSqlite3(path);
    other.exec("begin exclusive; update institution set name_en = 'Tohoku' where id = 'i1'");
    try {
      const o = await openHere(path);
      seen.push(o);
      expect(o.code).toBe('DB_BUSY');
      expect(o.ja).toContain('別のプログラムが使用中');
      expect(o.en).toContain('in use by another program');
    } finally {
      other.exec('rollback');
      other.close();
    }
  });

  it('a read-only file (opened as a non-root user)', async () => {
    const path = await healthyDb(tmp());
    chmodSync(path, 0o444);
    const before = sha(path);
    const o = openAsNonRoot(path);
    seen.push(o);
    expect(o.code).toBe('DB_READ_ONLY');
    expect(o.ja).toContain('読み取り専用のため書き込めません');
    expect(o.en).toContain('is read-only');
    expect(sha(path)).toBe(before);
  });

  it('a read-only folder (opened as a non-root user)', async () => {
    const dir = tmp();
    const path = await healthyDb(dir);
    chmodSync(path, 0o666); // the file itself is writable: only the folder is not
    chmodSync(dir, 0o555);
    cleanups.push(() => chmodSync(dir, 0o755));
    const o = openAsNonRoot(path);
    seen.push(o);
    expect(o.code).toBe('DB_READ_ONLY');
    expect(o.ja).toContain('フォルダーに書き込めません');
    expect(o.en).toContain('folder holding the database');
  });

  it('a full disk (a small tmpfs filled to the brim)', async () => {
    const dir = tmp();
    let mounted = false;
    if (isRoot) {
      mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir]).status === 0;
      if (mounted) cleanups.push(() => execFileSync('umount', [dir]));
    }
    const path = await healthyDb(dir);
    if (mounted) {
      // Fill what is left, chunk by chunk, until the file system says ENOSPC.
      const chunk = Buffer.alloc(64 * 1024, 1);
      let i = 0;
      try {
        for (;;) writeFileSync(join(dir, `filler-${i++}`), chunk);
      } catch (e) {
        expect((e as { code?: string }).code).toBe('ENOSPC');
      }
      const o = await openHere(path);
      seen.push(o);
      expect(o.code).toBe('DB_DISK_FULL');
      expect(o.ja).toContain('空き容量がありません');
    } else {
      // Without the right to mount: the same check, told the volume has 4 KB left.
      const e = await openDatabase(path, { freeBytes: () => 4096 }).then(
        () => null,
        (err: AppError) => err,
      );
      expect(e?.code).toBe('DB_DISK_FULL');
      seen.push({ code: e!.code, ja: e!.messages.ja, en: e!.messages.en });
    }
    // SQLite's own "disk full" during a write reads the same.
    expect(classifySqliteError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), path).code).toBe('DB_DISK_FULL');
  });

  it('the path is a folder', async () => {
    const dir = join(tmp(), 'sakura-desk.sqlite');
    mkdirSync(dir);
    const o = await openHere(dir);
    seen.push(o);
    expect(o.code).toBe('DB_IS_FOLDER');
    expect(o.ja).toContain('フォルダーで、データベースファイルではありません');
  });

  it('a 0-byte file the app did not just create (a failed copy) is refused and left as it is', async () => {
    const path = join(tmp(), 'sakura-desk.sqlite');
    writeFileSync(path, '');
    const o = await openHere(path);
    seen.push(o);
    expect(o.code).toBe('DB_EMPTY');
    expect(o.ja).toContain('空（0 バイト）');
    expect(readFileSync(path).length).toBe(0);
  });

  it('not SQLite', async () => {
    const path = join(tmp(), 'sakura-desk.sqlite');
    writeFileSync(path, 'PK\u0003\u0004 an Excel file renamed by mistake'.repeat(20));
    const before = sha(path);
    const o = await openHere(path);
    seen.push(o);
    expect(o.code).toBe('DB_NOT_SQLITE');
    expect(o.ja).toContain('SQLite ファイルではない');
    expect(sha(path)).toBe(before);
  });

  it('a failed integrity check: the only case called damaged', async () => {
    const dir = tmp();
    const path = join(dir, 'sakura-desk.sqlite');
    const o0 = await openDatabase(path);
    await o0.db
      .insertInto('institution')
      .values(Array.from({ length: 400 }, (_, i) => ({ id: `i${i}`, name_ja: `機関${i}`, name_en: null, normalized_name: `機関${i}`, country: 'JP', kind: 'university', created_at: 'x', updated_at: 'x' })))
      .execute();
    o0.raw.pragma('wal_checkpoint(TRUNCATE)');
    await o0.close();
    const bytes = readFileSync(path);
    for (let i = 4096 * 2; i < Math.min(bytes.length, 4096 * 5); i++) bytes[i] = 0xa5;
    writeFileSync(path, bytes);
    const before = sha(path);
    const o = await openHere(path);
    expect(o.code).toBe('DB_DAMAGED');
    expect(o.ja).toContain('破損しています');
    expect(o.en).toContain('damaged');
    expect(sha(path)).toBe(before);
    // No other failure above was called damaged or sent staff to a backup.
    expect(seen.length).toBe(7);
    for (const s of seen) {
      expect(s.ja).not.toContain('破損');
      expect(s.en).not.toContain('damaged (');
    }
    expect(new Set(seen.map((s) => s.ja)).size).toBe(seen.length);
  });

  it('written by a newer version', async () => {
    const path = await healthyDb(tmp());
    const raw = new BetterSqlite3(path);
    raw.pragma('user_version = 999');
    raw.close();
    const o = await openHere(path);
    expect(o.code).toBe('DB_TOO_NEW');
    expect(o.ja).toContain('新しいバージョン');
  });
});
