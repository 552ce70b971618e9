// Long work off the request path: a worker thread with its own connection to the same database
// file (WAL lets the app's connection keep reading and answering while this one works). Used for
// imports, exports and backups; the caller falls back to running inline where no worker can start
// (an ad-hoc bundle without import-worker.cjs beside it).
//
// A job that writes asks the parent for the process's write gate (write-gate.ts) before its write
// transaction and gives it back after the commit, so the app's own writes wait for it as promises
// instead of in SQLite's synchronous busy wait.
import { createRequire } from 'node:module';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { BackupKind } from '../../shared/api/backup.ts';
import type { Lang } from '../../shared/errors.ts';
import { AppError } from '../../shared/errors.ts';
import { MAX_APPLICATION_ROWS_IN_WORKER } from '../../shared/limits.ts';
import type { Door } from '../context.ts';
import type { SheetsInput } from '../review/sheets-export.ts';
import { importApplicationsAudited, type Progress } from './import-applications.ts';
import type { ImportInputs, ImportName } from './imports.ts';
import type { Release, WriteGate, WriteLock } from './write-gate.ts';

export type Job =
  | { kind: 'import-applications'; dbPath: string; user: string; fileName: string; bytes: Uint8Array }
  | { kind: 'backup'; dbPath: string; reason: string; backupKind: BackupKind; appVersion: string; out?: string | undefined; now: string }
  | { kind: 'review-sheets'; dbPath: string; user: string; lang: Lang; input: SheetsInput }
  /** The participant, reviewer and review-sheet imports (imports.ts). */
  | { kind: 'import'; dbPath: string; user: string; name: ImportName; input: ImportInputs[ImportName] }
  | {
      kind: 'call';
      dbPath: string;
      name: string;
      input: unknown;
      ctx: { door: Door; user: string; lang: Lang; appVersion: string; schemaVersion: number; server: string | null };
    };

type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'lock' }
  | { type: 'unlock' }
  | { type: 'done'; value: unknown }
  | { type: 'failed'; appError?: { code: string; messages: { ja: string; en: string }; details: Record<string, unknown> }; message?: string };

export interface WorkerHooks {
  progress?: Progress;
  /** Events the job's handler emits (ctx.emit), passed on to the doors. */
  emit?: (event: string, payload: unknown) => void;
  /** The process's write gate, held for the job's write phase. */
  gate?: WriteGate | undefined;
  /** Buffers handed to the worker rather than copied (the import's file bytes). */
  transfer?: ArrayBuffer[];
}

/**
 * Below this size a file's backup or an export is done (and quick_check'ed) in tens of
 * milliseconds, sooner than a worker thread starts: only larger databases hand their work out.
 * Tests lower it to 0 to send everything to a worker.
 */
export const offThreadPolicy = { minDbBytes: 8 * 1024 * 1024 };

/** Whether work on this database file is worth a worker thread (and can have one). */
export function worthAWorker(dbPath: string): boolean {
  if (!isMainThread || dbPath === ':memory:') return false;
  try {
    return statSync(dbPath).size >= offThreadPolicy.minDbBytes;
  } catch {
    return false;
  }
}

/** True for the error runInWorker rejects with when no worker could start: run inline then. */
export const noWorker = (e: unknown) => e instanceof Error && !(e instanceof AppError) && /^no worker/.test(e.message);

const JOB_KINDS = new Set<Job['kind']>(['import-applications', 'backup', 'review-sheets', 'call', 'import']);

/** Jobs handed to a worker thread so far, by kind: what tests and the benchmark look at. */
export const workerJobs: Record<Job['kind'], number> = { 'import-applications': 0, backup: 0, 'review-sheets': 0, call: 0, import: 0 };

