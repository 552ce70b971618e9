// The review calls end to end on a fresh database: reviewers and conflicts, manual and automatic
// assignment with undo, the review form, queues, ranking, decisions and the budget simulator.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../main/runtime.ts';
import { DEFAULT_CRITERIA } from '../../shared/review/rubric.ts';
import { actingUser, fails, freshRuntime, ok, sampleApplication } from './helpers.ts';

let rt: Runtime;
beforeEach(async () => {
  rt = await freshRuntime();
});
afterEach(() => rt.close());

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

async function seed() {
  const a1 = await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'A-001', requestedAmount: 3_000_000 }) });
  const a2 = await ok(rt, 'applications/save', {
    id: null,
    data: sampleApplication({ applicationNo: 'A-002', hostInstitution: '京都大学', course: 'B', departure: '2026-07-10', requestedAmount: 2_000_000 }),
  });
  const a3 = await ok(rt, 'applications/save', {
    id: null,
    data: sampleApplication({ applicationNo: 'A-003', hostInstitution: '大阪大学', sendingInstitutions: [{ name: 'Chulalongkorn University', country: 'TH' }], countries: ['TH'], requestedAmount: 1_500_000 }),
  });
  const rev = async (name: string, institution: string | null, extra: Record<string, unknown> = {}) =>
    ok(rt, 'review/saveReviewer', { id: null, data: { name, institution, fields: ['防災'], ...extra } });
  // Written differently from the applications' institutions: full-width letters, extra spaces.
  const tohoku = await rev('東北 一郎', '  東北大学 ');
  const vnu = await rev('Nguyen Van A', 'ＶＩＥＴＮＡＭ　National  University, Hanoi', { kind: 'external' });
  const others = [await rev('佐藤 花子', '名古屋大学'), await rev('鈴木 次郎', '九州大学'), await rev('高橋 三郎', null)];
  return { apps: [a1, a2, a3], tohoku, vnu, others };
}

describe('reviewers and conflicts', () => {
  it('finds conflicts with the host and sending institutions after name normalisation', async () => {
    const { apps, tohoku, vnu } = await seed();
    const c1 = (await ok(rt, 'review/listConflicts', { applicationId: apps[0]!.id })).items;
    expect(c1.map((c) => [c.reviewerName, c.kind]).sort()).toEqual([
      ['Nguyen Van A', 'sending'],
      ['東北 一郎', 'host'],
    ]);
    expect(c1.find((c) => c.reviewerId === tohoku.id)!.reason).toContain('申請機関');
    // A-002 is hosted by 京都大学 but sends from VNU: only the VNU reviewer is conflicted.
    const c2 = (await ok(rt, 'review/listConflicts', { applicationId: apps[1]!.id })).items;
    expect(c2.map((c) => c.reviewerId)).toEqual([vnu.id]);
  });

  it('refuses to assign a conflicted reviewer, says why, and writes nothing', async () => {
    const { apps, tohoku, others } = await seed();
    const err = await fails(rt, 'review/assign', { applicationIds: [apps[0]!.id, apps[2]!.id], reviewerIds: [tohoku.id, others[0]!.id] });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('東北 一郎 × A-001');
    expect(err.message).toContain('申請機関');
    expect(err.details.messages.en).toContain('host institution');
    expect((await ok(rt, 'review/listAssignments', {})).items).toEqual([]);
  });

  it('a declared conflict blocks assignment with its reason and can be removed', async () => {
    const { apps, others } = await seed();
    const c = await ok(rt, 'review/declareConflict', { reviewerId: others[0]!.id, applicationId: apps[2]!.id, reason: '共同研究者' });
    expect(c.kind).toBe('declared');
    const err = await fails(rt, 'review/assign', { applicationIds: [apps[2]!.id], reviewerIds: [others[0]!.id] });
    expect(err.message).toContain('共同研究者');
    expect((await ok(rt, 'review/removeConflict', { id: c.id })).removed).toBe(true);
    const r = await ok(rt, 'review/assign', { applicationIds: [apps[2]!.id], reviewerIds: [others[0]!.id] });
    expect(r.added).toBe(1);
    const auto = (await ok(rt, 'review/listConflicts', { applicationId: apps[0]!.id })).items[0]!;
    expect((await fails(rt, 'review/removeConflict', { id: auto.id })).code).toBe('CONFLICT');
  });

  it('imports a reviewers CSV all or nothing', async () => {
    const bad = ['氏名,所属機関,専門分野,メール,上限件数', '山田 太郎,東北大学,防災;地震,yamada@example.jp,10', ',京都大学,,,', '田中,京都大学,,not-an-email,x'].join('\r\n');
    const err = await fails(rt, 'review/importReviewers', { fileName: 'r.csv', dataBase64: b64(bad) });
    expect(err.code).toBe('IMPORT_REJECTED');
    const problems = err.details.problems as { row: number; column: string }[];
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [3, '氏名'],
      [4, 'メール'],
      [4, '上限件数'],
    ]);
    expect((await ok(rt, 'review/listReviewers', {})).items).toEqual([]);
    const good = ['氏名,所属機関,専門分野,メール,上限件数', '山田 太郎,東北大学,防災、地震,yamada@example.jp,１０', 'Jane Doe,Kyoto University,materials,,'].join('\r\n');
    expect(await ok(rt, 'review/importReviewers', { fileName: 'r.csv', dataBase64: b64(good) })).toEqual({ added: 2, updated: 0, rows: 2 });
    expect(await ok(rt, 'review/importReviewers', { fileName: 'r.csv', dataBase64: b64(good) })).toEqual({ added: 0, updated: 2, rows: 2 });
    const list = (await ok(rt, 'review/listReviewers', {})).items;
    expect(list.find((r) => r.name === '山田 太郎')).toMatchObject({ institution: '東北大学', fields: ['防災', '地震'], maxLoad: 10 });
  });
});

