// Assignments, the review form per call, reviews and decisions. Writes happen in one transaction
// each; every decision lands in the application's status history with who, when and the comment.
import { sql } from 'kysely';
import { todayIso } from '../shared/dates.ts';
import { AppError } from '../shared/errors.ts';
import { DEFAULT_CRITERIA, type Criterion, type Decision } from '../shared/review/rubric.ts';
import type { Status } from '../shared/domain.ts';
import { newId, nowIso } from './ids.ts';
import { applyStatusChanges, currentStatuses } from './status.ts';
import type { DB } from './open.ts';
import { pageOf } from './paging.ts';
import { sortKey } from './engine.ts';
import { assertVersion, stampOf } from './versioned.ts';

export const OPEN_STATUSES = ['received', 'under-review'] as const;
export const DECIDED_STATUSES = ['adopted', 'rejected', 'waitlisted'] as const;

export interface AssignmentValue {
  id: string;
  applicationId: string;
  applicationNo: string;
  fiscalYear: number;
  call: number | null;
  title: string;
  reviewerId: string;
  reviewer: string;
  reviewerInstitution: string | null;
  status: 'assigned' | 'submitted';
  dueOn: string | null;
  overdue: boolean;
  batchId: string | null;
  score: number | null;
}

export interface AssignmentFilter {
  fiscalYear?: number | undefined;
  call?: number | undefined;
  applicationId?: string | undefined;
  reviewerId?: string | undefined;
  ids?: string[];
  limit?: number | undefined;
  offset?: number | undefined;
}

function assignmentsWhere(db: DB, f: AssignmentFilter) {
  let q = db
    .selectFrom('review_assignment as s')
    .innerJoin('application as a', 'a.id', 's.application_id')
    .innerJoin('reviewer as r', 'r.id', 's.reviewer_id');
  if (f.fiscalYear !== undefined) q = q.where('a.fiscal_year', '=', f.fiscalYear);
  if (f.call !== undefined) q = q.where('a.call_number', '=', f.call);
  if (f.applicationId !== undefined) q = q.where('s.application_id', '=', f.applicationId);
  if (f.reviewerId !== undefined) q = q.where('s.reviewer_id', '=', f.reviewerId);
  if (f.ids !== undefined) q = q.where('s.id', 'in', f.ids.length ? f.ids : ['']);
  return q;
}

