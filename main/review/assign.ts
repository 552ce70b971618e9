// Assignment with the database: who may review what (conflicts, active calls, caps), the
// automatic plan, and the check behind every manual assignment.
import { AppError } from '../../shared/errors.ts';
import { autoAssign, shortageSummary, type AssignApp } from '../../shared/review/assign.ts';
import { normalizeName } from '../../shared/text.ts';
import { listApplications } from '../../db/applications.ts';
import type { DB } from '../../db/open.ts';
import { OPEN_STATUSES } from '../../db/review.ts';
import { findConflicts, type ConflictValue } from '../../db/conflicts.ts';
import { listReviewers, type ReviewerValue } from '../../db/reviewers.ts';
import { liveEligibility } from './eligibility.ts';

const FIELD_WORDS: Record<string, string[]> = {
  science: ['科学技術', 'science', 'science and technology'],
  humanities: ['人文・社会科学', '人文社会科学', 'humanities', 'social sciences'],
};

/** Whether a reviewer serves a call: an empty list means every call. */
export function servesCall(r: { activeCalls: string[] }, fiscalYear: number, call: number | null): boolean {
  if (r.activeCalls.length === 0) return true;
  if (call === null) return r.activeCalls.some((c) => c.startsWith(`${fiscalYear}-`));
  return r.activeCalls.includes(`${fiscalYear}-${call}`);
}

/** How well a reviewer's expertise fits: countries in common, the field, words of the title. */
export function expertiseMatch(r: ReviewerValue, app: { countries: string[]; field: string; title: string }): number {
  let score = 0;
  if (r.countries.some((c) => app.countries.includes(c))) score++;
  const title = normalizeName(app.title);
  const fieldWords = (FIELD_WORDS[app.field] ?? []).map(normalizeName);
  for (const f of r.fields.map(normalizeName)) {
    if (fieldWords.includes(f) || (f.length >= 2 && title.includes(f))) {
      score++;
      break;
    }
  }
  return score;
}

function conflictMap(conflicts: ConflictValue[]): Map<string, ConflictValue[]> {
  const m = new Map<string, ConflictValue[]>();
  for (const c of conflicts) {
    const key = `${c.applicationId}:${c.reviewerId}`;
    (m.get(key) ?? m.set(key, []).get(key)!).push(c);
  }
  return m;
}

/** Refuses, with every reason, when any pair is conflicted; nothing is written by the caller then. */
export async function assertNoConflicts(db: DB, applicationIds: string[], reviewerIds: string[]): Promise<void> {
  const conflicts = await findConflicts(db, { applicationIds, reviewerIds });
  if (!conflicts.length) return;
  const lines = conflicts.map((c) => `${c.reviewerName} × ${c.applicationNo}: ${c.kind === 'declared' ? c.reason : c.reason.split(' / ')[0]}`);
  throw new AppError(
    'CONFLICT',
    {
      ja: `利益相反があるため割り当てできません（何も割り当てていません）: ${lines.join(' / ')}`,
      en: `Cannot assign because of conflicts of interest (nothing was assigned): ${conflicts
        .map((c) => `${c.reviewerName} × ${c.applicationNo}: ${c.kind === 'declared' ? `declared — ${c.reason}` : (c.reason.split(' / ')[1] ?? c.reason)}`)
        .join(' / ')}`,
    },
    { conflicts },
  );
}

export interface AutoAssignOptions {
  fiscalYear: number;
  call: number | null;
  perApplication: number;
  maxLoad: number | null;
}

/** The plan the automatic assignment would carry out now; writes nothing. */
export async function planAutoAssign(db: DB, o: AutoAssignOptions) {
  const apps = (await listApplications(db, { fiscalYear: o.fiscalYear, call: o.call ?? undefined })).filter((a) =>
    (OPEN_STATUSES as readonly string[]).includes(a.status),
  );
  const allReviewers = await listReviewers(db, { fiscalYear: o.fiscalYear });
  const reviewers = allReviewers.filter((r) => r.active && servesCall(r, o.fiscalYear, o.call));
  if (reviewers.length === 0) {
    throw new AppError('CONFLICT', {
      ja: `${o.fiscalYear}年度${o.call ? `第${o.call}回` : ''}に割り当てられる有効な審査委員がいません。先に審査委員を登録してください。`,
      en: `There are no active reviewers for FY${o.fiscalYear}${o.call ? ` call ${o.call}` : ''}. Add reviewers first.`,
    });
  }
  const appIds = apps.map((a) => a.id);
  const conflicts = conflictMap(await findConflicts(db, { applicationIds: appIds }));
  const existing = new Map<string, string[]>();
  const rows = await db
    .selectFrom('review_assignment as s')
    .innerJoin('application as a', 'a.id', 's.application_id')
    .select(['s.application_id', 's.reviewer_id'])
    .where('a.fiscal_year', '=', o.fiscalYear)
    .execute();
  const inScope = new Set(appIds);
  const otherLoad = new Map<string, number>();
  for (const r of rows) {
    if (inScope.has(r.application_id)) (existing.get(r.application_id) ?? existing.set(r.application_id, []).get(r.application_id)!).push(r.reviewer_id);
    else otherLoad.set(r.reviewer_id, (otherLoad.get(r.reviewer_id) ?? 0) + 1);
  }
  const revIdSet = new Set(reviewers.map((r) => r.id));
  // Ineligible plans get reviewers only after every eligible plan has its target.
  const checks = await liveEligibility(db, apps);
  const input: AssignApp[] = apps.map((a) => {
    const conflicted = new Set<string>();
    const match = new Map<string, number>();
    for (const r of reviewers) {
      if (conflicts.has(`${a.id}:${r.id}`)) conflicted.add(r.id);
      const m = expertiseMatch(r, a);
      if (m) match.set(r.id, m);
    }
    return { id: a.id, conflicts: conflicted, existing: (existing.get(a.id) ?? []).filter((id) => revIdSet.has(id)), match, eligible: checks.get(a.id)!.violations.length === 0 };
  });
  const big = apps.length * o.perApplication + rows.length + 1;
  const caps = reviewers.map((r) => Math.min(r.maxLoad ?? big, o.maxLoad ?? big));
  const pool = reviewers.map((r, i) => ({ id: r.id, cap: caps[i]!, otherLoad: otherLoad.get(r.id) ?? 0 }));
  const result = autoAssign(input, pool, o.perApplication);
  const shortage = shortageSummary(input, pool, o.perApplication, result, o.maxLoad);
  const appNo = new Map(apps.map((a) => [a.id, a.applicationNo]));
  const revName = new Map(reviewers.map((r) => [r.id, r.name]));
  return {
    applications: apps.length,
    reviewers: reviewers.length,
    added: result.added.map((p) => ({ ...p, applicationNo: appNo.get(p.applicationId)!, reviewer: revName.get(p.reviewerId)! })),
    loads: reviewers.map((r, i) => ({ reviewerId: r.id, reviewer: r.name, before: r.load, after: result.loads[r.id]!, cap: r.maxLoad === null && o.maxLoad === null ? null : caps[i]! })),
    short: result.short.map((s) => ({ ...s, applicationNo: appNo.get(s.applicationId)! })),
    // Never "balanced" while applications are short: the loads may be even, the result is not done.
    balanced: result.balanced && !shortage,
    loadsBalanced: result.balanced,
    shortage,
    matched: result.matched,
  };
}
