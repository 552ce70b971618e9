// The participant and reviewer imports off the request path (issue 12, point 4): the figures of
// bench/import-jobs-measure.ts, measured in the app's own bundles.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generated, OUT, type BenchModule, type BenchRow } from './common.ts';

/**
 * Measured in a bundle, as the app runs (dist/node, Electron's main): from sources every worker
 * thread starts tsx and compiles its modules, seconds that also stall the app's own thread on a
 * 2-core machine and say nothing about the app. So the runner (bench/import-jobs-run.ts) and the
 * worker (main/jobs/worker.ts) are bundled into a temporary folder under bench/out/, side by side as
 * scripts/build-node.mjs lays them out, and run in a child process.
 */
export const importJobsBench: BenchModule = {
  name: 'import-jobs',
  async run(log) {
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
      await build({ ...common, entryPoints: ['bench/import-jobs-run.ts'], outfile: join(out, 'run.cjs') });
      // The databases are made (or found) in bench/out/ by this process first.
      await generated(1);
      const text = execFileSync(process.execPath, [join(out, 'run.cjs')], { cwd: process.cwd(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 2 ** 20 });
      const { lines, rows } = JSON.parse(text) as { lines: string[]; rows: BenchRow[] };
      for (const l of lines) log(l);
      return rows;
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  },
};
