// review/exportSheets off the request path: one Excel workbook per reviewer is seconds of exceljs
// work for a whole call. On a large SQLite file the workbooks are built in a worker thread on a
// read-only connection of its own; then, on the app's connection and behind the write gate, one
// short transaction records the export (unless the caller confirms later) with its audit event
// (SELF_AUDITED in main/audit/specs.ts). recordExports checks the assignments again, so a change
// made while the workbooks were built is refused, as it is for record: 'later'.
import type { ParsedInput } from '../../shared/api/index.ts';
import { joined, writeAuditEvents } from '../audit/write.ts';
import type { Ctx } from '../context.ts';
import { noWorker, runInWorker, worthAWorker } from '../jobs/worker.ts';
import { noLock } from '../jobs/write-gate.ts';
import { exportReviewSheets, recordExports } from './sheets.ts';

export type SheetsInput = ParsedInput<'review/exportSheets'>;
type Built = Awaited<ReturnType<typeof exportReviewSheets>>;

async function build(ctx: Ctx, o: SheetsInput): Promise<Built> {
  if (ctx.engine === 'sqlite' && worthAWorker(ctx.dbPath)) {
    try {
      return await runInWorker<Built>({ kind: 'review-sheets', dbPath: ctx.dbPath, user: ctx.user, lang: ctx.lang, input: o });
    } catch (e) {
      if (!noWorker(e)) throw e;
    }
  }
  return exportReviewSheets(ctx.db, { ...o, record: 'later' }, ctx.user, ctx.lang);
}

export async function exportSheetsOffThread(ctx: Ctx, o: SheetsInput): Promise<{ files: Built['files']; pending: Built['pending'] }> {
  const built = await build(ctx, o);
  const value = { files: built.files, pending: o.record === 'later' ? built.pending : [] };
  const lock = ctx.writeGate?.run ?? noLock;
  await lock(() =>
    ctx.db.transaction().execute(async (trx) => {
      const db = joined(trx);
      if (o.record !== 'later') await recordExports(db, o.fiscalYear, o.call, built.pending, ctx.user);
      await writeAuditEvents(db, ctx.user, 'review/exportSheets', o, value);
    }),
  );
  return value;
}
