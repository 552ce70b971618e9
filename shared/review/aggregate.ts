// Scores per application and per reviewer, pure so the ranking screen and the committee summary
// export compute exactly the same numbers.
//
// Definitions (the tests check each against hand-computed cases):
// - a review's score is the mean of its criterion scores (1–5);
// - per application: n, mean, median (mean of the middle two when n is even), spread = max − min;
// - per reviewer: their mean and leniency = their mean − the mean of all reviews (positive: lenient);
// - z-score: each review as (score − reviewer mean) / reviewer standard deviation (population);
//   a reviewer with fewer than two reviews or no variation contributes 0, i.e. "average for them";
// - Borda: each reviewer ranks the applications they reviewed; the best of k gets k − 1 points, the
//   worst 0, ties share the average; points are divided by k − 1 so reviewers with different loads
//   weigh the same, and an application's Borda score is the mean over its reviewers (0–1).

export interface ScoredReview {
  applicationId: string;
  reviewerId: string;
  score: number;
}

export type RankMethod = 'mean' | 'zscore' | 'borda';

export interface AppAggregate {
  applicationId: string;
  n: number;
  mean: number | null;
  median: number | null;
  spread: number | null;
  zMean: number | null;
  borda: number | null;
  disagreement: boolean;
}

export interface ReviewerAggregate {
  reviewerId: string;
  n: number;
  mean: number;
  sd: number;
  leniency: number;
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function sd(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
}

export function reviewScore(scores: readonly number[]): number {
  return mean(scores);
}

export function aggregate(
  applicationIds: readonly string[],
  reviews: readonly ScoredReview[],
  disagreementThreshold = 1.5,
): { apps: AppAggregate[]; reviewers: ReviewerAggregate[] } {
  const byReviewer = new Map<string, ScoredReview[]>();
  const byApp = new Map<string, ScoredReview[]>();
  for (const r of reviews) {
    (byReviewer.get(r.reviewerId) ?? byReviewer.set(r.reviewerId, []).get(r.reviewerId)!).push(r);
    (byApp.get(r.applicationId) ?? byApp.set(r.applicationId, []).get(r.applicationId)!).push(r);
  }
  const overall = reviews.length ? mean(reviews.map((r) => r.score)) : 0;
  const reviewers: ReviewerAggregate[] = [];
  const z = new Map<ScoredReview, number>();
  const borda = new Map<ScoredReview, number>();
  for (const [reviewerId, rs] of byReviewer) {
    const scores = rs.map((r) => r.score);
    const m = mean(scores);
    const d = sd(scores);
    reviewers.push({ reviewerId, n: rs.length, mean: m, sd: d, leniency: m - overall });
    for (const r of rs) z.set(r, rs.length < 2 || d === 0 ? 0 : (r.score - m) / d);
    const k = rs.length;
    for (const r of rs) {
      if (k < 2) {
        borda.set(r, 0.5);
        continue;
      }
      // Points = number of this reviewer's applications scored lower, ties counted half.
      let points = 0;
      for (const o of rs) {
        if (o === r) continue;
        if (o.score < r.score) points += 1;
        else if (o.score === r.score) points += 0.5;
      }
      borda.set(r, points / (k - 1));
    }
  }
  const apps = applicationIds.map((applicationId): AppAggregate => {
    const rs = byApp.get(applicationId) ?? [];
    if (rs.length === 0) {
      return { applicationId, n: 0, mean: null, median: null, spread: null, zMean: null, borda: null, disagreement: false };
    }
    const scores = rs.map((r) => r.score);
    const spread = Math.max(...scores) - Math.min(...scores);
    return {
      applicationId,
      n: rs.length,
      mean: mean(scores),
      median: median(scores),
      spread,
      zMean: mean(rs.map((r) => z.get(r)!)),
      borda: mean(rs.map((r) => borda.get(r)!)),
      disagreement: rs.length >= 2 && spread > disagreementThreshold,
    };
  });
  reviewers.sort((a, b) => b.leniency - a.leniency);
  return { apps, reviewers };
}

export function rankValue(a: AppAggregate, method: RankMethod): number | null {
  return method === 'mean' ? a.mean : method === 'zscore' ? a.zMean : a.borda;
}

/** Best first; applications without reviews last; ties keep the given order (e.g. 受付番号). */
export function rankOrder(apps: readonly AppAggregate[], method: RankMethod): AppAggregate[] {
  return apps
    .map((a, i) => ({ a, i, v: rankValue(a, method) }))
    .sort((x, y) => (x.v === null ? 1 : 0) - (y.v === null ? 1 : 0) || (y.v ?? 0) - (x.v ?? 0) || x.i - y.i)
    .map((x) => x.a);
}

export interface BudgetCandidate {
  applicationId: string;
  course: string;
  amount: number;
  /** No open violations: an ineligible plan is never adopted, whatever its reviews. */
  eligible: boolean;
  /** Submitted reviews. */
  reviews: number;
}

export type PassReason = 'INELIGIBLE' | 'FEW_REVIEWS' | 'BUDGET' | 'QUOTA';

/**
 * Adopts in rank order while the budget lasts. A plan is passed over, with the first reason that
 * applies, when it is ineligible (INELIGIBLE), has fewer than `minReviews` reviews (FEW_REVIEWS),
 * its course quota is used up (QUOTA) or it does not fit the money left (BUDGET); the next plan is
 * then tried, so a cheaper plan further down can still fit.
 */
export function simulateBudget(
  ranked: readonly BudgetCandidate[],
  budget: number,
  quotas: Readonly<Record<string, number>> = {},
  minReviews = 1,
): { adopted: string[]; passed: { applicationId: string; reason: PassReason }[]; spent: number } {
  const adopted: string[] = [];
  const passed: { applicationId: string; reason: PassReason }[] = [];
  const perCourse = new Map<string, number>();
  let spent = 0;
  for (const c of ranked) {
    const quota = quotas[c.course];
    const used = perCourse.get(c.course) ?? 0;
    const reason: PassReason | null = !c.eligible
      ? 'INELIGIBLE'
      : c.reviews < minReviews
        ? 'FEW_REVIEWS'
        : quota !== undefined && used >= quota
          ? 'QUOTA'
          : spent + c.amount > budget
            ? 'BUDGET'
            : null;
    if (reason) {
      passed.push({ applicationId: c.applicationId, reason });
      continue;
    }
    spent += c.amount;
    perCourse.set(c.course, used + 1);
    adopted.push(c.applicationId);
  }
  return { adopted, passed, spent };
}