describe('automatic assignment', () => {
  it('previews without writing, applies, respects conflicts, balances and undoes', async () => {
    const { apps, tohoku, vnu } = await seed();
    const preview = await ok(rt, 'review/previewAutoAssign', { fiscalYear: 2026, perApplication: 3 });
    expect(preview.added).toHaveLength(9);
    expect(preview.balanced).toBe(true);
    expect((await ok(rt, 'review/listAssignments', {})).items).toEqual([]);

    const applied = await ok(rt, 'review/autoAssign', { fiscalYear: 2026, perApplication: 3 });
    expect(applied.added.map((a) => `${a.applicationNo}:${a.reviewer}`).sort()).toEqual(preview.added.map((a) => `${a.applicationNo}:${a.reviewer}`).sort());
    const list = (await ok(rt, 'review/listAssignments', { fiscalYear: 2026 })).items;
    expect(list).toHaveLength(9);
    expect(list.some((a) => a.applicationId === apps[0]!.id && (a.reviewerId === tohoku.id || a.reviewerId === vnu.id))).toBe(false);
    expect(list.some((a) => a.applicationId === apps[1]!.id && a.reviewerId === vnu.id)).toBe(false);
    const loads = applied.loads.map((l) => l.after);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    const detail = await ok(rt, 'applications/get', { id: apps[0]!.id });
    expect(detail.status).toBe('under-review');
    expect(detail.history.at(-1)).toMatchObject({ fromStatus: 'received', toStatus: 'under-review', changedBy: actingUser(rt) });

    const undo = await ok(rt, 'review/undoBatch', { batchId: applied.batchId });
    expect(undo).toEqual({ removed: 9, kept: 0 });
    expect((await ok(rt, 'review/listAssignments', {})).items).toEqual([]);
    expect((await ok(rt, 'applications/get', { id: apps[0]!.id })).status).toBe('received');
  });

  it('uses only active reviewers serving the call, and prefers matching expertise', async () => {
    const { apps } = await seed();
    const all = (await ok(rt, 'review/listReviewers', {})).items;
    // Only the three unconflicted reviewers stay available; one of them serves call 2 only.
    for (const r of all) {
      const data = { name: r.name, kind: r.kind, institution: r.institution, email: r.email, fields: r.fields, countries: r.countries, maxLoad: r.maxLoad, activeCalls: r.activeCalls, active: r.active };
      if (r.name === '東北 一郎' || r.name === 'Nguyen Van A') await ok(rt, 'review/saveReviewer', { id: r.id, data: { ...data, active: false } });
      if (r.name === '鈴木 次郎') await ok(rt, 'review/saveReviewer', { id: r.id, data: { ...data, activeCalls: ['2026-2'] } });
      if (r.name === '佐藤 花子') await ok(rt, 'review/saveReviewer', { id: r.id, data: { ...data, countries: ['TH'] } });
    }
    const plan = await ok(rt, 'review/previewAutoAssign', { fiscalYear: 2026, call: 1, perApplication: 1 });
    expect(plan.reviewers).toBe(2);
    expect(new Set(plan.added.map((a) => a.reviewer))).toEqual(new Set(['佐藤 花子', '高橋 三郎']));
    // A-003 sends from Thailand: the reviewer with Thai expertise gets it.
    expect(plan.added.find((a) => a.applicationId === apps[2]!.id)!.reviewer).toBe('佐藤 花子');
    expect(plan.matched).toBeGreaterThanOrEqual(1);
  });

  it('honours --max-load and reports applications it cannot fill', async () => {
    await seed();
    const r = await ok(rt, 'review/autoAssign', { fiscalYear: 2026, perApplication: 3, maxLoad: 1 });
    expect(Math.max(...r.loads.map((l) => l.after))).toBe(1);
    expect(r.added).toHaveLength(5);
    expect(r.short.reduce((s, x) => s + (3 - x.have), 0)).toBe(4);
  });
});

