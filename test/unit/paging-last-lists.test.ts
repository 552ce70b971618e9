// The last list calls paged (issue 12): conflicts of interest, calls, rule-set history, an
// institution's aliases and the duplicate groups. Each takes limit/offset, returns { items, total }
// with total counting every match, and pages through the same rows as one whole answer, in order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../main/runtime.ts';
import type { CallName } from '../../shared/api/index.ts';
import { forEachPage } from '../../shared/api/page.ts';
import { defaultRuleValues } from '../../shared/rules/ruleset.ts';
import { ok, freshRuntime, sampleApplication } from './helpers.ts';

let rt: Runtime;
beforeEach(async () => {
  rt = await freshRuntime();
});
afterEach(() => rt.close());

/** Every row of a paged call, fetched `size` at a time. */
async function paged<T>(name: CallName, input: Record<string, unknown>, size: number): Promise<T[]> {
  const out: T[] = [];
  await forEachPage(
    (p) => ok(rt, name, { ...input, ...p }) as Promise<{ items: T[]; total: number }>,
    (items) => void out.push(...items),
    size,
  );
  return out;
}

describe('review/listConflicts', () => {
  async function seed() {
    const apps = [];
    // 2026: five applications hosted by 東京大学 (one under its legal-entity name) and one by 京都大学; 2025: one more.
    for (let i = 1; i <= 5; i++) {
      const host = i === 3 ? '国立大学法人東京大学' : '東京大学';
      apps.push(await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: `T-00${i}`, hostInstitution: host, applicant: `申請 ${i}` }) }));
    }
    const kyoto = await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'K-001', hostInstitution: '京都大学', applicant: '東大 一郎' }) });
    const old = await ok(rt, 'applications/save', {
      id: null,
      data: sampleApplication({ fiscalYear: 2025, applicationNo: 'T-OLD', hostInstitution: '東京大学', arrival: '2025-07-01', departure: '2025-07-07' }),
    });
    const a = await ok(rt, 'review/saveReviewer', { id: null, data: { name: '東大 一郎', institution: '東京大学' } });
    const b = await ok(rt, 'review/saveReviewer', { id: null, data: { name: '東大 二郎', institution: '国立大学法人 東京大学' } });
    const c = await ok(rt, 'review/saveReviewer', { id: null, data: { name: '九大 三郎', institution: '九州大学' } });
    await ok(rt, 'review/declareConflict', { reviewerId: c.id, applicationId: kyoto.id, reason: '共同研究者' });
    return { apps, kyoto, old, a, b, c };
  }

  it('pages a year\'s conflicts in 受付番号 order, with total counting all of them, legal-entity names matched', async () => {
    const { kyoto, old, a, b, c } = await seed();
    const whole = await ok(rt, 'review/listConflicts', { fiscalYear: 2026 });
    // 5 東大 applications × 2 reviewers (東京大学 = 国立大学法人東京大学), K-001's applicant, K-001's declared one.
    expect(whole.total).toBe(12);
    expect(whole.items).toHaveLength(12);
    expect(whole.items.map((x) => x.applicationNo)).toEqual([...['T-001', 'T-002', 'T-003', 'T-004', 'T-005'].flatMap((n) => [n, n]), 'K-001', 'K-001'].sort());
    expect(whole.items.some((x) => x.applicationId === old.id)).toBe(false);
    const k = whole.items.filter((x) => x.applicationId === kyoto.id);
    expect(k.map((x) => [x.reviewerId, x.kind]).sort()).toEqual([[a.id, 'applicant'], [c.id, 'declared']].sort());
    expect(whole.items.filter((x) => x.reviewerId === b.id).every((x) => x.kind === 'host' && x.reason.includes('東京大学'))).toBe(true);

    const first = await ok(rt, 'review/listConflicts', { fiscalYear: 2026, limit: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.total).toBe(12);
    const far = await ok(rt, 'review/listConflicts', { fiscalYear: 2026, limit: 5, offset: 50 });
    expect(far).toEqual({ items: [], total: 12 });
    // Page by page: exactly the whole answer, in the same order.
    expect(await paged('review/listConflicts', { fiscalYear: 2026 }, 5)).toEqual(whole.items);
    // Every year has the 2025 application too.
    expect((await ok(rt, 'review/listConflicts', { limit: 1 })).total).toBe(14);
  });

  it('narrows to an application list, a reviewer, or both, and the assignment check still sees every conflict', async () => {
    const { apps, kyoto, a, c } = await seed();
    const two = await ok(rt, 'review/listConflicts', { applicationIds: [apps[0]!.id, kyoto.id], limit: 2 });
    expect(two.total).toBe(4);
    expect((await ok(rt, 'review/listConflicts', { reviewerId: c.id })).items.map((x) => x.kind)).toEqual(['declared']);
    const mine = await ok(rt, 'review/listConflicts', { reviewerId: a.id, applicationId: apps[2]!.id });
    expect(mine.items.map((x) => [x.applicationNo, x.kind])).toEqual([['T-003', 'host']]);
    expect(mine.items[0]!.reason).toContain('東京大学');
    const err = await rt.invoke('review/assign', { applicationIds: apps.map((x) => x.id), reviewerIds: [a.id] }, 'ja');
    expect(err.ok).toBe(false);
    if (!err.ok) expect(err.error.message.split('T-00').length - 1).toBe(5);
  });
});

