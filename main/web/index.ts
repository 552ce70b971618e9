// `npm run web` (and `npm start` where Electron is missing): serve the built renderer and the API
// on 127.0.0.1. `--demo` uses a throw-away database filled with demo data.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flagString, parseArgs } from '../cli/args.ts';
import { fillDemoData } from '../demo.ts';
import { startSwitchableRuntime } from '../store/switch.ts';
import { startWebServer } from './server.ts';

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined); // no browser here: the printed URL is enough
    child.unref();
  } catch {
    /* no browser: the printed URL is enough */
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  // SAKURA_RENDERER_DIR: another built page (the start-up tests use a stand-in).
  const rendererDir = process.env.SAKURA_RENDERER_DIR ?? join(root, 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error('画面がビルドされていません。`npm run build:renderer` を実行してください。 / The renderer is not built: run `npm run build:renderer`.');
    process.exit(1);
  }
  const demo = args.flags.has('demo');
  const flag = demo ? join(mkdtempSync(join(tmpdir(), 'sakura-demo-')), 'demo.sqlite') : flagString(args, 'db');
  const portFlag = flagString(args, 'port');
  const port = portFlag === undefined ? 0 : Number(portFlag);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port の値「${portFlag}」が正しくありません。 / Invalid --port.`);
    process.exit(1);
  }
  // recovery: a database that cannot be opened gets the recovery screen, not a dead server.
  // --db wins, then SAKURA_DB, then the store chosen in settings (switchable there), then the file.
  const rt = await startSwitchableRuntime({ flag, door: 'web', recovery: true });
  const dbPath = rt.ctx('ja').dbPath;
  if (rt.failure) console.error(`${rt.failure.messages.ja}\n${rt.failure.messages.en}`);
  else if (demo) await fillDemoData(rt.ctx('ja'));
  const web = await startWebServer(rt, { port, rendererDir });
  // The token is in this URL only: whoever can read this terminal (or the browser it opens) gets in.
  console.log(`Sakura Desk (web mode) ${web.launchUrl}`);
  // open.path: a team server's URL with its password masked.
  const shown = rt.failure ? dbPath : `${rt.open.path}${rt.open.server ? ` (${rt.open.server})` : ''}`;
  console.log(`  database: ${shown}${demo ? ' (demo, throw-away)' : ''}`);
  if (!args.flags.has('no-open') && !process.env.CI) openBrowser(web.launchUrl);
  const stop = async () => {
    await web.close();
    await rt.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  const e = err as { details?: { messages?: { ja: string; en: string } }; message?: string };
  console.error(e.details?.messages ? `${e.details.messages.ja}\n${e.details.messages.en}` : `起動できませんでした: ${e.message ?? String(err)}`);
  process.exit(1);
});