describe('review form, queues, ranking and decisions', () => {
  async function reviewAll(scoreOf: (appNo: string, reviewer: string) => number) {
    for (const a of (await ok(rt, 'review/listAssignments', { fiscalYear: 2026 })).items) {
      const s = scoreOf(a.applicationNo, a.reviewer);
      await ok(rt, 'review/saveReview', {
        assignmentId: a.id,
        scores: DEFAULT_CRITERIA.map((c) => ({ criterion: c.key, score: s, comment: '' })),
        recommendation: 'adopt',
        confidence: 2,
      });
    }
  }

  it('moves applications through the queues to a recorded decision', async () => {
    const { apps, others } = await seed();
    let counts = await ok(rt, 'review/queueCounts', { fiscalYear: 2026 });
    expect(counts).toEqual({ eligibility: 0, assignment: 3, outstanding: 0, ready: 0, decided: 0 });
    await ok(rt, 'review/assign', { applicationIds: [apps[2]!.id], reviewerIds: others.map((o) => o.id), dueOn: '2020-01-01' });
    counts = await ok(rt, 'review/queueCounts', { fiscalYear: 2026 });
    expect(counts).toMatchObject({ assignment: 2, outstanding: 3 });
    const { items: outstanding } = await ok(rt, 'review/queue', { queue: 'outstanding', fiscalYear: 2026 });
    expect(outstanding.every((o) => o.overdue)).toBe(true);

    const [first] = (await ok(rt, 'review/listAssignments', { applicationId: apps[2]!.id })).items;
    const bad = await fails(rt, 'review/saveReview', {
      assignmentId: first!.id,
      scores: [{ criterion: 'plan', score: 4 }],
      recommendation: 'adopt',
      confidence: 3,
    });
    expect(bad.message).toContain('未記入');
    expect((await fails(rt, 'review/saveReview', { assignmentId: first!.id, scores: [{ criterion: 'plan', score: 6 }], recommendation: 'adopt', confidence: 3 })).code).toBe('VALIDATION');

    await reviewAll((_, reviewer) => (reviewer === '佐藤 花子' ? 5 : 3));
    counts = await ok(rt, 'review/queueCounts', { fiscalYear: 2026 });
    expect(counts).toMatchObject({ outstanding: 0, ready: 1 });
    const { items: ready } = await ok(rt, 'review/queue', { queue: 'ready', fiscalYear: 2026 });
    expect(ready[0]).toMatchObject({ applicationNo: 'A-003', reviewers: 3, submitted: 3 });
    expect(ready[0]!.meanScore).toBeCloseTo(11 / 3, 10);

    await ok(rt, 'review/decide', { applicationIds: [apps[2]!.id], decision: 'adopted', comment: '第1回選考委員会' });
    const d = await ok(rt, 'applications/get', { id: apps[2]!.id });
    expect(d.status).toBe('adopted');
    expect(d.history.at(-1)).toMatchObject({ fromStatus: 'under-review', toStatus: 'adopted', changedBy: actingUser(rt), comment: '第1回選考委員会' });
    counts = await ok(rt, 'review/queueCounts', { fiscalYear: 2026 });
    expect(counts).toMatchObject({ ready: 0, decided: 1 });
    const { items: facts, total } = await ok(rt, 'review/facts', { fiscalYear: 2026 });
    expect(total).toBe(3);
    expect(facts.find((f) => f.applicationId === apps[2]!.id)).toMatchObject({ reviewCount: 3, decision: 'adopted' });
    expect(facts.find((f) => f.applicationId === apps[0]!.id)).toMatchObject({ reviewCount: 0, meanScore: null, decision: null });
  });

  it('refuses decisions on applications that are not open, writing nothing', async () => {
    const { apps } = await seed();
    await ok(rt, 'applications/setStatus', { id: apps[0]!.id, status: 'withdrawn' });
    const err = await fails(rt, 'review/decide', { applicationIds: [apps[1]!.id, apps[0]!.id], decision: 'rejected' });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('A-001');
    expect((await ok(rt, 'applications/get', { id: apps[1]!.id })).status).toBe('received');
  });

  it('keeps a per-call review form and uses it for new reviews', async () => {
    expect((await ok(rt, 'review/getRubric', { fiscalYear: 2026, call: 1 })).source).toBe('default');
    const criteria = [...DEFAULT_CRITERIA.slice(0, 2), { key: 'impact', label: '波及効果', labelEn: 'Impact' }];
    const saved = await ok(rt, 'review/saveRubric', { fiscalYear: 2026, call: 1, criteria });
    expect(saved).toMatchObject({ source: 'call', criteria });
    expect((await ok(rt, 'review/getRubric', { fiscalYear: 2026, call: 2 })).source).toBe('default');
    expect((await fails(rt, 'review/saveRubric', { fiscalYear: 2026, call: 1, criteria: [criteria[0], criteria[0]] })).code).toBe('VALIDATION');
  });

  it('ranks with leniency and simulates the budget by course, country and host', async () => {
    const { apps, others } = await seed();
    await ok(rt, 'review/assign', { applicationIds: apps.map((a) => a.id), reviewerIds: others.map((o) => o.id) });
    const scores: Record<string, number> = { 'A-001': 5, 'A-002': 4, 'A-003': 2 };
    await reviewAll((no, reviewer) => Math.min(5, scores[no]! + (reviewer === '高橋 三郎' ? 1 : 0)));
    const rank = await ok(rt, 'review/ranking', { fiscalYear: 2026, method: 'mean' });
    expect(rank.rows.map((r) => r.applicationNo)).toEqual(['A-001', 'A-002', 'A-003']);
    expect(rank.reviewers[0]!.reviewer).toBe('高橋 三郎');
    expect(rank.reviewers[0]!.leniency).toBeGreaterThan(0);

    await ok(rt, 'calls/save', { fiscalYear: 2026, number: 1, opensOn: null, closesOn: null, budgetYen: 4_600_000 });
    const sim = await ok(rt, 'review/simulateBudget', { fiscalYear: 2026, call: 1 });
    expect(sim.budgetYen).toBe(4_600_000);
    expect(sim.adopted.map((r) => r.applicationNo)).toEqual(['A-001', 'A-003']);
    expect(sim.passed).toEqual([{ applicationId: apps[1]!.id, applicationNo: 'A-002', reason: 'BUDGET', eligible: true, n: 3 }]);
    expect(sim.byCourse).toEqual([{ key: 'A', count: 2, amount: 4_500_000 }]);
    expect(sim.byCountry.map((c) => c.key).sort()).toEqual(['TH', 'VN']);
    const quota = await ok(rt, 'review/simulateBudget', { fiscalYear: 2026, budgetYen: 10_000_000, quotas: { A: 1 } });
    expect(quota.adopted.map((r) => r.applicationNo)).toEqual(['A-001', 'A-002']);
  });
});

