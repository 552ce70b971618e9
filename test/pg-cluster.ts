// A throw-away PostgreSQL cluster for the tests, so that no test needs a server CI did not start:
// initdb into a temp folder (as the `postgres` user when we run as root, since initdb refuses
// root), listen on a free port and a private socket folder, stop and delete it after.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Cluster {
  url: string;
  stop(): void;
}

function findBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found ? join(found, '..') : null;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Installs Debian's postgresql when we can (root on Debian); otherwise says what is missing. */
function ensureInstalled(): string {
  let bin = findBinDir();
  if (bin) return bin;
  if (isRoot() && existsSync('/usr/bin/apt-get')) {
    console.log('[pg] PostgreSQL is not installed: installing Debian package postgresql (apt-get)…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    bin = findBinDir();
    if (bin) return bin;
  }
  throw new Error(
    'PostgreSQL tests need the PostgreSQL server binaries (initdb, pg_ctl): install the Debian/Ubuntu package "postgresql", or set SAKURA_TEST_PG=postgres://… to a server of your own.',
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL tool, as `postgres` when we are root. */
function runAs(bin: string, tool: string, args: string[]): void {
  const cmd = join(bin, tool);
  const r = isRoot()
    ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', [cmd, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')], { encoding: 'utf8' })
    : spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${tool} failed: ${r.stderr || r.stdout}`);
}

export async function startCluster(): Promise<Cluster> {
  const bin = ensureInstalled();
  const dir = mkdtempSync(join(tmpdir(), 'sakura-pg-'));
  const data = join(dir, 'data');
  // The postgres user must own and enter these folders.
  chmodSync(dir, 0o777);
  if (isRoot()) execFileSync('chown', ['postgres', dir]);
  const port = await freePort();
  const pw = join(dir, 'pw');
  writeFileSync(pw, 'sakura\n', { mode: 0o644 });
  // A Japanese ICU default collation, as a JST server would likely have: queries that forget
  // COLLATE "C" then sort differently here, and the tests notice.
  runAs(bin, 'initdb', ['-D', data, '-U', 'postgres', '-A', 'scram-sha-256', '--pwfile', pw, '-E', 'UTF8', '--locale', 'C.UTF-8', '--locale-provider', 'icu', '--icu-locale', 'ja-JP']);
  runAs(bin, 'pg_ctl', ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`, 'start']);
  return {
    url: `postgres://postgres:sakura@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        runAs(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
