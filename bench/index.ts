// `npm run bench [-- --json]`: speed figures on generated databases (bench/out/, git-ignored), each
// beside a reference measured in the same run on the same machine. A simple list of modules: each
// returns its rows; add a module with one line. Results and the method: docs/performance.md.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { browserBench } from './browser.ts';
import { callsBench } from './calls.ts';
import type { BenchModule, BenchRow } from './common.ts';
import { inBundle } from './import-jobs.ts';
import { programsBench } from './programs.ts';
import { reviewBench } from './review.ts';
import { startupBench } from './startup.ts';

const modules: BenchModule[] = [
  callsBench,
  inBundle('import'),
  inBundle('import-during'),
  inBundle('import-jobs'),
  browserBench,
  reviewBench,
  programsBench,
  startupBench,
];

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  // With --json, stdout carries the JSON alone; the readable lines go to stderr.
  const log = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);
  // The browser steps need the built renderer, built from these sources: a renderer left from an
  // earlier checkout calls the API as it was then (a run failed on one that read a list as an
  // array after the call had become paged). Two seconds, as `npm start` does every time.
  if (!only || only.includes('browser') || only.includes('programs')) execFileSync('npm', ['run', 'build:renderer'], { stdio: ['ignore', json ? 'ignore' : 'inherit', 'inherit'] });
  const machine = `${cpus()[0]?.model ?? 'cpu'} ×${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
  log(`Sakura Desk benchmarks — ${new Date().toISOString()} — ${machine}`);
  const rows: BenchRow[] = [];
  for (const m of modules) {
    if (only && !only.includes(m.name)) continue;
    rows.push(...(await m.run(log)));
  }
  const missed = rows.filter((r) => r.met === false);
  log(`\n${rows.filter((r) => r.met).length} of ${rows.filter((r) => r.met !== undefined).length} targets met${missed.length ? `; not met: ${missed.map((r) => `${r.group}/${r.name}`).join('; ')}` : ''}`);
  if (json) process.stdout.write(`${JSON.stringify({ date: new Date().toISOString(), machine, rows }, null, 2)}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
