// Calls during a 100,000-row import (issue 12, point 4): a read call and a write call made over and
// over while a 100,000-row applications .xlsx is imported through the handler table (a worker
// thread parses and checks, then writes in chunks of short transactions, each holding the write
// gate), beside the same calls on the same database with no import running. Also the import's own time and the
// process's peak RSS (the worker thread's memory included). Target: every call ≤ 100 ms.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startRuntime, type Runtime } from '../main/runtime.ts';
import { fmt, latencyStats, showLatency, type BenchRow } from './common.ts';
import { writeApplicationsXlsx } from './import.ts';

const ROWS = 100_000;
const TARGET_MS = 100;


let made = 0;
async function timed(rt: Runtime, kind: 'read' | 'write'): Promise<number> {
  const t0 = performance.now();
  const r =
    kind === 'read'
      ? await rt.invoke('applications/list', { fiscalYear: 2025, limit: 50 })
      : await rt.invoke('institutions/save', { id: null, nameJa: `ベンチ大学 ${++made}`, nameEn: null, country: 'JP', kind: 'university' });
  if (!r.ok) throw new Error(`${kind} call failed during the benchmark: ${r.error.message}`);
  return performance.now() - t0;
}

/**
 * Alternating read and write calls, 20 ms apart, until `until()` or `count` pairs. Calls started
 * while `writing()` holds are also kept apart: the write phase is where a save meets the import's
 * write transactions (the parse before it writes nothing).
 */
async function callLoop(rt: Runtime, until: () => boolean, count = Infinity, writing: () => boolean = () => false) {
  const read: number[] = [];
  const write: number[] = [];
  const readWriting: number[] = [];
  const writeWriting: number[] = [];
  for (let i = 0; i < count && !until(); i++) {
    let w = writing();
    const r = await timed(rt, 'read');
    read.push(r);
    if (w && !until()) readWriting.push(r);
    w = writing();
    const x = await timed(rt, 'write');
    write.push(x);
    if (w && !until()) writeWriting.push(x);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { read, write, readWriting, writeWriting };
}

export async function measureImportDuring(log: (line: string) => void): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sakura-bench-during-'));
  try {
    const file = join(dir, 'apps-100k.xlsx');
    await writeApplicationsXlsx(file, ROWS, 2026);
    const base64 = readFileSync(file).toString('base64');
    const rt = await startRuntime({ dbPath: join(dir, 'during.sqlite'), door: 'cli', user: 'bench', autoBackups: false });
    // A year already in the database for the read call to page. Not the imported year: once the
    // import commits, a page of FY2026 counts 100,000 more rows, a cost of the data (the list
    // queries' concern), not of the import running.
    const seed = join(dir, 'seed.xlsx');
    await writeApplicationsXlsx(seed, 1000, 2025);
    const seeded = await rt.invoke('applications/import', { fileName: 'seed.xlsx', dataBase64: readFileSync(seed).toString('base64') });
    if (!seeded.ok) throw new Error(`seed import failed: ${seeded.error.message}`);

    const quiet = await callLoop(rt, () => false, 100);

    let finished = false;
    let writePhaseAt = 0;
    rt.events.on('event', (e: string, p: { jobId?: string; phase?: string }) => {
      if (e === 'job/progress' && p.jobId === 'bench-100k' && p.phase === 'write' && !writePhaseAt) writePhaseAt = performance.now();
    });
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    let stall = 0;
    let stallAt = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      if (now - last > stall) [stall, stallAt] = [now - last, now];
      last = now;
    }, 5);
    const t0 = performance.now();
    const job = rt.invoke('applications/import', { fileName: 'apps-100k.xlsx', dataBase64: base64, jobId: 'bench-100k' }).finally(() => {
      finished = true;
    });
    const during = await callLoop(rt, () => finished, Infinity, () => writePhaseAt > 0);
    const r = await job;
    const importMs = performance.now() - t0;
    const writePhaseMs = writePhaseAt ? t0 + importMs - writePhaseAt : 0;
    // When the longest stall ended: before the write transaction, during it, or after the commit.
    const stallWhen = !writePhaseAt || stallAt < writePhaseAt ? 'while parsing' : stallAt <= t0 + importMs ? 'during the write phase' : 'after the import';
    clearInterval(sampler);
    clearInterval(ticker);
    if (!r.ok || (r.value as { added: number }).added !== ROWS) throw new Error(`import of ${ROWS} rows failed: ${r.ok ? JSON.stringify(r.value) : r.error.message}`);
    await rt.close();

    const rows: BenchRow[] = [];
    const peakMb = peak / 2 ** 20;
    log(`\ncalls during a ${ROWS.toLocaleString('en-US')}-row .xlsx import (worker thread; the write gate held for one chunk at a time)`);
    for (const kind of ['read', 'write'] as const) {
      const d = latencyStats(during[kind]);
      const w = latencyStats(during[kind === 'read' ? 'readWriting' : 'writeWriting']);
      const q = latencyStats(quiet[kind]);
      const call = kind === 'read' ? 'applications/list (FY2025, 50 rows)' : 'institutions/save (new)';
      log(`  ${kind} ${call}: during the whole import ${showLatency(d)}; during its write phase ${showLatency(w)}; without import ${showLatency(q)}; target ≤ ${TARGET_MS} ms: ${d.max <= TARGET_MS ? 'met' : 'NOT met'}`);
      rows.push({
        group: 'import',
        name: `${kind} call during a 100k-row import: ${call}, p99 (max)`,
        oursMs: d.p99,
        refMs: q.p99,
        ratio: q.p99 > 0 ? d.p99 / q.p99 : undefined,
        target: `≤ ${TARGET_MS} ms`,
        met: d.max <= TARGET_MS,
        note: `during: ${showLatency(d)}; in the write phase: ${showLatency(w)}; without the import: ${showLatency(q)}`,
      });
    }
    log(`  import ${fmt(importMs)} ms (write phase ${fmt(writePhaseMs)} ms); peak RSS ${peakMb.toFixed(0)} MB; longest event-loop stall ${fmt(stall)} ms (${stallWhen})`);
    rows.push({
      group: 'import',
      name: `applications/import ${ROWS.toLocaleString('en-US')}-row xlsx in the worker`,
      oursMs: importMs,
      note: `write phase (chunks) ${fmt(writePhaseMs)} ms; peak RSS ${peakMb.toFixed(0)} MB; longest event-loop stall ${fmt(stall)} ms (${stallWhen})`,
    });
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
