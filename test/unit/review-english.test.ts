// English mode all the way: review sheets and the committee summary give course and country names
// in the caller's language (no ISO codes, no "high-school"); titles and comments stay as typed.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../main/runtime.ts';
import { FIRST_DATA_ROW } from '../../main/review/sheets.ts';
import { freshRuntime, ok, sampleApplication } from './helpers.ts';

let rt: Runtime;
beforeEach(async () => {
  rt = await freshRuntime();
});
afterEach(() => rt.close());

async function firstSheet(b64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(b64, 'base64') as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

describe('review exports in the UI language', () => {
  it('writes course and country names in English for an English caller, in Japanese otherwise', async () => {
    const app = await ok(rt, 'applications/save', { id: null, data: sampleApplication({ course: 'high-school', title: '高校生の科学交流', invitees: 8 }) });
    const r = await ok(rt, 'review/saveReviewer', { id: null, data: { name: 'Reviewer A', institution: '名古屋大学' } });
    await ok(rt, 'review/assign', { applicationIds: [app.id], reviewerIds: [r.id] });

    const en = await ok(rt, 'review/exportSheets', { fiscalYear: 2026 }, 'en');
    const row = (await firstSheet(en.files[0]!.dataBase64)).getRow(FIRST_DATA_ROW);
    expect(row.getCell(2).value).toBe('Sakura Science High School Program');
    expect(row.getCell(6).value).toBe('Vietnam');
    expect(row.getCell(3).value).toBe('高校生の科学交流');
    const ja = await ok(rt, 'review/exportSheets', { fiscalYear: 2026 }, 'ja');
    const jrow = (await firstSheet(ja.files[0]!.dataBase64)).getRow(FIRST_DATA_ROW);
    expect(jrow.getCell(2).value).toBe('さくらサイエンス・ハイスクールプログラム');
    expect(jrow.getCell(6).value).toBe('ベトナム');

    const summary = await ok(rt, 'review/exportSummary', { fiscalYear: 2026 }, 'en');
    const srow = (await firstSheet(summary.dataBase64)).getRow(2);
    expect(srow.getCell(3).value).toBe('Sakura Science High School Program');
    expect(srow.getCell(6).value).toBe('Vietnam');
  });
});
