// The participant, reviewer and review-sheet imports off the request path, as the applications
// import is (import-applications.ts): the file is read and checked first, with no lock and no
// transaction, in a worker thread with its own connection on a SQLite file (worker.ts); then one
// short transaction, holding the process's write gate, checks again what the database may have
// changed meanwhile and writes every row with the audit event. All or nothing, as before.
//
// Every door reaches these through the handler table (main/handlers/programs.ts, review.ts):
// `runImport` decides where the job runs and takes the import's scope lock.
import { engineOf, lockScope, withScopeLock } from '../../db/engine.ts';
import type { DB } from '../../db/open.ts';
import * as programs from '../../db/programs.ts';
import { writeReviews } from '../../db/review.ts';
import { writeReviewers } from '../../db/reviewers.ts';
import type { ImportProblem } from '../../shared/api/applications.ts';
import type { ProgramDetail } from '../../shared/api/programs.ts';
import { AppError } from '../../shared/errors.ts';
import { joined, writeAuditEvents } from '../audit/write.ts';
import type { Ctx } from '../context.ts';
import { parseParticipantsFile } from '../import/participants.ts';
import { parseReviewersFile } from '../review/reviewers-import.ts';
import { checkReviewSheets, loadReviewSheets, sheetsRejected } from '../review/sheets.ts';
import type { Progress } from './import-applications.ts';
import { noWorker, runInWorker, worthAWorker } from './worker.ts';
import { noLock, type WriteLock } from './write-gate.ts';

export interface ImportInputs {
  'programs/importParticipants': { id: string; fileName: string; bytes: Uint8Array; mode: 'replace' | 'append'; expectedVersion?: number | undefined };
  'review/importReviewers': { fileName: string; bytes: Uint8Array };
  'review/importSheets': { files: { fileName: string; bytes: Uint8Array }[] };
}
export interface ImportOutputs {
  'programs/importParticipants': { added: number; rows: number; detail: ProgramDetail };
  'review/importReviewers': { added: number; updated: number; rows: number };
  'review/importSheets': { files: number; reviews: number };
}
export type ImportName = keyof ImportInputs;

export interface ImportOptions {
  progress: Progress;
  /** The process's write gate for the write transaction (the worker asks the parent for it). */
  writing: WriteLock;
  /** Taken first thing in the write transaction: the scope's lock on PostgreSQL (team mode). */
  inTransaction: (trx: DB) => Promise<void>;
}

/** The door's turn to deliver the progress so far before the next synchronous stretch. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

const participantsRejected = (problems: ImportProblem[]) =>
  new AppError(
    'IMPORT_REJECTED',
    {
      ja: `ファイルに ${problems.length} 件の問題があるため、参加者を取り込みませんでした（名簿は変更されていません）。`,
      en: `The file has ${problems.length} problem(s), so no participants were imported (the roster is unchanged).`,
    },
    { problems },
  );

/**
 * The program as programs/get shows it, whatever that handler makes of it. Loaded when the import
 * starts (a worker has not loaded the handlers yet), so the write transaction never waits for it.
 */
function programDetail(): (db: DB, id: string) => Promise<ProgramDetail> {
  const loaded = import('../handlers/programs.ts');
  // Awaited in the transaction; a failure to load surfaces there, not as an unhandled rejection.
  loaded.catch(() => undefined);
  return async (db, id) => (await loaded).programsHandlers['programs/get']({ db } as Ctx, { id });
}

async function importParticipants(db: DB, user: string, i: ImportInputs['programs/importParticipants'], o: ImportOptions) {
  const detail = programDetail();
  // An unknown program is refused before its file is read.
  await programs.getProgramApplication(db, i.id);
  o.progress('read', 0, 1);
  const parsed = await parseParticipantsFile(i.fileName, i.bytes, o.progress);
  if (!parsed.ok) throw participantsRejected(parsed.problems);
  await turn();
  const rows = parsed.rows;
  return o.writing(() =>
    db.transaction().execute(async (trx) => {
      const inner = joined(trx);
      await o.inTransaction(inner);
      await programs.getProgramApplication(inner, i.id);
      // Read under the lock: two appends at once would each keep only their own rows otherwise.
      const existing = i.mode === 'append' ? ((await programs.participantsOf(inner, [i.id])).get(i.id) ?? []) : [];
      o.progress('write', 0, rows.length);
      // expectedVersion: an import over a roster another officer saved since is a CONFLICT.
      await programs.replaceParticipants(inner, i.id, [...existing, ...rows], user, i.expectedVersion);
      o.progress('write', rows.length, rows.length);
      const value = { added: rows.length, rows: rows.length, detail: await detail(inner, i.id) };
      await writeAuditEvents(inner, user, 'programs/importParticipants', { id: i.id, fileName: i.fileName, mode: i.mode }, value);
      return value;
    }),
  );
}

async function importReviewers(db: DB, user: string, i: ImportInputs['review/importReviewers'], o: ImportOptions) {
  o.progress('read', 0, 1);
  const rows = await parseReviewersFile(i.fileName, i.bytes, o.progress);
  await turn();
  return o.writing(() =>
    db.transaction().execute(async (trx) => {
      const inner = joined(trx);
      await o.inTransaction(inner);
      const { added, updated } = await writeReviewers(
        inner,
        rows.map((r) => ({ id: null, data: r.data })),
        user,
        (d, t) => o.progress('write', d, t),
      );
      const value = { added, updated, rows: rows.length };
      await writeAuditEvents(inner, user, 'review/importReviewers', { fileName: i.fileName }, value);
      return value;
    }),
  );
}

