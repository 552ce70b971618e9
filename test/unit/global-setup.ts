// Once before the unit tests: build the CLI and web-mode bundles (dist/node/) if a source is newer,
// so the CLI tests run the real `npm run cli` path and no two test files build at the same time.
import { ensureNodeBundle } from '../../scripts/build-node.mjs';

export default async function setup(): Promise<void> {
  await ensureNodeBundle('cli.cjs');
}
