// Paged lists of the dictionaries and the results screen (issue 12): institutions, reviewers and
// programs with results. Each page is the slice of the whole answer, `total` is the COUNT of every
// matching row, filters and sorting run in SQL, and rows that tie on the sort key keep one order
// (by id), so pages never overlap or skip a row. Runs on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallName } from '../../shared/api/index.ts';
import type { Runtime } from '../../main/runtime.ts';
import { freshRuntime, ok } from './helpers.ts';
import { addApplication } from './results-seed.ts';

let rt: Runtime;
const inst: Record<string, string> = {};
const rev: Record<string, string> = {};
const prog: Record<string, string> = {};

/** Byte order, as the sort key is on both engines (COLLATE "C" / BINARY). */
const bytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

beforeAll(async () => {
  rt = await freshRuntime();
  const add = async (key: string, nameJa: string, nameEn: string | null, country: string | null, kind: string) => {
    inst[key] = (await ok(rt, 'institutions/save', { id: null, nameJa, nameEn, country, kind })).id;
  };
  // Three institutions share a name: they tie on the sort key.
  await add('same1', '同名研究所', null, 'JP', 'research');
  await add('same2', '同名研究所', 'Same Institute', 'TH', 'research');
  await add('same3', '同名研究所', null, null, 'company');
  await add('kyoto', '京都大学', 'Kyoto University', 'JP', 'university');
  await add('hanoi', 'ハノイ工科大学', 'Hanoi University of Science and Technology', 'VN', 'university');
  await add('school', '札幌南高等学校', null, 'JP', 'school');
  await add('mext', '文部科学省', 'MEXT', 'JP', 'government');
  // Programs: 京都大学 hosts three, ハノイ工科大学 sends to two of them. Two years, ties on arrival.
  const hanoi = { name: 'ハノイ工科大学', country: 'VN' };
  prog['K1'] = await addApplication(rt, 'K-1', { hostInstitution: '京都大学', sendingInstitutions: [hanoi], arrival: '2026-07-01', departure: '2026-07-07' }, 'adopted');
  prog['K2'] = await addApplication(rt, 'K-2', { hostInstitution: '京都大学', sendingInstitutions: [hanoi], arrival: '2026-07-01', departure: '2026-07-07', title: '地震工学の共同研究' }, 'implemented');
  prog['K3'] = await addApplication(rt, 'K-3', { hostInstitution: '京都大学', arrival: '2026-06-01', departure: '2026-06-07' }, 'reported');
  prog['P1'] = await addApplication(rt, 'P-1', { fiscalYear: 2025, hostInstitution: '文部科学省', arrival: '2025-10-01', departure: '2025-10-07' }, 'adopted');
  prog['P2'] = await addApplication(rt, 'P-2', { fiscalYear: 2025, hostInstitution: '文部科学省', arrival: '2025-09-01', departure: '2025-09-07' }, 'adopted');
  await addApplication(rt, 'R-1', { hostInstitution: '京都大学' }, 'rejected');
  const reviewer = async (key: string, name: string, institution: string | null, active = true, email: string | null = null) => {
    const data = { name, kind: 'committee' as const, institution, email, fields: [], countries: [], maxLoad: null, activeCalls: [], active };
    rev[key] = (await ok(rt, 'review/saveReviewer', { id: null, data })).id;
  };
  // Two reviewers share a name (different institutions): a tie.
  await reviewer('yamada1', '高橋 一郎', '京都大学');
  await reviewer('yamada2', '高橋 一郎', '文部科学省');
  await reviewer('sato', '佐藤 花子', '京都大学', true, 'sato@example.jp');
  await reviewer('nguyen', 'Nguyen Van A', 'ハノイ工科大学');
  await reviewer('old', '鈴木 次郎', null, false);
  await ok(rt, 'review/assign', { applicationIds: [prog['K1']!, prog['K2']!, prog['K3']!], reviewerIds: [rev['yamada2']!], dueOn: null });
  await ok(rt, 'review/assign', { applicationIds: [prog['P1']!, prog['P2']!], reviewerIds: [rev['sato']!], dueOn: null });
  await ok(rt, 'review/assign', { applicationIds: [prog['P1']!], reviewerIds: [rev['nguyen']!], dueOn: null });
}, 60_000);
afterAll(() => rt.close());