async function importSheets(db: DB, user: string, i: ImportInputs['review/importSheets'], o: ImportOptions) {
  o.progress('read', 0, 1);
  // Opening the workbooks is the long part; the checks against the export records are quick.
  const loaded = await loadReviewSheets(i.files, (d, t) => o.progress('parse', d, t));
  const first = await checkReviewSheets(db, loaded, (d, t) => o.progress('check', d, t));
  if (first.problems.length) throw sheetsRejected(first.problems);
  await turn();
  return o.writing(() =>
    db.transaction().execute(async (trx) => {
      const inner = joined(trx);
      await o.inTransaction(inner);
      // Checked again under the lock: assignments or the review form changed while the files were
      // being opened are refused exactly as they were when the whole import ran in one transaction.
      const { problems, reviews } = await checkReviewSheets(inner, loaded);
      if (problems.length) throw sheetsRejected(problems);
      o.progress('write', 0, reviews.length);
      const n = await writeReviews(inner, reviews, user);
      o.progress('write', n, reviews.length);
      const value = { files: i.files.length, reviews: n };
      await writeAuditEvents(inner, user, 'review/importSheets', { files: i.files.map((f) => ({ fileName: f.fileName })) }, value);
      return value;
    }),
  );
}

const IMPORTS: { [N in ImportName]: (db: DB, user: string, input: ImportInputs[N], o: ImportOptions) => Promise<ImportOutputs[N]> } = {
  'programs/importParticipants': importParticipants,
  'review/importReviewers': importReviewers,
  'review/importSheets': importSheets,
};

/** The import itself, on whichever connection it is given (the worker's or the app's). */
export function importOn<N extends ImportName>(name: N, db: DB, user: string, input: ImportInputs[N], o: ImportOptions): Promise<ImportOutputs[N]> {
  return IMPORTS[name](db, user, input, o);
}

/** The scope each import locks: a program's roster, the reviewers list, the review sheets. */
function scopeOf<N extends ImportName>(name: N, input: ImportInputs[N]): [string, string | number] {
  if (name === 'programs/importParticipants') return ['participants', (input as ImportInputs['programs/importParticipants']).id];
  return name === 'review/importReviewers' ? ['reviewers', 0] : ['review-sheets', 0];
}

const bytesOf = (name: ImportName, input: ImportInputs[ImportName]) =>
  name === 'review/importSheets'
    ? (input as ImportInputs['review/importSheets']).files.reduce((n, f) => n + f.bytes.length, 0)
    : (input as { bytes: Uint8Array }).bytes.length;

/**
 * Files this large go to a worker thread whatever the database's size. Their write phase is one
 * transaction on the app's thread when done inline (all or nothing), and its inserts are
 * microtasks that never give a timer its turn: 5,000 reviewers stopped the event loop for 175 ms
 * there, 2,000 participants for 94 ms (`npm run bench -- --only=import-jobs`). From about 64 KB
 * (some 2,000 reviewers) a worker's 0.5 s start is the better price. Smaller files go there on a
 * database large enough to hand its work out (offThreadPolicy, as exports and backups), where the
 * write phase's reads (every reviewer, every institution) cost too. A policy object, not a
 * constant, so the bench can measure the inline path (where no worker can start).
 */
export const importWorkerPolicy = { minBytes: 64 * 1024 };

function inWorker(ctx: Ctx, name: ImportName, input: ImportInputs[ImportName]): boolean {
  if (ctx.engine !== 'sqlite' || ctx.dbPath === ':memory:') return false;
  return worthAWorker(ctx.dbPath) || bytesOf(name, input) >= importWorkerPolicy.minBytes;
}

/**
 * Runs an import for a door: in a worker thread on a SQLite file (inline where none can start),
 * on the request's connection otherwise (in memory, team mode), with `job/progress` events for
 * `jobId`. The scope lock: on SQLite this process's queue for the scope, around the whole job and
 * so before the write gate, every time (one order, no deadlock); on PostgreSQL the transaction's
 * advisory lock, as the bulk jobs take it.
 */
export async function runImport<N extends ImportName>(ctx: Ctx, name: N, input: ImportInputs[N], jobId?: string): Promise<ImportOutputs[N]> {
  const progress: Progress = (phase, done, total) => {
    if (jobId) ctx.emit('job/progress', { jobId, phase, done, total });
  };
  const [scope, key] = scopeOf(name, input);
  const postgres = engineOf(ctx.db) === 'postgres';
  const job = async (): Promise<ImportOutputs[N]> => {
    if (inWorker(ctx, name, input)) {
      try {
        return await runInWorker<ImportOutputs[N]>({ kind: 'import', dbPath: ctx.dbPath, user: ctx.user, name, input }, { progress, gate: ctx.writeGate });
      } catch (e) {
        if (!noWorker(e)) throw e;
      }
    }
    return importOn(name, ctx.db, ctx.user, input, {
      progress,
      writing: ctx.writeGate ? ctx.writeGate.run : noLock,
      inTransaction: postgres ? (trx) => lockScope(trx, scope, key) : async () => {},
    });
  };
  return postgres ? job() : withScopeLock(ctx.db, scope, key, job);
}
