// Excel review sheets: export → fill in programmatically → import, and every kind of bad returned
// sheet rejected with its problems and nothing written.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../main/runtime.ts';
import { FIRST_DATA_ROW, layout } from '../../main/review/sheets.ts';
import { fails, freshRuntime, ok, sampleApplication } from './helpers.ts';

let rt: Runtime;
beforeEach(async () => {
  rt = await freshRuntime();
});
afterEach(() => rt.close());

const L = layout(5);
type File = { fileName: string; dataBase64: string };

async function seed() {
  const apps = [];
  for (const [no, title] of [
    ['S-001', '=HYPERLINK("http://example.com","click")'],
    ['S-002', '+81 防災技術交流'],
    ['S-003', '@量子計測'],
  ] as const) {
    apps.push(await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: no, title }) }));
  }
  const reviewers = [];
  for (const name of ['審査 一郎', '審査 二郎', '審査 三郎']) {
    reviewers.push(await ok(rt, 'review/saveReviewer', { id: null, data: { name, institution: '名古屋大学' } }));
  }
  await ok(rt, 'review/assign', { applicationIds: apps.map((a) => a.id), reviewerIds: reviewers.map((r) => r.id) });
  return { apps, reviewers };
}

async function load(f: File) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(f.dataBase64, 'base64') as unknown as ExcelJS.Buffer);
  return wb;
}

