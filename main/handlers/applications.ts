import type { ApplicationInput } from '../../shared/api/applications.ts';
import { courseProgram } from '../../shared/domain.ts';
import { assertAdoptable, overrideReason } from '../../shared/review/gate.ts';
import { checkPlan } from '../../shared/rules/eligibility.ts';
import type { EligibilityResult, Plan } from '../../shared/rules/types.ts';
import * as apps from '../../db/applications.ts';
import { withScopeLock } from '../../db/engine.ts';
import { undoOwnRunning } from '../../db/import-batch.ts';
import { getRuleSet } from '../../db/rulesets.ts';
import { AppError } from '../../shared/errors.ts';
import type { Ctx } from '../context.ts';
import type { HandlerTable } from '../dispatch.ts';
import { buildApplicationsTemplate } from '../import/applications.ts';
import { importApplicationsAudited } from '../jobs/import-applications.ts';
import { noWorker, runInWorker } from '../jobs/worker.ts';
import { noLock, type WriteLock } from '../jobs/write-gate.ts';

/**
 * Files this large (tens of thousands of rows) are imported in a worker thread. Smaller ones are
 * imported on the app's thread, which stays responsive anyway: the file is parsed as a stream and
 * the rows are written in chunks of short transactions, so the event loop stops for at most a few
 * tens of milliseconds (16–44 ms for 10,000 rows, `npm run bench -- --only=import`). A worker
 * thread costs 0.5–0.7 s more (its start, a cold isolate and a cold page cache on its own
 * connection), a third of a 10,000-row import; it pays off only when the parse takes many seconds.
 */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;

/** An application is checked as a plan from its counts (no named participants yet). */
export function applicationPlan(d: ApplicationInput): Plan {
  return {
    program: courseProgram(d.course),
    course: d.course,
    fiscalYear: d.fiscalYear,
    field: d.field,
    mode: d.mode,
    arrival: d.arrival,
    departure: d.departure,
    invitees: d.invitees,
    escorts: d.escorts,
    institutions: d.sendingInstitutions.map((s) => s.name),
    countries: d.countries,
  };
}

async function detail(ctx: Ctx, id: string) {
  const summary = await apps.getApplicationSummary(ctx.db, id);
  const sending = await apps.getSendingDetail(ctx.db, id);
  const ruleSet = await getRuleSet(ctx.db, summary.fiscalYear);
  const eligibility: EligibilityResult = checkPlan(
    applicationPlan({ ...summary, sendingInstitutions: sending.map((s) => ({ name: s.name, country: s.country })) }),
    ruleSet,
  );
  const row = await ctx.db.selectFrom('application').select(['created_at', 'updated_at', 'updated_by', 'row_version']).where('id', '=', id).executeTakeFirstOrThrow();
  return {
    ...summary,
    sendingInstitutionsDetail: sending,
    eligibility,
    history: await apps.getHistory(ctx.db, id),
    createdAt: row.created_at,
    version: row.row_version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export const applicationsHandlers: Pick<
  HandlerTable,
  | 'applications/list'
  | 'applications/get'
  | 'applications/save'
  | 'applications/setStatus'
  | 'applications/delete'
  | 'applications/import'
  | 'applications/template'
  | 'eligibility/check'
> = {
  'applications/list': (ctx, filter) => apps.pageApplications(ctx.db, filter),

  'applications/get': (ctx, { id }) => detail(ctx, id),

  'applications/save': async (ctx, { id, data, expectedVersion }) => {
    const ruleSet = await getRuleSet(ctx.db, data.fiscalYear);
    const check = checkPlan(applicationPlan(data), ruleSet);
    const { ids } = await apps.writeApplications(ctx.db, [{ id, data, check, ...(expectedVersion !== undefined ? { expectedVersion } : {}) }], ctx.user);
    return detail(ctx, ids[0]!);
  },

  'applications/setStatus': async (ctx, { id, status, comment, override }) => {
    // The form goes through the same eligibility gate as decisions (shared/review/gate.ts).
    let reason: string | null = null;
    const d = status === 'adopted' ? await detail(ctx, id) : null;
    if (d && d.status !== 'adopted') {
      assertAdoptable([{ applicationId: id, applicationNo: d.applicationNo, violations: d.eligibility.violations }], override);
      if (d.eligibility.violations.length) reason = overrideReason(override);
    }
    await apps.setStatus(ctx.db, id, status, ctx.user, comment ?? null, reason);
    return detail(ctx, id);
  },

  'applications/delete': async (ctx, { id, expectedVersion }) => ({ deleted: await apps.deleteApplication(ctx.db, id, expectedVersion) }),

  'applications/import': async (ctx, { fileName, dataBase64, jobId }) => {
    const bytes = Buffer.from(dataBase64, 'base64');
    const progress = (phase: string, done: number, total: number) => {
      if (jobId) ctx.emit('job/progress', { jobId, phase, done, total });
    };
    // A SQLite file: parse and check in a worker thread with its own connection, so every other
    // call keeps answering during a long import; its write phase holds the write gate, so saves
    // made meanwhile wait their turn without blocking. In memory (tests), on a team server, or
    // where no worker can start (a bundled build), on this connection. Either way the import
    // commits with its audit event (SELF_AUDITED in main/audit/specs.ts).
    // Only files of WORKER_MIN_BYTES or more go to one (why: at its definition).
    if (ctx.engine === 'sqlite' && ctx.dbPath !== ':memory:' && bytes.length >= WORKER_MIN_BYTES) {
      // Handed over, not copied, when the bytes have a buffer of their own (large ones do).
      const own = bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length;
      try {
        // One import at a time in this process (the worker's own lock is its thread's only).
        return await withScopeLock(ctx.db, 'applications/import', 0, async () => {
          try {
            return await runInWorker<{ added: number; updated: number; rows: number }>(
              { kind: 'import-applications', dbPath: ctx.dbPath, user: ctx.user, fileName, bytes },
              { progress, gate: ctx.writeGate, transfer: own ? [bytes.buffer as ArrayBuffer] : [] },
            );
          } catch (e) {
            // A worker that died mid-import could not undo its chunks: undone here, now.
            if (!(e instanceof AppError) && !noWorker(e)) await undoOwnRunning(ctx.db, ctx.writeGate ? ctx.writeGate.run : noLock, ctx.user);
            throw e;
          }
        });
      } catch (e) {
        if (!noWorker(e)) throw e;
      }
    }
    // (Bytes handed to a worker that then could not start are gone from here: decoded again.)
    const lock: WriteLock = ctx.writeGate ? ctx.writeGate.run : noLock;
    return importApplicationsAudited(ctx.db, ctx.user, fileName, bytes.byteLength ? bytes : Buffer.from(dataBase64, 'base64'), progress, { writing: lock });
  },

  'applications/template': async () => ({
    fileName: 'sakura-applications-template.xlsx',
    dataBase64: Buffer.from(await buildApplicationsTemplate()).toString('base64'),
  }),

  'eligibility/check': async (ctx, { plan }) => checkPlan(plan, await getRuleSet(ctx.db, plan.fiscalYear)),
};
