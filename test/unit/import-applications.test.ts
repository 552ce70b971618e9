// The applications import end to end from bytes: the same sheet saved the ways staff save it
// (.xlsx with real date cells, CSV UTF-8 with and without BOM, Shift_JIS CSV from Japanese Excel)
// must give the same rows, and every bad cell must come back with its row and column.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ApplicationInput, ImportProblem } from '../../shared/api/applications.ts';
import { AppError } from '../../shared/errors.ts';
import {
  APPLICATION_COLUMNS,
  buildApplicationsTemplate,
  parseApplicationsFile,
  parseApplicationsTable,
} from '../../main/import/applications.ts';
import { parseCsv, readTable } from '../../main/import/table.ts';

const HEADER = [
  '受付番号',
  '年度',
  '公募回',
  'コース',
  'タイトル',
  '申請機関',
  '申請者',
  '送出し機関',
  '送出し国・地域',
  '分野',
  '形態',
  '招へい人数',
  '引率者数',
  '来日予定日',
  '離日予定日',
  '申請額',
  '備考',
];

// Text as typed: full-width digits, 和暦, yen signs, a comma inside a name, a quote and a line
// break inside a title (to exercise CSV quoting).
const TEXT_ROWS: string[][] = [
  [
    'SS2026-0001',
    '2026',
    '1',
    'A',
    '再生可能エネルギー研究の体験, 実習',
    '東京大学',
    '桜田 花子',
    'ハノイ工科大学; University of California, Berkeley',
    'ベトナム；US',
    '科学技術',
    '来日',
    '10',
    '1',
    '2026/07/01',
    '2026/07/10',
    '￥1,234,000',
    '',
  ],
  [
    'SS2026-0002',
    '令和8年度',
    '第2回',
    'Ｂコース',
    '「防災」研修 "特別"\n二期目',
    '京都大学',
    '',
    '清華大学、北京大学',
    '中国',
    '人文・社会科学',
    'オンライン',
    '１２',
    '',
    '令和8年7月1日',
    'R8.7.14',
    '2,000,000円',
    '要確認',
  ],
  [
    'SS2026-0003',
    'R8',
    '',
    'ハイスクール',
    'High school visit',
    '大阪大学',
    'Taro Yamada',
    'School A; School B; School C',
    'KR; IDN',
    'science',
    'in-person',
    '20',
    '2',
    '2026-10-01',
    '2026-10-07',
    '3500000',
    '',
  ],
];

const EXPECTED: ApplicationInput[] = [
  {
    fiscalYear: 2026,
    applicationNo: 'SS2026-0001',
    call: 1,
    course: 'A',
    title: '再生可能エネルギー研究の体験, 実習',
    hostInstitution: '東京大学',
    applicant: '桜田 花子',
    sendingInstitutions: [
      { name: 'ハノイ工科大学', country: 'VN' },
      { name: 'University of California, Berkeley', country: 'US' },
    ],
    countries: ['VN', 'US'],
    field: 'science',
    mode: 'in-person',
    invitees: 10,
    escorts: 1,
    arrival: '2026-07-01',
    departure: '2026-07-10',
    requestedAmount: 1234000,
  },
  {
    fiscalYear: 2026,
    applicationNo: 'SS2026-0002',
    call: 2,
    course: 'B',
    title: '「防災」研修 "特別"\n二期目',
    hostInstitution: '京都大学',
    applicant: '',
    sendingInstitutions: [
      { name: '清華大学', country: 'CN' },
      { name: '北京大学', country: 'CN' },
    ],
    countries: ['CN'],
    field: 'humanities',
    mode: 'online',
    invitees: 12,
    escorts: 0,
    arrival: '2026-07-01',
    departure: '2026-07-14',
    requestedAmount: 2000000,
  },
  {
    fiscalYear: 2026,
    applicationNo: 'SS2026-0003',
    call: null,
    course: 'high-school',
    title: 'High school visit',
    hostInstitution: '大阪大学',
    applicant: 'Taro Yamada',
    // Three institutions, two countries: no pairing can be inferred.
    sendingInstitutions: [
      { name: 'School A', country: null },
      { name: 'School B', country: null },
      { name: 'School C', country: null },
    ],
    countries: ['KR', 'ID'],
    field: 'science',
    mode: 'in-person',
    invitees: 20,
    escorts: 2,
    arrival: '2026-10-01',
    departure: '2026-10-07',
    requestedAmount: 3500000,
  },
];

