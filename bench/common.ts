// Shared pieces of `npm run bench`: generated databases (made once, kept under bench/out/, which
// git ignores), timing, and the row every module reports.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../db/open.ts';
import { generate, type Scale } from '../main/gen/generate.ts';
import { backfillProgramChecks } from '../main/jobs/backfill-checks.ts';

export interface BenchRow {
  group: string;
  name: string;
  /** Our call set, median ms. */
  oursMs: number;
  /** The same answer by the reference (raw SQL on better-sqlite3, or exceljs), median ms. */
  refMs?: number | undefined;
  ratio?: number | undefined;
  /** The target, in words and as a test of the figures. */
  target?: string | undefined;
  met?: boolean | undefined;
  note?: string | undefined;
}

export interface BenchModule {
  name: string;
  run(log: (line: string) => void): Promise<BenchRow[]>;
}

export const OUT = join(process.cwd(), 'bench', 'out');
export const SEED = 1;
/** The fixed "today" of every generated database, so figures compare across runs and machines. */
export const TODAY = '2026-12-01';
export const FY = 2026;

const checked = new Set<string>();

/** A generated database (years, scale), made on first use; a fresh copy when `copy` is set. */
export async function generated(years: number, scale: Scale = 'realistic', copy?: string): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, `gen-${years}y-${scale}-s${SEED}.sqlite`);
  if (existsSync(path) && !checked.has(path)) {
    // A file generated before migration 0012 (or by an older rules revision): brought up to date
    // and its stored program checks filled, as the app's start-up backfill would, before timing.
    const open = await openDatabase(path);
    await backfillProgramChecks(open.db, { chunk: 500 });
    open.raw.pragma('wal_checkpoint(TRUNCATE)');
    await open.close();
  }
  checked.add(path);
  if (!existsSync(path)) {
    const open = await openDatabase(path);
    open.raw.pragma('synchronous = OFF');
    await generate(open.db, { years, seed: SEED, scale, today: TODAY });
    open.raw.exec('ANALYZE');
    open.raw.pragma('wal_checkpoint(TRUNCATE)');
    await open.close();
  }
  if (!copy) return path;
  const to = join(OUT, copy);
  copyFileSync(path, to);
  return to;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median of `runs` timings after one warm-up run (15: this machine is shared, so medians need many). */
export async function timeIt(fn: () => unknown, runs = 15): Promise<number> {
  await fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

/**
 * Medians of `ours` and `ref` timed in alternation (ours, ref, ours, ref…) after a warm-up of each:
 * on a shared machine a burst of someone else's work then falls on both sides alike, instead of on
 * whichever side happened to be running, so the ratio stays meaningful when absolute times are not.
 */
export async function timePair(ours: () => unknown, ref: () => unknown, runs = 31): Promise<[number, number]> {
  await ours();
  await ref();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await ours();
    const t1 = performance.now();
    await ref();
    a.push(t1 - t0);
    b.push(performance.now() - t1);
  }
  return [median(a), median(b)];
}

export const fmt = (x: number | undefined) => (x === undefined ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(0));

/** Latencies summarised: count, median, 99th percentile and worst. */
export interface LatencyStats {
  n: number;
  p50: number;
  p99: number;
  max: number;
}
export function latencyStats(xs: number[]): LatencyStats {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s.at(-1) ?? 0 };
}
export const showLatency = (s: LatencyStats) => `p50 ${fmt(s.p50)} / p99 ${fmt(s.p99)} / max ${fmt(s.max)} ms (n=${s.n})`;
