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

export function autoAssign(apps: readonly AssignApp[], reviewers: readonly AssignReviewer[], perApplication: number): AssignResult {
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

  // Phase 1: fill slots, hardest applications (fewest eligible reviewers) first.
  const order = apps.map((_, a) => a).sort((x, y) => s.eligible[x]!.length - s.eligible[y]!.length || x - y);
  const short: { applicationId: string; have: number }[] = [];
  for (const a of order) {
    while (s.assigned[a]!.size < perApplication) {
      let best = -1;
      for (const r of s.eligible[a]!) {
        if (s.assigned[a]!.has(r) || s.load[r]! >= s.cap[r]!) continue;
        if (best === -1 || s.load[r]! < s.load[best]!) best = r;
      }
      if (best !== -1) {
        assignPair(s, a, best);
        continue;
      }
      // Every eligible reviewer is full: free a place on one of them by a chain of moves.
      const starts = s.eligible[a]!.filter((r) => !s.assigned[a]!.has(r));
      const chain = findChain(s, starts, (r) => s.load[r]! < s.cap[r]!);
      if (!chain) break;
      applyMoves(s, chain.moves);
      assignPair(s, a, chain.moves[0]!.from);
    }
    if (s.assigned[a]!.size < perApplication) short.push({ applicationId: apps[a]!.id, have: s.assigned[a]!.size });
  }

  // Phase 2: pass work from heavier to lighter reviewers until no chain improves the balance.
  let improved = true;
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
  for (let a = 0; a < apps.length; a++) {
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
  return { added, loads, short, balanced: isBalanced(s), matched };
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
