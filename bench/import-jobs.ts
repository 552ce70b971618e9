// The import benches (the 10k-row import, calls during a 100k-row import, the participant and
// reviewer imports), each measured in the app's own bundles by bench/bundle-run.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generated, OUT, type BenchModule, type BenchRow } from './common.ts';
import type { BundledBench } from './bundle-run.ts';

/**
 * Measured in a bundle, as the app runs (dist/node, Electron's main): from sources every worker
 * thread starts tsx and compiles its modules, seconds that also stall the app's own thread on a
 * 2-core machine and say nothing about the app. So the runner (bench/bundle-run.ts) and the
 * worker (main/jobs/worker.ts) are bundled into a temporary folder under bench/out/, side by side as
 * scripts/build-node.mjs lays them out, and run in a child process.
 */
export function inBundle(name: BundledBench): BenchModule {
  return { name, run: (log) => runInBundle(name, log) };
}

async function runInBundle(name: BundledBench, log: (line: string) => void): Promise<BenchRow[]> {
  const { build } = await import('esbuild');
  // Inside the project, so the bundle finds better-sqlite3 in node_modules as dist/node does.
  mkdirSync(OUT, { recursive: true });
  const out = mkdtempSync(join(OUT, 'jobs-bundle-'));
  try {
    const common = {
      bundle: true,
      platform: 'node' as const,
      format: 'cjs' as const,
      target: 'node22',
      keepNames: true,
      logLevel: 'warning' as const,
      external: ['better-sqlite3', 'esbuild'],
      banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
      define: { 'import.meta.url': '__importMetaUrl' },
    };
    // The app's own bundles, the worker among them, exactly as they ship; the runner beside them.
    const { buildNode } = await import('../scripts/build-node.mjs');
    await buildNode(out);
    await build({ ...common, entryPoints: ['bench/bundle-run.ts'], outfile: join(out, 'run.cjs') });
    // The databases are made (or found) in bench/out/ by this process first.
    await generated(1);
    const text = execFileSync(process.execPath, [join(out, 'run.cjs'), name], { cwd: process.cwd(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 2 ** 20 });
    const { lines, rows } = JSON.parse(text) as { lines: string[]; rows: BenchRow[] };
    for (const l of lines) log(l);
    return rows;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

