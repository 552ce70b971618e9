import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../main/runtime.ts';
import { defaultRuleValues } from '../../shared/rules/ruleset.ts';
import { actingUser, fails, freshRuntime, ok, sampleApplication, walkTo } from './helpers.ts';

let rt: Runtime;
beforeEach(async () => {
  rt = await freshRuntime();
});
afterEach(() => rt.close());

const csv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
const HEADER = ['受付番号', '年度', 'コース', 'タイトル', '申請機関', '申請者', '送出し機関', '送出し国・地域', '分野', '形態', '招へい人数', '引率者数', '来日予定日', '離日予定日', '申請額'];
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('applications handlers', () => {
  it('saves, checks against the year rule set and lists an application', async () => {
    const saved = await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    expect(saved.status).toBe('received');
    expect(saved.program).toBe('open-call');
    expect(saved.violations).toEqual([]);
    expect(saved.eligibility.ruleSet.name).toContain('FY2026');
    expect(saved.history).toHaveLength(1);
    expect(saved.history[0]).toMatchObject({ fromStatus: null, toStatus: 'received', changedBy: actingUser(rt) });
    const list = await ok(rt, 'applications/list', { fiscalYear: 2026 });
    expect(list.items.map((a) => a.applicationNo)).toEqual(['A-001']);
    expect(list.items[0]!.sendingInstitutions).toEqual(['Vietnam National University, Hanoi']);
    expect(list.items[0]!.countries).toEqual(['VN']);
  });

  it('records violations and filters by them', async () => {
    await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    const bad = await ok(rt, 'applications/save', {
      id: null,
      data: sampleApplication({ applicationNo: 'A-002', departure: '2026-07-09', invitees: 11 }),
    });
    expect(bad.violations.sort()).toEqual(['STAY_TOO_LONG', 'TOO_MANY_INVITEES']);
    expect(bad.eligibility.violations.map((v) => v.message).join()).toContain('7日');
    const withProblems = await ok(rt, 'applications/list', { hasViolations: true });
    expect(withProblems.items.map((a) => a.applicationNo)).toEqual(['A-002']);
    const clean = await ok(rt, 'applications/list', { hasViolations: false });
    expect(clean.items.map((a) => a.applicationNo)).toEqual(['A-001']);
  });

  it('uses the staff-edited rule set of the year and names it', async () => {
    const values = defaultRuleValues(2026);
    values.courses.A.maxStayDays = 6;
    const rs = await ok(rt, 'rulesets/save', { fiscalYear: 2026, values, note: '2026年度公募要領に合わせる' });
    expect(rs.version).toBe(1);
    const saved = await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    expect(saved.violations).toEqual(['STAY_TOO_LONG']);
    expect(saved.eligibility.ruleSet).toMatchObject({ fiscalYear: 2026, version: 1, name: 'FY2026 v1' });
    const history = (await ok(rt, 'rulesets/history', { fiscalYear: 2026 })).items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ version: 1, changedBy: actingUser(rt), note: '2026年度公募要領に合わせる' });
    // Other years keep the shipped default.
    expect((await ok(rt, 'rulesets/get', { fiscalYear: 2025 })).version).toBe(0);
  });

  it('filters one year of a country after the application moves to another year (its countries follow it)', async () => {
    const a = await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'A-002', countries: ['TH'] }) });
    const ids = async (input: { fiscalYear?: number; country: string }) => (await ok(rt, 'applications/list', { ...input, limit: 100 })).items.map((x) => x.id);
    expect(await ids({ fiscalYear: 2026, country: 'VN' })).toEqual([a.id]);
    await ok(rt, 'applications/save', { id: a.id, data: sampleApplication({ fiscalYear: 2025, countries: ['VN', 'TH'] }), expectedVersion: a.version });
    expect(await ids({ fiscalYear: 2026, country: 'VN' })).toEqual([]);
    expect(await ids({ fiscalYear: 2025, country: 'VN' })).toEqual([a.id]);
    expect(await ids({ fiscalYear: 2025, country: 'TH' })).toEqual([a.id]);
    expect((await ids({ country: 'TH' })).sort()).toEqual([a.id, (await ok(rt, 'applications/list', { fiscalYear: 2026, country: 'TH' })).items[0]!.id].sort());
  });

  it('keeps a status history with who, when and the comment', async () => {
    const a = await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    await ok(rt, 'applications/setStatus', { id: a.id, status: 'under-review', comment: null });
    const d = await ok(rt, 'applications/setStatus', { id: a.id, status: 'adopted', comment: '第1回選考委員会' });
    expect(d.history.map((h) => h.toStatus)).toEqual(['received', 'under-review', 'adopted']);
    expect(d.history[2]).toMatchObject({ fromStatus: 'under-review', comment: '第1回選考委員会', changedBy: actingUser(rt) });
  });

  it('refuses a second application with the same (年度, 受付番号) under another id', async () => {
    await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    const other = await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'A-009' }) });
    const err = await fails(rt, 'applications/save', { id: other.id, data: sampleApplication() });
    expect(err.code).toBe('CONFLICT');
  });

  it('deletes an application with its history', async () => {
    const a = await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    expect(await ok(rt, 'applications/delete', { id: a.id })).toEqual({ deleted: true });
    expect((await fails(rt, 'applications/get', { id: a.id })).code).toBe('NOT_FOUND');
  });

  it('imports a CSV all-or-nothing, then updates by (年度, 受付番号) on re-import', async () => {
    const rows = [
      HEADER,
      ['S-1', '2026', 'A', '材料科学体験', '東北大学', '山田', 'Hanoi University of Science and Technology', 'VN', '科学技術', '来日', '8', '1', '2026/07/01', '2026/07/07', '￥2,400,000'],
      ['S-2', '令和8', 'C', '防災研修', '京都大学', '佐藤', 'Chulalongkorn University;Universiti Malaya', 'TH;MY', '科学技術', '来日', '20', '2', '2026-09-01', '2026-09-10', '5000000'],
    ];
    const first = await ok(rt, 'applications/import', { fileName: 'apps.csv', dataBase64: b64(csv(rows)) });
    expect(first).toEqual({ added: 2, updated: 0, rows: 2 });
    rows[1]![3] = '材料科学体験（改訂）';
    const second = await ok(rt, 'applications/import', { fileName: 'apps.csv', dataBase64: b64(csv(rows)) });
    expect(second).toEqual({ added: 0, updated: 2, rows: 2 });
    const list = await ok(rt, 'applications/list', {});
    expect(list.items.find((a) => a.applicationNo === 'S-1')!.title).toBe('材料科学体験（改訂）');
    expect(list.items.find((a) => a.applicationNo === 'S-2')!.countries).toEqual(['TH', 'MY']);

    const bad = [...rows, ['S-3', '2026', 'Z', 'x', '東北大学', '', 'X', 'VN', '科学技術', '来日', '3', '0', '2026/02/30', '2026/03/01', '0']];
    const err = await fails(rt, 'applications/import', { fileName: 'apps.csv', dataBase64: b64(csv(bad)) });
    expect(err.code).toBe('IMPORT_REJECTED');
    const problems = err.details.problems as { row: number; column: string }[];
    expect(problems.some((p) => p.row === 4 && p.column === 'コース')).toBe(true);
    expect(problems.some((p) => p.row === 4 && p.column === '来日予定日')).toBe(true);
    // Nothing of the rejected file was written: the earlier good rows are unchanged, no S-3.
    const after = await ok(rt, 'applications/list', {});
    expect(after.items.map((a) => a.applicationNo).sort()).toEqual(['S-1', 'S-2']);
  });

  it('emits progress events for an import with a job id', async () => {
    const events: { phase: string; done: number; total: number }[] = [];
    rt.events.on('event', (name: string, p: { jobId: string; phase: string; done: number; total: number }) => {
      if (name === 'job/progress' && p.jobId === 'job-1') events.push(p);
    });
    const rows = [HEADER, ['P-1', '2026', 'B', '共同研究', '大阪大学', '', 'Seoul National University', 'KR', '科学技術', '来日', '5', '0', '2026/10/01', '2026/10/21', '3000000']];
    await ok(rt, 'applications/import', { fileName: 'p.csv', dataBase64: b64(csv(rows)), jobId: 'job-1' });
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ phase: 'write', done: 1, total: 1 });
  });

  it('hands out an xlsx import template', async () => {
    const t = await ok(rt, 'applications/template', {});
    expect(t.fileName).toMatch(/\.xlsx$/);
    expect(Buffer.from(t.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });
});

