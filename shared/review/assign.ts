// Automatic balanced assignment of reviewers to applications, pure so the renderer can preview it
// and tests can check it over random inputs.
//
// The problem is a min-cost flow: source → application (capacity N) → reviewer (capacity 1 where
// there is no conflict) → sink (capacity = the reviewer's cap, convex cost in the load). Solving it
// with a generic min-cost-flow library is too slow at 1,000 × 60 in JavaScript, so this solves the
// same problem in two phases that each stop exactly at the flow optimality conditions:
//   1. maximum flow: every missing slot is filled by an augmenting path (move chains through
//      reviewers), so an application stays short only when no assignment at all could fill it;
//   2. balance: while some reviewer u can pass one application along a chain of moves to a reviewer
//      v with load(v) ≤ load(u) − 2, do it. With convex (squared) load cost such a chain is exactly
//      a negative-cost cycle in the residual graph, so when none is left the loads are optimally
//      balanced (the result reports this certificate as `balanced`).
// Expertise is a preference: ties in load are broken towards reviewers whose expertise matches,
// and a final pass moves an application to a matching reviewer whenever the loads allow it.

export interface AssignApp {
  id: string;
  /** Reviewers that may never review this application (conflicts), by id. */
  conflicts: ReadonlySet<string>;
  /** Reviewers already assigned (kept, counted towards N and towards their loads). */
  existing: readonly string[];
  /** Expertise score per reviewer id (0 = no match); higher is preferred. */
  match?: ReadonlyMap<string, number>;
  /** false: has open violations, so it is served only after every eligible application. */
  eligible?: boolean;
}

export interface AssignReviewer {
  id: string;
  /** Most applications this reviewer may hold in the scope (existing ones included). */
  cap: number;
  /** Applications this reviewer already holds outside the apps being assigned (count towards cap). */
  otherLoad?: number;
}

export interface AssignResult {
  /** New pairs only (existing ones are not repeated). */
  added: { applicationId: string; reviewerId: string }[];
  /** Final load per reviewer (existing + new + otherLoad). */
  loads: Record<string, number>;
  /** Applications that could not reach N reviewers, with how many they have. */
  short: { applicationId: string; have: number }[];
  /** No improving move chain is left: loads are as even as the constraints allow. */
  balanced: boolean;
  matched: number;
}

interface State {
  apps: AssignApp[];
  revIds: string[];
  revIndex: Map<string, number>;
  cap: number[];
  load: number[];
  /** Per app: set of reviewer indices assigned (existing + new). */
  assigned: Set<number>[];
  /** Per app: reviewer indices that were already there (never moved). */
  fixed: Set<number>[];
  /** Per reviewer: apps (indices) newly assigned to it, which the algorithm may move. */
  holds: Set<number>[];
  eligible: number[][];
}

function matchOf(app: AssignApp, rid: string): number {
  return app.match?.get(rid) ?? 0;
}

/**
 * Breadth-first search over reviewers for a chain of moves. Starting from `starts`, an edge
 * x → y exists when some app newly held by x can move to y (no conflict, not already assigned to
 * y). Returns the chain of (app, from, to) moves ending at a reviewer accepted by `goal`.
 */
function findChain(
  s: State,
  starts: number[],
  goal: (r: number) => boolean,
): { moves: { app: number; from: number; to: number }[]; end: number } | null {
  const prev = new Map<number, { from: number; app: number } | null>();
  const queue: number[] = [];
  for (const r of starts) {
    if (prev.has(r)) continue;
    prev.set(r, null);
    queue.push(r);
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const x = queue[qi]!;
    if (goal(x) && prev.get(x) !== null) return unwind(prev, x);
    for (const a of s.holds[x]!) {
      const assigned = s.assigned[a]!;
      for (const y of s.eligible[a]!) {
        if (prev.has(y) || assigned.has(y)) continue;
        prev.set(y, { from: x, app: a });
        if (goal(y)) return unwind(prev, y);
        queue.push(y);
      }
    }
  }
  return null;
}

function unwind(prev: Map<number, { from: number; app: number } | null>, end: number) {
  const moves: { app: number; from: number; to: number }[] = [];
  let cur = end;
  for (let step = prev.get(cur); step; step = prev.get(cur)) {
    moves.push({ app: step.app, from: step.from, to: cur });
    cur = step.from;
  }
  return { moves: moves.reverse(), end };
}

