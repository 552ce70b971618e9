// The one institution-name normaliser and the aliases behind conflicts, duplicates, import and search.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../main/runtime.ts';
import { institutionKey } from '../../shared/institution-name.ts';
import { freshRuntime, ok, sampleApplication } from './helpers.ts';

describe('institutionKey', () => {
  it.each([
    ['国立大学法人東京大学', '東京大学'],
    ['公立大学法人 大阪公立大学', '大阪公立大学'],
    ['学校法人 早稲田大学', '早稲田大学'],
    ['早稲田 大学', '早稲田大学'],
    ['独立行政法人国際協力機構', '国際協力機構'],
    ['国立研究開発法人　理化学研究所', '理化学研究所'],
    ['一般社団法人日本化学会', '日本化学会'],
    ['公益財団法人 日本科学協会', '日本科学協会'],
    ['一般財団法人 テスト財団', 'テスト財団'],
    ['公益社団法人 テスト協会', 'テスト協会'],
    ['株式会社日立製作所', '日立製作所'],
    ['日立製作所（株）', '日立製作所'],
    ['(株)日立製作所', '日立製作所'],
    ['㈱日立製作所', '日立製作所'],
    ['有限会社 テスト', 'テスト'],
    ['ｿﾆｰ株式会社', 'ソニー'],
    ['National University Corporation Tokyo Medical and Dental University', 'tokyo medical and dental university'],
    ['Acme Co., Ltd.', 'acme'],
    ['ACME Inc.', 'acme'],
    ['Acme Corporation', 'acme'],
    ['ＴＳＩＮＧＨＵＡ\u3000University ', 'tsinghua university'],
  ])('%s → %s', (name, key) => {
    expect(institutionKey(name)).toBe(key);
  });
  it('keeps a name that is nothing but a legal form', () => {
    expect(institutionKey('学校法人')).toBe('学校法人');
  });
});

describe('through the dictionary', () => {
  let rt: Runtime;
  beforeEach(async () => {
    rt = await freshRuntime();
  });
  afterEach(() => rt.close());

  it('conflicts see legal-entity forms, English names, aliases and the applicant, and say why', async () => {
    const a = await ok(rt, 'applications/save', {
      id: null,
      data: sampleApplication({ applicationNo: 'N-1', hostInstitution: '国立大学法人東京大学', applicant: '鈴木 一郎', sendingInstitutions: [{ name: 'Hanoi Univ. of Science', country: 'VN' }] }),
    });
    const b = await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'N-2', hostInstitution: '早稲田大学', applicant: '田中 花子' }) });
    const todai = await ok(rt, 'review/saveReviewer', { id: null, data: { name: '東大 委員', institution: '東京大学' } });
    const waseda = await ok(rt, 'review/saveReviewer', { id: null, data: { name: '早大 委員', institution: '学校法人 早稲田大学' } });
    const hanoi = await ok(rt, 'review/saveReviewer', { id: null, data: { name: 'Nguyen', institution: 'VNU University of Science' } });
    const self = await ok(rt, 'review/saveReviewer', { id: null, data: { name: '鈴木一郎', institution: '九州大学' } });
    // The sending institution is known under an abbreviation only after staff add it as an alias.
    expect((await ok(rt, 'review/listConflicts', { reviewerId: hanoi.id })).total).toBe(0);
    const inst = ((await ok(rt, 'institutions/list', { q: 'Hanoi Univ' })).items)[0]!;
    await ok(rt, 'institutions/addAlias', { institutionId: inst.id, name: 'VNU University of Science', kind: 'en' });

    const c = (await ok(rt, 'review/listConflicts', {})).items;
    const by = (rid: string, aid: string) => c.filter((x) => x.reviewerId === rid && x.applicationId === aid);
    expect(by(todai.id, a.id).map((x) => x.kind)).toEqual(['host']);
    expect(by(todai.id, a.id)[0]!.reason).toContain('申請機関');
    expect(by(waseda.id, b.id).map((x) => x.kind)).toEqual(['host']);
    expect(by(waseda.id, b.id)[0]!.reason).toContain('早稲田大学');
    expect(by(hanoi.id, a.id).map((x) => x.kind)).toEqual(['sending']);
    expect(by(self.id, a.id).map((x) => x.kind)).toEqual(['applicant']);
    expect(by(self.id, a.id)[0]!.reason).toContain('申請者');
    expect(by(todai.id, b.id)).toEqual([]);
    expect(c.every((x) => x.reason.length > 0)).toBe(true);
  });

  it('import resolves legal-entity variants to one institution, search finds them, merge keeps names as aliases', async () => {
    await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'M-1', hostInstitution: '東京大学' }) });
    await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'M-2', hostInstitution: '国立大学法人 東京大学' }) });
    const list = (await ok(rt, 'institutions/list', { q: '東京大学' })).items;
    expect(list.map((i) => i.nameJa)).toEqual(['東京大学']);
    const found = await ok(rt, 'applications/list', { q: '国立大学法人東京大学' });
    expect(found.items.map((x) => x.applicationNo).sort()).toEqual(['M-1', 'M-2']);

    const x = await ok(rt, 'institutions/save', { id: null, nameJa: '東京科学大学', nameEn: 'Institute of Science Tokyo', country: 'JP', kind: 'university' });
    const y = await ok(rt, 'institutions/save', { id: null, nameJa: '東京工業大学', nameEn: 'Tokyo Institute of Technology', country: 'JP', kind: 'university' });
    await ok(rt, 'institutions/merge', { keepId: x.id, mergeIds: [y.id] });
    const aliases = (await ok(rt, 'institutions/aliases', { institutionId: x.id })).items;
    expect(aliases.map((a) => [a.name, a.kind]).sort()).toEqual([
      ['Tokyo Institute of Technology', 'en'],
      ['東京工業大学', 'merged'],
    ]);
    // The merged name still resolves to the kept institution on the next import.
    await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'M-3', hostInstitution: '国立大学法人東京工業大学' }) });
    const m3 = (await ok(rt, 'applications/list', { q: 'M-3' })).items[0]!;
    expect(m3.hostInstitutionId).toBe(x.id);
    expect(((await ok(rt, 'institutions/list', { q: 'Tokyo Institute of Technology' })).items).map((i) => i.id)).toEqual([x.id]);
  });

  it('duplicate detection groups legal-entity variants', async () => {
    await ok(rt, 'institutions/save', { id: null, nameJa: '学校法人 慶應義塾', nameEn: null, country: 'JP', kind: 'university' });
    await ok(rt, 'institutions/save', { id: null, nameJa: '慶應義塾', nameEn: null, country: 'JP', kind: 'university' });
    await ok(rt, 'institutions/save', { id: null, nameJa: '株式会社テスト', nameEn: 'Test Co., Ltd.', country: 'JP', kind: 'company' });
    await ok(rt, 'institutions/save', { id: null, nameJa: 'テスト社', nameEn: 'TEST Inc.', country: 'JP', kind: 'company' });
    const groups = (await ok(rt, 'institutions/duplicates', {})).items.map((g) => g.map((i) => i.nameJa).sort());
    expect(groups).toEqual(expect.arrayContaining([['学校法人 慶應義塾', '慶應義塾'], ['テスト社', '株式会社テスト']]));
  });
});
