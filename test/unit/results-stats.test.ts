// Aggregation numbers against hand-computed fixtures (see results-seed.ts for the hand counts).
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../main/runtime.ts';
import { breakdown, funnel, missingYearRuns, percent, topN, totals } from '../../shared/stats/aggregate.ts';
import { keyLabel } from '../../shared/stats/labels.ts';
import { fails, freshRuntime, ok } from './helpers.ts';
import { addParticipant, emptyResult, seedYear } from './results-seed.ts';

let rt: Runtime;
beforeEach(async () => {
  rt = await freshRuntime();
});
afterEach(() => rt.close());

const OFFICIAL: [number, number, number][] = [
  [2014, 574, 283],
  [2015, 636, 391],
  [2016, 631, 454],
  [2017, 608, 492],
  [2018, 688, 502],
  [2019, 704, 557],
];

describe('the built-in record', () => {
  it('equals the source document table exactly, totals 3,841 / 2,679', async () => {
    const stats = await ok(rt, 'stats/byYear', {});
    const builtIn = stats.filter((s) => s.builtIn);
    expect(builtIn.map((s) => [s.fiscalYear, s.applications, s.adoptions])).toEqual(OFFICIAL);
    expect(totals(builtIn)).toEqual({ applications: 3841, adoptions: 2679 });
    expect(percent(283, 574)).toBe(49.3);
  });

  it('is followed by each later year counted from the database, not marked built-in', async () => {
    await seedYear(rt);
    const stats = await ok(rt, 'stats/byYear', {});
    // A-1 adopted, B-1 implemented, C-1 reported count as adoptions; rejected/received/withdrawn do not.
    expect(stats.at(-1)).toEqual({ fiscalYear: 2026, applications: 6, adoptions: 3, builtIn: false });
  });
});

describe('breakdowns of one fiscal year', () => {
  beforeEach(async () => {
    await seedYear(rt);
  });

  it('by course, in the fixed course order', async () => {
    expect(await ok(rt, 'stats/breakdown', { fiscalYear: 2026, by: 'course' })).toEqual([
      { key: 'A', applications: 2, adoptions: 1 },
      { key: 'B', applications: 1, adoptions: 1 },
      { key: 'C', applications: 2, adoptions: 1 },
      { key: 'high-school', applications: 1, adoptions: 0 },
    ]);
  });

  it('by country: an application with several countries counts once under each', async () => {
    expect(await ok(rt, 'stats/breakdown', { fiscalYear: 2026, by: 'country' })).toEqual([
      { key: 'VN', applications: 3, adoptions: 2 },
      { key: 'TH', applications: 2, adoptions: 1 },
      { key: 'ID', applications: 1, adoptions: 1 },
      { key: 'KR', applications: 1, adoptions: 0 },
      { key: 'unknown', applications: 1, adoptions: 0 },
    ]);
  });

  it('by field and by call (numbers as keys, an unset call last)', async () => {
    expect(await ok(rt, 'stats/breakdown', { fiscalYear: 2026, by: 'field' })).toEqual([
      { key: 'science', applications: 5, adoptions: 2 },
      { key: 'humanities', applications: 1, adoptions: 1 },
    ]);
    expect(await ok(rt, 'stats/breakdown', { fiscalYear: 2026, by: 'call' })).toEqual([
      { key: 1, applications: 2, adoptions: 1 },
      { key: 2, applications: 2, adoptions: 2 },
      { key: 3, applications: 1, adoptions: 0 },
      { key: 'unknown', applications: 1, adoptions: 0 },
    ]);
  });

  it('a year with no applications is empty, and a bad `by` is refused with a sentence', async () => {
    expect(await ok(rt, 'stats/breakdown', { fiscalYear: 2025, by: 'course' })).toEqual([]);
    const err = await fails(rt, 'stats/breakdown', { fiscalYear: 2026, by: 'colour' });
    expect(err.code).toBe('VALIDATION');
    expect(err.details.messages.ja).toContain('入力が正しくありません');
  });

  it('funnel application → adoption → implementation → report', async () => {
    // Statuses alone: adopted A-1, implemented B-1, reported C-1.
    expect(await ok(rt, 'stats/funnel', { fiscalYear: 2026 })).toEqual({ fiscalYear: 2026, applications: 6, adoptions: 3, implemented: 2, reported: 1 });
  });

  it('lists the years that have applications', async () => {
    expect(await ok(rt, 'stats/years', {})).toEqual([2026]);
  });
});

describe('pure aggregation', () => {
  const facts = (countries: string[], status: 'adopted' | 'rejected') => ({ course: 'A' as const, field: 'science' as const, call: 1, status, countries });

  it('topN keeps the first n rows and sums the rest into その他', () => {
    const rows = breakdown(
      [facts(['VN'], 'adopted'), facts(['VN'], 'rejected'), facts(['TH'], 'adopted'), facts(['ID'], 'rejected'), facts(['KR'], 'adopted')],
      'country',
    );
    expect(topN(rows, 2)).toEqual([
      { key: 'VN', applications: 2, adoptions: 1 },
      { key: 'ID', applications: 1, adoptions: 0 },
      { key: 'other', applications: 2, adoptions: 2 },
    ]);
    expect(topN(rows, 10)).toHaveLength(4);
    expect(keyLabel('country', 'other', 'ja')).toBe('その他');
    expect(keyLabel('country', 'VN', 'ja')).toBe('ベトナム');
    expect(keyLabel('call', 2, 'ja')).toBe('第2回');
    expect(keyLabel('call', 2, 'en')).toBe('Call 2');
  });

  it('funnel never widens: a reported record implies implementation and adoption', () => {
    expect(
      funnel([
        { status: 'adopted', implemented: false, reported: true },
        { status: 'received', implemented: false, reported: false },
        { status: 'implemented', implemented: false, reported: false },
      ]),
    ).toEqual({ applications: 3, adoptions: 2, implemented: 2, reported: 1 });
  });

  it('names the runs of years with no record between the first and the last', () => {
    expect(missingYearRuns([2014, 2015, 2016, 2017, 2018, 2019, 2024, 2025, 2027])).toEqual([
      [2020, 2023],
      [2026, 2026],
    ]);
    expect(missingYearRuns([2019, 2014, 2015, 2016, 2017, 2018])).toEqual([]);
    expect(missingYearRuns([])).toEqual([]);
  });

  it('a rate of nothing is null, not zero', () => {
    expect(percent(0, 0)).toBeNull();
    expect(percent(1, 3)).toBe(33.3);
  });
});