function applyMoves(s: State, moves: { app: number; from: number; to: number }[]): void {
  // Applied from the far end backwards so no app ever sits on two reviewers at once.
  for (let i = moves.length - 1; i >= 0; i--) {
    const { app, from, to } = moves[i]!;
    s.assigned[app]!.delete(from);
    s.assigned[app]!.add(to);
    s.holds[from]!.delete(app);
    s.holds[to]!.add(app);
    s.load[from]!--;
    s.load[to]!++;
  }
}

function assignPair(s: State, a: number, r: number): void {
  s.assigned[a]!.add(r);
  s.holds[r]!.add(a);
  s.load[r]!++;
}

export function autoAssign(
  apps: readonly AssignApp[],
  reviewers: readonly AssignReviewer[],
  perApplication: number,
  /** Only fill slots (phase 1): for "what if the caps were higher" questions, where loads do not matter. */
  opts: { fillOnly?: boolean } = {},
): AssignResult {
  const revIds = reviewers.map((r) => r.id);
  const revIndex = new Map(revIds.map((id, i) => [id, i]));
  const s: State = {
    apps: [...apps],
    revIds,
    revIndex,
    cap: reviewers.map((r) => Math.max(0, Math.floor(r.cap))),
    load: reviewers.map((r) => r.otherLoad ?? 0),
    assigned: apps.map(() => new Set<number>()),
    fixed: apps.map(() => new Set<number>()),
    holds: reviewers.map(() => new Set<number>()),
    eligible: [],
  };
  apps.forEach((app, a) => {
    for (const rid of app.existing) {
      const r = revIndex.get(rid);
      if (r === undefined) continue;
      s.assigned[a]!.add(r);
      s.fixed[a]!.add(r);
      s.load[r]!++;
    }
    // Reviewers sorted by expertise match first, so every later scan prefers a match on ties.
    s.eligible.push(
      reviewers
        .map((_, r) => r)
        .filter((r) => !app.conflicts.has(revIds[r]!))
        .sort((x, y) => matchOf(app, revIds[y]!) - matchOf(app, revIds[x]!) || x - y),
    );
  });

  // Phase 1: fill slots max-min fairly, level by level: every application that can still take a
  // reviewer gets its k-th before any gets its (k+1)-th. Eligible applications are filled to the
  // target first, ineligible ones only from what is left. Within a level the hardest (fewest
  // eligible reviewers) go first. Augmenting chains only move new assignments between reviewers,
  // so they never take a reviewer away from another application: counts only ever go up.
  // The reachable count vectors of this b-matching form a polymatroid, where raising any minimal
  // coordinate that can still rise gives the lexicographically max-min vector; the property test
  // checks this against an exhaustive solver.
  const hardestFirst = (x: number, y: number) => s.eligible[x]!.length - s.eligible[y]!.length || x - y;
  const all = apps.map((_, a) => a);
  const groups = [all.filter((a) => apps[a]!.eligible !== false).sort(hardestFirst), all.filter((a) => apps[a]!.eligible === false).sort(hardestFirst)];
  const stuck = new Set<number>();
  const addOne = (a: number): boolean => {
    let best = -1;
    for (const r of s.eligible[a]!) {
      if (s.assigned[a]!.has(r) || s.load[r]! >= s.cap[r]!) continue;
      if (best === -1 || s.load[r]! < s.load[best]!) best = r;
    }
    if (best !== -1) {
      assignPair(s, a, best);
      return true;
    }
    // Every eligible reviewer is full: free a place on one of them by a chain of moves.
    const starts = s.eligible[a]!.filter((r) => !s.assigned[a]!.has(r));
    const chain = findChain(s, starts, (r) => s.load[r]! < s.cap[r]!);
    if (!chain) return false;
    applyMoves(s, chain.moves);
    assignPair(s, a, chain.moves[0]!.from);
    return true;
  };
  for (const group of groups) {
    for (let k = 1; k <= perApplication; k++) {
      for (const a of group) {
        if (stuck.has(a) || s.assigned[a]!.size >= k) continue;
        // Once no chain can reach a free place, none ever will: later steps only add load.
        if (!addOne(a)) stuck.add(a);
      }
    }
  }
  const short: { applicationId: string; have: number }[] = [];
  for (const a of all) if (s.assigned[a]!.size < perApplication) short.push({ applicationId: apps[a]!.id, have: s.assigned[a]!.size });

  // Phase 2: pass work from heavier to lighter reviewers until no chain improves the balance.
  let improved = !opts.fillOnly;
  while (improved) {
    improved = false;
    const byLoad = revIds.map((_, r) => r).sort((x, y) => s.load[y]! - s.load[x]!);
    for (const u of byLoad) {
      if (s.holds[u]!.size === 0) continue;
      const lu = s.load[u]!;
      const chain = findChain(s, [u], (r) => r !== u && s.load[r]! <= lu - 2 && s.load[r]! < s.cap[r]!);
      if (chain) {
        applyMoves(s, chain.moves);
        improved = true;
        break;
      }
    }
  }

  // Phase 3: expertise. Moving an application to a matching reviewer one lighter keeps the sum
  // of squared loads unchanged, so the balance certificate still holds.
  for (let a = 0; a < (opts.fillOnly ? 0 : apps.length); a++) {
    const app = apps[a]!;
    for (const r of [...s.assigned[a]!]) {
      if (s.fixed[a]!.has(r) || matchOf(app, revIds[r]!) > 0) continue;
      const target = s.eligible[a]!.find(
        (y) => !s.assigned[a]!.has(y) && matchOf(app, revIds[y]!) > 0 && s.load[y]! === s.load[r]! - 1 && s.load[y]! < s.cap[y]!,
      );
      if (target !== undefined) applyMoves(s, [{ app: a, from: r, to: target }]);
    }
  }

  const added: { applicationId: string; reviewerId: string }[] = [];
  let matched = 0;
  apps.forEach((app, a) => {
    for (const r of s.assigned[a]!) {
      if (s.fixed[a]!.has(r)) continue;
      added.push({ applicationId: app.id, reviewerId: revIds[r]! });
      if (matchOf(app, revIds[r]!) > 0) matched++;
    }
  });
  const loads: Record<string, number> = {};
  revIds.forEach((id, r) => (loads[id] = s.load[r]!));
  return { added, loads, short, balanced: !opts.fillOnly && isBalanced(s), matched };
}

