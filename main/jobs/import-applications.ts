// The applications import as one function (parse, check, write), so it can run on the request's
// connection or in a worker thread with its own (main/jobs/worker.ts).
import type { DB } from '../../db/open.ts';
import * as apps from '../../db/applications.ts';
import { withScopeLock } from '../../db/engine.ts';
import { nowIso } from '../../db/ids.ts';
import { clearJournal, finishBatch, startBatch, undoBatch, type Journal } from '../../db/import-batch.ts';
import { InstitutionResolver } from '../../db/institutions.ts';
import { getRuleSet } from '../../db/rulesets.ts';
import type { ImportProblem } from '../../shared/api/applications.ts';
import { AppError } from '../../shared/errors.ts';
import { checkPlan } from '../../shared/rules/eligibility.ts';
import type { RuleSet } from '../../shared/rules/ruleset.ts';
import type { EligibilityResult, Finding } from '../../shared/rules/types.ts';
import { applicationPlan } from '../handlers/applications.ts';
import { parseApplicationsFile, type ParsedApplicationRow } from '../import/applications.ts';
import { joined, writeAuditEvents } from '../audit/write.ts';
import { noLock, type WriteLock } from './write-gate.ts';

export type Progress = (phase: string, done: number, total: number) => void;

export const importFailed = (problems: ImportProblem[]) =>
  new AppError(
    'IMPORT_REJECTED',
    {
      ja: `ファイルに ${problems.length} 件の問題があるため、取り込みませんでした（何も書き込まれていません）。`,
      en: `The file has ${problems.length} problem(s), so nothing was imported (nothing was written).`,
    },
    { problems },
  );

/**
 * Only the codes are stored (db/applications.ts); the bilingual sentences are made again when a
 * row is shown. Kept for 100,000 rows until the write, they would be most of the import's memory.
 */
function codesOnly(check: EligibilityResult): EligibilityResult {
  const slim = (f: Finding): Finding => ({ code: f.code, message: '', messageEn: '', params: {} });
  return { ...check, violations: check.violations.map(slim), warnings: check.warnings.map(slim) };
}

/**
 * Rows per write transaction. Each chunk holds the write gate (and SQLite's one write lock) for
 * a few milliseconds, so a save from another door waits at most one chunk, not the whole import
 * (bench/import-during.ts measures it). Small enough for that, large enough that the per-chunk
 * costs (the journal, the key lookup, BEGIN/COMMIT) stay a small share of the import.
 */
export const CHUNK_ROWS = 250;

export interface ImportOptions {
  writing?: WriteLock;
  maxRows?: number;
  chunkRows?: number;
  /** Tests: called after chunk k (0-based) has committed; a throw fails the import there. */
  afterChunk?: (k: number) => void | Promise<void>;
  /** After each chunk, the write gate given back (the worker checkpoints its WAL here). */
  betweenChunks?: () => void;
}

/**
 * The import in three phases.
 * 1. With no lock and no transaction, the file is read and every row checked: the long part, and
 *    a bad file is refused here, before anything is written.
 * 2. The rows are written in chunks of CHUNK_ROWS, each in its own short transaction holding the
 *    write lock (`writing`: the process's write gate, which is FIFO, so a save that queued during
 *    a chunk goes before the next one). Each chunk commits with its journal entries
 *    (db/import-batch.ts, migration 0013): what it added, and the before-image of what it updated.
 * 3. One short transaction marks the batch done with its audit event; the journal is then cleared.
 *
 * What others see meanwhile: the imported rows appear chunk by chunk (a list opened mid-import
 * shows the first chunks). That is the price of answering saves within milliseconds, and it is
 * safe because the import is still all or nothing for staff: if any chunk fails, the chunks that
 * committed are undone (added rows deleted, updated rows restored from their before-images) and
 * the undo is audited; if the process dies, the next open undoes the batch. An undo never
 * overwrites a row someone changed after the import wrote it (its row_version moved on): such a
 * row is kept and named in the undo's audit event.
 */