/** A page of assignments and the COUNT of every one the filters match. */
export async function pageAssignments(db: DB, f: AssignmentFilter): Promise<{ items: AssignmentValue[]; total: number }> {
  return pageOf(
    f,
    () => listAssignments(db, f),
    async () => (await assignmentsWhere(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
}

/** Assignments newest year first, by 受付番号 then reviewer (a page when `limit` is given). */
export async function listAssignments(db: DB, f: AssignmentFilter): Promise<AssignmentValue[]> {
  let q = assignmentsWhere(db, f)
    .leftJoin('institution as i', 'i.id', 'r.institution_id')
    .leftJoin('review as v', 'v.assignment_id', 's.id')
    .select([
      's.id',
      's.application_id',
      'a.application_no',
      'a.fiscal_year',
      'a.call_number',
      'a.title',
      's.reviewer_id',
      'r.name as reviewer',
      'i.name_ja as reviewer_institution',
      's.due_on',
      's.batch_id',
      'v.score',
      'v.id as review_id',
    ])
    .orderBy('a.fiscal_year', 'desc')
    .orderBy(sortKey(db, 'a.application_no'))
    .orderBy(sortKey(db, 'r.normalized_name'))
    .orderBy('s.id');
  if (f.limit !== undefined) q = q.limit(f.limit).offset(f.offset ?? 0);
  else if (f.offset) q = q.limit(2147483647).offset(f.offset);
  const today = todayIso();
  return (await q.execute()).map((r) => ({
    id: r.id,
    applicationId: r.application_id,
    applicationNo: r.application_no,
    fiscalYear: r.fiscal_year,
    call: r.call_number,
    title: r.title,
    reviewerId: r.reviewer_id,
    reviewer: r.reviewer,
    reviewerInstitution: r.reviewer_institution,
    status: r.review_id ? 'submitted' : 'assigned',
    dueOn: r.due_on,
    overdue: !r.review_id && r.due_on !== null && r.due_on < today,
    batchId: r.batch_id,
    score: r.score === null ? null : Number(r.score),
  }));
}

/**
 * Inserts new pairs (pairs already present are skipped) under one batch id, and moves 受付
 * applications to 審査中 with a history entry. Conflicts must have been checked by the caller.
 */
export async function insertAssignments(
  db: DB,
  pairs: { applicationId: string; reviewerId: string }[],
  user: string,
  dueOn: string | null,
): Promise<{ batchId: string; added: number; skipped: number }> {
  const batchId = newId();
  return db.transaction().execute(async (trx) => {
    const appIds = [...new Set(pairs.map((p) => p.applicationId))];
    const have = new Set<string>();
    for (let i = 0; i < appIds.length; i += 500) {
      const chunk = appIds.slice(i, i + 500);
      for (const r of await trx.selectFrom('review_assignment').select(['application_id', 'reviewer_id']).where('application_id', 'in', chunk).execute()) {
        have.add(`${r.application_id}:${r.reviewer_id}`);
      }
    }
    const now = nowIso();
    const rows = [];
    for (const p of pairs) {
      const key = `${p.applicationId}:${p.reviewerId}`;
      if (have.has(key)) continue;
      have.add(key);
      rows.push({ id: newId(), application_id: p.applicationId, reviewer_id: p.reviewerId, batch_id: batchId, due_on: dueOn, assigned_by: user, created_at: now, updated_at: now });
    }
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('review_assignment').values(rows.slice(i, i + 200)).execute();
    const touched = [...new Set(rows.map((r) => r.application_id))];
    for (let i = 0; i < touched.length; i += 500) {
      const chunk = touched.slice(i, i + 500);
      const received = await trx.selectFrom('application').select('id').where('id', 'in', chunk).where('status', '=', 'received').execute();
      if (!received.length) continue;
      await applyStatusChanges(
        trx,
        received.map((r) => ({ id: r.id, from: 'received' as const, to: 'under-review' as const, comment: '審査員を割り当てました / reviewers assigned' })),
        user,
      );
    }
    return { batchId, added: rows.length, skipped: pairs.length - rows.length };
  });
}

/**
 * Removes assignments that have no review yet; those with a review are kept (a review is work a
 * reviewer did and is never thrown away by an undo). An application left without any assignment
 * goes back from 審査中 to 受付.
 */
export async function removeAssignments(db: DB, where: { ids?: string[]; batchId?: string }, user: string): Promise<{ removed: number; kept: number }> {
  return db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('review_assignment as s').leftJoin('review as v', 'v.assignment_id', 's.id').select(['s.id', 's.application_id', 'v.id as review_id']);
    if (where.ids) q = q.where('s.id', 'in', where.ids.length ? where.ids : ['']);
    if (where.batchId) q = q.where('s.batch_id', '=', where.batchId);
    const rows = await q.execute();
    const removable = rows.filter((r) => !r.review_id);
    for (let i = 0; i < removable.length; i += 500) {
      await trx.deleteFrom('review_assignment').where('id', 'in', removable.slice(i, i + 500).map((r) => r.id)).execute();
    }
    const touched = [...new Set(removable.map((r) => r.application_id))];
    for (let i = 0; i < touched.length; i += 500) {
      const chunk = touched.slice(i, i + 500);
      const left = new Set((await trx.selectFrom('review_assignment').select('application_id').where('application_id', 'in', chunk).execute()).map((r) => r.application_id));
      const back = (await trx.selectFrom('application').select('id').where('id', 'in', chunk).where('status', '=', 'under-review').execute())
        .map((r) => r.id)
        .filter((id) => !left.has(id));
      if (!back.length) continue;
      await applyStatusChanges(
        trx,
        back.map((id) => ({ id, from: 'under-review' as const, to: 'received' as const, comment: '割り当てを取り消しました / assignment undone' })),
        user,
      );
    }
    return { removed: removable.length, kept: rows.length - removable.length };
  });
}

// ---------------------------------------------------------------------------------------------
// The review form

export async function getRubric(db: DB, fiscalYear: number, call: number | null) {
  const rows = await db
    .selectFrom('review_rubric')
    .select(['call_number', 'criteria_json', 'row_version', 'updated_by', 'updated_at'])
    .where('fiscal_year', '=', fiscalYear)
    .where('call_number', 'in', call === null ? [0] : [0, call])
    .execute();
  const own = call === null ? undefined : rows.find((r) => r.call_number === call);
  const year = rows.find((r) => r.call_number === 0);
  const hit = own ?? year;
  return {
    fiscalYear,
    call,
    criteria: hit ? (JSON.parse(hit.criteria_json) as Criterion[]) : DEFAULT_CRITERIA,
    source: own ? ('call' as const) : year ? ('year' as const) : ('default' as const),
    ...stampOf(call === null ? year : own),
  };
}

export async function saveRubric(db: DB, fiscalYear: number, call: number | null, criteria: Criterion[], user: string, expectedVersion?: number) {
  const keys = criteria.map((c) => c.key);
  if (new Set(keys).size !== keys.length) {
    throw new AppError('VALIDATION', { ja: '評価項目のキーが重複しています。', en: 'Criterion keys must be unique.' });
  }
  const now = nowIso();
  const criteria_json = JSON.stringify(criteria);
  await assertVersion(db, {
    table: 'review_rubric',
    key: { fiscal_year: fiscalYear, call_number: call ?? 0 },
    expected: expectedVersion,
    what: call === null ? { ja: `${fiscalYear}年度の審査フォーム`, en: `the FY${fiscalYear} review form` } : { ja: `${fiscalYear}年度 第${call}回の審査フォーム`, en: `the review form of FY${fiscalYear} call ${call}` },
  });
  await db
    .insertInto('review_rubric')
    .values({ id: newId(), fiscal_year: fiscalYear, call_number: call ?? 0, criteria_json, updated_by: user, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['fiscal_year', 'call_number']).doUpdateSet({ criteria_json, updated_by: user, updated_at: now, row_version: sql<number>`review_rubric.row_version + 1` }),
    )
    .execute();
  return getRubric(db, fiscalYear, call);
}

// ---------------------------------------------------------------------------------------------
// Reviews

export interface ReviewWrite {
  assignmentId: string;
  scores: { criterion: string; label: string; score: number; comment: string }[];
  recommendation: string;
  confidence: number;
  comment: string;
  source: 'app' | 'excel';
  /** The version the review form loaded (0: none yet); sheets read and write in one call. */
  expectedVersion?: number | undefined;
}

function toReview(r: {
  assignment_id: string;
  application_id: string;
  reviewer_id: string;
  scores_json: string;
  recommendation: string;
  confidence: number;
  comment: string;
  score: number;
  source: string;
  updated_at: string;
  submitted_by: string;
  row_version: number;
}) {
  return {
    assignmentId: r.assignment_id,
    applicationId: r.application_id,
    reviewerId: r.reviewer_id,
    scores: JSON.parse(r.scores_json) as ReviewWrite['scores'],
    recommendation: r.recommendation as 'strong-adopt' | 'adopt' | 'neutral' | 'reject',
    confidence: r.confidence,
    comment: r.comment,
    score: Number(r.score),
    source: r.source as 'app' | 'excel',
    submittedAt: r.updated_at,
    submittedBy: r.submitted_by,
    version: Number(r.row_version),
  };
}

export async function getReview(db: DB, assignmentId: string) {
  const r = await db.selectFrom('review').selectAll().where('assignment_id', '=', assignmentId).executeTakeFirst();
  return r ? toReview(r) : null;
}

/** 「A-001」への佐藤 花子さんの審査 / the review of "A-001" by 佐藤 花子: how a stale save names it. */
async function reviewWhat(trx: DB, a: { application_id: string; reviewer_id: string }) {
  const app = await trx.selectFrom('application').select('application_no').where('id', '=', a.application_id).executeTakeFirst();
  const who = await trx.selectFrom('reviewer').select('name').where('id', '=', a.reviewer_id).executeTakeFirst();
  const no = app?.application_no ?? '?';
  const name = who?.name ?? '?';
  return { ja: `応募「${no}」への${name}さんの審査`, en: `the review of "${no}" by ${name}` };
}

/** Creates or replaces the reviews of the given assignments, all in one transaction. */
export async function writeReviews(db: DB, items: ReviewWrite[], user: string): Promise<number> {
  if (!items.length) return 0;
  return db.transaction().execute(async (trx) => {
    const ids = items.map((i) => i.assignmentId);
    const assignments = new Map<string, { application_id: string; reviewer_id: string }>();
    for (let i = 0; i < ids.length; i += 500) {
      for (const a of await trx.selectFrom('review_assignment').select(['id', 'application_id', 'reviewer_id']).where('id', 'in', ids.slice(i, i + 500)).execute()) {
        assignments.set(a.id, a);
      }
    }
    const now = nowIso();
    for (const it of items) {
      const a = assignments.get(it.assignmentId);
      if (!a) throw new AppError('NOT_FOUND', { ja: '指定の割り当てが見つかりません。', en: 'Assignment not found.' }, { assignmentId: it.assignmentId });
      if (it.expectedVersion !== undefined) await assertVersion(trx, {
        table: 'review',
        key: { assignment_id: it.assignmentId },
        expected: it.expectedVersion,
        what: await reviewWhat(trx, a),
        columns: { version: 'row_version', by: 'submitted_by', at: 'updated_at' },
      });
      const score = it.scores.reduce((s, x) => s + x.score, 0) / it.scores.length;
      const values = {
        scores_json: JSON.stringify(it.scores),
        score,
        recommendation: it.recommendation,
        confidence: it.confidence,
        comment: it.comment,
        source: it.source,
        submitted_by: user,
        updated_at: now,
      };
      await trx
        .insertInto('review')
        .values({ id: newId(), assignment_id: it.assignmentId, application_id: a.application_id, reviewer_id: a.reviewer_id, ...values, created_at: now })
        .onConflict((oc) => oc.column('assignment_id').doUpdateSet({ ...values, row_version: sql<number>`review.row_version + 1` }))
        .execute();
    }
    return items.length;
  });
}

/** Every submitted review's overall score, for aggregation. */
export async function scoredReviews(db: DB, fiscalYear?: number, call?: number | null) {
  let q = db
    .selectFrom('review as v')
    .innerJoin('application as a', 'a.id', 'v.application_id')
    .select(['v.application_id', 'v.reviewer_id', 'v.score'])
    // Ranking ties and the order of sums must not depend on the engine's scan order.
    .orderBy('v.application_id')
    .orderBy('v.reviewer_id');
  if (fiscalYear !== undefined) q = q.where('a.fiscal_year', '=', fiscalYear);
  if (call !== undefined && call !== null) q = q.where('a.call_number', '=', call);
  return (await q.execute()).map((r) => ({ applicationId: r.application_id, reviewerId: r.reviewer_id, score: Number(r.score) }));
}

// ---------------------------------------------------------------------------------------------
// Decisions

export interface DecisionWrite {
  applicationId: string;
  /** Why a plan with open violations is adopted anyway (checked by the caller). */
  overrideReason: string | null;
}

/**
 * Records decisions in one transaction through the life cycle: all are written or none. The same
 * decision again with a comment adds that comment to the history; without one it is refused.
 */
export async function decide(db: DB, items: readonly DecisionWrite[], decision: Decision, comment: string | null, user: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ids = items.map((i) => i.applicationId);
    const current = await currentStatuses(trx, ids);
    if (current.size !== new Set(ids).size) {
      throw new AppError('NOT_FOUND', { ja: '指定の応募の一部が見つかりません。何も変更していません。', en: 'Some applications were not found. Nothing was changed.' });
    }
    const changes = items.map((it) => {
      const c = current.get(it.applicationId)!;
      return { id: it.applicationId, from: c.status, to: decision as Status, comment, overrideReason: it.overrideReason, applicationNo: c.applicationNo };
    });
    try {
      return (await applyStatusChanges(trx, changes, user)).changed;
    } catch (e) {
      // Name the application in bulk decisions: "which one" is the first thing staff ask.
      if (e instanceof AppError && typeof e.details.from === 'string') {
        const bad = changes.filter((c) => c.from === e.details.from && c.to === e.details.to).map((c) => c.applicationNo);
        throw new AppError(
          e.code,
          { ja: `${bad.join('、')}: ${e.messages.ja} 何も変更していません。`, en: `${bad.join(', ')}: ${e.messages.en} Nothing was changed.` },
          { ...e.details, applicationNos: bad },
        );
      }
      throw e;
    }
  });
}
