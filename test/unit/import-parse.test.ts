// The cell readers, table by table: each row is something staff really type, and what it means.
import { describe, expect, it } from 'vitest';
import { allCountries, countryName, parseCountry } from '../../shared/countries.ts';
import {
  excelSerialToIsoDate,
  normalizeText,
  parseCall,
  parseCount,
  parseCountries,
  parseCourse,
  parseDate,
  parseField,
  parseFiscalYear,
  parseInteger,
  parseMode,
  parseYen,
  splitList,
  type Parsed,
} from '../../shared/parse.ts';

const value = <T>(p: Parsed<T>) => (p.ok ? p.value : 'FAIL');

describe('parseInteger / parseCount', () => {
  it.each<[unknown, number | 'FAIL']>([
    ['1234', 1234],
    [' 12 ', 12],
    ['１２３４', 1234],
    ['1,234,000', 1234000],
    ['１，２３４', 1234],
    ['0', 0],
    ['-3', -3],
    ['－3', -3],
    ['12.0', 12],
    [12, 12],
    [12.000000001, 12],
    ['12.5', 'FAIL'],
    [12.5, 'FAIL'],
    ['1,2', 'FAIL'],
    ['12,34', 'FAIL'],
    ['abc', 'FAIL'],
    ['', 'FAIL'],
    [null, 'FAIL'],
    [Number.NaN, 'FAIL'],
    [true, 'FAIL'],
    ['99999999999999999999', 'FAIL'],
  ])('parseInteger(%j) → %j', (input, expected) => {
    expect(value(parseInteger(input))).toBe(expected);
  });

  it.each<[unknown, number | 'FAIL']>([
    ['10名', 10],
    ['１０人', 10],
    ['10 名', 10],
    [3, 3],
    ['名', 'FAIL'],
    ['十名', 'FAIL'],
  ])('parseCount(%j) → %j', (input, expected) => {
    expect(value(parseCount(input))).toBe(expected);
  });
});

describe('parseYen', () => {
  it.each<[unknown, number | 'FAIL']>([
    ['￥1,234,000', 1234000],
    ['¥1,234,000', 1234000],
    ['1,234,000円', 1234000],
    ['１，２３４，０００円', 1234000],
    ['￥１，２３４，０００－', 1234000],
    [' 3500000 ', 3500000],
    ['JPY 1,000', 1000],
    ['123万円', 1230000],
    ['12.5万円', 125000],
    ['123万4,000円', 1234000],
    ['1,234千円', 1234000],
    [1234000, 1234000],
    [1234000.0000000002, 1234000],
    ['0円', 0],
    ['-500', -500],
    ['1,234.5円', 'FAIL'],
    ['12.34567万円', 'FAIL'],
    ['1万2万', 'FAIL'],
    ['¥', 'FAIL'],
    ['abc', 'FAIL'],
    ['$100', 'FAIL'],
  ])('parseYen(%j) → %j', (input, expected) => {
    expect(value(parseYen(input))).toBe(expected);
  });
});