describe('statistics', () => {
  it('ships the official 2014–2019 record exactly and counts later years from the database', async () => {
    const a = await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'A-002' }) });
    await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'A-003' }) });
    await walkTo(rt, a.id, 'implemented');
    const stats = await ok(rt, 'stats/byYear', {});
    const builtIn = stats.filter((s) => s.builtIn);
    expect(builtIn.map((s) => [s.fiscalYear, s.applications, s.adoptions])).toEqual([
      [2014, 574, 283],
      [2015, 636, 391],
      [2016, 631, 454],
      [2017, 608, 492],
      [2018, 688, 502],
      [2019, 704, 557],
    ]);
    expect(builtIn.reduce((n, s) => n + s.applications, 0)).toBe(3841);
    expect(builtIn.reduce((n, s) => n + s.adoptions, 0)).toBe(2679);
    expect(stats.find((s) => s.fiscalYear === 2026)).toEqual({ fiscalYear: 2026, applications: 3, adoptions: 1, builtIn: false });
  });
});

describe('institutions', () => {
  it('finds names equal after normalisation and merges them, moving their programs', async () => {
    await ok(rt, 'applications/save', { id: null, data: sampleApplication({ hostInstitution: 'Tokyo Tech' }) });
    const dup = await ok(rt, 'institutions/save', { id: null, nameJa: 'ＴＯＫＹＯ　 TECH ', nameEn: null, country: 'JP', kind: 'university' });
    await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'A-002' }) });
    const groups = (await ok(rt, 'institutions/duplicates', {})).items;
    expect(groups).toHaveLength(1);
    const keep = groups[0]!.find((i) => i.id !== dup.id)!;
    const merged = await ok(rt, 'institutions/merge', { keepId: keep.id, mergeIds: [dup.id] });
    expect(merged.hostedCount).toBe(1);
    expect(await ok(rt, 'institutions/duplicates', {})).toEqual({ items: [], total: 0 });
    const programs = (await ok(rt, 'institutions/programs', { id: keep.id })).items;
    expect(programs.map((p) => [p.applicationNo, p.role])).toEqual([['A-001', 'host']]);
    const sending = ((await ok(rt, 'institutions/list', { q: 'vietnam' })).items)[0]!;
    expect(sending.sentCount).toBe(2);
  });
});

describe('calls (公募回)', () => {
  it('creates and updates a call by year and number', async () => {
    await ok(rt, 'calls/save', { fiscalYear: 2026, number: 1, opensOn: '2026-04-01', closesOn: '2026-05-15', budgetYen: 100_000_000 });
    await ok(rt, 'calls/save', { fiscalYear: 2026, number: 1, opensOn: '2026-04-01', closesOn: '2026-05-20', budgetYen: 120_000_000 });
    const calls = (await ok(rt, 'calls/list', { fiscalYear: 2026 })).items;
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ closesOn: '2026-05-20', budgetYen: 120_000_000 });
  });
});
