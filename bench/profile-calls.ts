// `node scripts/node.mjs tsx bench/profile-calls.ts [DB] [N]`: where the time of each hot call goes.
// Runs every call of bench/calls.ts N times through dispatch and prints per-call medians of the
// whole call, of its input parse, of its statements (count, prepare and run), and of output
// validation (which production skips; tests run it). For finding costs, not a benchmark row.
import { performance } from 'node:perf_hooks';
import { api, type CallName } from '../shared/api/index.ts';
import BetterSqlite3 from 'better-sqlite3';
import { startRuntime } from '../main/runtime.ts';
import { hotCalls } from './calls.ts';
import { generated, median } from './common.ts';

const path = process.argv[2] ?? (await generated(20));
const n = Number(process.argv[3] ?? 200);
const rt = await startRuntime({ dbPath: path, door: 'cli', user: 'bench' });
const raw = rt.open.engine === 'sqlite' ? rt.open.raw : null;
if (!raw) throw new Error('SQLite only');
// Count and time prepare() and the statements' runs by wrapping the connection's methods.
let prepares = 0; // misses of the statement cache, per call
let prepareMs = 0;
let runs = 0;
let runMs = 0;
let trace: [string, number][] = [];
const origPrepare = raw.prepare.bind(raw);
(raw as any).prepare = (sqlText: string) => {
  const t0 = performance.now();
  const st = origPrepare(sqlText);
  prepareMs += performance.now() - t0;
  prepares++;
  for (const m of ['all', 'run', 'get', 'iterate'] as const) {
    const f = (st as any)[m].bind(st);
    (st as any)[m] = (...a: unknown[]) => {
      const t1 = performance.now();
      try {
        return f(...a);
      } finally {
        const d = performance.now() - t1;
        runMs += d;
        runs++;
        trace.push([sqlText, d]);
      }
    };
  }
  return st;
};
console.log(`${path}, ${n} runs each; medians in ms`);
console.log(`${'call'.padEnd(52)} ${'whole'.padStart(6)} ${'parse'.padStart(6)} ${'stmts'.padStart(5)} ${'miss'.padStart(4)} ${'prep'.padStart(6)} ${'run'.padStart(6)} ${'other'.padStart(6)} ${'outChk'.padStart(6)} ${'ref'.padStart(6)}`);
const refDb = new BetterSqlite3(path, { readonly: true });
const verbose = process.env.TRACE === '1';
for (const h of hotCalls()) {
  const def = api[h.name as CallName];
  const whole: number[] = [], parse: number[] = [], prep: number[] = [], run: number[] = [], out: number[] = [];
  let stmts = 0;
  let misses = 0;
  for (let i = 0; i < n + 5; i++) {
    prepares = 0; prepareMs = 0; runs = 0; runMs = 0; trace = [];
    const t0 = performance.now();
    const r = await rt.invoke(h.name, h.input);
    const t1 = performance.now();
    if (!r.ok) throw new Error(r.error.message);
    const t2 = performance.now();
    def.input.safeParse(h.input, { reportInput: true });
    const t3 = performance.now();
    def.output.safeParse(r.value);
    const t4 = performance.now();
    if (i < 5) continue;
    whole.push(t1 - t0); parse.push(t3 - t2); prep.push(prepareMs); run.push(runMs); out.push(t4 - t3);
    stmts = runs;
    misses = prepares;
  }
  const refStmt = refDb.prepare(h.sql);
  const ref: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    refStmt.all(...h.params);
    ref.push(performance.now() - t0);
  }
  if (verbose) for (const [q, d] of trace) console.log(`    ${d.toFixed(3)} ${q.slice(0, 160)}`);
  const m = (x: number[]) => median(x).toFixed(3).padStart(6);
  const other = median(whole) - median(parse) - median(prep) - median(run);
  console.log(`${h.label.padEnd(52)} ${m(whole)} ${m(parse)} ${String(stmts).padStart(5)} ${String(misses).padStart(4)} ${m(prep)} ${m(run)} ${other.toFixed(3).padStart(6)} ${m(out)} ${m(ref)}`);
}
await rt.close();