describe('parseDate', () => {
  it.each<[unknown, string]>([
    ['2026/07/01', '2026-07-01'],
    ['2026-07-01', '2026-07-01'],
    ['2026/7/1', '2026-07-01'],
    ['2026.7.1', '2026-07-01'],
    ['2026年7月1日', '2026-07-01'],
    ['2026年 7月 1日', '2026-07-01'],
    ['2026年7月1日(水)', '2026-07-01'],
    ['2026年7月1日（水曜日）', '2026-07-01'],
    ['２０２６／０７／０１', '2026-07-01'],
    ['２０２６年７月１日', '2026-07-01'],
    ['2026/07/01 0:00', '2026-07-01'],
    ['2026-07-01T00:00:00.000Z', '2026-07-01'],
    ['20260701', '2026-07-01'],
    ['令和8年7月1日', '2026-07-01'],
    ['令和８年７月１日', '2026-07-01'],
    ['㋿8年7月1日', '2026-07-01'],
    ['R8.7.1', '2026-07-01'],
    ['r8/7/1', '2026-07-01'],
    ['Ｒ８．７．１', '2026-07-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['R1.5.1', '2019-05-01'],
    ['平成31年4月30日', '2019-04-30'],
    ['H31.4.30', '2019-04-30'],
    ['平成元年1月8日', '1989-01-08'],
    ['昭和64年1月7日', '1989-01-07'],
    ['2024/02/29', '2024-02-29'],
    [new Date(Date.UTC(2026, 6, 1)), '2026-07-01'],
    // A date-time cell: the calendar date is the UTC date exceljs stored it under.
    [new Date(Date.UTC(2026, 6, 1, 23, 30)), '2026-07-01'],
    [46204, '2026-07-01'],
    [46204.75, '2026-07-01'],
    [20260701, '2026-07-01'],
  ])('parseDate(%j) → %s', (input, expected) => {
    expect(value(parseDate(input))).toBe(expected);
  });

  it.each<unknown>([
    '2026-02-30',
    '2026/02/30',
    '2025/02/29',
    '2026/13/01',
    '2026/00/10',
    '2026/07/32',
    '2026/07-01',
    '26/7/1',
    '7/1/2026',
    '令和元年4月30日', // still 平成
    '平成31年5月1日', // already 令和
    '令和0年7月1日',
    'H32.1.1',
    '令和8年2月30日',
    '2026年7月',
    'tomorrow',
    '',
    new Date(Number.NaN),
    2026,
    -1,
    null,
    true,
  ])('parseDate(%j) fails', (input) => {
    expect(parseDate(input).ok).toBe(false);
  });

  it('reads Excel serials across the 1900 leap-year bug', () => {
    expect(value(excelSerialToIsoDate(1))).toBe('1900-01-01');
    expect(value(excelSerialToIsoDate(59))).toBe('1900-02-28');
    expect(excelSerialToIsoDate(60).ok).toBe(false);
    expect(value(excelSerialToIsoDate(61))).toBe('1900-03-01');
    expect(value(excelSerialToIsoDate(45658))).toBe('2025-01-01');
    expect(excelSerialToIsoDate(0).ok).toBe(false);
  });
});

describe('parseFiscalYear / parseCall', () => {
  it.each<[unknown, number | 'FAIL']>([
    ['2026', 2026],
    ['２０２６', 2026],
    [2026, 2026],
    ['2026年度', 2026],
    ['2026年', 2026],
    ['FY2026', 2026],
    ['令和8', 2026],
    ['令和8年度', 2026],
    ['令和８年度', 2026],
    ['R8', 2026],
    ['r8年度', 2026],
    ['令和元年度', 2019],
    ['平成31年度', 2019],
    ['H30', 2018],
    ['平成32年度', 'FAIL'],
    ['令和0年度', 'FAIL'],
    ['26', 'FAIL'],
    ['2026/07/01', 'FAIL'],
    [2026.5, 'FAIL'],
    ['', 'FAIL'],
  ])('parseFiscalYear(%j) → %j', (input, expected) => {
    expect(value(parseFiscalYear(input))).toBe(expected);
  });

  it.each<[unknown, number | 'FAIL']>([
    ['1', 1],
    [2, 2],
    ['第1回', 1],
    ['第１回', 1],
    ['2回', 2],
    ['第2回公募', 2],
    ['first', 'FAIL'],
    ['1.5', 'FAIL'],
  ])('parseCall(%j) → %j', (input, expected) => {
    expect(value(parseCall(input))).toBe(expected);
  });
});

describe('course, field and mode', () => {
  it.each<[unknown, string]>([
    ['A', 'A'],
    ['Ａ', 'A'],
    ['a', 'A'],
    [' A ', 'A'],
    ['Aコース', 'A'],
    ['Ａコース', 'A'],
    ['科学技術体験コース', 'A'],
    ['A（科学技術体験コース）', 'A'],
    ['A: 科学技術体験コース', 'A'],
    ['B', 'B'],
    ['共同研究活動コース', 'B'],
    ['C', 'C'],
    ['科学技術研修コース', 'C'],
    ['ハイスクール', 'high-school'],
    ['さくらサイエンス・ハイスクールプログラム', 'high-school'],
    ['high-school', 'high-school'],
    ['High School', 'high-school'],
    ['科学技術関係者招へいプログラム', 'officials'],
    ['関係者招へい', 'officials'],
    ['officials', 'officials'],
  ])('parseCourse(%j) → %s', (input, expected) => {
    expect(value(parseCourse(input))).toBe(expected);
  });

  it.each<unknown>(['D', 'AB', 'A（共同研究活動コース）', '', 'コース', 1, null])('parseCourse(%j) fails', (input) => {
    expect(parseCourse(input).ok).toBe(false);
  });

  it.each<[unknown, string | 'FAIL']>([
    ['科学技術', 'science'],
    ['science', 'science'],
    ['Science', 'science'],
    ['人文・社会科学', 'humanities'],
    ['人文社会科学', 'humanities'],
    ['人文･社会科学', 'humanities'],
    ['humanities', 'humanities'],
    ['芸術', 'FAIL'],
  ])('parseField(%j) → %s', (input, expected) => {
    expect(value(parseField(input))).toBe(expected);
  });

  it.each<[unknown, string | 'FAIL']>([
    ['来日', 'in-person'],
    ['in-person', 'in-person'],
    ['In Person', 'in-person'],
    ['オンライン', 'online'],
    ['ｵﾝﾗｲﾝ', 'online'],
    ['online', 'online'],
    ['ハイブリッド', 'FAIL'],
  ])('parseMode(%j) → %s', (input, expected) => {
    expect(value(parseMode(input))).toBe(expected);
  });
});

describe('lists and countries', () => {
  it.each<[unknown, string[]]>([
    ['a; b', ['a', 'b']],
    ['a；b', ['a', 'b']],
    ['a、b', ['a', 'b']],
    ['a\nb', ['a', 'b']],
    ['University of California, Berkeley; 清華大学', ['University of California, Berkeley', '清華大学']],
    [' a ;; ; b ', ['a', 'b']],
    ['', []],
    [null, []],
    [undefined, []],
  ])('splitList(%j) → %j', (input, expected) => {
    expect(splitList(input)).toEqual(expected);
  });

  it.each<[string, string | null]>([
    ['JP', 'JP'],
    ['jp', 'JP'],
    ['ＪＰ', 'JP'],
    ['JPN', 'JP'],
    ['VNM', 'VN'],
    ['日本', 'JP'],
    ['中国', 'CN'],
    ['韓国', 'KR'],
    ['大韓民国', 'KR'],
    ['ベトナム', 'VN'],
    ['タイ', 'TH'],
    ['インドネシア', 'ID'],
    ['フィリピン', 'PH'],
    ['マレーシア', 'MY'],
    ['インド', 'IN'],
    ['台湾', 'TW'],
    ['香港', 'HK'],
    ['米国', 'US'],
    ['アメリカ', 'US'],
    ['英国', 'GB'],
    ['イギリス', 'GB'],
    ['ロシア', 'RU'],
    ['モンゴル', 'MN'],
    ['ボスニア・ヘルツェゴビナ', 'BA'],
    ['Vietnam', 'VN'],
    ['Viet Nam', 'VN'],
    ['Thailand', 'TH'],
    ['THAILAND', 'TH'],
    ['Korea, Republic of', 'KR'],
    ['South Korea', 'KR'],
    ['United States', 'US'],
    ['U.S.A.', 'US'],
    ['UK', 'GB'],
    ["Côte d'Ivoire", 'CI'],
    ['Congo', null], // two countries: refuse to guess
    ['Atlantis', null],
    ['', null],
  ])('parseCountry(%j) → %j', (input, expected) => {
    expect(parseCountry(input)).toBe(expected);
  });

  it('parses a country list, naming what it cannot read', () => {
    expect(parseCountries('ベトナム；TH、Indonesia')).toEqual({ ok: true, value: ['VN', 'TH', 'ID'] });
    expect(parseCountries('')).toEqual({ ok: true, value: [] });
    expect(parseCountries('VN; Atlantis; Narnia')).toEqual({ ok: false, unknown: ['Atlantis', 'Narnia'] });
  });

  it('names countries for the UI', () => {
    expect(countryName('KR', 'ja')).toBe('韓国');
    expect(countryName('CN', 'ja')).toBe('中国');
    expect(countryName('VN', 'ja')).toBe('ベトナム');
    expect(countryName('VN', 'en')).toBe('Vietnam');
    expect(countryName('TW', 'en')).toBe('Taiwan');
    expect(countryName('vn', 'en')).toBe('Vietnam');
    expect(countryName('XX', 'ja')).toBe('XX');
    const ja = allCountries('ja');
    expect(ja.length).toBeGreaterThan(240);
    expect(ja.find((c) => c.code === 'JP')).toEqual({ code: 'JP', name: '日本' });
    expect(new Set(ja.map((c) => c.code)).size).toBe(ja.length);
    const en = allCountries('en').map((c) => c.name);
    expect(en).toEqual([...en].sort((a, b) => a.localeCompare(b, 'en')));
    // Callers get their own copy.
    ja[0]!.name = 'changed';
    expect(allCountries('ja')[0]!.name).not.toBe('changed');
  });
});

describe('normalizeText', () => {
  it('folds width and dashes, and trims', () => {
    expect(normalizeText('\u3000ＳＳ２０２６－００１ ')).toBe('SS2026-001');
    expect(normalizeText('2026−07−01')).toBe('2026-07-01');
    expect(normalizeText('2026ー07ー01')).toBe('2026-07-01');
    expect(normalizeText('ハイスクール')).toBe('ハイスクール');
    expect(normalizeText('ｺｰｽ')).toBe('コース');
    expect(normalizeText('plain')).toBe('plain');
  });
});