/** Every page of size 1…4 of `input` put together is the whole answer; total never changes. */
async function pagesAreSlices(name: CallName, input: Record<string, unknown>, id: (x: never) => string): Promise<string[]> {
  const all = (await ok(rt, name, input)) as unknown as { items: never[]; total: number };
  expect(all.total).toBe(all.items.length);
  for (const size of [1, 2, 3, 4]) {
    const seen: string[] = [];
    for (let offset = 0; offset < all.total + size; offset += size) {
      const p = (await ok(rt, name, { ...input, limit: size, offset })) as unknown as { items: never[]; total: number };
      expect(p.total, `${name} ${JSON.stringify(input)} offset ${offset}`).toBe(all.total);
      expect(p.items.length).toBe(Math.max(0, Math.min(size, all.total - offset)));
      seen.push(...p.items.map(id));
    }
    expect(seen).toEqual(all.items.map(id));
  }
  return all.items.map(id);
}

describe('institutions/list', () => {
  const id = (i: { id: string }) => i.id;

  it('pages by name, ties by id, total from a COUNT', async () => {
    const all = (await ok(rt, 'institutions/list', {})).items;
    // Names created on the fly by applications (the sending institution is known) are there too.
    expect(all.length).toBeGreaterThanOrEqual(7);
    const expected = [...all].sort((a, b) => bytes(a.normalizedName, b.normalizedName) || bytes(a.id, b.id)).map(id);
    expect(all.map(id)).toEqual(expected);
    const ties = all.filter((i) => i.nameJa === '同名研究所').map(id);
    expect(ties).toEqual([inst['same1']!, inst['same2']!, inst['same3']!].sort(bytes));
    await pagesAreSlices('institutions/list', {}, id);
  });

  it('filters by kind, country, search words and ids in SQL', async () => {
    const kind = await pagesAreSlices('institutions/list', { kind: 'research' }, id);
    expect(kind).toEqual([inst['same1']!, inst['same2']!].sort(bytes));
    expect((await ok(rt, 'institutions/list', { country: 'JP', kind: 'university' })).items.map(id)).toEqual([inst['kyoto']]);
    expect((await ok(rt, 'institutions/list', { q: 'kyoto' })).items.map(id)).toEqual([inst['kyoto']]);
    expect((await ok(rt, 'institutions/list', { q: '同名', limit: 2 })).total).toBe(3);
    expect((await ok(rt, 'institutions/list', { ids: [inst['mext']!, inst['hanoi']!] })).items.map((i) => i.nameEn).sort()).toEqual([
      'Hanoi University of Science and Technology',
      'MEXT',
    ]);
    expect(await ok(rt, 'institutions/list', { q: '存在しない名前' })).toEqual({ items: [], total: 0 });
  });

  it('sorts by program counts, country and kind, either way, ties by name then id', async () => {
    const hosted = (await ok(rt, 'institutions/list', { sort: 'hosted', dir: 'desc' })).items;
    expect(hosted.slice(0, 2).map((i) => [i.nameJa, i.hostedCount])).toEqual([
      ['京都大学', 4],
      ['文部科学省', 2],
    ]);
    const zeros = hosted.slice(2);
    expect(zeros.every((i) => i.hostedCount === 0)).toBe(true);
    expect(zeros.map(id)).toEqual([...zeros].sort((a, b) => bytes(a.normalizedName, b.normalizedName) || bytes(a.id, b.id)).map(id));
    await pagesAreSlices('institutions/list', { sort: 'hosted', dir: 'desc' }, id);
    // The default sending institution of the sample applications sends four; ハノイ工科大学 two.
    const sent = (await ok(rt, 'institutions/list', { sort: 'sent', dir: 'desc', limit: 2 })).items;
    expect(sent.map((i) => [i.nameJa, i.sentCount])).toEqual([
      ['Vietnam National University, Hanoi', 4],
      ['ハノイ工科大学', 2],
    ]);
    const byCountry = (await ok(rt, 'institutions/list', { sort: 'country' })).items.map((i) => i.country ?? '');
    expect(byCountry).toEqual([...byCountry].sort(bytes));
    expect(byCountry[0]).toBe('');
    const byKind = (await ok(rt, 'institutions/list', { sort: 'kind', dir: 'desc' })).items.map((i) => i.kind);
    const order = ['university', 'research', 'company', 'government', 'school', 'other'];
    expect(byKind.map((k) => order.indexOf(k))).toEqual([...byKind.map((k) => order.indexOf(k))].sort((a, b) => b - a));
    await pagesAreSlices('institutions/list', { sort: 'kind' }, id);
    await pagesAreSlices('institutions/list', { sort: 'country', dir: 'desc' }, id);
  });
});

