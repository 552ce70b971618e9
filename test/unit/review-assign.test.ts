// Automatic assignment over random inputs: conflicts and caps are never broken, every application
// gets as many reviewers as any assignment could give it, and the loads are as even as an exact
// min-cost flow (computed here independently, by successive shortest paths) says they can be.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autoAssign, type AssignApp, type AssignReviewer } from '../../shared/review/assign.ts';

interface Instance {
  apps: AssignApp[];
  reviewers: AssignReviewer[];
  n: number;
}

/** Min-cost max-flow with Bellman-Ford; reviewer loads cost load² (k-th unit costs 2k+1). */
function optimum(inst: Instance): { flow: number; cost: number } {
  const A = inst.apps.length;
  const R = inst.reviewers.length;
  const S = 0;
  const T = 1 + A + R;
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const head: number[][] = Array.from({ length: T + 1 }, () => []);
  const edge = (u: number, v: number, c: number, w: number) => {
    head[u]!.push(to.length);
    to.push(v);
    cap.push(c);
    cost.push(w);
    head[v]!.push(to.length);
    to.push(u);
    cap.push(0);
    cost.push(-w);
  };
  inst.apps.forEach((a, i) => {
    edge(S, 1 + i, inst.n, 0);
    inst.reviewers.forEach((r, j) => {
      if (!a.conflicts.has(r.id)) edge(1 + i, 1 + A + j, 1, 0);
    });
  });
  inst.reviewers.forEach((r, j) => {
    for (let k = 0; k < r.cap; k++) edge(1 + A + j, T, 1, 2 * k + 1);
  });
  let flow = 0;
  let total = 0;
  for (;;) {
    const dist = new Array(T + 1).fill(Infinity);
    const via = new Array(T + 1).fill(-1);
    dist[S] = 0;
    for (let it = 0; it <= T; it++) {
      let changed = false;
      for (let u = 0; u <= T; u++) {
        if (dist[u] === Infinity) continue;
        for (const e of head[u]!) {
          if (cap[e]! > 0 && dist[u] + cost[e]! < dist[to[e]!]) {
            dist[to[e]!] = dist[u] + cost[e]!;
            via[to[e]!] = e;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    if (dist[T] === Infinity) break;
    for (let v = T; v !== S; v = to[via[v] ^ 1]!) {
      cap[via[v]]!--;
      cap[via[v] ^ 1]!++;
    }
    flow++;
    total += dist[T];
  }
  return { flow, cost: total };
}

const instance = fc
  .record({ nApps: fc.integer({ min: 1, max: 9 }), nRev: fc.integer({ min: 1, max: 6 }), n: fc.integer({ min: 1, max: 3 }), seed: fc.integer() })
  .chain(({ nApps, nRev, n }) =>
    fc.record({
      n: fc.constant(n),
      caps: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: nRev, maxLength: nRev }),
      conflicts: fc.array(fc.array(fc.integer({ min: 0, max: 9 }).map((x) => x < 3), { minLength: nRev, maxLength: nRev }), { minLength: nApps, maxLength: nApps }),
      match: fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: nRev, maxLength: nRev }), { minLength: nApps, maxLength: nApps }),
    }),
  )
  .map(({ n, caps, conflicts, match }): Instance => {
    const reviewers = caps.map((cap, j) => ({ id: `r${j}`, cap }));
    const apps = conflicts.map((row, i) => ({
      id: `a${i}`,
      conflicts: new Set(row.flatMap((c, j) => (c ? [`r${j}`] : []))),
      existing: [],
      match: new Map(match[i]!.map((m, j) => [`r${j}`, m])),
    }));
    return { apps, reviewers, n };
  });