describe('people and outcomes', () => {
  it('counts invitees from implementation records and distinct invitees per outcome', async () => {
    const ids = await seedYear(rt);
    await ok(rt, 'results/save', { programId: ids['B-1'], data: { ...emptyResult, actualArrival: '2026-08-01', actualDeparture: '2026-08-20', actualInvitees: 9, actualEscorts: 1 } });
    await ok(rt, 'results/save', { programId: ids['C-1'], data: { ...emptyResult, actualArrival: '2026-09-01', actualDeparture: '2026-09-10', actualInvitees: 14, actualEscorts: 2 } });
    // A result without actual numbers is not counted as people.
    await ok(rt, 'results/save', { programId: ids['A-1'], data: { ...emptyResult, summary: 'まだ実施前' } });
    expect(await ok(rt, 'stats/people', {})).toEqual([{ fiscalYear: 2026, programs: 2, invitees: 23, escorts: 3 }]);

    const p1 = await addParticipant(rt, ids['B-1']!, 'Nguyen An');
    const p2 = await addParticipant(rt, ids['B-1']!, 'Tran Binh');
    await addParticipant(rt, ids['B-1']!, 'Le Chi');
    await addParticipant(rt, ids['B-1']!, 'Pham Escort', 'escort');
    await ok(rt, 'followups/save', { id: null, participantId: p1, kind: 'returned-student', occurredOn: '2028-04-01', note: '修士課程' });
    await ok(rt, 'followups/save', { id: null, participantId: p1, kind: 'joint-paper', occurredOn: '2029-01-10', note: '' });
    await ok(rt, 'followups/save', { id: null, participantId: p1, kind: 'joint-paper', occurredOn: '2030-02-10', note: '2本目' });
    await ok(rt, 'followups/save', { id: null, participantId: p2, kind: 'joint-paper', occurredOn: '2029-03-01', note: '' });
    const outcomes = await ok(rt, 'stats/outcomes', {});
    expect(outcomes).toEqual([
      {
        fiscalYear: 2026,
        invitees: 3,
        counts: { 'returned-student': 1, 'returned-researcher': 0, 'joint-research': 0, 'joint-paper': 2, other: 0 },
        anyOutcome: 2,
      },
    ]);
  });
});

describe('.xlsx export', () => {
  it('writes each chart as a sheet with the same numbers, headers in the caller language', async () => {
    await seedYear(rt);
    const file = await ok(rt, 'stats/export', { chart: 'all', fiscalYear: 2026 });
    expect(file.fileName).toBe('sakura-stats-all.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(['年度別応募・採択', 'コース別 2026', '国・地域別 2026', '分野別 2026', '公募回別 2026', 'ファネル 2026', '招へい者数', 'フォローアップ成果']);
    const byYear = wb.getWorksheet('年度別応募・採択')!;
    expect(byYear.getRow(1).values).toEqual([undefined, '年度', '応募件数', '採択件数', '採択率(%)', '出典']);
    expect(byYear.getRow(2).values).toEqual([undefined, 2014, 574, 283, 49.3, '公式実績（組み込み）']);
    expect(byYear.getRow(8).values).toEqual([undefined, 2026, 6, 3, 50, 'データベース集計']);
    expect(byYear.getRow(9).values).toEqual([undefined, '合計 2014–2019', 3841, 2679, 69.7, '公式実績（組み込み）']);
    expect(byYear.getCell('B2').numFmt).toBe('#,##0');
    expect(wb.getWorksheet('国・地域別 2026')!.getRow(2).values).toEqual([undefined, 'ベトナム', 3, 2, 66.7, 37.5]);
    expect(wb.getWorksheet('ファネル 2026')!.getRow(5).values).toEqual([undefined, '報告', 1, 16.7, 50]);

    const en = await ok(rt, 'stats/export', { chart: 'breakdown', by: 'course', fiscalYear: 2026 }, 'en');
    expect(en.fileName).toBe('sakura-stats-breakdown-course-2026.xlsx');
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(Buffer.from(en.dataBase64, 'base64') as unknown as ArrayBuffer);
    expect(wbEn.worksheets.map((w) => w.name)).toEqual(['By course 2026']);
    expect(wbEn.worksheets[0]!.getRow(2).values).toEqual([undefined, 'A Experience', 2, 1, 50, 33.3]);
  });

  it('refuses a breakdown export without its kind', async () => {
    const err = await fails(rt, 'stats/export', { chart: 'breakdown', fiscalYear: 2026 }, 'en');
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('breakdown kind');
  });
});
