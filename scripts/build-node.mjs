// Bundles the two plain-Node doors, like scripts/build-main.mjs does for Electron, so they start
// without compiling TypeScript (tsx took ~1 s per `npm run cli` call):
//   dist/node/cli.cjs   the CLI (exports main(argv); scripts/cli.mjs calls it)
//   dist/node/web.cjs   web mode (runs on load)
// Usage: node scripts/build-node.mjs [--outdir DIR]
//
// exceljs and iconv-lite (about half of what the handlers pull in) stay in node_modules and are
// required on first use through a small proxy, so `cli info` or web mode's first API answer never
// parse them. The handlers keep their ordinary `import ExcelJS from 'exceljs'`.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Modules loaded only when a command or call first touches them. */
export const LAZY = ['exceljs', 'iconv-lite'];

/** Folders whose sources go into the bundles: scripts/cli.mjs rebuilds when one is newer. */
export const SOURCE_DIRS = ['main', 'db', 'shared'];

/** Newest modification time (ms) of the bundle's inputs: the source folders and package.json. */
export function newestSource() {
  let newest = statSync(join(root, 'package.json')).mtimeMs;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|json|sql)$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of SOURCE_DIRS) walk(join(root, d));
  return newest;
}

const lazyPlugin = {
  name: 'lazy-modules',
  setup(b) {
    const filter = new RegExp(`^(${LAZY.map((m) => m.replace(/[-/]/g, '\\$&')).join('|')})$`);
    // Inside the proxy module the same name is the real, external package.
    b.onResolve({ filter }, (args) => (args.namespace === 'lazy' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy' }));
    // The default export is a proxy: `new ExcelJS.Workbook()`, `ExcelJS.stream…` and
    // `iconv.decode(…)` require the real module at that moment.
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: `let m; const load = () => (m ??= require(${JSON.stringify(args.path)}));
export default new Proxy({}, { get: (_t, k) => load()[k], has: (_t, k) => k in load() });`,
      loader: 'js',
    }));
  },
};

export async function buildNode(outdir = join(root, 'dist', 'node')) {
  // Loaded here: scripts/cli.mjs imports this file on every call, and only a rebuild needs esbuild.
  const { build } = await import('esbuild');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: 'linked',
    // Half the bytes for V8 to parse on every `npm run cli` (the source map keeps stack traces
    // readable); keepNames because error values and zod use constructor names.
    minify: true,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
    // better-sqlite3 is a native addon, loaded from node_modules.
    external: ['better-sqlite3'],
    plugins: [lazyPlugin],
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: {
      'import.meta.url': '__importMetaUrl',
      'process.env.SAKURA_APP_VERSION': JSON.stringify(version),
    },
  };
  await Promise.all([
    build({ ...common, entryPoints: ['main/cli/index.ts'], outfile: join(outdir, 'cli.cjs') }),
    build({ ...common, entryPoints: ['main/web/index.ts'], outfile: join(outdir, 'web.cjs') }),
    // Long imports run in a worker thread of their own (main/jobs/worker.ts), loaded from beside
    // the bundle that starts it; a bundle started as a worker would run its whole program again.
    build({ ...common, entryPoints: ['main/jobs/worker.ts'], outfile: join(outdir, 'import-worker.cjs') }),
  ]);
}

/** Builds the bundles when `file` (in dist/node) is missing or older than a source; true if it did. */
export async function ensureNodeBundle(file, log = (m) => process.stderr.write(`${m}\n`)) {
  const outdir = join(root, 'dist', 'node');
  const target = join(outdir, file);
  if (existsSync(target) && statSync(target).mtimeMs >= newestSource()) return false;
  log('CLI と Web モードをビルドしています… / Building the CLI and web mode…');
  await buildNode(outdir);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const flag = process.argv.indexOf('--outdir');
  const outdir = flag >= 0 && process.argv[flag + 1] ? resolve(process.argv[flag + 1]) : undefined;
  try {
    await buildNode(outdir);
  } catch {
    // esbuild has already printed the errors with file and line.
    process.exit(1);
  }
}
