// `npm start`: build, then run the Electron app; where the Electron binary is missing (it cannot
// be downloaded on some machines), run web mode instead so `npm start` still shows the app.
// `npm run web` (`--web`): build the renderer and run web mode directly.
//
//   node scripts/start.mjs [--web] [--no-build] [other args, passed on: --demo --port N --db PATH]
//
// Children are spawned by their own binaries (not npx), so signals reach the real process.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

const argv = process.argv.slice(2);
const web = argv.includes('--web');
const noBuild = argv.includes('--no-build');
const passOn = argv.filter((a) => a !== '--web' && a !== '--no-build');

function runStep(label, command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' && command.endsWith('.cmd') });
  if (r.error || r.status !== 0) {
    console.error(`${label} に失敗しました / ${label} failed${r.error ? `: ${r.error.message}` : ''}`);
    process.exit(r.status ?? 1);
  }
}

/**
 * The Electron executable, or null. `require('electron')` returns its path, but when the binary
 * is missing it first tries to download it (slow here, with its own output) and then throws. So
 * look for the binary the same way it does (path.txt names it inside dist/) and only require the
 * package once the file is known to be there.
 */
function findElectron() {
  const require = createRequire(join(root, 'package.json'));
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkgDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!override && !existsSync(pathFile)) return null;
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const expected = override ? join(override, name) : join(pkgDir, 'dist', name);
  if (!existsSync(expected)) return null;
  try {
    const exe = require('electron');
    return typeof exe === 'string' && existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

/** Runs a long-lived child with the terminal, passes Ctrl+C / kill on, and exits with its code. */
function runForeground(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' && command.endsWith('.cmd') });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  child.on('error', (err) => {
    console.error(`起動できませんでした / Could not start ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
  });
}

function startWeb() {
  runForeground(bin('tsx'), [join('main', 'web', 'index.ts'), ...passOn]);
}

if (!noBuild) {
  runStep('画面のビルド / Renderer build', bin('vite'), ['build', '--config', join('renderer', 'vite.config.ts')]);
}

if (web) {
  startWeb();
} else {
  const electron = findElectron();
  if (electron) {
    // Only worth bundling main when there is an Electron to run it.
    if (!noBuild) runStep('本体のビルド / Main build', process.execPath, [join('scripts', 'build-main.mjs')]);
    runForeground(electron, ['.', ...passOn]);
  } else {
    console.log(
      'Electron の実行ファイルがないため（ダウンロードできない環境）、Web モードで起動します / Electron binary not available here (cannot be downloaded); starting web mode instead',
    );
    startWeb();
  }
}