describe('automatic assignment (property tests)', () => {
  it('never assigns a conflicted reviewer, never exceeds a cap, never repeats a reviewer on one application', () => {
    fc.assert(
      fc.property(instance, (inst) => {
        const r = autoAssign(inst.apps, inst.reviewers, inst.n);
        const load = new Map<string, number>();
        const seen = new Set<string>();
        for (const p of r.added) {
          const app = inst.apps.find((a) => a.id === p.applicationId)!;
          expect(app.conflicts.has(p.reviewerId)).toBe(false);
          expect(seen.has(`${p.applicationId}:${p.reviewerId}`)).toBe(false);
          seen.add(`${p.applicationId}:${p.reviewerId}`);
          load.set(p.reviewerId, (load.get(p.reviewerId) ?? 0) + 1);
        }
        for (const rev of inst.reviewers) {
          expect(load.get(rev.id) ?? 0).toBeLessThanOrEqual(rev.cap);
          expect(r.loads[rev.id]).toBe(load.get(rev.id) ?? 0);
        }
        for (const a of inst.apps) expect(r.added.filter((p) => p.applicationId === a.id).length).toBeLessThanOrEqual(inst.n);
      }),
      { numRuns: 300 },
    );
  });

  it('fills as many slots as a maximum flow and balances loads exactly as well as a min-cost flow', () => {
    fc.assert(
      fc.property(instance, (inst) => {
        const r = autoAssign(inst.apps, inst.reviewers, inst.n);
        const best = optimum(inst);
        expect(r.added.length).toBe(best.flow);
        const squares = Object.values(r.loads).reduce((s, l) => s + l * l, 0);
        expect(squares).toBe(best.cost);
        expect(r.balanced).toBe(true);
        // Short applications are exactly those with fewer than N.
        for (const s of r.short) expect(s.have).toBeLessThan(inst.n);
      }),
      { numRuns: 300 },
    );
  });

  it('without caps or conflicts, loads differ by at most one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }), (nApps, nRev, n) => {
        const reviewers = Array.from({ length: nRev }, (_, j) => ({ id: `r${j}`, cap: 1000 }));
        const apps = Array.from({ length: nApps }, (_, i) => ({ id: `a${i}`, conflicts: new Set<string>(), existing: [] }));
        const r = autoAssign(apps, reviewers, n);
        const loads = Object.values(r.loads);
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
        expect(r.added.length).toBe(nApps * Math.min(n, nRev));
      }),
    );
  });

  it('keeps existing assignments and counts them towards N and the loads', () => {
    const reviewers = ['r0', 'r1', 'r2', 'r3'].map((id) => ({ id, cap: 10 }));
    const apps = [
      { id: 'a0', conflicts: new Set<string>(), existing: ['r0', 'r1'] },
      { id: 'a1', conflicts: new Set<string>(['r0']), existing: [] },
    ];
    const r = autoAssign(apps, reviewers, 3);
    expect(r.added.filter((p) => p.applicationId === 'a0')).toHaveLength(1);
    expect(r.added.some((p) => p.applicationId === 'a0' && ['r0', 'r1'].includes(p.reviewerId))).toBe(false);
    expect(r.added.filter((p) => p.applicationId === 'a1').map((p) => p.reviewerId).sort()).toEqual(['r1', 'r2', 'r3']);
    expect(Object.values(r.loads).reduce((s, x) => s + x, 0)).toBe(6);
  });

  it('prefers reviewers whose expertise matches when loads allow', () => {
    const reviewers = ['r0', 'r1', 'r2', 'r3'].map((id) => ({ id, cap: 10 }));
    const apps = Array.from({ length: 4 }, (_, i) => ({
      id: `a${i}`,
      conflicts: new Set<string>(),
      existing: [],
      match: new Map([[`r${i}`, 1]]),
    }));
    const r = autoAssign(apps, reviewers, 1);
    expect(r.added.map((p) => `${p.applicationId}-${p.reviewerId}`).sort()).toEqual(['a0-r0', 'a1-r1', 'a2-r2', 'a3-r3']);
    expect(r.matched).toBe(4);
  });

  it('assigns 1,000 applications to 60 reviewers with conflicts well within the time budget', () => {
    const reviewers = Array.from({ length: 60 }, (_, j) => ({ id: `r${j}`, cap: 60 }));
    const apps = Array.from({ length: 1000 }, (_, i) => ({
      id: `a${i}`,
      conflicts: new Set([`r${i % 60}`, `r${(i * 7) % 60}`]),
      existing: [],
      match: new Map([[`r${(i * 13) % 60}`, 1]]),
    }));
    const t0 = performance.now();
    const r = autoAssign(apps, reviewers, 3);
    const ms = performance.now() - t0;
    expect(r.added).toHaveLength(3000);
    expect(r.short).toEqual([]);
    const loads = Object.values(r.loads);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(ms).toBeLessThan(5000);
  });
});
