// Long work off the request path: a worker thread with its own connection to the same database
// file (WAL lets the app's connection keep reading and answering while this one writes). Used for
// imports; the caller falls back to running inline where no worker can start (a bundled build).
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/open.ts';
import { AppError } from '../../shared/errors.ts';
import { importApplicationsAudited, type Progress } from './import-applications.ts';

interface Job {
  kind: 'import-applications';
  dbPath: string;
  user: string;
  fileName: string;
  bytes: Uint8Array;
}
type Message =
  | { type: 'ready' }
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'done'; value: unknown }
  | { type: 'failed'; appError?: { code: string; messages: { ja: string; en: string }; details: Record<string, unknown> }; message?: string };

/** Runs a job in a worker; resolves with its value, rejects with its AppError as it was thrown. */
export function runInWorker<T>(job: Job, progress: Progress): Promise<T> {
  let url: URL;
  try {
    url = new URL(import.meta.url);
  } catch {
    return Promise.reject(new Error('no worker: bundled code'));
  }
  return new Promise<T>((resolve, reject) => {
    // Source files (tsx, tests) need the TypeScript loader in the worker too: a two-line bootstrap
    // registers tsx's loader, then loads this file.
    let w: Worker;
    if (url.pathname.endsWith('.ts')) {
      const tsx = pathToFileURL(createRequire(url).resolve('tsx/esm/api')).href.replace(/index\.cjs$/, 'index.mjs');
      w = new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, workerData: job });
    } else {
      // Bundled: the worker is its own bundle beside this one (scripts/build-node.mjs and
      // build-main.mjs). Where it is missing (a test's ad-hoc bundle), the import runs inline.
      const entry = new URL('./import-worker.cjs', url);
      if (entry.href === url.href || !existsSync(fileURLToPath(entry))) {
        reject(new Error('no worker: no import-worker.cjs beside the bundle'));
        return;
      }
      w = new Worker(entry, { workerData: job });
    }
    let ready = false;
    w.on('message', (m: Message) => {
      if (m.type === 'ready') ready = true;
      else if (m.type === 'progress') progress(m.phase, m.done, m.total);
      else if (m.type === 'done') resolve(m.value as T);
      else if (m.appError) reject(new AppError(m.appError.code as never, m.appError.messages, m.appError.details));
      else reject(new Error(m.message ?? 'worker failed'));
    });
    // Failing before it ran (no loader, a bundled build): nothing was written, so run inline.
    w.on('error', (e) => reject(ready ? e : new Error(`no worker: ${e.message}`)));
    w.on('exit', (code) => {
      if (code !== 0) reject(ready ? new Error(`worker exited with ${code}`) : new Error(`no worker: exit ${code}`));
    });
  });
}

async function work(job: Job): Promise<void> {
  const post = (m: Message) => parentPort!.postMessage(m);
  post({ type: 'ready' });
  const open = await openDatabase(job.dbPath);
  let result: Message;
  try {
    const value = await importApplicationsAudited(open.db, job.user, job.fileName, job.bytes, (phase, done, total) => post({ type: 'progress', phase, done, total }));
    result = { type: 'done', value };
  } catch (e) {
    if (e instanceof AppError) result = { type: 'failed', appError: { code: e.code, messages: e.messages, details: e.details } };
    else result = { type: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
  // Closed (and its PRAGMA optimize written) before the caller hears back: the caller's next write
  // must not meet this connection's write lock.
  await open.close();
  post(result);
}

if (!isMainThread && (workerData as Job | undefined)?.kind === 'import-applications') void work(workerData as Job);
