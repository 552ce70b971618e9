// Queues, ranking and the budget simulator: read-only views over applications, assignments and
// reviews, computed in memory from a handful of set-wise queries.
import { ADOPTED_STATUSES } from '../../shared/domain.ts';
import { aggregate, rankOrder, simulateBudget, type RankMethod } from '../../shared/review/aggregate.ts';
import { listApplications, pageApplications } from '../../db/applications.ts';
import { listCalls } from '../../db/calls.ts';
import type { DB } from '../../db/open.ts';
import { DECIDED_STATUSES, OPEN_STATUSES, scoredReviews } from '../../db/review.ts';
import { listReviewers } from '../../db/reviewers.ts';
import { AppError } from '../../shared/errors.ts';
import { decideWithGate } from './decisions.ts';
import { liveEligibility } from './eligibility.ts';

const isOpen = (s: string) => (OPEN_STATUSES as readonly string[]).includes(s);
const isDecided = (s: string) => (DECIDED_STATUSES as readonly string[]).includes(s);

// The queues themselves are SQL now (db/queues.ts): counted and paged by the database.

export async function ranking(db: DB, o: { fiscalYear: number; call: number | null; method: RankMethod; disagreementThreshold: number }) {
  const apps = (await listApplications(db, { fiscalYear: o.fiscalYear, call: o.call ?? undefined }))
    .filter((a) => isOpen(a.status) || isDecided(a.status))
    .sort((a, b) => a.applicationNo.localeCompare(b.applicationNo));
  const reviews = await scoredReviews(db, o.fiscalYear, o.call);
  const inScope = new Set(apps.map((a) => a.id));
  const agg = aggregate(
    apps.map((a) => a.id),
    reviews.filter((r) => inScope.has(r.applicationId)),
    o.disagreementThreshold,
  );
  const byId = new Map(apps.map((a) => [a.id, a]));
  const checks = await liveEligibility(db, apps);
  const rows = rankOrder(agg.apps, o.method).map((g, i) => {
    const a = byId.get(g.applicationId)!;
    return {
      rank: i + 1,
      applicationId: a.id,
      applicationNo: a.applicationNo,
      title: a.title,
      course: a.course,
      hostInstitution: a.hostInstitution,
      countries: a.countries,
      requestedAmount: a.requestedAmount,
      status: a.status,
      n: g.n,
      mean: g.mean,
      median: g.median,
      spread: g.spread,
      zMean: g.zMean,
      borda: g.borda,
      disagreement: g.disagreement,
      eligible: checks.get(a.id)!.violations.length === 0,
      violations: [...new Set(checks.get(a.id)!.violations.map((v) => v.code))],
    };
  });
  // Names of this year's reviewers only: their loads are then counted within the year, not the history.
  const names = new Map((await listReviewers(db, { fiscalYear: o.fiscalYear, ids: agg.reviewers.map((r) => r.reviewerId) })).map((r) => [r.id, r.name]));
  const reviewers = agg.reviewers.map((r) => ({ reviewerId: r.reviewerId, reviewer: names.get(r.reviewerId) ?? '', n: r.n, mean: r.mean, leniency: r.leniency }));
  return { rows, reviewers };
}

