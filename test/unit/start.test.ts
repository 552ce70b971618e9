// `npm start` (scripts/start.mjs) with Electron's binary missing: it fetches Electron with
// Electron's own installer from ELECTRON_MIRROR and launches it; when the fetch fails it starts
// web mode, saying why in one line. A stand-in Electron is served from a local mirror, and is
// unpacked into a copy of the electron package, never into the project's node_modules.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyElectronPackage, mirrorFiles, serve } from './start-helpers.ts';

const root = process.cwd();
const version = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sakura-start-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  out: string;
  kill: () => void;
}

/**
 * Runs `node scripts/start.mjs --no-build …` and resolves when it exits or when `until` matches
 * its output (the process is then still running: web mode serves until killed).
 */
function start(env: Record<string, string>, until?: RegExp, args: string[] = []): Promise<Run> {
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), '--no-build', ...args], {
    cwd: root,
    env: { ...process.env, CI: '1', electron_config_cache: join(dir, 'cache'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const kill = () => child.kill('SIGTERM');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`start.mjs did not finish:\n${out}`));
    }, 60_000);
    const check = () => {
      if (until?.test(out)) {
        clearTimeout(timer);
        resolve({ code: null, out, kill });
      }
    };
    child.stdout.on('data', (d) => ((out += d), check()));
    child.stderr.on('data', (d) => ((out += d), check()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, kill });
    });
  });
}

describe.skipIf(process.platform === 'win32')('npm start fetches Electron', () => {
  it('downloads the stand-in from ELECTRON_MIRROR with install.js, then launches it on the app', async () => {
    const own = join(root, 'node_modules', 'electron');
    const snapshot = () => [existsSync(join(own, 'path.txt')) ? readFileSync(join(own, 'path.txt'), 'utf8') : null, existsSync(join(own, 'dist'))];
    const before = snapshot();
    const electronDir = copyElectronPackage(root, join(dir, 'ok'));
    const { server, url, requests } = await serve(mirrorFiles(version, process.platform, process.arch, process.execPath));
    const marker = join(dir, 'launched.txt');
    try {
      const run = await start({
        ELECTRON_MIRROR: url,
        electron_use_remote_checksums: '1',
        SAKURA_ELECTRON_DIR: electronDir,
        SAKURA_STANDIN_MARKER: marker,
      });
      expect(run.out).toContain(`Downloading Electron ${version} from ${url}`);
      expect(run.out).toMatch(new RegExp(`Electron ${version} ready`));
      expect(run.out).toContain('stand-in electron launched');
      expect(run.code).toBe(0);
      expect(requests).toContain(`/v${version}/electron-v${version}-${process.platform}-${process.arch}.zip`);
      // install.js unpacked it and wrote path.txt; the stand-in was started on the app folder.
      expect(readFileSync(join(electronDir, 'path.txt'), 'utf8')).toBe(process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron');
      expect(readFileSync(marker, 'utf8').split('\n').slice(0, 2)).toEqual(['stand-in electron', '.']);

      // A second start finds it installed and does not download again.
      rmSync(marker);
      const again = await start({ ELECTRON_MIRROR: url, SAKURA_ELECTRON_DIR: electronDir, SAKURA_STANDIN_MARKER: marker });
      expect(again.code).toBe(0);
      expect(again.out).not.toContain('Downloading Electron');
      expect(existsSync(marker)).toBe(true);
    } finally {
      server.close();
    }
    // The project's own electron package was left alone.
    expect(snapshot()).toEqual(before);
  });

  async function fallsBack(mirror: string, reason: RegExp, env: Record<string, string> = {}): Promise<void> {
    const electronDir = copyElectronPackage(root, mkdtempSync(join(dir, 'fail-')));
    const renderer = join(dir, 'renderer');
    mkdirSync(renderer, { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>stand-in</title>');
    const run = await start(
      { ELECTRON_MIRROR: mirror, SAKURA_ELECTRON_DIR: electronDir, SAKURA_RENDERER_DIR: renderer, ...env },
      /Sakura Desk \(web mode\) http:\/\/127\.0\.0\.1:\d+/,
      ['--db', join(electronDir, '..', 'web.sqlite'), '--no-open'],
    );
    run.kill();
    // (A rebuild of the web bundle may announce itself: that is not the fallback talking.)
    const lines = run.out.trim().split('\n').filter((l) => !l.includes('Building the CLI and web mode'));
    const fallback = lines.filter((l) => l.includes('starting web mode'));
    expect(fallback).toHaveLength(1);
    expect(fallback[0]).toMatch(reason);
    // Nothing else between the download line and web mode: no stack trace.
    const i = lines.findIndex((l) => l.includes('starting web mode'));
    expect(lines[i - 1]).toContain('Downloading Electron');
    expect(lines[i + 1]).toMatch(/Sakura Desk \(web mode\)/);
    expect(existsSync(join(electronDir, 'path.txt'))).toBe(false);
  }

  it('falls back to web mode in one line when the mirror refuses the connection', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    await fallsBack(`http://127.0.0.1:${port}/`, /refused the connection/);
  });

  it('falls back to web mode in one line when there is no network (the host does not resolve)', async () => {
    await fallsBack('http://electron-mirror.invalid/', /no network \((ENOTFOUND|EAI_AGAIN)/);
  });

  it('gives up after the time limit when the mirror never answers, and says so in one line', async () => {
    const open: import('node:http').ServerResponse[] = [];
    const silent = createServer((_req, res) => void open.push(res)); // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const started = Date.now();
      await fallsBack(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/`, /timed out after 2 s/, { SAKURA_ELECTRON_TIMEOUT: '2' });
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      for (const res of open) res.destroy();
      silent.close();
    }
  });
});
