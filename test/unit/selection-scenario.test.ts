// The "done when": one call with a reviewer shortage, legal-entity name variants and two
// ineligible plans, driven through the CLI door in-process (the same handler table as the app).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../main/runtime.ts';
import { ok, sampleApplication } from './helpers.ts';
import { cliCapture } from './cli-capture.ts';

const dir = mkdtempSync(join(tmpdir(), 'sakura-selection-'));
const dbPath = join(dir, 'scenario.sqlite');

const cli = (...args: string[]) => cliCapture('--db', dbPath, ...args);

let rt: Runtime;
const ids: Record<string, string> = {};

beforeAll(async () => {
  rt = await startRuntime({ dbPath, door: 'test', user: 'seed' });
  const plans: [string, Record<string, unknown>][] = [
    ['S-01', { hostInstitution: '国立大学法人東京大学', applicant: '山田 太郎' }],
    ['S-02', { hostInstitution: '早稲田大学' }],
    ['S-03', { hostInstitution: '京都大学', sendingInstitutions: [{ name: 'ＡＣＭＥ Co., Ltd.', country: 'VN' }] }],
    ['S-04', { hostInstitution: '大阪大学' }],
    // Two ineligible plans: a 3-week stay on a 7-day course, and 30 invitees from one institution.
    ['S-05', { hostInstitution: '名古屋大学', departure: '2026-07-21' }],
    ['S-06', { hostInstitution: '九州大学', invitees: 30 }],
  ];
  for (const [no, o] of plans) ids[no] = (await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: no, applicant: '佐藤 花子', ...o }) })).id;
  const rev = (name: string, institution: string) => ok(rt, 'review/saveReviewer', { id: null, data: { name, institution, maxLoad: 2 } });
  await rev('東大 教授', '東京大学');
  await rev('早大 教授', '学校法人 早稲田大学');
  await rev('商社 部長', 'Acme Inc.');
  await rev('山田太郎', '北海道大学'); // the applicant of S-01, written without the space
  await rev('外部 委員', '東北大学');
  await rt.close();
});
afterAll(async () => {
  await rt.close().catch(() => undefined);
});

