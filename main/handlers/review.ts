// Handlers of the review area (shared/api/review.ts).
import { AppError } from '../../shared/errors.ts';
import { todayIso } from '../../shared/dates.ts';
import type { HandlerTable } from '../dispatch.ts';
import * as rv from '../../db/review.ts';
import * as people from '../../db/reviewers.ts';
import { pageConflicts } from '../../db/conflicts.ts';
import { assertNoConflicts, planAutoAssign } from '../review/assign.ts';
import { decideWithGate } from '../review/decisions.ts';
import { budget, commitBudget, facts, ranking } from '../review/ranking.ts';
import { queueCounts, queuePage } from '../../db/queues.ts';
import { recordExports } from '../review/sheets.ts';
import { runImport } from '../jobs/imports.ts';
import { exportSheetsOffThread } from '../review/sheets-export.ts';
import { exportSummary } from '../review/summary.ts';
import { withScopeLock } from '../../db/engine.ts';
import { withYearsLocked, yearsOf } from '../bulk-locks.ts';

export const reviewHandlers: Pick<
  HandlerTable,
  | 'review/listReviewers'
  | 'review/saveReviewer'
  | 'review/deleteReviewer'
  | 'review/importReviewers'
  | 'review/listConflicts'
  | 'review/declareConflict'
  | 'review/removeConflict'
  | 'review/listAssignments'
  | 'review/assign'
  | 'review/unassign'
  | 'review/previewAutoAssign'
  | 'review/autoAssign'
  | 'review/undoBatch'
  | 'review/getRubric'
  | 'review/saveRubric'
  | 'review/getReview'
  | 'review/saveReview'
  | 'review/queueCounts'
  | 'review/queue'
  | 'review/ranking'
  | 'review/facts'
  | 'review/decide'
  | 'review/simulateBudget'
  | 'review/commitBudget'
  | 'review/exportSheets'
  | 'review/confirmSheets'
  | 'review/importSheets'
  | 'review/exportSummary'
