// Finds a Chromium for the Playwright tests, so `npm test` works on a fresh machine:
//   1. PLAYWRIGHT_CHROMIUM (a path), 2. Debian's chromium (`chromium` or `chromium-browser` on
//   PATH), 3. an installed Google Chrome, 4. Playwright's own download if
//   one is present (it is never fetched: `npx playwright install` needs the internet).
// With none: on Debian or Ubuntu as root it installs `chromium fonts-noto-cjk poppler-utils` with
// apt-get itself and says so (the PDF tests need poppler's pdftoppm, Japanese needs the fonts);
// elsewhere it stops with one line giving the command to run.
//
//   node scripts/browser.mjs                  → prints the browser, or installs one, or exit 1
//   node scripts/browser.mjs BIN [args…]      → the same, then runs BIN (e.g. playwright test) on
//                                              the app's Node with PLAYWRIGHT_CHROMIUM set to it
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEBIAN_PACKAGES = ['chromium', 'fonts-noto-cjk', 'poppler-utils'];

const executable = (p) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** `which`: the first executable NAME on PATH. */
export function onPath(name, env = process.env, platform = process.platform, isExe = executable) {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : delimiter).filter(Boolean);
  const exts = platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const d of dirs) for (const x of exts) if (isExe(join(d, name + x))) return join(d, name + x);
  return null;
}

function playwrightOwn() {
  try {
    const req = createRequire(join(fileURLToPath(import.meta.url), '..', '..', 'package.json'));
    return req('playwright-core').chromium.executablePath();
  } catch {
    return null;
  }
}

/**
 * The browser to use, in the order above, or null. Every outside fact is a parameter so the
 * order can be tested without changing the machine.
 */
export function findBrowser({ env = process.env, platform = process.platform, isExe = executable, playwright = playwrightOwn } = {}) {
  if (env.PLAYWRIGHT_CHROMIUM) {
    return isExe(env.PLAYWRIGHT_CHROMIUM) ? { path: env.PLAYWRIGHT_CHROMIUM, source: 'PLAYWRIGHT_CHROMIUM' } : { missing: env.PLAYWRIGHT_CHROMIUM };
  }
  const which = (n) => onPath(n, env, platform, isExe);
  // Debian's package puts it at /usr/bin/chromium, which is on every PATH: looking on PATH only
  // lets a test hide it.
  const debian = which('chromium') ?? which('chromium-browser');
  if (debian) return { path: debian, source: 'chromium' };
  const chrome =
    platform === 'darwin'
      ? ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'].find(isExe)
      : platform === 'win32'
        ? [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean).map((d) => join(d, 'Google', 'Chrome', 'Application', 'chrome.exe')).find(isExe)
        : (which('google-chrome') ?? which('google-chrome-stable'));
  if (chrome) return { path: chrome, source: 'Google Chrome' };
  const own = playwright();
  if (own && isExe(own)) return { path: own, source: "Playwright's own Chromium" };
  return null;
}

function isDebianLike() {
  try {
    const osRelease = readFileSync('/etc/os-release', 'utf8');
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(osRelease);
  } catch {
    return existsSync('/etc/debian_version');
  }
}

/** What to do when no browser is found: install with apt here, or the one line to print. */
export function plan({ platform = process.platform, debian = platform === 'linux' && isDebianLike(), root = process.getuid?.() === 0 } = {}) {
  if (debian && root) return { apt: DEBIAN_PACKAGES };
  const cmd = debian
    ? `sudo apt-get install chromium fonts-noto-cjk poppler-utils`
    : platform === 'darwin'
      ? 'brew install --cask chromium'
      : 'install Chromium or Google Chrome';
  return {
    message: `ブラウザーテスト用の Chromium がありません。\`${cmd}\` を実行するか PLAYWRIGHT_CHROMIUM にパスを設定してください。 / No Chromium for the browser tests: run \`${cmd}\` (or set PLAYWRIGHT_CHROMIUM to a Chrome or Chromium).`,
  };
}

/** Debian packages of the list that are missing here (fonts and poppler matter even with a browser). */
function missingDebianPackages() {
  return DEBIAN_PACKAGES.filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
}

/** A browser path, installing one with apt where that is ours to do; exits with one line otherwise. */
export function ensureBrowser() {
  let found = findBrowser();
  if (found?.missing) {
    console.error(`PLAYWRIGHT_CHROMIUM=${found.missing} は実行できるファイルではありません / PLAYWRIGHT_CHROMIUM=${found.missing} is not an executable.`);
    process.exit(1);
  }
  const p = plan();
  // With no browser, all three (apt leaves what is installed alone); with one, what is missing.
  const aptNeeded = p.apt ? (found ? missingDebianPackages().filter((x) => x !== 'chromium') : DEBIAN_PACKAGES) : [];
  if (aptNeeded.length > 0) {
    console.log(`テストに必要な Debian パッケージを apt-get でインストールします / Installing what the browser tests need with apt-get: ${aptNeeded.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...aptNeeded], { stdio: 'inherit', env }) : update;
    if (install.status !== 0) {
      console.error(`apt-get が失敗しました / apt-get failed: apt-get install ${aptNeeded.join(' ')}`);
      process.exit(1);
    }
    found = findBrowser();
    if (!found && aptNeeded.includes('chromium')) {
      console.error('chromium を入れましたが PATH に見つかりません / chromium is installed but not on PATH: add /usr/bin to PATH or set PLAYWRIGHT_CHROMIUM.');
      process.exit(1);
    }
  }
  if (!found) {
    console.error(p.message ?? plan({ root: false }).message);
    process.exit(1);
  }
  return found;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const found = ensureBrowser();
  const [bin, ...rest] = process.argv.slice(2);
  if (!bin) {
    console.log(`ブラウザー / browser for the tests: ${found.path} (${found.source})`);
  } else {
    const { appNode, appNodeEnv, binScript, NodeMissing, runForeground } = await import('./node.mjs');
    try {
      const node = appNode();
      const script = bin === 'playwright' ? binScript('@playwright/test', 'playwright') : binScript(bin);
      runForeground(node.path, [script, ...rest], { cwd: process.cwd(), env: appNodeEnv({ PLAYWRIGHT_CHROMIUM: found.path }) });
    } catch (e) {
      console.error(e instanceof NodeMissing ? e.message : String(e));
      process.exit(1);
    }
  }
}