describe('a call with a shortage, name variants and two ineligible plans', () => {
  it('assigns fairly without conflicts, simulates without ineligible plans and gates decide', async () => {
    // 6 plans × 3 = 18 slots, 5 reviewers × 2 = 10: short even for the 4 eligible plans (12).
    const assign = await cli('assign', '--fy', '2026');
    if (process.env.SHOW) console.log(assign.stdout);
    expect(assign.code).toBe(0);
    expect(assign.stdout).toMatch(/^不足 \/ short: 応募 \d+ 件で審査 \d+ 件が不足/mu);
    expect(assign.stdout).toContain('raise caps by');
    expect(assign.stdout).not.toContain('均等化済み');

    const list = JSON.parse((await cli('list', 'assignments', '--json', '--fy', '2026')).stdout) as { id: string; applicationNo: string; reviewer: string }[];
    expect(list.every((a) => typeof a.id === 'string' && a.id.length > 0)).toBe(true);
    const pairs = new Set(list.map((a) => `${a.applicationNo}:${a.reviewer}`));
    // Conflicts hold through the legal-entity forms and the applicant's own name.
    expect(pairs.has('S-01:東大 教授')).toBe(false);
    expect(pairs.has('S-01:山田太郎')).toBe(false);
    expect(pairs.has('S-02:早大 教授')).toBe(false);
    expect(pairs.has('S-03:商社 部長')).toBe(false);
    const count = (no: string) => list.filter((a) => a.applicationNo === no).length;
    const eligibleCounts = ['S-01', 'S-02', 'S-03', 'S-04'].map(count);
    expect(Math.max(...eligibleCounts) - Math.min(...eligibleCounts)).toBeLessThanOrEqual(1);
    expect(eligibleCounts.reduce((a, b) => a + b, 0)).toBe(10);
    // Ineligible plans come after the eligible ones: nothing is left for them.
    expect([count('S-05'), count('S-06')]).toEqual([0, 0]);

    // Every assignment reviewed; the ineligible plans get the best scores.
    const rt2 = await startRuntime({ dbPath, door: 'test', user: 'reviewer' });
    try {
      const all = (await ok(rt2, 'review/listAssignments', { fiscalYear: 2026 })).items;
      const rubric = await ok(rt2, 'review/getRubric', { fiscalYear: 2026, call: 1 });
      for (const a of all) {
        const s = a.applicationNo === 'S-05' || a.applicationNo === 'S-06' ? 5 : a.applicationNo === 'S-01' ? 4 : 3;
        await ok(rt2, 'review/saveReview', { assignmentId: a.id, scores: rubric.criteria.map((c) => ({ criterion: c.key, score: s })), recommendation: 'adopt', confidence: 2 });
      }
    } finally {
      await rt2.close();
    }

    const sim = JSON.parse((await cli('simulate', '--fy', '2026', '--budget', '100000000', '--min-reviews', '1', '--json')).stdout) as {
      budgetYen: number;
      spentYen: number;
      adopted: { applicationNo: string; rank: number; requestedAmount: number; course: string; reviews: number }[];
      passed: { applicationNo: string; reason: string }[];
    };
    expect(Object.keys(sim).sort()).toEqual(['adopted', 'budgetYen', 'passed', 'spentYen']);
    expect(sim.budgetYen).toBe(100_000_000);
    expect(sim.adopted.map((a) => a.applicationNo).sort()).toEqual(['S-01', 'S-02', 'S-03', 'S-04']);
    expect(Object.keys(sim.adopted[0]!).sort()).toEqual(['applicationNo', 'course', 'rank', 'requestedAmount', 'reviews']);
    expect(sim.passed).toEqual(
      expect.arrayContaining([
        { applicationNo: 'S-05', reason: 'INELIGIBLE' },
        { applicationNo: 'S-06', reason: 'INELIGIBLE' },
      ]),
    );
    expect(sim.spentYen).toBe(sim.adopted.reduce((s, a) => s + a.requestedAmount, 0));
    // The default minimum is the per-application target (3); raising it passes thinly reviewed plans.
    const strict = JSON.parse((await cli('simulate', '--fy', '2026', '--budget', '100000000', '--min-reviews', '4', '--json')).stdout) as typeof sim;
    expect(strict.adopted).toEqual([]);
    expect(strict.passed.filter((p) => p.reason === 'FEW_REVIEWS').map((p) => p.applicationNo).sort()).toEqual(['S-01', 'S-02', 'S-03', 'S-04']);
    expect(strict.passed.filter((p) => p.reason === 'INELIGIBLE')).toHaveLength(2);

    const refused = await cli('decide', '--fy', '2026', 'S-05', 'adopt');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('S-05 STAY_TOO_LONG');
    const accepted = await cli('decide', '--fy', '2026', 'S-05', 'adopt', '--override', '委員会で特例として承認');
    expect(accepted.code).toBe(0);
    const rt3 = await startRuntime({ dbPath, door: 'test', user: 'x' });
    try {
      const d = await ok(rt3, 'applications/get', { id: ids['S-05']! });
      expect(d.status).toBe('adopted');
      const h = d.history.find((x) => x.toStatus === 'adopted')!;
      expect(h).toMatchObject({ overrideReason: '委員会で特例として承認' });
      expect(h.changedBy).toBeTruthy();
      expect(h.changedAt).toBeTruthy();
    } finally {
      await rt3.close();
    }
    // The same decision without a comment, and an illegal transition (辞退 → 不採択), exit 1.
    expect((await cli('decide', '--fy', '2026', 'S-05', 'adopt')).code).toBe(1);
    const rt4 = await startRuntime({ dbPath, door: 'test', user: 'x' });
    await ok(rt4, 'applications/setStatus', { id: ids['S-06']!, status: 'withdrawn', comment: '申請者より辞退' });
    await rt4.close();
    const illegal = await cli('decide', '--fy', '2026', 'S-06', 'reject');
    expect(illegal.code).toBe(1);
    expect(illegal.stderr).toContain('「辞退」から「不採択」');
  });
});
