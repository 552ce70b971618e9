// Packaging without packaging: electron-builder.yml through electron-builder's own configuration
// validator (never its build, which needs the Electron download), the files it would pack, and the
// icons made from build/icon.svg.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { LINUX_SIZES, makeIcons } from '../../scripts/icons.mjs';

const root = process.cwd();
const lib = createRequire(createRequire(join(root, 'package.json')).resolve('electron-builder/package.json'));
const config = lib('app-builder-lib/out/util/config/config.js') as {
  getConfig(dir: string, path: string | null, extra: Record<string, unknown> | null): Promise<Record<string, any>>;
  validateConfiguration(c: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = lib('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

describe('electron-builder.yml, through electron-builder’s validator', () => {
  it('is accepted, with the icons and no native rebuild', async () => {
    const cfg = await config.getConfig(root, join(root, 'electron-builder.yml'), null);
    await config.validateConfiguration(cfg, new DebugLogger(false));
    expect(cfg.npmRebuild).toBe(false);
    expect(cfg.win.icon).toBe('build/icon.ico');
    expect(cfg.mac.icon).toBe('build/icon.icns');
    expect(cfg.linux.icon).toBe('build/icons');
    for (const p of [cfg.win.icon, cfg.mac.icon, cfg.linux.icon]) expect(existsSync(join(root, p))).toBe(true);
  });

  it('rejects what is not electron-builder configuration (so the check above means something)', async () => {
    const cfg = await config.getConfig(root, join(root, 'electron-builder.yml'), { npmRebuilt: true });
    await expect(config.validateConfiguration(cfg, new DebugLogger(false))).rejects.toThrow(/npmRebuilt/);
  });
});

/**
 * What `files` selects, by electron-builder's rule: patterns in order, each one including or
 * (with "!") excluding, the last match deciding. ${platform}-${arch} as for a Linux x64 build.
 */
function packed(patterns: string[], paths: string[]): string[] {
  const pats = patterns.map((p) => p.replace('${platform}', 'linux').replace('${arch}', 'x64'));
  return paths.filter((p) => {
    let inside = p.startsWith('node_modules/'); // production dependencies come in by default
    for (const pat of pats) {
      const neg = pat.startsWith('!');
      if (minimatch(p, neg ? pat.slice(1) : pat, { dot: true })) inside = !neg;
    }
    return inside;
  });
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [relative(root, join(dir, e.name)).replace(/\\/g, '/')]));
}

describe('what the installer packs', () => {
  it('packs only the bundles, the page, package.json and better-sqlite3 with one binary', async () => {
    const cfg = await config.getConfig(root, join(root, 'electron-builder.yml'), null);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // Only the native module is a production dependency: everything else is inside the bundles.
    expect(Object.keys(pkg.dependencies)).toEqual(['better-sqlite3']);
    const candidates = [
      'package.json',
      'dist/main/electron.cjs',
      'dist/main/electron.cjs.map',
      'dist/main/import-worker.cjs',
      'dist/main/import-worker.cjs.map',
      'dist/main/preload.cjs',
      'dist/renderer/index.html',
      'dist/node/cli.cjs',
      'dist/node/web.cjs',
      'main/runtime.ts',
      'build/icon.png',
      ...walk(join(root, 'node_modules', 'better-sqlite3')),
      ...walk(join(root, 'node_modules', 'node-addon-api')).slice(0, 5),
    ];
    // getConfig hands `files` back as [{ filter: [...] }]; the YAML's list, in order.
    const patterns = (cfg.files as (string | { filter: string[] })[]).flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    const got = packed(patterns, candidates);
    const sqlite = got.filter((p) => p.startsWith('node_modules/'));
    expect(got.filter((p) => !p.startsWith('node_modules/'))).toEqual(['package.json', 'dist/main/electron.cjs', 'dist/main/import-worker.cjs', 'dist/main/preload.cjs', 'dist/renderer/index.html']);
    expect(sqlite).toContain('node_modules/better-sqlite3/prebuilds/linux-x64.node');
    expect(sqlite).toContain('node_modules/better-sqlite3/lib/index.js');
    expect(sqlite).toContain('node_modules/better-sqlite3/package.json');
    expect(sqlite.filter((p) => p.endsWith('.node'))).toEqual(['node_modules/better-sqlite3/prebuilds/linux-x64.node']);
    expect(sqlite.some((p) => /better-sqlite3\/(deps|src)\//.test(p) || p.includes('node-addon-api'))).toBe(false);
  });
});

describe('app icons from build/icon.svg', () => {
  const svg = readFileSync(join(root, 'build', 'icon.svg'));

  it('are committed as generated from the SVG (npm run icons)', () => {
    const made = makeIcons(svg);
    expect(readFileSync(join(root, 'build', 'icon.png')).equals(made.png)).toBe(true);
    expect(readFileSync(join(root, 'build', 'icon.ico')).equals(made.ico)).toBe(true);
    expect(readFileSync(join(root, 'build', 'icon.icns')).equals(made.icns)).toBe(true);
    for (const s of LINUX_SIZES) expect(readFileSync(join(root, 'build', 'icons', `${s}x${s}.png`)).equals(made.sizes.get(s)!)).toBe(true);
  });

  it('are a 1024 px PNG, an ICO up to 256 px and an ICNS container', () => {
    const png = readFileSync(join(root, 'build', 'icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    const ico = readFileSync(join(root, 'build', 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]); // reserved, type 1 = icon
    const widths = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256);
    expect(widths).toContain(256);
    expect(widths).toContain(16);
    const icns = readFileSync(join(root, 'build', 'icon.icns'));
    expect(icns.subarray(0, 4).toString()).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(statSync(join(root, 'build', 'icon.icns')).size);
    expect(icns.includes(Buffer.from('ic10'))).toBe(true); // the 1024 px entry
  });
});
