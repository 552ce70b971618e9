// Start-up rows: the built CLI against the cost of `npm run` itself, and web mode's time from
// start to its first API answer. Run alone with `node scripts/node.mjs tsx bench/startup.ts`, or
// through `npm run bench` (bench/index.ts). Web mode uses dist/renderer when it is built,
// otherwise a stand-in page (the time measured is the server's, not the page's).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureNodeBundle } from '../scripts/build-node.mjs';
import type { BenchModule, BenchRow } from './common.ts';

const root = join(import.meta.dirname, '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function timed(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', shell: process.platform === 'win32' });
  const t = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return t;
}

/** Spawns web mode and resolves with the time until POST /api/app/info answered, and its RSS. */
async function webFirstAnswer(dir: string, rendererDir: string): Promise<{ ms: number; rssMb: number | null }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(root, 'dist', 'node', 'web.cjs'), '--db', join(dir, `web-${Math.random()}.sqlite`), '--no-open'], {
    // As scripts/start.mjs starts it: with V8's code cache.
    env: { ...process.env, SAKURA_RENDERER_DIR: rendererDir, NODE_COMPILE_CACHE: join(root, 'node_modules', '.cache', 'sakura-web') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        // The printed link carries the token (`/?token=…`); it is no longer in the page.
        const m = out.match(/\(web mode\) (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`web mode exited (${code}): ${out}`)));
    });
    const parsed = new URL(url);
    const token = parsed.searchParams.get('token');
    if (!token) throw new Error('no token in the printed link');
    const r = await fetch(`${parsed.origin}/api/app/info`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sakura-token': token }, body: '{}' });
    const body = (await r.json()) as { ok: boolean };
    const t = performance.now() - t0;
    if (!body.ok) throw new Error(`app/info answered ${JSON.stringify(body)}`);
    let rssMb: number | null = null;
    try {
      const kb = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1];
      rssMb = kb ? Number(kb) / 1024 : null;
    } catch {
      /* not Linux */
    }
    return { ms: t, rssMb };
  } finally {
    child.kill('SIGTERM');
  }
}

export async function benchStartup(log: (line: string) => void = console.log): Promise<BenchRow[]> {
  await ensureNodeBundle('cli.cjs');
  const dir = mkdtempSync(join(tmpdir(), 'sakura-bench-start-'));
  try {
    // The baseline: `npm run` of a script that does nothing, in a package of its own.
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'empty', private: true, scripts: { empty: '' } }));
    const env = { ...process.env, SAKURA_DB: join(dir, 'cli.sqlite') };
    timed(npm, ['run', '--silent', 'cli', '--', 'info'], root, env); // creates the database, warms the code cache
    const empty: number[] = [];
    const info: number[] = [];
    for (let i = 0; i < 5; i++) {
      empty.push(timed(npm, ['run', '--silent', 'empty'], dir, env));
      info.push(timed(npm, ['run', '--silent', 'cli', '--', 'info'], root, env));
    }
    const ratio = median(info) / median(empty);
    log('\nstart-up: `npm run cli -- info` (built CLI, existing database) against `npm run` of an empty script');
    log(`  npm run empty             ${ms(median(empty))}`);
    log(`  npm run cli -- info       ${ms(median(info))}   ratio ${ratio.toFixed(2)}×   target ≤ 3×: ${ratio <= 3 ? 'met' : 'NOT met'}`);

    let rendererDir = join(root, 'dist', 'renderer');
    if (!existsSync(join(rendererDir, 'index.html'))) {
      rendererDir = join(dir, 'renderer');
      spawnSync(process.execPath, ['-e', `require('fs').mkdirSync(${JSON.stringify(rendererDir)}); require('fs').writeFileSync(${JSON.stringify(join(rendererDir, 'index.html'))}, '<!doctype html><html><head></head><body></body></html>')`]);
    }
    const runs: { ms: number; rssMb: number | null }[] = [];
    for (let i = 0; i < 5; i++) runs.push(await webFirstAnswer(dir, rendererDir));
    const first = median(runs.map((r) => r.ms));
    const rss = runs.map((r) => r.rssMb).filter((x): x is number => x !== null);
    log('\nweb mode: start of the process to its first API answer (page, token, POST /api/app/info), new database');
    log(`  first API answer          ${ms(first)}   target ≤ 1000 ms: ${first <= 1000 ? 'met' : 'NOT met'}${rss.length ? `   RSS then ${median(rss).toFixed(0)} MB` : ''}`);
    return [
      { group: 'start-up', name: 'npm run cli -- info vs npm run (empty)', oursMs: median(info), refMs: median(empty), ratio, target: '≤ 3×', met: ratio <= 3 },
      {
        group: 'start-up',
        name: 'web mode: first API answer',
        oursMs: first,
        target: '≤ 1000 ms',
        met: first <= 1000,
        note: rss.length ? `RSS then ${median(rss).toFixed(0)} MB` : undefined,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const startupBench: BenchModule = { name: 'startup', run: (log) => benchStartup(log) };

if (process.argv[1] && /bench[\\/]startup\.ts$/.test(process.argv[1])) {
  benchStartup().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
