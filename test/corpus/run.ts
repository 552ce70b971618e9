// Runs every importer over every corpus file in this (child) process and prints one JSON line per
// file: each importer's outcome, whether the database changed, and the file's peak RSS. A child
// process so the memory figures are this work's alone; on Linux the peak is reset per file
// (/proc/self/clear_refs), elsewhere it is the run's peak, which still bounds every file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startRuntime, type Runtime } from '../../main/runtime.ts';
import type { Result } from '../../shared/errors.ts';
import { IMPORTERS, type CorpusFile, type Importer } from './build.ts';
import { sqliteOf } from '../../db/store.ts';

// The corpus is built by the caller (build.ts writes corpus.json next to the files), so building
// it (a 1 GB deflate stream among others) does not count towards the importers' memory.
const dir = process.argv[2];
if (!dir) throw new Error('usage: run.ts CORPUS_DIR [FILE]');
const only = process.argv[3];
const files = (JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as CorpusFile[]).filter((f) => !only || f.name === only);

function peakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    /* not Linux */
  }
  return process.resourceUsage().maxRSS / 1024;
}
function resetPeak(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    /* not Linux: the run's peak bounds every file */
  }
}

const sample = {
  fiscalYear: 2026, applicationNo: 'P-1', call: 1, course: 'A', title: '名簿用', hostInstitution: '東北大学', applicant: '',
  sendingInstitutions: [{ name: 'Universiti Malaya', country: 'MY' }], countries: ['MY'], field: 'science', mode: 'in-person',
  invitees: 5, escorts: 1, arrival: '2026-08-01', departure: '2026-08-07', requestedAmount: 1_000_000,
};

async function runOne(importer: Importer, fileName: string, bytes: Buffer) {
  const work = mkdtempSync(join(tmpdir(), 'sakura-corpus-db-'));
  const rt: Runtime = await startRuntime({ dbPath: join(work, 'c.sqlite'), door: 'test', user: 'corpus', options: { onInternalError: () => undefined } });
  try {
    const app = await rt.invoke('applications/save', { id: null, data: sample });
    const programId = (app as Result<{ id: string }>).ok ? (app as { value: { id: string } }).value.id : '';
    await rt.invoke('applications/setStatus', { id: programId, status: 'adopted' });
    // A second connection sees data_version move only when the first one commits a write.
    const watcher = new Database(join(work, 'c.sqlite'), { readonly: true });
    const version = () => watcher.pragma('data_version', { simple: true }) as number;
    const before = version();
    const dataBase64 = bytes.toString('base64');
    const t0 = Date.now();
    const r =
      importer === 'applications'
        ? await rt.invoke('applications/import', { fileName, dataBase64 })
        : importer === 'participants'
          ? await rt.invoke('programs/importParticipants', { id: programId, fileName, dataBase64 })
          : importer === 'reviewers'
            ? await rt.invoke('review/importReviewers', { fileName, dataBase64 })
            : await rt.invoke('review/importSheets', { files: [{ fileName, dataBase64 }] });
    const ms = Date.now() - t0;
    const changed = version() !== before;
    let stored: Record<string, unknown> = {};
    if (r.ok) {
      const apps = sqliteOf(rt.open).raw.prepare("SELECT title, arrival FROM application WHERE application_no <> 'P-1' ORDER BY application_no").all() as { title: string; arrival: string }[];
      const people = sqliteOf(rt.open).raw.prepare('SELECT family_name FROM participant ORDER BY position').all() as { family_name: string }[];
      stored = { applications: apps.length, firstTitle: apps[0]?.title, arrival: apps[0]?.arrival, participants: people.length, names: people.slice(0, 10).map((p) => p.family_name) };
    }
    watcher.close();
    const problems = r.ok ? [] : ((r.error.details.problems ?? []) as { row: number | null; column: string | null; message: string; messageEn: string }[]);
    return {
      importer,
      ok: r.ok,
      code: r.ok ? null : r.error.code,
      message: r.ok ? null : `${r.error.details.messages.ja} ${r.error.details.messages.en} ${problems.map((p) => `[${p.row}/${p.column}] ${p.message} ${p.messageEn}`).join(' ').slice(0, 2000)}`,
      changed,
      ms,
      stored,
    };
  } finally {
    await rt.close();
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  for (const f of files) {
    const bytes = readFileSync(join(dir!, f.name));
    const results = [];
    let peak = 0;
    // Each import's own peak: the app runs one import at a time, so garbage the previous importer
    // left for V8 to collect later is not this one's memory (together they reached 300 MB on the
    // 100k-row file while each alone stayed near 210 MB).
    for (const importer of IMPORTERS) {
      (globalThis as { gc?: () => void }).gc?.();
      resetPeak();
      results.push(await runOne(importer, f.name, bytes));
      peak = Math.max(peak, peakRssMb());
    }
    process.stdout.write(`${JSON.stringify({ name: f.name, bytes: bytes.length, peakRssMb: Math.round(peak), results })}\n`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
