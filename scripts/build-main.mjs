// Bundles the Electron side into two CommonJS files (package.json "main" points at the first):
//   dist/main/electron.cjs  main process: the shell plus the whole runtime (handlers, db, zod, …)
//   dist/main/preload.cjs   preload: sandboxed, so its only runtime import may be 'electron'
// Usage: node scripts/build-main.mjs [--outdir DIR]   (default dist/main; tests bundle into a temp folder)
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag >= 0 && process.argv[outdirFlag + 1] ? resolve(process.argv[outdirFlag + 1]) : join(root, 'dist', 'main');

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Floors, not exact versions: Electron 45 bundles a newer Node and Chromium than these, and
  // nothing here needs syntax lowered for them.
  target: 'node22',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
};

try {
  await Promise.all([
    build({
      ...common,
      entryPoints: ['main/electron/main.ts'],
      outfile: join(outdir, 'electron.cjs'),
      // electron is provided by the runtime; better-sqlite3 is a native addon loaded from
      // node_modules (unpacked from the asar by electron-builder, see electron-builder.yml).
      external: ['electron', 'better-sqlite3'],
      // The sources are ES modules that use import.meta.url (main/runtime.ts reads package.json
      // next to it). CommonJS has no import.meta, so point it at this file's own URL; the version
      // is also baked in as the fallback readAppVersion() uses when package.json is not found.
      banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
      define: {
        'import.meta.url': '__importMetaUrl',
        'process.env.SAKURA_APP_VERSION': JSON.stringify(version),
      },
    }),
    // The import worker thread (main/jobs/worker.ts), loaded from beside electron.cjs.
    build({
      ...common,
      entryPoints: ['main/jobs/worker.ts'],
      outfile: join(outdir, 'import-worker.cjs'),
      external: ['better-sqlite3'],
      banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
      define: { 'import.meta.url': '__importMetaUrl' },
    }),
    build({
      ...common,
      entryPoints: ['main/electron/preload.ts'],
      outfile: join(outdir, 'preload.cjs'),
      external: ['electron'],
      // Sandboxed preloads run in a renderer with a browser-like global scope.
      platform: 'browser',
      target: 'chrome130',
      format: 'cjs',
    }),
  ]);
} catch {
  // esbuild has already printed the errors with file and line; its stack trace adds nothing.
  process.exit(1);
}

// A preload that requires anything but 'electron' fails only at run time, in a window nobody can
// open on this machine: check it here instead.
const preload = readFileSync(join(outdir, 'preload.cjs'), 'utf8');
const requires = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
const foreign = requires.filter((r) => r !== 'electron');
if (foreign.length > 0) {
  console.error(`preload.cjs requires ${foreign.join(', ')}: a sandboxed preload may only require 'electron'.`);
  process.exit(1);
}
const rel = relative(root, outdir);
const shown = rel && !rel.startsWith('..') ? rel : outdir;
console.log(`built ${join(shown, 'electron.cjs')} and ${join(shown, 'preload.cjs')} (Sakura Desk ${version})`);