async function save(wb: ExcelJS.Workbook, fileName: string): Promise<File> {
  return { fileName, dataBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

/** Fills every data row of every reviewer sheet; `edit` may spoil one cell afterwards. */
async function fill(f: File, score = 4, edit?: (ws: ExcelJS.Worksheet) => void): Promise<File> {
  const wb = await load(f);
  for (const ws of wb.worksheets.filter((w) => w.state !== 'veryHidden')) {
    for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      for (let i = 0; i < 5; i++) {
        row.getCell(L.score(i)).value = score;
        row.getCell(L.comment(i)).value = i === 0 ? '=1+1 ではなく文字' : `コメント${i}`;
      }
      row.getCell(L.recommendation).value = '推薦する';
      row.getCell(L.confidence).value = '高';
      row.getCell(L.overall).value = '-よい計画';
    }
    edit?.(ws);
  }
  return save(wb, f.fileName);
}

const reviewCount = async () => ((await ok(rt, 'review/listAssignments', {})).items).filter((a) => a.status === 'submitted').length;

describe('review sheets', () => {
  it('exports one workbook per reviewer with locked identity cells, dropdowns and a hidden export id', async () => {
    await seed();
    const { files } = await ok(rt, 'review/exportSheets', { fiscalYear: 2026 });
    expect(files).toHaveLength(3);
    expect(files.map((f) => f.fileName)).toContain('審査シート_2026_審査_一郎.xlsx');
    const wb = await load(files[0]!);
    const meta = wb.getWorksheet('_sakura')!;
    expect(meta.state).toBe('veryHidden');
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('審査 一郎');
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    const row = ws.getRow(FIRST_DATA_ROW);
    expect(row.getCell(1).value).toBe('S-001');
    expect(row.getCell(1).protection?.locked).not.toBe(false);
    expect(row.getCell(L.score(0)).protection?.locked).toBe(false);
    expect(ws.getColumn(L.id).hidden).toBe(true);
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations.model;
    const scoreRange = Object.entries(dv).find(([range]) => range.startsWith(ws.getColumn(L.score(0)).letter));
    expect(scoreRange?.[1].formulae).toEqual(['"1,2,3,4,5"']);
    // Text that looks like a formula is a string cell formatted as Text, never a formula.
    const title = row.getCell(3);
    expect(title.type).toBe(ExcelJS.ValueType.String);
    expect(title.value).toBe('=HYPERLINK("http://example.com","click")');
    expect(title.numFmt).toBe('@');
    expect(ws.getRow(FIRST_DATA_ROW + 2).getCell(3).value).toBe('@量子計測');
  });

  it('round trips: filled sheets come back as reviews, text kept as typed', async () => {
    const { apps } = await seed();
    const { files } = await ok(rt, 'review/exportSheets', { fiscalYear: 2026 });
    const filled = await Promise.all(files.map((f, i) => fill(f, i + 2)));
    expect(await ok(rt, 'review/importSheets', { files: filled })).toEqual({ files: 3, reviews: 9 });
    const [a] = (await ok(rt, 'review/listAssignments', { applicationId: apps[0]!.id })).items;
    const review = await ok(rt, 'review/getReview', { assignmentId: a!.id });
    expect(review).toMatchObject({ recommendation: 'adopt', confidence: 3, comment: '-よい計画', source: 'excel' });
    expect(review!.scores[0]).toMatchObject({ criterion: 'plan', label: '交流計画の妥当性', comment: '=1+1 ではなく文字' });
    const rank = await ok(rt, 'review/ranking', { fiscalYear: 2026 });
    expect(rank.rows[0]).toMatchObject({ n: 3, mean: 3, median: 3, spread: 2 });
  });

  it('one workbook with a sheet per reviewer round trips too, leaving blank rows unreviewed', async () => {
    await seed();
    const { files } = await ok(rt, 'review/exportSheets', { fiscalYear: 2026, layout: 'one-workbook' });
    expect(files).toHaveLength(1);
    const filled = await fill(files[0]!, 5, (ws) => {
      const row = ws.getRow(FIRST_DATA_ROW + 1);
      for (let c = L.score(0); c <= L.overall; c++) row.getCell(c).value = null;
    });
    expect(await ok(rt, 'review/importSheets', { files: [filled] })).toEqual({ files: 1, reviews: 6 });
  });

  it('rejects scores out of range, naming row and column, and writes nothing from any file', async () => {
    await seed();
    const { files } = await ok(rt, 'review/exportSheets', { fiscalYear: 2026 });
    const good = await fill(files[0]!);
    const bad = await fill(files[1]!, 4, (ws) => {
      ws.getRow(FIRST_DATA_ROW + 1).getCell(L.score(2)).value = 6;
      ws.getRow(FIRST_DATA_ROW + 2).getCell(L.score(0)).value = '3.5';
    });
    const err = await fails(rt, 'review/importSheets', { files: [good, bad] });
    expect(err.code).toBe('IMPORT_REJECTED');
    const problems = err.details.problems as { row: number; column: string; message: string }[];
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [FIRST_DATA_ROW + 1, '実施体制（評点）'],
      [FIRST_DATA_ROW + 2, '交流計画の妥当性（評点）'],
    ]);
    expect(problems[0]!.message).toContain('「6」は 1〜5 の整数ではありません');
    expect(await reviewCount()).toBe(0);
  });

  it('rejects a row for an application not on the sheet', async () => {
    await seed();
    const { files } = await ok(rt, 'review/exportSheets', { fiscalYear: 2026 });
    const bad = await fill(files[0]!, 4, (ws) => (ws.getRow(FIRST_DATA_ROW).getCell(1).value = 'X-999'));
    const err = await fails(rt, 'review/importSheets', { files: [bad] });
    expect((err.details.problems as { message: string }[])[0]!.message).toContain('「X-999」はこの審査委員に割り当てられた応募ではありません');
    expect(await reviewCount()).toBe(0);
  });

  it('rejects a sheet whose reviewer does not match its export', async () => {
    const { reviewers } = await seed();
    const { files } = await ok(rt, 'review/exportSheets', { fiscalYear: 2026 });
    const wb = await load(await fill(files[0]!));
    const meta = wb.getWorksheet('_sakura')!;
    const m = JSON.parse(String(meta.getCell('A2').value));
    m.sheets[0].reviewerId = reviewers[2]!.id;
    meta.getCell('A2').value = JSON.stringify(m);
    const err = await fails(rt, 'review/importSheets', { files: [await save(wb, 'x.xlsx')] });
    expect((err.details.problems as { message: string }[])[0]!.message).toContain('審査委員が書き出し時の審査委員と一致しません');
    expect(await reviewCount()).toBe(0);
  });

  it('rejects a sheet whose assignments changed after the export', async () => {
    const { apps, reviewers } = await seed();
    const { files } = await ok(rt, 'review/exportSheets', { fiscalYear: 2026, reviewerIds: [reviewers[0]!.id] });
    const filled = await fill(files[0]!);
    const [a] = (await ok(rt, 'review/listAssignments', { applicationId: apps[1]!.id, reviewerId: reviewers[0]!.id })).items;
    await ok(rt, 'review/unassign', { assignmentIds: [a!.id] });
    const err = await fails(rt, 'review/importSheets', { files: [filled] });
    expect(err.message).toContain('何も書き込まれていません');
    expect((err.details.problems as { message: string }[])[0]!.message).toContain('割り当てが変更されています');
    expect(await reviewCount()).toBe(0);
  });

  it('rejects a workbook that is not a Sakura Desk review sheet, and a file that is not a workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '受付番号';
    const err = await fails(rt, 'review/importSheets', {
      files: [await save(wb, 'other.xlsx'), { fileName: 'notes.xlsx', dataBase64: Buffer.from('hello').toString('base64') }],
    });
    const messages = (err.details.problems as { message: string }[]).map((p) => p.message);
    expect(messages[0]).toContain('other.xlsx: Sakura Desk が書き出した審査シートではありません');
    expect(messages[1]).toContain('notes.xlsx: Excel ブック（.xlsx）として読めません');
  });

  it('exports the committee summary with every score, aggregates and the decision', async () => {
    const { apps } = await seed();
    const { files } = await ok(rt, 'review/exportSheets', { fiscalYear: 2026 });
    await ok(rt, 'review/importSheets', { files: await Promise.all(files.map((f, i) => fill(f, [1, 3, 5][i]))) });
    await ok(rt, 'review/decide', { applicationIds: [apps[0]!.id], decision: 'waitlisted' });
    const f = await ok(rt, 'review/exportSummary', { fiscalYear: 2026 });
    const wb = await load(f);
    const ws = wb.getWorksheet('審査結果一覧')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['審査委員3', '評点3', '平均', '中央値', '幅', '要議論', '決定']));
    const row = (ws.getRow(2).values as unknown[]).slice(1);
    const col = (name: string) => row[header.indexOf(name)];
    expect(col('受付番号')).toBe('S-001');
    expect([col('平均'), col('中央値'), col('幅'), col('要議論'), col('決定')]).toEqual([3, 3, 4, '要議論', '補欠']);
  });
});