/** Runs a job in a worker; resolves with its value, rejects with its AppError as it was thrown. */
export function runInWorker<T>(job: Job, hooks: WorkerHooks = {}): Promise<T> {
  let url: URL;
  try {
    url = new URL(import.meta.url);
  } catch {
    return Promise.reject(new Error('no worker: bundled code'));
  }
  // Only the main thread hands work out: a job's own handler runs where it is.
  if (!isMainThread) return Promise.reject(new Error('no worker: already in one'));
  return new Promise<T>((resolve, reject) => {
    // Source files (tsx, tests) need the TypeScript loader in the worker too: a two-line bootstrap
    // registers tsx's loader, then loads this file.
    let w: Worker;
    if (url.pathname.endsWith('.ts')) {
      const tsx = pathToFileURL(createRequire(url).resolve('tsx/esm/api')).href.replace(/index\.cjs$/, 'index.mjs');
      w = new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, {
        eval: true,
        workerData: job,
        transferList: hooks.transfer ?? [],
      });
    } else {
      // Bundled: the worker is its own bundle beside this one (scripts/build-node.mjs and
      // build-main.mjs). Where it is missing (a test's ad-hoc bundle), the job runs inline.
      const entry = new URL('./import-worker.cjs', url);
      if (entry.href === url.href || !existsSync(fileURLToPath(entry))) {
        reject(new Error('no worker: no import-worker.cjs beside the bundle'));
        return;
      }
      w = new Worker(entry, { workerData: job, transferList: hooks.transfer ?? [] });
    }
    workerJobs[job.kind]++;
    let ready = false;
    let exited = false;
    let release: Release | null = null;
    const unlock = () => {
      release?.();
      release = null;
    };
    w.on('message', (m: FromWorker) => {
      if (m.type === 'ready') ready = true;
      else if (m.type === 'progress') hooks.progress?.(m.phase, m.done, m.total);
      else if (m.type === 'event') hooks.emit?.(m.event, m.payload);
      else if (m.type === 'lock') {
        if (!hooks.gate) {
          w.postMessage({ type: 'locked' });
          return;
        }
        void hooks.gate.acquire().then((r) => {
          // A worker that died while it waited gets nothing: the gate goes to the next writer.
          if (exited) return r();
          release = r;
          w.postMessage({ type: 'locked' });
        });
      } else if (m.type === 'unlock') unlock();
      else if (m.type === 'done') resolve(m.value as T);
      else if (m.appError) reject(new AppError(m.appError.code as never, m.appError.messages, m.appError.details));
      else reject(new Error(m.message ?? 'worker failed'));
    });
    // Failing before it ran (no loader, a bundled build): nothing was written, so run inline.
    w.on('error', (e) => {
      unlock();
      reject(ready ? e : new Error(`no worker: ${e.message}`));
    });
    w.on('exit', (code) => {
      // Whatever the worker did, its connection is gone and with it any lock it held.
      exited = true;
      unlock();
      if (code !== 0) reject(ready ? new Error(`worker exited with ${code}`) : new Error(`no worker: exit ${code}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Inside the worker

const post = (m: FromWorker) => parentPort!.postMessage(m);

/** The parent's write gate, asked for by message. */
const gateByMessage: WriteLock = async (fn) => {
  await new Promise<void>((resolve) => {
    parentPort!.once('message', (m: { type: string }) => {
      if (m.type === 'locked') resolve();
    });
    post({ type: 'lock' });
  });
  try {
    return await fn();
  } finally {
    post({ type: 'unlock' });
  }
};

async function run(job: Job): Promise<unknown> {
  const progress: Progress = (phase, done, total) => post({ type: 'progress', phase, done, total });
  const { openWorkerConnection } = await import('./connection.ts');
  if (job.kind === 'backup') {
    const { backupFromOwnConnection } = await import('../storage/backup-job.ts');
    return backupFromOwnConnection(job, (done, total) => progress('backup', done, total));
  }
  const conn = openWorkerConnection(job.dbPath, { readonly: job.kind !== 'import-applications' && job.kind !== 'import' });
  try {
    if (job.kind === 'import') {
      const { importOn } = await import('./imports.ts');
      // SQLite: the scope lock is the parent's (imports.ts runImport), held around this job.
      return await importOn(job.name, conn.db, job.user, job.input, { progress, writing: gateByMessage, inTransaction: async () => {} });
    }
    if (job.kind === 'import-applications') {
      // The import's commits leave their pages in the WAL. Copied into the file by the connection
      // that commits next, they would stall the app's thread (hundreds of MB after 100,000 rows)
      // or, inside a commit, keep the write gate closed longer. So no automatic checkpoint here:
      // PASSIVE checkpoints between chunks (the gate given back) on this thread; writers go on.
      conn.raw.pragma('wal_autocheckpoint = 0');
      let chunks = 0;
      const value = await importApplicationsAudited(conn.db, job.user, job.fileName, job.bytes, progress, {
        writing: gateByMessage,
        maxRows: MAX_APPLICATION_ROWS_IN_WORKER,
        // The chunks' pages copied into the file here, every few chunks (a checkpoint syncs the
        // file: one per chunk would slow the import) and off the app's thread, so the app's own
        // commits meanwhile find little to checkpoint.
        betweenChunks: () => {
          if (++chunks % 8 === 0) conn.raw.pragma('wal_checkpoint(PASSIVE)');
        },
      });
      conn.raw.pragma('wal_checkpoint(PASSIVE)');
      return value;
    }
    if (job.kind === 'review-sheets') {
      // Built only: the caller records the export and its audit event on the app's connection.
      const { exportReviewSheets } = await import('../review/sheets.ts');
      return await exportReviewSheets(conn.db, { ...job.input, record: 'later' }, job.user, job.lang);
    }
    // An export: the same handler as on the main thread, on this thread's read-only connection.
    const { handlers } = await import('../handlers/index.ts');
    const handler = (handlers as unknown as Record<string, (ctx: unknown, input: unknown) => unknown>)[job.name];
    if (!handler) throw new Error(`no handler ${job.name}`);
    return await handler(
      {
        ...job.ctx,
        db: conn.db,
        dbPath: job.dbPath,
        engine: 'sqlite',
        emit: (event: string, payload: unknown) => post({ type: 'event', event, payload }),
      },
      job.input,
    );
  } finally {
    await conn.close();
  }
}

async function work(job: Job): Promise<void> {
  post({ type: 'ready' });
  let result: FromWorker;
  try {
    result = { type: 'done', value: await run(job) };
  } catch (e) {
    if (e instanceof AppError) result = { type: 'failed', appError: { code: e.code, messages: e.messages, details: e.details } };
    else result = { type: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
  post(result);
}

if (!isMainThread && JOB_KINDS.has((workerData as Job | undefined)?.kind as Job['kind'])) void work(workerData as Job);
