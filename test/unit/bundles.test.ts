// The bundled CLI and web mode (scripts/build-node.mjs): up to date after the global setup, and
// exceljs / iconv-lite are loaded only by the commands that read or write spreadsheets.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureNodeBundle, newestSource } from '../../scripts/build-node.mjs';

const root = process.cwd();
const bundle = join(root, 'dist', 'node', 'cli.cjs');
const dir = mkdtempSync(join(tmpdir(), 'sakura-bundles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the bundled CLI in a fresh Node; prints which lazy modules ended up loaded. */
function runAndListLoaded(args: string[]) {
  const code = `require(${JSON.stringify(bundle)}).main(process.argv.slice(1)).then((c) => {
    const loaded = Object.keys(require.cache).map((k) => k.match(/node_modules[\\\\/](exceljs|iconv-lite)[\\\\/]/)?.[1]).filter(Boolean);
    process.stderr.write('LOADED ' + JSON.stringify([...new Set(loaded)].sort()) + '\\n');
    process.exitCode = c;
  })`;
  const r = spawnSync(process.execPath, ['-e', code, '--', ...args], { encoding: 'utf8' });
  const loaded = JSON.parse(r.stderr.match(/LOADED (.*)/)?.[1] ?? 'null') as string[] | null;
  return { code: r.status, stdout: r.stdout, loaded };
}

describe('the Node bundles', () => {
  it('are up to date with the sources, so no rebuild happens', async () => {
    expect(statSync(bundle).mtimeMs).toBeGreaterThanOrEqual(newestSource());
    expect(await ensureNodeBundle('cli.cjs')).toBe(false);
    expect(await ensureNodeBundle('web.cjs')).toBe(false);
  });

  it('do not load exceljs or iconv-lite for `info`, and do for `export template`', () => {
    const info = runAndListLoaded(['--db', join(dir, 'a.sqlite'), 'info']);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ door: 'cli' });
    expect(info.loaded).toEqual([]);
    const tpl = runAndListLoaded(['--db', join(dir, 'a.sqlite'), 'export', 'template', '--out', join(dir, 't.xlsx')]);
    expect(tpl.code).toBe(0);
    expect(statSync(join(dir, 't.xlsx')).size).toBeGreaterThan(1000);
    expect(tpl.loaded).toContain('exceljs');
  });
});