const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
const csvText = (rows: string[][]) => rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const utf8Bom = (s: string) => new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]));
const sjis = (s: string) => new Uint8Array(iconv.encode(s, 'cp932'));

const utcDate = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** The same rows as an Excel user would have them: numbers, date cells, a formula, a link. */
async function xlsxFixture(mutate?: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('応募');
  ws.addRow(HEADER);
  ws.addRow([
    'SS2026-0001',
    2026,
    1,
    'A',
    '再生可能エネルギー研究の体験, 実習',
    { text: '東京大学', hyperlink: 'https://www.u-tokyo.ac.jp/' },
    '桜田 花子',
    'ハノイ工科大学; University of California, Berkeley',
    'ベトナム；US',
    '科学技術',
    '来日',
    10,
    1,
    utcDate(2026, 7, 1),
    utcDate(2026, 7, 10),
    { formula: '1234*1000', result: 1234000 },
    null,
  ]);
  ws.addRow([
    'SS2026-0002',
    '令和8年度',
    '第2回',
    'Ｂコース',
    { richText: [{ text: '「防災」研修 ' }, { font: { bold: true }, text: '"特別"' }, { text: '\n二期目' }] },
    '京都大学',
    null,
    '清華大学、北京大学',
    '中国',
    '人文・社会科学',
    'オンライン',
    12,
    null,
    '令和8年7月1日',
    utcDate(2026, 7, 14),
    2000000,
    '要確認',
  ]);
  // A blank row in the middle is skipped, and later row numbers still match Excel's.
  ws.addRow([]);
  ws.addRow([
    'SS2026-0003',
    'R8',
    null,
    'ハイスクール',
    'High school visit',
    '大阪大学',
    'Taro Yamada',
    'School A; School B; School C',
    'KR; IDN',
    'science',
    'in-person',
    20,
    2,
    utcDate(2026, 10, 1),
    '2026-10-07',
    3500000,
  ]);
  for (const c of [14, 15]) ws.getColumn(c).numFmt = 'yyyy/mm/dd';
  mutate?.(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function rowsOf(fileName: string, bytes: Uint8Array) {
  const r = await parseApplicationsFile(fileName, bytes);
  if (!r.ok) throw new Error(`unexpected problems: ${JSON.stringify(r.problems, null, 1)}`);
  return r.rows;
}

async function problemsOf(fileName: string, bytes: Uint8Array): Promise<ImportProblem[]> {
  const r = await parseApplicationsFile(fileName, bytes);
  if (r.ok) throw new Error('unexpectedly accepted');
  return r.problems;
}

/** CSV of the good rows with one cell replaced: row index 0 is spreadsheet row 2. */
function withCell(rowIndex: number, header: string, value: string): Uint8Array {
  const rows = TEXT_ROWS.map((r) => [...r]);
  rows[rowIndex]![HEADER.indexOf(header)] = value;
  return utf8(csvText([HEADER, ...rows]));
}

describe('one sheet, four encodings', () => {
  it('reads .xlsx with string, number, Date, rich-text, formula and hyperlink cells', async () => {
    const rows = await rowsOf('apps.xlsx', await xlsxFixture());
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 5]);
    expect(rows.map((r) => r.data)).toEqual(EXPECTED);
  });

  it.each([
    ['UTF-8 with BOM', utf8Bom],
    ['UTF-8 without BOM', utf8],
    ['Shift_JIS', sjis],
  ])('reads CSV in %s to the same rows', async (_name, encode) => {
    const rows = await rowsOf('apps.csv', encode(csvText([HEADER, ...TEXT_ROWS])));
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4]);
    expect(rows.map((r) => r.data)).toEqual(EXPECTED);
  });

  it('reads a Shift_JIS CSV with LF line ends and no final newline', async () => {
    const text = csvText([HEADER, ...TEXT_ROWS]).replaceAll('\r\n', '\n').trimEnd();
    expect((await rowsOf('apps.CSV', sjis(text))).map((r) => r.data)).toEqual(EXPECTED);
  });

  it('accepts English headers in any case and width, in any order', async () => {
    const en = APPLICATION_COLUMNS.map((c) => c.en);
    const header = en.map((h, i) => (i === 0 ? 'Ａｐｐｌｉｃａｔｉｏｎ＿Ｎｏ' : i === 1 ? ' Fiscal Year ' : h.toUpperCase())).reverse();
    const order = APPLICATION_COLUMNS.map((c) => HEADER.indexOf(c.ja)).reverse();
    const rows = TEXT_ROWS.map((r) => order.map((i) => r[i]!));
    expect((await rowsOf('en.csv', utf8(csvText([header, ...rows])))).map((r) => r.data)).toEqual(EXPECTED);
  });

  it('treats optional columns as optional: no 公募回, 申請者 or 引率者数 column', async () => {
    const drop = ['公募回', '申請者', '引率者数'].map((h) => HEADER.indexOf(h));
    const keep = (r: string[]) => r.filter((_, i) => !drop.includes(i));
    const rows = await rowsOf('min.csv', utf8(csvText([keep(HEADER), ...TEXT_ROWS.map(keep)])));
    expect(rows.map((r) => [r.data.call, r.data.applicant, r.data.escorts])).toEqual([
      [null, '', 0],
      [null, '', 0],
      [null, '', 0],
    ]);
  });

  it('pairs countries with institutions: same count in order, one for all, otherwise none', async () => {
    const rows = await rowsOf('apps.csv', utf8(csvText([HEADER, ...TEXT_ROWS])));
    expect(rows[0]!.data.sendingInstitutions.map((s) => s.country)).toEqual(['VN', 'US']);
    expect(rows[1]!.data.sendingInstitutions.map((s) => s.country)).toEqual(['CN', 'CN']);
    expect(rows[2]!.data.sendingInstitutions.map((s) => s.country)).toEqual([null, null, null]);
  });

  it('reports progress up to the row count', async () => {
    const calls: [number, number][] = [];
    await parseApplicationsFile('apps.csv', utf8(csvText([HEADER, ...TEXT_ROWS])), (d, t) => calls.push([d, t]));
    // Announced by the file's line ends: one value here holds a line break, so 4 (an estimate).
    expect(calls[0]).toEqual([0, 4]);
    expect(calls.at(-1)).toEqual([3, 3]);
  });
});

