// The `--demo` data through the API: every area has something to show, and it is sound where it
// should be (most programs pass their checks; the few that do not are the deliberate ones).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemoData } from '../../main/demo.ts';
import type { Runtime } from '../../main/runtime.ts';
import { freshRuntime, ok } from './helpers.ts';

let rt: Runtime;
let ms = 0;
beforeAll(async () => {
  rt = await freshRuntime();
  const t0 = performance.now();
  await fillDemoData(rt.ctx('ja'));
  ms = performance.now() - t0;
}, 60_000);
afterAll(() => rt.close());

describe('fillDemoData', () => {
  it('fills applications over three fiscal years, quickly', async () => {
    expect(await ok(rt, 'stats/years', {})).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    for (const fy of [2024, 2025, 2026]) {
      const funnel = await ok(rt, 'stats/funnel', { fiscalYear: fy });
      expect(funnel.applications).toBeGreaterThan(30);
      expect(funnel.adoptions).toBeGreaterThan(0);
    }
    // The test runtime also checks every output against the contract, so this is generous.
    expect(ms).toBeLessThan(20_000);
  });

  it('gives programs rosters matching the plan and itineraries, mostly without violations', async () => {
    const programs = (await ok(rt, 'programs/list', { fiscalYear: 'all' })).items;
    expect(programs.length).toBeGreaterThan(30);
    expect(new Set(programs.map((p) => p.fiscalYear))).toEqual(new Set([2024, 2025, 2026]));
    const clean = programs.filter((p) => p.violations.length === 0);
    expect(clean.length / programs.length).toBeGreaterThan(0.9);
    expect(programs.length - clean.length).toBeGreaterThanOrEqual(2);
    expect(programs.filter((p) => p.slots > 0).length).toBeGreaterThanOrEqual(programs.length - 1);

    const apps = new Map((await ok(rt, 'applications/list', {})).items.map((a) => [a.id, a]));
    for (const p of programs) {
      const a = apps.get(p.id)!;
      expect([p.invitees, p.escorts]).toEqual([a.invitees, a.escorts]);
    }
    const d = await ok(rt, 'programs/get', { id: clean.find((p) => p.course === 'A' && p.mode === 'in-person')!.id });
    const kinds = new Set(d.slots.map((s) => s.kind));
    for (const k of ['travel', 'lecture', 'exchange']) expect(kinds).toContain(k);
    const invitees = d.participants.filter((x) => x.role === 'invitee');
    expect(invitees.every((x) => x.birthDate && x.affiliation && x.position && x.nationality)).toBe(true);
    expect(programs.flatMap((p) => p.violations)).toEqual(expect.arrayContaining(['LECTURE_DAYS_TOO_FEW', 'INVITEE_TOO_OLD']));
  });

  it('records results for past programs and follow-ups for FY2024 invitees', async () => {
    const rows = (await ok(rt, 'results/programs', {})).items;
    const withResult = rows.filter((r) => r.result !== null);
    expect(withResult.length).toBeGreaterThan(20);
    expect(withResult.some((r) => r.status === 'reported' && r.result!.reportReceivedOn && r.result!.summary)).toBe(true);
    expect(rows.some((r) => r.status === 'implemented')).toBe(true);
    const people = await ok(rt, 'stats/people', {});
    expect(people.find((p) => p.fiscalYear === 2024)!.invitees).toBeGreaterThan(50);
    const outcomes = await ok(rt, 'stats/outcomes', {});
    expect(outcomes.find((o) => o.fiscalYear === 2024)!.anyOutcome).toBeGreaterThan(3);
  });

  it('has the FY2026 review under way: reviewers, conflicts, assignments, reviews, every queue', async () => {
    const reviewers = (await ok(rt, 'review/listReviewers', { fiscalYear: 2026 })).items;
    expect(reviewers.length).toBe(15);
    const conflicts = (await ok(rt, 'review/listConflicts', {})).items;
    expect(new Set(conflicts.map((c) => c.kind))).toEqual(new Set(['host', 'declared']));
    const assignments = (await ok(rt, 'review/listAssignments', { fiscalYear: 2026 })).items;
    expect(new Set(assignments.map((a) => a.call))).toEqual(new Set([1, 2]));
    const call1 = assignments.filter((a) => a.call === 1);
    expect(call1.filter((a) => a.status === 'submitted').length / call1.length).toBeGreaterThan(0.6);
    const review = await ok(rt, 'review/getReview', { assignmentId: call1.find((a) => a.status === 'submitted')!.id });
    expect(review!.scores.every((s) => s.score >= 1 && s.score <= 5)).toBe(true);
    const counts = await ok(rt, 'review/queueCounts', { fiscalYear: 2026 });
    for (const q of ['assignment', 'outstanding', 'ready', 'decided'] as const) expect(counts[q]).toBeGreaterThan(0);
  });
});
