// Fair assignment under shortage: the per-application review counts of autoAssign are compared
// with an exhaustive solver written here, over random small instances (fast-check). "Fair" is
// max-min (leximin): sort the eligible applications' counts ascending and no assignment gives a
// lexicographically larger vector; among those, the same holds for the ineligible applications.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autoAssign, shortageSummary, type AssignApp, type AssignReviewer } from '../../shared/review/assign.ts';

interface Instance {
  apps: AssignApp[];
  reviewers: AssignReviewer[];
  n: number;
}

const cmp = (x: number[], y: number[]) => {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
};
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** Every subset of allowed pairs; keeps the best (eligible sorted counts, then ineligible). */
function exact(inst: Instance): { eligible: number[]; ineligible: number[] } {
  const pairs: [number, number][] = [];
  inst.apps.forEach((a, i) => inst.reviewers.forEach((r, j) => !a.conflicts.has(r.id) && pairs.push([i, j])));
  let best: { eligible: number[]; ineligible: number[] } | null = null;
  for (let mask = 0; mask < 1 << pairs.length; mask++) {
    const count = inst.apps.map(() => 0);
    const load = inst.reviewers.map(() => 0);
    let ok = true;
    for (let b = 0; b < pairs.length && ok; b++) {
      if (!(mask & (1 << b))) continue;
      const [i, j] = pairs[b]!;
      if (++count[i]! > inst.n || ++load[j]! > inst.reviewers[j]!.cap) ok = false;
    }
    if (!ok) continue;
    const e = sorted(inst.apps.flatMap((a, i) => (a.eligible === false ? [] : [count[i]!])));
    const ie = sorted(inst.apps.flatMap((a, i) => (a.eligible === false ? [count[i]!] : [])));
    if (!best || cmp(e, best.eligible) > 0 || (cmp(e, best.eligible) === 0 && cmp(ie, best.ineligible) > 0)) best = { eligible: e, ineligible: ie };
  }
  return best!;
}

const instance = fc
  .record({
    a: fc.integer({ min: 1, max: 4 }),
    r: fc.integer({ min: 1, max: 4 }),
    n: fc.integer({ min: 1, max: 3 }),
    caps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
    conflicts: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
    eligible: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  })
  .map(({ a, r, n, caps, conflicts, eligible }): Instance => {
    const reviewers = Array.from({ length: r }, (_, j) => ({ id: `r${j}`, cap: caps[j]! }));
    const apps = Array.from({ length: a }, (_, i) => ({
      id: `a${i}`,
      conflicts: new Set(reviewers.filter((_, j) => conflicts[i * 4 + j]).map((x) => x.id)),
      existing: [],
      eligible: eligible[i]!,
    }));
    return { apps, reviewers, n };
  });

describe('max-min fair assignment under shortage', () => {
  it('gives the same per-application counts as the exhaustive leximin solver', () => {
    fc.assert(
      fc.property(instance, (inst) => {
        const r = autoAssign(inst.apps, inst.reviewers, inst.n);
        const count = new Map(inst.apps.map((a) => [a.id, 0]));
        for (const p of r.added) count.set(p.applicationId, count.get(p.applicationId)! + 1);
        const e = sorted(inst.apps.filter((a) => a.eligible !== false).map((a) => count.get(a.id)!));
        const ie = sorted(inst.apps.filter((a) => a.eligible === false).map((a) => count.get(a.id)!));
        const best = exact(inst);
        expect(e).toEqual(best.eligible);
        expect(ie).toEqual(best.ineligible);
      }),
      { numRuns: 400 },
    );
  });

  it('spreads a shortage evenly instead of filling the first applications', () => {
    // 6 applications × 3 wanted = 18 slots, 3 reviewers capped at 4 = 12: every plan gets 2.
    const apps = Array.from({ length: 6 }, (_, i) => ({ id: `a${i}`, conflicts: new Set<string>(), existing: [] }));
    const reviewers = ['x', 'y', 'z'].map((id) => ({ id, cap: 4 }));
    const r = autoAssign(apps, reviewers, 3);
    const count = new Map<string, number>();
    for (const p of r.added) count.set(p.applicationId, (count.get(p.applicationId) ?? 0) + 1);
    expect(apps.map((a) => count.get(a.id))).toEqual([2, 2, 2, 2, 2, 2]);
    expect(r.short).toHaveLength(6);
    const sum = shortageSummary(apps, reviewers, 3, r, null)!;
    expect(sum).toEqual({ applications: 6, reviews: 6, raiseCapsBy: 2, addReviewers: 1 });
  });

  it('serves ineligible applications only after every eligible one reached the target', () => {
    const apps = [
      { id: 'bad', conflicts: new Set<string>(), existing: [], eligible: false },
      { id: 'ok1', conflicts: new Set<string>(), existing: [] },
      { id: 'ok2', conflicts: new Set<string>(), existing: [] },
    ];
    const r = autoAssign(apps, [{ id: 'x', cap: 3 }, { id: 'y', cap: 2 }], 2);
    const count = (id: string) => r.added.filter((p) => p.applicationId === id).length;
    expect([count('ok1'), count('ok2'), count('bad')]).toEqual([2, 2, 1]);
  });

  it('says that only new reviewers help when conflicts are the cause', () => {
    const apps = [{ id: 'a', conflicts: new Set(['x']), existing: [] }];
    const reviewers = [{ id: 'x', cap: 5 }, { id: 'y', cap: 5 }];
    const r = autoAssign(apps, reviewers, 3);
    expect(shortageSummary(apps, reviewers, 3, r, null)).toEqual({ applications: 1, reviews: 2, raiseCapsBy: null, addReviewers: 2 });
  });
});