describe('rejections name the row and the column', () => {
  const only = (problems: ImportProblem[]) => problems.map((p) => ({ row: p.row, column: p.column }));

  it('rejects an impossible date, in Japanese and English', async () => {
    const problems = await problemsOf('bad.csv', withCell(1, '来日予定日', '2026/02/30'));
    expect(problems).toEqual([
      {
        row: 3,
        column: '来日予定日',
        message: '来日予定日「2026/02/30」は日付として読めません。',
        messageEn: '来日予定日 (arrival) "2026/02/30" is not a valid date.',
      },
    ]);
  });

  it('rejects an unknown course', async () => {
    const problems = await problemsOf('bad.csv', withCell(0, 'コース', 'D'));
    expect(only(problems)).toEqual([{ row: 2, column: 'コース' }]);
    expect(problems[0]!.message).toContain('「D」');
  });

  it.each([
    ['-3', '0 以上'],
    ['abc', '人数として読めません'],
    ['3.5', '人数として読めません'],
    ['', '空です'],
  ])('rejects invitees %j', async (value, phrase) => {
    const problems = await problemsOf('bad.csv', withCell(2, '招へい人数', value));
    expect(only(problems)).toEqual([{ row: 4, column: '招へい人数' }]);
    expect(problems[0]!.message).toContain(phrase);
  });

  it('rejects a file missing a required column, naming it on row 1', async () => {
    const drop = HEADER.indexOf('分野');
    const keep = (r: string[]) => r.filter((_, i) => i !== drop);
    const problems = await problemsOf('bad.csv', utf8(csvText([keep(HEADER), ...TEXT_ROWS.map(keep)])));
    expect(only(problems)).toEqual([{ row: 1, column: '分野' }]);
    expect(problems[0]!.message).toContain('「分野」');
    expect(problems[0]!.messageEn).toContain('field');
  });

  it('rejects the same column given twice', async () => {
    const header = [...HEADER];
    header[HEADER.indexOf('備考')] = 'course';
    const problems = await problemsOf('bad.csv', utf8(csvText([header, ...TEXT_ROWS])));
    expect(only(problems)).toEqual([{ row: 1, column: 'course' }]);
  });

  it('rejects a duplicate (年度, 受付番号) on its second row only', async () => {
    // Row 4 says R8, row 2 says 2026: the same 年度 written differently.
    const problems = await problemsOf('bad.csv', withCell(2, '受付番号', 'ＳＳ２０２６－０００１'));
    expect(only(problems)).toEqual([{ row: 4, column: '受付番号' }]);
    expect(problems[0]!.message).toContain('2 行目');
  });

  it('allows the same 受付番号 in different years', async () => {
    const rows = TEXT_ROWS.map((r) => [...r]);
    rows[2]![0] = 'SS2026-0001';
    rows[2]![1] = '2027';
    expect(await rowsOf('ok.csv', utf8(csvText([HEADER, ...rows])))).toHaveLength(3);
  });

  it('rejects an unknown country, naming it', async () => {
    const problems = await problemsOf('bad.csv', withCell(0, '送出し国・地域', 'ベトナム; Atlantis'));
    expect(only(problems)).toEqual([{ row: 2, column: '送出し国・地域' }]);
    expect(problems[0]!.message).toContain('「Atlantis」');
    expect(problems[0]!.messageEn).toContain('"Atlantis"');
  });

  it('rejects values out of the allowed range with the limit', async () => {
    const problems = await problemsOf('bad.csv', withCell(0, '年度', '1999'));
    expect(only(problems)).toEqual([{ row: 2, column: '年度' }]);
    expect(problems[0]!.message).toContain('2000 以上');
  });

  it('rejects text longer than allowed, with the real length', async () => {
    const problems = await problemsOf('bad.csv', withCell(0, 'タイトル', 'あ'.repeat(501)));
    expect(only(problems)).toEqual([{ row: 2, column: 'タイトル' }]);
    expect(problems[0]!.message).toContain('500 文字以内');
    expect(problems[0]!.message).toContain('501 文字');
  });

  it('rejects an empty required cell', async () => {
    const problems = await problemsOf('bad.csv', withCell(1, 'タイトル', '　'));
    expect(problems).toEqual([{ row: 3, column: 'タイトル', message: 'タイトルが空です。', messageEn: 'タイトル (title) is empty.' }]);
  });

  it('reports every problem of every row at once, and returns no rows', async () => {
    const rows = TEXT_ROWS.map((r) => [...r]);
    rows[0]![HEADER.indexOf('離日予定日')] = '2026/13/01';
    rows[0]![HEADER.indexOf('申請額')] = '百万円';
    rows[2]![HEADER.indexOf('分野')] = '芸術';
    rows[2]![HEADER.indexOf('形態')] = 'ハイブリッド';
    const r = await parseApplicationsFile('bad.csv', utf8(csvText([HEADER, ...rows])));
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : only(r.problems)).toEqual([
      { row: 2, column: '離日予定日' },
      { row: 2, column: '申請額' },
      { row: 4, column: '分野' },
      { row: 4, column: '形態' },
    ]);
  });

  it('reports row numbers of an .xlsx as Excel shows them, past blank rows', async () => {
    const bytes = await xlsxFixture((ws) => {
      ws.getCell('D5').value = 'Z';
    });
    expect(only(await problemsOf('bad.xlsx', bytes))).toEqual([{ row: 5, column: 'コース' }]);
  });

  it('rejects an empty file', async () => {
    const problems = await problemsOf('empty.csv', new Uint8Array());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: null, column: null });
    expect(problems[0]!.message).toContain('空');
  });

  it('rejects a file with only blank lines, and one with a header but no data', async () => {
    expect(await problemsOf('blank.csv', utf8('\r\n , \r\n'))).toHaveLength(1);
    const headerOnly = await problemsOf('h.csv', utf8(csvText([HEADER])));
    expect(headerOnly[0]!.message).toContain('データ行がありません');
  });

  it.each([
    ['random.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 0, 9, 9])],
    ['random.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['notes.xlsx', utf8('just some text')],
    ['old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
    ['picture.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47])],
  ])('rejects %s as not a spreadsheet', async (name, bytes) => {
    const problems = await problemsOf(name, bytes);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.row).toBeNull();
    await expect(readTable(name, bytes)).rejects.toSatisfy(
      (e: unknown) => e instanceof AppError && e.code === 'IMPORT_REJECTED' && Array.isArray(e.details.problems),
    );
  });

  it('rejects a CSV whose quote never closes, at the row it opens', async () => {
    const problems = await problemsOf('bad.csv', utf8(`${HEADER.join(',')}\r\nSS-1,2026,"unclosed\r\nmore`));
    expect(problems[0]!.row).toBe(2);
  });
});

describe('CSV records', () => {
  it('follows RFC 4180 and counts rows as records', () => {
    const text = 'a,"b,c","say ""hi"""\r\n"multi\nline",x,\r\n\r\nlast,"",end';
    expect(parseCsv(text)).toEqual([
      { rowNumber: 1, cells: ['a', 'b,c', 'say "hi"'] },
      { rowNumber: 2, cells: ['multi\nline', 'x', ''] },
      { rowNumber: 3, cells: [] },
      { rowNumber: 4, cells: ['last', '', 'end'] },
    ]);
  });

  it('reads tab-separated text', async () => {
    const t = await readTable('apps.tsv', utf8('受付番号\t年度\nA-1\t2026\n'));
    expect(t).toEqual({ headers: ['受付番号', '年度'], rows: [{ rowNumber: 2, cells: ['A-1', '2026'] }], headerRow: 1 });
  });
});

describe('template', () => {
  it('is an .xlsx whose header and sample row import cleanly', async () => {
    const bytes = await buildApplicationsTemplate();
    const rows = await rowsOf('template.xlsx', bytes);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.data).toMatchObject({ course: 'A', field: 'science', mode: 'in-person', arrival: '2026-07-01' });
    expect(rows[0]!.data.sendingInstitutions.map((s) => s.country)).toEqual(['VN', 'TH']);
  });

  it('has Japanese headers, widths and dropdowns for コース, 分野 and 形態', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await buildApplicationsTemplate()) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(APPLICATION_COLUMNS.map((c) => c.ja));
    expect(ws.getColumn(5).width).toBeGreaterThan(20);
    const validations = Object.values(
      (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model,
    ).filter((v) => v?.type === 'list');
    // exceljs expands each range into one entry per cell when it reads a workbook back.
    expect(validations.length).toBeGreaterThanOrEqual(3 * 1000);
    const lists = [...new Set(validations.map((v) => v.formulae[0] as string))];
    expect(lists).toHaveLength(3);
    expect(lists.some((f) => f.includes('ハイスクール') && f.includes('A,B,C'))).toBe(true);
    expect(lists.some((f) => f.includes('人文・社会科学'))).toBe(true);
    expect(lists.some((f) => f.includes('オンライン'))).toBe(true);
  });

  it('offers only dropdown entries the importer reads', () => {
    const table = {
      headers: APPLICATION_COLUMNS.map((c) => c.ja),
      rows: ['A', 'B', 'C', 'ハイスクール', '関係者招へい'].map((course, i) => ({
        rowNumber: i + 2,
        cells: APPLICATION_COLUMNS.map((c) =>
          ({
            application_no: `T-${i}`,
            fiscal_year: 2026,
            course,
            title: 't',
            host_institution: 'h',
            field: i % 2 ? '人文・社会科学' : '科学技術',
            mode: i % 2 ? 'オンライン' : '来日',
            invitees: 1,
            arrival: '2026/07/01',
            departure: '2026/07/02',
            requested_amount: 0,
          })[c.key as string] ?? null,
        ),
      })),
    };
    const r = parseApplicationsTable(table);
    expect(r.ok && r.rows.map((x) => x.data.course)).toEqual(['A', 'B', 'C', 'high-school', 'officials']);
  });
});