describe('calls, rule-set history, aliases and duplicates', () => {
  it('calls/list pages newest year first, then by number, total from a COUNT', async () => {
    for (const [fy, n] of [[2025, 1], [2026, 2], [2026, 1], [2026, 3]] as const) {
      await ok(rt, 'calls/save', { fiscalYear: fy, number: n, opensOn: null, closesOn: null, budgetYen: null, expectedVersion: 0 });
    }
    const all = await ok(rt, 'calls/list', {});
    expect(all.items.map((c) => `${c.fiscalYear}-${c.number}`)).toEqual(['2026-1', '2026-2', '2026-3', '2025-1']);
    expect(all.total).toBe(4);
    expect(await ok(rt, 'calls/list', { limit: 2, offset: 1 })).toMatchObject({ total: 4, items: [{ number: 2 }, { number: 3 }] });
    expect((await ok(rt, 'calls/list', { fiscalYear: 2026, limit: 1 })).total).toBe(3);
  });

  it('rulesets/history pages newest first', async () => {
    let version = 0;
    for (let i = 0; i < 5; i++) {
      const values = defaultRuleValues(2026);
      values.courses.A.maxStayDays = 10 + i;
      version = (await ok(rt, 'rulesets/save', { fiscalYear: 2026, values, note: `v${i + 1}`, expectedVersion: version })).version;
    }
    const page = await ok(rt, 'rulesets/history', { fiscalYear: 2026, limit: 2, offset: 1 });
    expect(page.total).toBe(5);
    expect(page.items.map((h) => h.version)).toEqual([4, 3]);
    expect((await paged<{ version: number }>('rulesets/history', { fiscalYear: 2026 }, 2)).map((h) => h.version)).toEqual([5, 4, 3, 2, 1]);
    expect(await ok(rt, 'rulesets/history', { fiscalYear: 2027 })).toEqual({ items: [], total: 0 });
  });

  it('institutions/aliases pages one institution\'s aliases by name', async () => {
    const inst = await ok(rt, 'institutions/save', { id: null, nameJa: '東京大学', nameEn: null, country: 'JP', kind: 'university', expectedVersion: 0 });
    for (const name of ['東大', 'UTokyo', 'Univ. of Tokyo']) await ok(rt, 'institutions/addAlias', { institutionId: inst.id, name, kind: 'abbr' });
    const page = await ok(rt, 'institutions/aliases', { institutionId: inst.id, limit: 2 });
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(2);
    const whole = (await ok(rt, 'institutions/aliases', { institutionId: inst.id })).items;
    expect(await paged('institutions/aliases', { institutionId: inst.id }, 2)).toEqual(whole);
  });

  it('institutions/duplicates pages the groups, counts them all, and finds the group of one institution', async () => {
    const save = (nameJa: string) => ok(rt, 'institutions/save', { id: null, nameJa, nameEn: null, country: 'JP', kind: 'university', expectedVersion: 0 });
    await save('学校法人 慶應義塾');
    const keio = await save('慶應義塾');
    await save('国立大学法人 東北大学');
    await save('東北大学');
    await save('株式会社テスト');
    await save('テスト');
    await save('九州大学');
    const all = await ok(rt, 'institutions/duplicates', {});
    expect(all.total).toBe(3);
    expect(await paged('institutions/duplicates', {}, 1)).toEqual(all.items);
    const second = await ok(rt, 'institutions/duplicates', { limit: 1, offset: 1 });
    expect(second).toEqual({ items: [all.items[1]], total: 3 });
    const mine = await ok(rt, 'institutions/duplicates', { institutionId: keio.id });
    expect(mine.total).toBe(1);
    expect(mine.items[0]!.map((i) => i.nameJa).sort()).toEqual(['学校法人 慶應義塾', '慶應義塾']);
  });
});

describe('review/facts', () => {
  it('pages in the applications list\'s order, and answers for given applications only', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) ids.push((await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: `F-00${i}` }) })).id);
    const list = (await ok(rt, 'applications/list', { fiscalYear: 2026 })).items.map((a) => a.id);
    const page = await ok(rt, 'review/facts', { fiscalYear: 2026, limit: 2, offset: 2 });
    expect(page.total).toBe(5);
    expect(page.items.map((f) => f.applicationId)).toEqual(list.slice(2, 4));
    expect(await paged('review/facts', { fiscalYear: 2026 }, 2)).toEqual((await ok(rt, 'review/facts', { fiscalYear: 2026 })).items);
    const two = await ok(rt, 'review/facts', { applicationIds: [ids[4]!, ids[0]!] });
    expect(two.items.map((f) => f.applicationId).sort()).toEqual([ids[0]!, ids[4]!].sort());
    expect(two.items.every((f) => f.reviewCount === 0 && f.meanScore === null && f.decision === null)).toBe(true);
  });
});
