// scripts/node.mjs and scripts/cli.mjs on a machine whose own Node is too old for better-sqlite3
// 13 (Node 20, as ours have): they run the app's code on the Node 24 that npm installed from the
// registry. Skipped where no such old Node is on the machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => existsSync(p));
const systemMajor = systemNode ? Number(spawnSync(systemNode, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout.trim()) : null;
const dir = mkdtempSync(join(tmpdir(), 'sakura-node-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Node that runs the app', () => {
  it('is the one running the tests, and it can open SQLite (Node >= 22)', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'node.mjs')], { encoding: 'utf8' });
    expect(r.stdout).toContain(process.version);
  });

  it.skipIf(!systemNode || systemMajor === null || systemMajor >= 22)('is the registry Node 24 when launched from the machine’s old Node', () => {
    const chosen = spawnSync(systemNode!, [join(root, 'scripts', 'node.mjs')], { encoding: 'utf8' });
    expect(chosen.status).toBe(0);
    expect(chosen.stdout).toMatch(/node_modules[\\/]node-[a-z]+-[a-z0-9]+[\\/]bin[\\/]node(\.exe)? \(v24\.\d+\.\d+, node-/);
    // The CLI opens a database through better-sqlite3 13 although this Node would crash on it.
    const info = spawnSync(systemNode!, [join(root, 'scripts', 'cli.mjs'), '--db', join(dir, 'x.sqlite'), 'info'], { encoding: 'utf8' });
    expect(info.stderr).toBe('');
    expect(info.status).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ door: 'cli', schemaVersion: expect.any(Number) });
    // And a failing command still exits 1 with a sentence.
    const bad = spawnSync(systemNode!, [join(root, 'scripts', 'cli.mjs'), 'frobnicate'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('unknown command');
  });
});
