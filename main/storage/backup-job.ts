// A backup made off the request path: a worker thread opens its own read-only connection, holds one
// read snapshot for the whole copy and runs the same makeBackup (online backup API, quick_check,
// rename, sidecar) as before. The app's thread only relays progress, so every door keeps answering
// while a 20-year file is copied and checked; writes made meanwhile simply are not in the copy.
import BetterSqlite3 from 'better-sqlite3';
import type { BackupInfo } from '../../shared/api/backup.ts';
import { noWorker, runInWorker, worthAWorker, type Job } from '../jobs/worker.ts';
import { makeBackup, type MakeBackupOptions } from './backups.ts';

type BackupJob = Extract<Job, { kind: 'backup' }>;

/** In the worker: the copy from a connection of its own. */
export async function backupFromOwnConnection(job: BackupJob, onProgress: (done: number, total: number) => void): Promise<BackupInfo> {
  const raw = new BetterSqlite3(job.dbPath, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    // One snapshot for every step: a write committed by another connection between two steps would
    // otherwise make SQLite start the copy again from the first page (and again at the next write).
    raw.exec('begin');
    raw.prepare('select count(*) from sqlite_master').get();
    const info = await makeBackup(raw, job.dbPath, {
      reason: job.reason,
      kind: job.backupKind,
      appVersion: job.appVersion,
      out: job.out,
      now: new Date(job.now),
      onProgress,
    });
    raw.exec('commit');
    return info;
  } finally {
    raw.close();
  }
}

/**
 * makeBackup of the file at `dbPath`, in a worker thread; inline on `raw` (the app's connection)
 * for a small file (worthAWorker) or where no worker can start.
 */
export async function makeBackupOffThread(raw: BetterSqlite3.Database, dbPath: string, o: MakeBackupOptions): Promise<BackupInfo> {
  if (!worthAWorker(dbPath)) return makeBackup(raw, dbPath, o);
  const job: BackupJob = { kind: 'backup', dbPath, reason: o.reason, backupKind: o.kind, appVersion: o.appVersion, out: o.out, now: (o.now ?? new Date()).toISOString() };
  try {
    return await runInWorker<BackupInfo>(job, { progress: (_phase, done, total) => o.onProgress?.(done, total) });
  } catch (e) {
    if (!noWorker(e)) throw e;
  }
  return makeBackup(raw, dbPath, o);
}