describe('institutions/programs', () => {
  const key = (p: { applicationNo: string; role: string }) => `${p.applicationNo}:${p.role}`;

  it('pages an institution\'s programs newest year first, by 受付番号, with total', async () => {
    expect(await pagesAreSlices('institutions/programs', { id: inst['kyoto'] }, key)).toEqual(['K-1:host', 'K-2:host', 'K-3:host', 'R-1:host']);
    expect(await pagesAreSlices('institutions/programs', { id: inst['hanoi'] }, key)).toEqual(['K-1:sending', 'K-2:sending']);
    expect(await pagesAreSlices('institutions/programs', { id: inst['mext'] }, key)).toEqual(['P-1:host', 'P-2:host']);
    expect(await ok(rt, 'institutions/programs', { id: inst['school'], limit: 10 })).toEqual({ items: [], total: 0 });
  });
});

describe('review/listReviewers', () => {
  const id = (r: { id: string }) => r.id;

  it('pages by name, ties by id, with loads for the page', async () => {
    const ids = await pagesAreSlices('review/listReviewers', {}, id);
    expect(ids).toHaveLength(5);
    const all = (await ok(rt, 'review/listReviewers', {})).items;
    const yamada = all.filter((r) => r.name === '高橋 一郎').map(id);
    expect(yamada).toEqual([rev['yamada1']!, rev['yamada2']!].sort(bytes));
    // A page holding one reviewer alone still counts that reviewer's assignments, per year.
    const load = async (key: string, fiscalYear?: number) => {
      const p = await ok(rt, 'review/listReviewers', { ...(fiscalYear ? { fiscalYear } : {}), limit: 1, offset: ids.indexOf(rev[key]!) });
      expect(p.items[0]!.id).toBe(rev[key]);
      return [p.items[0]!.load, p.items[0]!.outstanding];
    };
    expect(await load('yamada2')).toEqual([3, 3]);
    expect(await load('yamada2', 2026)).toEqual([3, 3]);
    expect(await load('yamada2', 2025)).toEqual([0, 0]);
    expect(await load('sato')).toEqual([2, 2]);
    expect(await load('sato', 2026)).toEqual([0, 0]);
    expect(await load('yamada1')).toEqual([0, 0]);
    expect((await ok(rt, 'review/listReviewers', { fiscalYear: 2025, q: 'nguyen' })).items[0]).toMatchObject({ load: 1 });
  });

  it('filters by words (name, institution, e-mail) and active in SQL', async () => {
    const names = async (input: Record<string, unknown>) => (await ok(rt, 'review/listReviewers', input)).items.map((r) => r.name);
    expect(await names({ q: '京都' })).toEqual(['佐藤 花子', '高橋 一郎'].sort(bytes));
    expect(await names({ q: 'SATO@EXAMPLE' })).toEqual(['佐藤 花子']);
    expect(await names({ q: '高橋' })).toEqual(['高橋 一郎', '高橋 一郎']);
    expect(await names({ active: false })).toEqual(['鈴木 次郎']);
    expect((await ok(rt, 'review/listReviewers', { active: true, limit: 2 })).total).toBe(4);
    await pagesAreSlices('review/listReviewers', { active: true }, id);
    expect((await ok(rt, 'review/listReviewers', { ids: [rev['nguyen']!] })).items.map((r) => r.name)).toEqual(['Nguyen Van A']);
  });
});

describe('results/programs', () => {
  const id = (p: { programId: string }) => p.programId;

  it('pages newest year first, then by arrival, ties by 受付番号; adopted or later only', async () => {
    const all = await pagesAreSlices('results/programs', {}, id);
    expect(all).toEqual([prog['K3'], prog['K1'], prog['K2'], prog['P2'], prog['P1']]);
    expect(await pagesAreSlices('results/programs', { fiscalYear: 'all' }, id)).toEqual(all);
    expect(await pagesAreSlices('results/programs', { fiscalYear: 2025 }, id)).toEqual([prog['P2'], prog['P1']]);
    expect((await ok(rt, 'results/programs', { fiscalYear: 2026, limit: 1 })).total).toBe(3);
    expect(await ok(rt, 'results/programs', { fiscalYear: 2019 })).toEqual({ items: [], total: 0 });
  });

  it('searches 受付番号, title and host in SQL', async () => {
    const nos = async (input: Record<string, unknown>) => (await ok(rt, 'results/programs', input)).items.map((p) => p.applicationNo);
    expect(await nos({ q: '地震工学' })).toEqual(['K-2']);
    expect(await nos({ q: '文部科学省' })).toEqual(['P-2', 'P-1']);
    expect(await nos({ q: 'p-1' })).toEqual(['P-1']);
    expect((await ok(rt, 'results/programs', { q: '京都', limit: 2, offset: 2 })).total).toBe(3);
  });
});