/** The certificate: no reviewer can pass work along a chain to one at least two lighter. */
function isBalanced(s: State): boolean {
  for (let u = 0; u < s.revIds.length; u++) {
    const lu = s.load[u]!;
    if (s.holds[u]!.size === 0) continue;
    if (findChain(s, [u], (r) => r !== u && s.load[r]! <= lu - 2 && s.load[r]! < s.cap[r]!)) return false;
  }
  return true;
}

export interface ShortageSummary {
  /** Applications below the target. */
  applications: number;
  /** Reviews missing in all. */
  reviews: number;
  /** Raising every capped reviewer's cap by this much closes the gap; null when caps are not the cause. */
  raiseCapsBy: number | null;
  /** Reviewers without conflicts (and with room) that would close the gap instead. */
  addReviewers: number;
}

/**
 * How short an assignment is and what would close the gap: the smallest cap increase that fills
 * every slot (binary search over phase 1 alone), or how many new reviewers would.
 */
export function shortageSummary(
  apps: readonly AssignApp[],
  reviewers: readonly AssignReviewer[],
  perApplication: number,
  result: Pick<AssignResult, 'short'>,
  /** Cap a new reviewer would have (the run's max load), if any. */
  newReviewerCap: number | null,
): ShortageSummary | null {
  if (!result.short.length) return null;
  const reviews = result.short.reduce((n, x) => n + (perApplication - x.have), 0);
  const fills = (d: number) => autoAssign(apps, reviewers.map((r) => ({ ...r, cap: r.cap + d })), perApplication, { fillOnly: true }).short.length === 0;
  let raiseCapsBy: number | null = null;
  // With every cap raised by the whole deficit, only conflicts can keep a slot empty.
  if (fills(reviews)) {
    let lo = 1;
    let hi = reviews;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (fills(mid)) hi = mid;
      else lo = mid + 1;
    }
    raiseCapsBy = lo;
  }
  // A new reviewer takes at most one slot per application, and at most its cap in all.
  const deepest = Math.max(...result.short.map((x) => perApplication - x.have));
  const addReviewers = Math.max(deepest, newReviewerCap ? Math.ceil(reviews / newReviewerCap) : 1);
  return { applications: result.short.length, reviews, raiseCapsBy, addReviewers };
}