> = {
  'review/listReviewers': (ctx, f) => people.pageReviewers(ctx.db, f),
  'review/saveReviewer': async (ctx, { id, data, expectedVersion }) => {
    const { ids } = await people.writeReviewers(ctx.db, [{ id, data, expectedVersion }], ctx.user);
    return people.getReviewer(ctx.db, ids[0]!);
  },
  'review/deleteReviewer': async (ctx, { id, expectedVersion }) => ({ deleted: await people.deleteReviewer(ctx.db, id, expectedVersion) }),
  // A bulk job, locked (two officers importing reviewers at once would each add the same people),
  // read and checked off the request path (main/jobs/imports.ts).
  'review/importReviewers': (ctx, { fileName, dataBase64, jobId }) =>
    runImport(ctx, 'review/importReviewers', { fileName, bytes: Buffer.from(dataBase64, 'base64') }, jobId),

  'review/listConflicts': (ctx, { applicationId, applicationIds, reviewerId, fiscalYear, limit, offset }) =>
    pageConflicts(ctx.db, {
      // One application and a list narrow together: only the ones in both.
      ...(applicationId || applicationIds
        ? { applicationIds: applicationId ? (applicationIds ? applicationIds.filter((x) => x === applicationId) : [applicationId]) : applicationIds }
        : {}),
      ...(reviewerId ? { reviewerIds: [reviewerId] } : {}),
      fiscalYear,
      limit,
      offset,
    }),
  'review/declareConflict': async (ctx, { reviewerId, applicationId, reason }) => {
    const assigned = await rv.listAssignments(ctx.db, { applicationId, reviewerId });
    if (assigned.some((a) => a.status === 'submitted')) {
      throw new AppError('CONFLICT', {
        ja: 'この審査委員はすでにこの応募の審査を提出しています。利益相反を登録する前に審査の扱いを決めてください。',
        en: 'This reviewer already submitted a review of this application. Decide what to do with it before declaring a conflict.',
      });
    }
    // A conflicted reviewer may never hold the assignment: declaring one removes it.
    if (assigned.length) await rv.removeAssignments(ctx.db, { ids: assigned.map((a) => a.id) }, ctx.user);
    return people.declareConflict(ctx.db, reviewerId, applicationId, reason, ctx.user);
  },
  'review/removeConflict': async (ctx, { id }) => ({ removed: await people.removeConflict(ctx.db, id) }),

  'review/listAssignments': (ctx, f) => rv.pageAssignments(ctx.db, f),
  'review/assign': async (ctx, { applicationIds, reviewerIds, dueOn }) => {
    const found = await ctx.db.selectFrom('application').select('id').where('id', 'in', applicationIds).execute();
    if (found.length !== new Set(applicationIds).size) {
      throw new AppError('NOT_FOUND', { ja: '指定の応募の一部が見つかりません。何も割り当てていません。', en: 'Some applications were not found. Nothing was assigned.' });
    }
    const reviewers = await people.listReviewers(ctx.db, { ids: reviewerIds });
    if (reviewers.length !== new Set(reviewerIds).size) people.reviewerNotFound(reviewerIds.find((id) => !reviewers.some((r) => r.id === id))!);
    await assertNoConflicts(ctx.db, applicationIds, reviewerIds);
    const pairs = applicationIds.flatMap((applicationId) => reviewerIds.map((reviewerId) => ({ applicationId, reviewerId })));
    return rv.insertAssignments(ctx.db, pairs, ctx.user, dueOn);
  },
  'review/unassign': async (ctx, { assignmentIds }) => {
    const r = await rv.removeAssignments(ctx.db, { ids: assignmentIds }, ctx.user);
    if (r.kept) {
      throw new AppError('CONFLICT', {
        ja: `${r.kept} 件は審査が提出済みのため割り当てを外せません（ほかの ${r.removed} 件は外しました）。`,
        en: `${r.kept} assignment(s) already have a review and were kept (${r.removed} removed).`,
      });
    }
    return { removed: r.removed };
  },
  'review/previewAutoAssign': (ctx, o) => planAutoAssign(ctx.db, o),
  // A bulk job: locked per year and call (team mode), so a second officer's run plans on the first's.
  'review/autoAssign': (ctx, o) =>
    withScopeLock(ctx.db, 'auto-assign', `${o.fiscalYear}-${o.call ?? 0}`, async (db) => {
      const plan = await planAutoAssign(db, o);
      const { batchId } = await rv.insertAssignments(db, plan.added, ctx.user, o.dueOn);
      return { ...plan, batchId };
    }),
  'review/undoBatch': (ctx, { batchId }) => rv.removeAssignments(ctx.db, { batchId }, ctx.user),

  'review/getRubric': (ctx, { fiscalYear, call }) => rv.getRubric(ctx.db, fiscalYear, call),
  'review/saveRubric': (ctx, { fiscalYear, call, criteria, expectedVersion }) => rv.saveRubric(ctx.db, fiscalYear, call, criteria, ctx.user, expectedVersion),

  'review/getReview': (ctx, { assignmentId }) => rv.getReview(ctx.db, assignmentId),
  'review/saveReview': async (ctx, { assignmentId, scores, recommendation, confidence, comment, expectedVersion }) => {
    const [a] = await rv.listAssignments(ctx.db, { ids: [assignmentId] });
    if (!a) throw new AppError('NOT_FOUND', { ja: '指定の割り当てが見つかりません。', en: 'Assignment not found.' }, { assignmentId });
    const rubric = await rv.getRubric(ctx.db, a.fiscalYear, a.call);
    const given = new Map(scores.map((s) => [s.criterion, s]));
    const missing = rubric.criteria.filter((c) => !given.has(c.key));
    const unknown = scores.filter((s) => !rubric.criteria.some((c) => c.key === s.criterion));
    if (missing.length || unknown.length) {
      throw new AppError('VALIDATION', {
        ja: `評価項目が審査フォームと一致しません${missing.length ? `（未記入: ${missing.map((c) => c.label).join('、')}）` : ''}${unknown.length ? `（不明: ${unknown.map((s) => s.criterion).join('、')}）` : ''}。`,
        en: `The scores do not match the review form${missing.length ? ` (missing: ${missing.map((c) => c.labelEn || c.key).join(', ')})` : ''}${unknown.length ? ` (unknown: ${unknown.map((s) => s.criterion).join(', ')})` : ''}.`,
      });
    }
    const ordered = rubric.criteria.map((c) => ({ criterion: c.key, label: c.label, score: given.get(c.key)!.score, comment: given.get(c.key)!.comment }));
    await rv.writeReviews(ctx.db, [{ assignmentId, scores: ordered, recommendation, confidence, comment, source: 'app', expectedVersion }], ctx.user);
    return (await rv.getReview(ctx.db, assignmentId))!;
  },

  'review/queueCounts': (ctx, { fiscalYear, perApplication }) => queueCounts(ctx.db, { fiscalYear, perApplication, today: todayIso() }),
  'review/queue': (ctx, { queue, fiscalYear, perApplication, limit, offset }) =>
    queuePage(ctx.db, queue, { fiscalYear, perApplication, today: todayIso() }, { limit, offset }),

  'review/ranking': (ctx, o) => ranking(ctx.db, o),
  'review/facts': (ctx, f) => facts(ctx.db, f),

  // Decisions lock their fiscal years (the lock applications/import and saves take), so a decision
  // never interleaves with another officer's decisions or import of the same year.
  'review/decide': async (ctx, { applicationIds, decision, comment, override }) => ({
    decided: await withYearsLocked(ctx.db, 'applications', await yearsOf(ctx.db, applicationIds), (db) =>
      decideWithGate(db, applicationIds, decision, comment, override, ctx.user),
    ),
  }),
  'review/simulateBudget': (ctx, o) => budget(ctx.db, o),
  // The simulator's commit re-runs the simulation under the year's lock: what it adopts is what
  // the year holds once the other officer's commit is in.
  'review/commitBudget': (ctx, o) => withYearsLocked(ctx.db, 'applications', [o.fiscalYear], (db) => commitBudget(db, o, ctx.user)),

  // Built off the request path on a large file, recorded with its audit event (main/review/sheets-export.ts).
  'review/exportSheets': (ctx, o) => exportSheetsOffThread(ctx, o),
  'review/confirmSheets': async (ctx, { fiscalYear, call, exports }) => ({ recorded: await recordExports(ctx.db, fiscalYear, call, exports, ctx.user) }),
  // Opened and checked off the request path, checked again and written in one transaction.
  'review/importSheets': (ctx, { files, jobId }) =>
    runImport(ctx, 'review/importSheets', { files: files.map((f) => ({ fileName: f.fileName, bytes: Buffer.from(f.dataBase64, 'base64') })) }, jobId),
  'review/exportSummary': (ctx, o) => exportSummary(ctx.db, o, ctx.lang),
};
