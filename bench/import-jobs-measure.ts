// The participant and reviewer imports off the request path (issue 12, point 4; main/jobs/imports.ts):
// a full roster (2,000 participants, the roster's limit) and a full reviewers list (5,000 rows, the
// importer's limit) imported as .xlsx into a copy of the 1-year realistic database, while a read
// call is made every 20 ms. Reported: the import's time beside exceljs alone reading the same
// cells (the reference of every import row), the longest event-loop stall, and the read call's
// latency during the import beside the same call with no import running. Run twice: in the worker
// thread (what the app does on a file this size) and inline on the request path (what it does where
// no worker can start, and what every version before this one did).
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { importWorkerPolicy } from '../main/jobs/imports.ts';
import { offThreadPolicy } from '../main/jobs/worker.ts';
import { startRuntime, type Runtime } from '../main/runtime.ts';
import { fmt, generated, latencyStats, median, showLatency, type BenchRow } from './common.ts';

const TARGET_MS = 100;
const PARTICIPANTS = 2_000;
const REVIEWERS = 5_000;


async function writeXlsx(path: string, header: string[], rows: (string | number | Date)[][]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('一覧');
  ws.addRow(header).commit();
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
}

const COUNTRIES = ['ベトナム', 'タイ', 'インドネシア', '中国', 'マレーシア', 'インド'];
const rosterRows = (n: number) =>
  Array.from({ length: n }, (_, i) => [
    `NGUYEN${i}`,
    'An',
    `グエン${i}`,
    i % 2 ? '女' : '男',
    new Date(Date.UTC(1995 + (i % 8), i % 12, 1 + (i % 27))),
    COUNTRIES[i % COUNTRIES.length]!,
    'Vietnam National University, Hanoi',
    i % 10 === 0 ? '教員' : '修士',
    i % 10 === 0 ? '引率者' : '招へい者',
    `p${i}@example.org`,
  ]);
const reviewerRows = (n: number) =>
  Array.from({ length: n }, (_, i) => [`審査 ${i}郎`, ['名古屋大学', '東北大学', '京都大学', '九州大学'][i % 4]!, '防災;材料', `r${i}@example.jp`, 3 + (i % 5)]);

const readCall = (rt: Runtime) => rt.invoke('applications/list', { fiscalYear: 2026, limit: 50 });

/** A read call every 20 ms until `until()` (or `count` calls), each call's latency. */
async function readLoop(rt: Runtime, until: () => boolean, count = Infinity): Promise<number[]> {
  const xs: number[] = [];
  for (let i = 0; i < count && !until(); i++) {
    const t0 = performance.now();
    const r = await readCall(rt);
    if (!r.ok) throw new Error(`read call failed: ${r.error.message}`);
    xs.push(performance.now() - t0);
    await new Promise((res) => setTimeout(res, 20));
  }
  return xs;
}

