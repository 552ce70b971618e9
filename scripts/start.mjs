// `npm start`: build, then run the Electron app; where the Electron binary is missing (it cannot
// be downloaded on some machines), run web mode instead so `npm start` still shows the app.
// `npm run web` (`--web`): build the renderer and run web mode directly.
//
//   node scripts/start.mjs [--web] [--no-build] [other args, passed on: --demo --port N --db PATH]
//
// Children are the tools' own scripts run by this Node (not npx, whose wrapper would survive a
// kill), so signals reach the real process.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const projectRequire = createRequire(join(root, 'package.json'));

/**
 * A package's own CLI script, run with this Node: what node_modules/.bin/NAME points to, minus the
 * Windows .cmd wrapper (which needs a shell, and a shell mangles paths with spaces in --db).
 */
function binScript(pkg, name = pkg) {
  const pkgJson = projectRequire.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(pkgJson, 'utf8'));
  return join(dirname(pkgJson), typeof bin === 'string' ? bin : bin[name]);
}

const argv = process.argv.slice(2);
const web = argv.includes('--web');
const noBuild = argv.includes('--no-build');
const passOn = argv.filter((a) => a !== '--web' && a !== '--no-build');

function runStep(label, command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
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
  let pkgDir;
  try {
    pkgDir = dirname(projectRequire.resolve('electron/package.json'));
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
    const exe = projectRequire('electron');
    return typeof exe === 'string' && existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

/**
 * better-sqlite3 is a native addon built for one ABI: after `npm ci` it is built for Node (tests,
 * CLI, web mode) and Electron cannot load it. Check with Electron's own Node before opening a
 * window that would only show "NODE_MODULE_VERSION" in an error box.
 */
function sqliteLoadsIn(electron) {
  const r = spawnSync(electron, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: root,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return r.status === 0;
}

/** Runs a long-lived child with the terminal, passes Ctrl+C / kill on, and exits with its code. */
function runForeground(command, args) {
  // On POSIX the child gets its own process group, so a terminal Ctrl+C reaches it once, through
  // us. Otherwise it would get SIGINT twice (from the terminal and forwarded), and tsx answers a
  // second SIGINT with SIGKILL, before web mode has closed the database. Windows has no process
  // groups to speak of (and `detached` would open a new console): Ctrl+C already reaches the
  // child there, so only SIGTERM is forwarded.
  const ownGroup = process.platform !== 'win32';
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', detached: ownGroup });
  const forward = (signal) => {
    if (!ownGroup && signal === 'SIGINT') return;
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
  runForeground(process.execPath, [binScript('tsx'), join('main', 'web', 'index.ts'), ...passOn]);
}

if (!noBuild) {
  runStep('画面のビルド / Renderer build', process.execPath, [binScript('vite'), 'build', '--config', join('renderer', 'vite.config.ts')]);
}

if (web) {
  startWeb();
} else {
  const electron = findElectron();
  if (electron) {
    // Only worth bundling main when there is an Electron to run it.
    if (!noBuild) runStep('本体のビルド / Main build', process.execPath, [join('scripts', 'build-main.mjs')]);
    if (!sqliteLoadsIn(electron)) {
      console.error(
        [
          'better-sqlite3 が Electron 用にビルドされていません。`npx electron-builder install-app-deps` を実行してから、もう一度 `npm start` してください。',
          '（その後、Node で動くテスト・CLI・Web モードには `npm rebuild better-sqlite3` で戻します。`npm run web` はそのままで動きます。）',
          'better-sqlite3 is not built for Electron: run `npx electron-builder install-app-deps`, then `npm start` again.',
          '(Afterwards, `npm rebuild better-sqlite3` switches it back for tests, the CLI and web mode; `npm run web` works as it is.)',
        ].join('\n'),
      );
      process.exit(1);
    }
    runForeground(electron, ['.', ...passOn]);
  } else {
    console.log(
      'Electron の実行ファイルがないため（ダウンロードできない環境）、Web モードで起動します / Electron binary not available here (cannot be downloaded); starting web mode instead',
    );
    startWeb();
  }
}
