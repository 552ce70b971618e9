// Returned review sheets with hostile comments (Excel error values, NUL, lone surrogates) are
// refused with the row and column, nothing written; the exported sheet's text columns are Text (@).
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../main/runtime.ts';
import { FIRST_DATA_ROW, layout } from '../../main/review/sheets.ts';
import { findBadChar } from '../../shared/text.ts';
import { fails, freshRuntime, ok, sampleApplication } from './helpers.ts';
import { sqliteOf } from '../../db/store.ts';

let rt: Runtime;
beforeEach(async () => {
  rt = await freshRuntime();
  const app = await ok(rt, 'applications/save', { id: null, data: sampleApplication({ title: '=HYPERLINK("http://x","y")' }) });
  const reviewer = await ok(rt, 'review/saveReviewer', { id: null, data: { name: '審査 一郎', institution: '名古屋大学' } });
  await ok(rt, 'review/assign', { applicationIds: [app.id], reviewerIds: [reviewer.id] });
});

const L = layout(5);

async function filled(edit: (row: ExcelJS.Row) => void) {
  const { files } = await ok(rt, 'review/exportSheets', { fiscalYear: 2026 });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(files[0]!.dataBase64, 'base64') as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  const row = ws.getRow(FIRST_DATA_ROW);
  for (let i = 0; i < 5; i++) {
    row.getCell(L.score(i)).value = 4;
    row.getCell(L.comment(i)).value = 'よい';
  }
  row.getCell(L.recommendation).value = '推薦する';
  row.getCell(L.confidence).value = '高';
  edit(row);
  return { ws, file: { fileName: 'back.xlsx', dataBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') } };
}

const submitted = async () => ((await ok(rt, 'review/listAssignments', {})).items).filter((a) => a.status === 'submitted').length;

describe('hostile review sheets', () => {
  it('formats the text columns as Text and writes formula-like titles as strings', async () => {
    const { ws } = await filled(() => undefined);
    expect(ws.getColumn(3).numFmt).toBe('@');
    expect(ws.getColumn(L.overall).numFmt).toBe('@');
    const title = ws.getRow(FIRST_DATA_ROW).getCell(3);
    expect(title.type).toBe(ExcelJS.ValueType.String);
    expect(title.value).toBe('=HYPERLINK("http://x","y")');
  });

  it('refuses a comment holding an Excel error value, with row and column, writing nothing', async () => {
    const { file } = await filled((row) => (row.getCell(L.overall).value = { error: '#N/A' } as ExcelJS.CellErrorValue));
    const e = await fails(rt, 'review/importSheets', { files: [file] });
    expect(e.code).toBe('IMPORT_REJECTED');
    const p = (e.details.problems as { row: number; column: string; message: string }[])[0]!;
    expect(p.row).toBe(FIRST_DATA_ROW);
    expect(p.column).toBe('総合コメント');
    expect(p.message).toContain('#N/A');
    expect(await submitted()).toBe(0);
  });

  it.each([['a NUL', 'a\u0000b'], ['a lone surrogate', 'a\ud800b'], ['a control character', 'a\u0007b']])(
    'never stores a comment holding %s',
    async (_what, value) => {
      const { file } = await filled((row) => (row.getCell(L.overall).value = value));
      const r = await rt.invoke('review/importSheets', { files: [file] });
      // exceljs drops characters XML cannot hold when it writes; whatever arrives is refused or clean.
      const stored = sqliteOf(rt.open).raw.prepare('SELECT comment FROM review').all() as { comment: string }[];
      for (const { comment } of stored) expect(findBadChar(comment, true)).toBeNull();
      if (!r.ok) expect(r.error.code).toBe('IMPORT_REJECTED');
    },
  );

  it('still imports a clean sheet, multi-line comments included', async () => {
    const { file } = await filled((row) => (row.getCell(L.overall).value = '一行目\n二行目\tタブ'));
    expect((await ok(rt, 'review/importSheets', { files: [file] })).reviews).toBe(1);
  });
});
