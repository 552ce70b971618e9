// "もう一度試す" on the recovery screen: a start-up failure that can pass (here a file another
// program holds locked) opens on retry once it has passed, and the app's calls work again; while
// it still fails, retry answers the sentence again and changes nothing.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../main/runtime.ts';
import { canRetryStartup, RETRYABLE_STARTUP_FAILURES } from '../../shared/startup.ts';
import { ok, sampleApplication } from './helpers.ts';

const runtimes: Runtime[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const r of runtimes.splice(0)) await r.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

/** A file with one application, closed, its WAL folded in: the file alone is the database. */
async function healthyDb(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sakura-retry-'));
  dirs.push(dir);
  const path = join(dir, 'sakura-desk.sqlite');
  const first = await startRuntime({ dbPath: path, door: 'test', user: 'sato', autoBackups: false });
  await ok(first, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'RETRY-1' }) });
  await first.close();
  return path;
}

async function recoveryRuntime(path: string): Promise<Runtime> {
  const r = await startRuntime({ dbPath: path, door: 'test', user: 'sato', recovery: true, autoBackups: false, openOptions: { busyTimeoutMs: 200 } });
  runtimes.push(r);
  return r;
}

describe('startup/retry', () => {
  it('a file locked by another program opens on retry once the lock is gone', async () => {
    const path = await healthyDb();
    const other = new BetterSqlite3(path);
    other.exec("begin exclusive; update application set title = 'ほかのプログラムの変更' where application_no = 'RETRY-1'");
    let released = false;
    try {
      const rt = await recoveryRuntime(path);
      const first = await ok(rt, 'startup/status', {});
      expect(first.ok).toBe(false);
      expect(first.error?.code).toBe('DB_BUSY');
      expect(canRetryStartup(first.error?.code)).toBe(true);
      const denied = await rt.invoke('applications/list', {});
      expect(denied.ok === false && denied.error.code).toBe('DB_BUSY');

      // Still locked: the same sentence again, and the file is as it was.
      const before = sha(path);
      const still = await ok(rt, 'startup/retry', {});
      expect(still.ok).toBe(false);
      expect(still.error?.code).toBe('DB_BUSY');
      expect(still.error?.details.messages.en).toContain('in use by another program');
      expect(sha(path)).toBe(before);

      other.exec('rollback');
      other.close();
      released = true;
      const again = await ok(rt, 'startup/retry', {});
      expect(again).toMatchObject({ ok: true, error: null });
      expect((await ok(rt, 'startup/status', {})).ok).toBe(true);
      const list = await ok(rt, 'applications/list', {});
      // The other program's change was rolled back: the file opened is the one it left behind.
      expect(list.items.map((a) => a.applicationNo)).toEqual(['RETRY-1']);
      expect(list.items[0]?.title).not.toBe('ほかのプログラムの変更');
      // A second retry with the store open only reports it.
      expect((await ok(rt, 'startup/retry', {})).ok).toBe(true);
    } finally {
      if (!released) {
        other.exec('rollback');
        other.close();
      }
    }
  });

  it('answers the status when the store opened in the first place', async () => {
    const path = await healthyDb();
    const rt = await recoveryRuntime(path);
    expect(await ok(rt, 'startup/retry', {})).toMatchObject({ ok: true, error: null });
  });

  it('offers retry for the failures that can pass, not for damage or a refused login', () => {
    for (const code of ['DB_BUSY', 'DB_READ_ONLY', 'DB_DISK_FULL', 'DB_UNREACHABLE']) expect(canRetryStartup(code), code).toBe(true);
    for (const code of ['DB_DAMAGED', 'DB_EMPTY', 'DB_NOT_SQLITE', 'DB_TOO_NEW', 'DB_AUTH', null]) expect(canRetryStartup(code), String(code)).toBe(false);
    expect(RETRYABLE_STARTUP_FAILURES.length).toBeGreaterThan(0);
  });
});