/** The import once, with the event loop's longest stall and the read calls made meanwhile. */
async function during(rt: Runtime, name: string, input: Record<string, unknown>) {
  let finished = false;
  let stall = 0;
  // Where the import was when the longest stall ended: its last progress phase.
  let phase = 'start';
  let stallPhase = '';
  const jobId = `bench-${name}`;
  let firstAt = 0;
  const onEvent = (e: string, p: { jobId?: string; phase?: string }) => {
    if (e !== 'job/progress' || p.jobId !== jobId) return;
    phase = p.phase ?? phase;
    firstAt ||= performance.now();
  };
  rt.events.on('event', onEvent);
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    if (now - last > stall) [stall, stallPhase] = [now - last, phase];
    last = now;
  }, 5);
  const t0 = performance.now();
  const job = rt.invoke(name, { ...input, jobId }).finally(() => (finished = true));
  const reads = await readLoop(rt, () => finished);
  const r = await job;
  const ms = performance.now() - t0;
  clearInterval(ticker);
  rt.events.off('event', onEvent);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.message}`);
  return { ms, stall, stallPhase, startedMs: firstAt - t0, reads };
}

async function exceljsReads(path: string): Promise<number> {
  const bytes = readFileSync(path);
  const xs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    let cells = 0;
    wb.worksheets[0]!.eachRow((row) => row.eachCell(() => cells++));
    if (!cells) throw new Error('no cells');
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

/** Every figure, in this process (the runner below runs it bundled, as the app ships). */
export async function measureImportJobs(log: (line: string) => void): Promise<BenchRow[]> {
  {
    const dir = mkdtempSync(join(tmpdir(), 'sakura-bench-jobs-'));
    const rows: BenchRow[] = [];
    const defaultMin = offThreadPolicy.minDbBytes;
    const defaultFileMin = importWorkerPolicy.minBytes;
    try {
      const rosterFile = join(dir, 'roster-2000.xlsx');
      await writeXlsx(rosterFile, ['姓', '名', '現地表記氏名', '性別', '生年月日', '国籍', '所属機関', '身分', '区分', 'メール'], rosterRows(PARTICIPANTS));
      const reviewersFile = join(dir, 'reviewers-5000.xlsx');
      await writeXlsx(reviewersFile, ['氏名', '所属機関', '専門分野', 'メール', '上限件数'], reviewerRows(REVIEWERS));
      const refRoster = await exceljsReads(rosterFile);
      const refReviewers = await exceljsReads(reviewersFile);
      const roster = readFileSync(rosterFile).toString('base64');
      const reviewers = readFileSync(reviewersFile).toString('base64');
      const source = await generated(1);
      log(`\nparticipant and reviewer imports during read calls (1 realistic year; files ${(roster.length * 0.75 / 1024).toFixed(0)} KB and ${(reviewers.length * 0.75 / 1024).toFixed(0)} KB)`);

      for (const where of ['worker', 'inline'] as const) {
        // Inline: as where no worker can start (a bundle without import-worker.cjs). The app hands
        // files this size to a worker on any database (importWorkerPolicy), so the inline rows are
        // informational: what the fallback, and every version before this one, costs.
        offThreadPolicy.minDbBytes = where === 'worker' ? 0 : Number.MAX_SAFE_INTEGER;
        importWorkerPolicy.minBytes = where === 'worker' ? defaultFileMin : Number.MAX_SAFE_INTEGER;
        const path = join(dir, `${where}.sqlite`);
        copyFileSync(source, path);
        const rt = await startRuntime({ dbPath: path, door: 'cli', user: 'bench', autoBackups: false });
        try {
          const list = await rt.invoke('programs/list', { fiscalYear: 2026, limit: 1 });
          if (!list.ok) throw new Error(list.error.message);
          const programId = (list.value as { items: { id: string }[] }).items[0]!.id;
          const quiet = latencyStats(await readLoop(rt, () => false, 60));
          const cases = [
            { what: `programs/importParticipants ${PARTICIPANTS.toLocaleString('en-US')}-row xlsx`, name: 'programs/importParticipants', input: { id: programId, fileName: 'roster.xlsx', dataBase64: roster }, ref: refRoster },
            { what: `review/importReviewers ${REVIEWERS.toLocaleString('en-US')}-row xlsx`, name: 'review/importReviewers', input: { fileName: 'reviewers.xlsx', dataBase64: reviewers }, ref: refReviewers },
          ];
          for (const c of cases) {
            const d = await during(rt, c.name, c.input);
            const s = latencyStats(d.reads);
            const met = s.max <= TARGET_MS && d.stall <= TARGET_MS;
            const verdict = where === 'worker' ? (met ? 'met' : 'NOT met') : `${met ? 'within' : 'over'} (informational: the fallback)`;
            log(
              `  ${c.what} (${where}): ${fmt(d.ms)} ms, reading from ${fmt(d.startedMs)} ms (exceljs reading the same cells ${fmt(c.ref)} ms); longest event-loop stall ${fmt(d.stall)} ms (phase ${d.stallPhase}); ` +
                `read call during ${showLatency(s)}, without the import ${showLatency(quiet)}; target ≤ ${TARGET_MS} ms: ${verdict}`,
            );
            rows.push({ group: 'import', name: `${c.what} (${where})`, oursMs: d.ms, refMs: c.ref, ratio: d.ms / c.ref, note: `the file read from ${fmt(d.startedMs)} ms (the worker's start)` });
            rows.push({
              group: 'import',
              name: `read call and event-loop stall during ${c.what} (${where}): applications/list (FY2026, 50 rows), max`,
              oursMs: Math.max(s.max, d.stall),
              refMs: quiet.max,
              ratio: quiet.max > 0 ? Math.max(s.max, d.stall) / quiet.max : undefined,
              ...(where === 'worker' ? { target: `≤ ${TARGET_MS} ms`, met } : {}),
              note: `${where === 'inline' ? 'informational: only where no worker can start; ' : ''}stall ${fmt(d.stall)} ms (phase ${d.stallPhase}); during: ${showLatency(s)}; without the import: ${showLatency(quiet)}`,
            });
          }
        } finally {
          await rt.close();
        }
      }
      return rows;
    } finally {
      offThreadPolicy.minDbBytes = defaultMin;
      importWorkerPolicy.minBytes = defaultFileMin;
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