export async function importApplicationsAudited(
  db: DB,
  user: string,
  fileName: string,
  bytes: Uint8Array,
  progress: Progress,
  { writing = noLock, maxRows, chunkRows = CHUNK_ROWS, afterChunk, betweenChunks }: ImportOptions = {},
) {
  progress('read', 0, 1);
  const parsed = await parseApplicationsFile(fileName, bytes, (d, t) => progress('parse', d, t), maxRows);
  if (!parsed.ok) throw importFailed(parsed.problems);
  // Give the door a turn to deliver the parse progress before the writes.
  await new Promise((resolve) => setImmediate(resolve));
  // Released chunk by chunk once written: the import does not keep 100,000 rows to the end.
  const rows: (ParsedApplicationRow | null)[] = parsed.rows;
  const total = rows.length;
  const years = [...new Set(parsed.rows.map((r) => r.data.fiscalYear))];
  const checksWith = (part: ParsedApplicationRow[], ruleSets: Map<number, RuleSet>) =>
    part.map((r) => ({ id: null, data: r.data, check: codesOnly(checkPlan(applicationPlan(r.data), ruleSets.get(r.data.fiscalYear)!)) }));
  const readRuleSets = async (on: DB) => new Map<number, RuleSet>(await Promise.all(years.map(async (fy) => [fy, await getRuleSet(on, fy)] as const)));
  const same = (a: Map<number, RuleSet>, b: Map<number, RuleSet>) => years.every((fy) => JSON.stringify(a.get(fy)) === JSON.stringify(b.get(fy)));

  // One import at a time: in this process, and on PostgreSQL across every officer's process (a
  // session advisory lock held for the whole import, which is also how an open tells a running
  // import from an abandoned one: db/import-batch.ts recoverImportBatches). It blocks only other
  // imports: saves, decisions and rule-set edits take their own year locks, per transaction.
  return withScopeLock(db, 'applications/import', 0, async (on) => {
    let ruleSets = await readRuleSets(on);
    if (total <= chunkRows) {
      // One chunk's worth: one transaction with its audit event, as short as any chunk, so no
      // journal is needed (all or nothing by itself).
      let items = checksWith(parsed.rows, ruleSets);
      return writing(() =>
        on.transaction().execute(async (trx) => {
          const inner = joined(trx);
          const now = await readRuleSets(inner);
          if (!same(now, ruleSets)) items = checksWith(parsed.rows, now);
          const { added, updated } = await apps.writeApplications(inner, items, user);
          const value = { added, updated, rows: total };
          await writeAuditEvents(inner, user, 'applications/import', { fileName }, value);
          progress('write', total, total);
          return value;
        }),
      );
    }
    // The institution names, read once outside the lock; each chunk adds those changed since.
    let since: string | null = nowIso();
    const resolver = await InstitutionResolver.load(on, user);
    const batchId = await writing(() => startBatch(on, { kind: 'applications', fileName, actor: user }));
    const journal: Journal = { batchId, seen: new Set() };
    let added = 0;
    let updated = 0;
    try {
      for (let start = 0, k = 0; start < total; start += chunkRows, k++) {
        const part = rows.slice(start, start + chunkRows) as ParsedApplicationRow[];
        // Checked before taking the lock; checked again under it only if a rule set was saved
        // meanwhile, so no chunk is stored with the verdict of a rule set no longer the year's.
        // (Chunks committed before such a save keep the verdict of their time, as every
        // application saved before it does: a rule-set save re-checks no stored application.)
        let items = checksWith(part, ruleSets);
        const stamp = nowIso();
        const r = await writing(() =>
          on.transaction().execute(async (trx) => {
            const inner = joined(trx);
            const now = await readRuleSets(inner);
            if (!same(now, ruleSets)) {
              ruleSets = now;
              items = checksWith(part, now);
            }
            return apps.writeApplications(inner, items, user, undefined, { journal, resolver, since });
          }),
        );
        since = stamp;
        added += r.added;
        updated += r.updated;
        rows.fill(null, start, start + part.length);
        betweenChunks?.();
        progress('write', Math.min(start + chunkRows, total), total);
        await afterChunk?.(k);
        // A turn of the event loop between chunks: on the app's thread (a file under
        // WORKER_MIN_BYTES) the gate and the driver only pass promises, so without it timers, I/O
        // and other doors' calls would wait for the whole write phase (a second for 20,000 rows).
        await new Promise((resolve) => setImmediate(resolve));
      }
      const value = { added, updated, rows: total };
      await writing(() =>
        on.transaction().execute(async (trx) => {
          const inner = joined(trx);
          await finishBatch(inner, batchId);
          await writeAuditEvents(inner, user, 'applications/import', { fileName }, value);
        }),
      );
      // Done and audited: the journal is bookkeeping now (an open clears what a crash leaves).
      await clearJournal(on, batchId, writing);
      return value;
    } catch (e) {
      await undoBatch(on, batchId, { step: writing, actor: user, reason: e instanceof AppError ? e.code : e instanceof Error ? e.message : String(e) });
      throw e;
    }
  });
}
