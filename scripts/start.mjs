// `npm start`: build, then run the Electron app. When Electron's binary is not there yet (electron
// 45 has no install script: npm never downloads it), fetch it with Electron's own installer
// (node_modules/electron/install.js, which honours ELECTRON_MIRROR, electron_config_cache and the
// proxy variables), with a progress line and a time limit. Only when that fails does it start web
// mode, saying why in one line.
// `npm run web` (`--web`): build the renderer and run web mode directly.
//
//   node scripts/start.mjs [--web] [--no-build] [other args, passed on: --demo --port N --db PATH]
//
// Environment: SAKURA_ELECTRON_TIMEOUT (seconds for the download, default 600),
// SAKURA_ELECTRON_DIR (another copy of the electron package; the tests use one).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ensureNodeBundle } from './build-node.mjs';
import { appNodeEnv, appNodeOrExit, binScript, root, runForeground } from './node.mjs';

const projectRequire = createRequire(join(root, 'package.json'));
const argv = process.argv.slice(2);
const web = argv.includes('--web');
const noBuild = argv.includes('--no-build');
const passOn = argv.filter((a) => a !== '--web' && a !== '--no-build');

const node = appNodeOrExit();

function runStep(label, args) {
  const r = spawnSync(node.path, args, { cwd: root, stdio: 'inherit', env: appNodeEnv() });
  if (r.error || r.status !== 0) {
    console.error(`${label} に失敗しました / ${label} failed${r.error ? `: ${r.error.message}` : ''}`);
    process.exit(r.status ?? 1);
  }
}

function electronDir() {
  if (process.env.SAKURA_ELECTRON_DIR) return process.env.SAKURA_ELECTRON_DIR;
  try {
    return dirname(projectRequire.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The Electron executable if it is installed, else null: the checks install.js itself makes. */
function installedElectron(dir) {
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const name = readFileSync(pathFile, 'utf8').trim();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const exe = override ? join(override, name) : join(dir, 'dist', name);
  return existsSync(exe) && statSync(exe).isFile() ? exe : null;
}

/** Where @electron/get will download from (the same variables it reads, in its order). */
function mirror() {
  const e = process.env;
  return (
    e.npm_config_electron_mirror || e.NPM_CONFIG_ELECTRON_MIRROR || e.npm_package_config_electron_mirror || e.ELECTRON_MIRROR ||
    'https://github.com/electron/electron/releases/download/'
  );
}

/**
 * Why the download failed, in words. install.js prints only "fetch failed" for network errors,
 * so a network failure is told apart by asking the mirror once more, briefly, ourselves.
 */
async function whyFailed(output) {
  const say = (ja, en) => ({ ja, en });
  if (/checksum|sha256/i.test(output)) return say('チェックサムが一致しません', 'checksum mismatch');
  const http = output.match(/HTTPError[^\n]*?(\d{3})|status(?:Code)? (\d{3})|Response code (\d{3})/i);
  if (http) {
    const code = http[1] ?? http[2] ?? http[3];
    return say(`ミラーが HTTP ${code} を返しました`, `the mirror answered HTTP ${code}`);
  }
  const url = mirror();
  try {
    const r = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    const first = output.trim().split('\n')[0] ?? '';
    return say(`ダウンロードに失敗しました（ミラーは HTTP ${r.status}）`, `the download failed, mirror answers HTTP ${r.status}: ${first}`);
  } catch (err) {
    const code = err?.cause?.code ?? err?.cause?.cause?.code ?? err?.name;
    if (code === 'ECONNREFUSED') return say(`ミラーが接続を拒否しました（${url}）`, `the mirror refused the connection (${url})`);
    if (['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN'].includes(code)) {
      const host = new URL(url).host;
      return say(`ネットワークにつながりません（${host}）`, `no network (${code} for ${host})`);
    }
    if (code === 'TimeoutError' || code === 'UND_ERR_CONNECT_TIMEOUT') return say(`ミラーが応答しません（${url}）`, `the mirror does not answer (${url})`);
    return say(`ダウンロードに失敗しました（${code ?? '不明'}）`, `the download failed (${code ?? 'unknown'})`);
  }
}

/** Runs Electron's installer; resolves to the executable, or to { reason } when it failed. */
function downloadElectron(dir) {
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const limit = Number(process.env.SAKURA_ELECTRON_TIMEOUT ?? 600);
  const env = { ...appNodeEnv() };
  // @electron/get uses HTTP(S)_PROXY only when asked to.
  if (!env.ELECTRON_GET_USE_PROXY && (env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy)) env.ELECTRON_GET_USE_PROXY = 'true';
  const tty = process.stdout.isTTY;
  const line = `Electron ${version} をダウンロードしています（最大 ${limit} 秒）/ Downloading Electron ${version} from ${mirror()} (time limit ${limit} s)`;
  process.stdout.write(tty ? `${line} …` : `${line}\n`);
  const started = Date.now();
  return new Promise((resolvePromise) => {
    const child = spawn(node.path, [join(dir, 'install.js')], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const tick = tty ? setInterval(() => process.stdout.write(`\r${line} … ${Math.round((Date.now() - started) / 1000)} s`), 1000) : null;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, limit * 1000);
    child.on('error', (err) => (output += err.message));
    child.on('close', async (code) => {
      clearTimeout(timer);
      if (tick) clearInterval(tick);
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      if (tty) process.stdout.write('\n');
      const exe = code === 0 ? installedElectron(dir) : null;
      if (exe) {
        console.log(`Electron ${version} を用意しました（${secs} 秒）/ Electron ${version} ready (${secs} s)`);
        resolvePromise({ exe });
      } else if (timedOut) {
        resolvePromise({ reason: { ja: `${limit} 秒で終わりませんでした`, en: `timed out after ${limit} s` } });
      } else {
        resolvePromise({ reason: await whyFailed(output) });
      }
    });
  });
}

async function startWeb() {
  // Web mode is the bundled door (dist/node/web.cjs), built here when its sources changed.
  try {
    await ensureNodeBundle('web.cjs');
  } catch {
    process.exit(1); // esbuild has printed the errors
  }
  // V8's code cache (as for the CLI): later starts skip most of the parsing of the bundle.
  const cache = join(root, 'node_modules', '.cache', 'sakura-web');
  runForeground(node.path, [join(root, 'dist', 'node', 'web.cjs'), ...passOn], { env: appNodeEnv({ NODE_COMPILE_CACHE: cache }) });
}

if (!noBuild) runStep('画面のビルド / Renderer build', [binScript('vite'), 'build', '--config', join('renderer', 'vite.config.ts')]);

if (web) {
  await startWeb();
} else {
  const dir = electronDir();
  let result = dir ? { exe: installedElectron(dir) } : { reason: { ja: 'electron パッケージがありません', en: 'the electron package is not installed' } };
  if (dir && !result.exe) result = await downloadElectron(dir);
  if (result.exe) {
    if (!noBuild) runStep('本体のビルド / Main build', [join('scripts', 'build-main.mjs')]);
    // ELECTRON_RUN_AS_NODE would turn the app into a plain Node (a shell may have it set).
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    runForeground(result.exe, ['.', ...passOn], { env });
  } else {
    const { ja, en } = result.reason;
    console.log(`Electron を用意できないため Web モードで起動します: ${ja} / Electron could not be fetched (${en}): starting web mode instead`);
    await startWeb();
  }
}