describe('review and the rest of the app', () => {
  it('declaring a conflict removes an assignment that is not reviewed yet', async () => {
    const { apps, others } = await seed();
    await ok(rt, 'review/assign', { applicationIds: [apps[2]!.id], reviewerIds: [others[0]!.id] });
    await ok(rt, 'review/declareConflict', { reviewerId: others[0]!.id, applicationId: apps[2]!.id, reason: '指導教員' });
    expect((await ok(rt, 'review/listAssignments', { applicationId: apps[2]!.id })).items).toEqual([]);
    expect((await ok(rt, 'applications/get', { id: apps[2]!.id })).status).toBe('received');
  });

  it('merging institutions carries reviewers along, and their conflicts with them', async () => {
    const { apps } = await seed();
    const r = await ok(rt, 'review/saveReviewer', { id: null, data: { name: '別表記 太郎', institution: 'Tohoku University' } });
    expect(await ok(rt, 'review/listConflicts', { reviewerId: r.id })).toEqual({ items: [], total: 0 });
    const list = (await ok(rt, 'institutions/list', {})).items;
    const keep = list.find((i) => i.nameJa === '東北大学')!;
    const merged = list.find((i) => i.nameJa === 'Tohoku University')!;
    await ok(rt, 'institutions/merge', { keepId: keep.id, mergeIds: [merged.id] });
    expect(((await ok(rt, 'review/listReviewers', {})).items).find((x) => x.id === r.id)!.institution).toBe('東北大学');
    expect((await ok(rt, 'review/listConflicts', { reviewerId: r.id })).items.map((c) => c.applicationId)).toEqual([apps[0]!.id]);
  });
});
