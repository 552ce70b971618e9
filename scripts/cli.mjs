// `npm run cli -- …`: runs the bundled CLI (dist/node/cli.cjs), building it first when it is
// missing or older than any source, so a fresh clone and a just-edited tree both get the right
// CLI. The check is one stat per source file (a few milliseconds). The bundle loads in this
// process when this Node is new enough (no second Node start); otherwise it runs on the Node 24
// that npm installed (see scripts/node.mjs).
import { spawnSync } from 'node:child_process';
import * as nodeModule from 'node:module';
import { join } from 'node:path';
import { ensureNodeBundle } from './build-node.mjs';
import { appNodeEnv, appNodeOrExit, root } from './node.mjs';

const bundle = join(root, 'dist', 'node', 'cli.cjs');
const cacheDir = join(root, 'node_modules', '.cache', 'sakura-cli');

try {
  await ensureNodeBundle('cli.cjs');
} catch {
  process.exit(1); // esbuild has printed the errors
}
const node = appNodeOrExit();
if (node.source === 'running') {
  // V8's code cache for the bundle: the second and later calls skip most of the parsing.
  nodeModule.enableCompileCache?.(cacheDir);
  const { main } = nodeModule.createRequire(import.meta.url)(bundle);
  process.exitCode = await main(process.argv.slice(2));
} else {
  const r = spawnSync(node.path, ['-e', `require(${JSON.stringify(bundle)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; })`, '--', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: appNodeEnv({ NODE_COMPILE_CACHE: cacheDir }),
  });
  process.exit(r.status ?? 1);
}