function breakdown(rows: { key: string; amount: number }[]) {
  const m = new Map<string, { count: number; amount: number }>();
  for (const r of rows) {
    const e = m.get(r.key) ?? { count: 0, amount: 0 };
    e.count++;
    e.amount += r.amount;
    m.set(r.key, e);
  }
  return [...m.entries()].map(([key, v]) => ({ key, ...v })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export interface BudgetOptions {
  fiscalYear: number;
  call: number | null;
  method: RankMethod;
  disagreementThreshold: number;
  budgetYen: number | null;
  quotas: Record<string, number>;
  minReviews: number;
}

export async function budget(db: DB, o: BudgetOptions) {
  let budgetYen = o.budgetYen;
  if (budgetYen === null) {
    const calls = await listCalls(db, o.fiscalYear);
    const scoped = o.call === null ? calls : calls.filter((c) => c.number === o.call);
    budgetYen = scoped.reduce((s, c) => s + (c.budgetYen ?? 0), 0);
  }
  const { rows } = await ranking(db, o);
  // Open or already adopted/waitlisted plans compete for the money; rejected ones do not.
  const candidates = rows.filter((r) => r.status !== 'rejected');
  const sim = simulateBudget(
    candidates.map((r) => ({ applicationId: r.applicationId, course: r.course, amount: r.requestedAmount, eligible: r.eligible, reviews: r.n })),
    budgetYen,
    o.quotas,
    o.minReviews,
  );
  const byId = new Map(rows.map((r) => [r.applicationId, r]));
  const adopted = sim.adopted.map((id) => byId.get(id)!);
  return {
    budgetYen,
    spent: sim.spent,
    minReviews: o.minReviews,
    adopted,
    passed: sim.passed.map((p) => {
      const r = byId.get(p.applicationId)!;
      return { ...p, applicationNo: r.applicationNo, eligible: r.eligible, n: r.n };
    }),
    byCourse: breakdown(adopted.map((r) => ({ key: r.course, amount: r.requestedAmount }))),
    byCountry: breakdown(adopted.flatMap((r) => (r.countries.length ? r.countries : ['—']).map((c) => ({ key: c, amount: r.requestedAmount })))),
    byHost: breakdown(adopted.map((r) => ({ key: r.hostInstitution, amount: r.requestedAmount }))),
  };
}

/**
 * The simulator's commit: runs the simulation again now and adopts exactly what it adopts, through
 * the eligibility gate and the life cycle. Refused when the result is not what staff saw.
 */
export async function commitBudget(db: DB, o: BudgetOptions & { applicationIds: string[]; comment: string | null }, user: string) {
  const sim = await budget(db, o);
  const now = new Set(sim.adopted.map((a) => a.applicationId));
  const seen = new Set(o.applicationIds);
  if (now.size !== seen.size || [...seen].some((id) => !now.has(id))) {
    throw new AppError('CONFLICT', {
      ja: 'シミュレーションの結果が変わりました（審査・要件・状態が更新されています）。もう一度シミュレーションしてください。何も変更していません。',
      en: 'The simulation result has changed (reviews, eligibility or statuses were updated). Run the simulation again. Nothing was changed.',
    });
  }
  const toAdopt = sim.adopted.filter((a) => a.status !== 'adopted').map((a) => a.applicationId);
  if (!toAdopt.length) return { decided: 0 };
  // No override: the gate refuses any plan that became ineligible since the simulation ran.
  return { decided: await decideWithGate(db, toAdopt, 'adopted', o.comment, null, user) };
}

/** reviewCount, meanScore and decision per application (the CLI's list gains these). */
/** A page of applications' review facts; the scores are read for the page's applications only. */
export async function facts(db: DB, f: { fiscalYear?: number | undefined; applicationIds?: string[] | undefined; limit?: number | undefined; offset?: number | undefined }) {
  const { items: apps, total } = await pageApplications(db, { fiscalYear: f.fiscalYear, ...(f.applicationIds ? { ids: f.applicationIds } : {}), limit: f.limit, offset: f.offset });
  const byApp = new Map<string, number[]>();
  // By a thousand ids (no limit asks for every application: an IN list must stay within the engines' bounds).
  for (let i = 0; i < apps.length; i += 1000) {
    const reviews = await db
      .selectFrom('review as v')
      .select(['v.application_id', 'v.score'])
      .where('v.application_id', 'in', apps.slice(i, i + 1000).map((a) => a.id))
      // The mean's sum in one order on every engine.
      .orderBy('v.application_id')
      .orderBy('v.reviewer_id')
      .execute();
    for (const r of reviews) (byApp.get(r.application_id) ?? byApp.set(r.application_id, []).get(r.application_id)!).push(Number(r.score));
  }
  const items = apps.map((a) => {
    const s = byApp.get(a.id) ?? [];
    return {
      applicationId: a.id,
      reviewCount: s.length,
      meanScore: s.length ? s.reduce((x, y) => x + y, 0) / s.length : null,
      // 実施済・報告済 are adopted plans further along their life.
      decision: isDecided(a.status) ? (a.status as 'adopted' | 'rejected' | 'waitlisted') : (ADOPTED_STATUSES as readonly string[]).includes(a.status) ? ('adopted' as const) : null,
    };
  });
  return { items, total };
}
