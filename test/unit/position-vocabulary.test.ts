// 身分 is never changed silently: every word of the vocabulary imports, is kept as typed and comes
// back out of the CSV and .xlsx exports exactly so; a word outside it is refused with its row,
// column and the allowed list.
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../main/runtime.ts';
import { parsePosition, POSITION_VOCABULARY_JA, POSITION_WORDS, POSITIONS } from '../../shared/programs.ts';
import { fails, freshRuntime, ok, sampleApplication } from './helpers.ts';

const HEADER = '姓,名,現地表記氏名,性別,生年月日,国籍,所属機関,身分,区分,メール';
const file = (name: string, text: string) => ({ fileName: name, dataBase64: Buffer.from(`\uFEFF${text}`, 'utf8').toString('base64') });
// What the issue lists hosts writing, then every other Japanese word of the vocabulary.
const LISTED = ['大学院生', '修士', '博士', '学部生', '高専生', '高校生', 'ポスドク', '研究者', '教授', '准教授', '講師', '助教', '教員', '行政官', '技術者', '学生', 'その他'];
const TITLES = [...new Set([...LISTED, ...POSITION_VOCABULARY_JA, 'Associate Professor', 'PhD student'])];

let rt: Runtime;
let id: string;
beforeEach(async () => {
  rt = await freshRuntime();
  const app = await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
  await ok(rt, 'applications/setStatus', { id: app.id, status: 'adopted' });
  id = app.id;
});

describe('the 身分 vocabulary', () => {
  it('covers what hosts write, each word in exactly one kind', () => {
    for (const w of LISTED) expect(parsePosition(w).ok, w).toBe(true);
    expect(parsePosition('教授')).toEqual({ ok: true, value: 'faculty' });
    expect(parsePosition('大学院生')).toEqual({ ok: true, value: 'graduate' });
    const seen = new Map<string, string>();
    for (const kind of POSITIONS) {
      const w = POSITION_WORDS[kind];
      for (const word of [w.ja, ...w.aliases]) {
        const k = word.normalize('NFKC').toLowerCase().replace(/[\s・_.'’-]/g, '');
        expect(seen.get(k) ?? kind, `${word} in two kinds`).toBe(kind);
        seen.set(k, kind);
      }
    }
  });

  it('a roster using every 身分 exports every title exactly as typed (CSV and .xlsx)', async () => {
    const rows = TITLES.map((t, i) => `P${i},Hana,,女,2000/01/01,VN,Hanoi University,${t},招へい者,`);
    const r = await ok(rt, 'programs/importParticipants', { id, ...file('roster.csv', [HEADER, ...rows].join('\r\n')) });
    expect(r.added).toBe(TITLES.length);
    expect(r.detail.participants.map((p) => p.positionTitle)).toEqual(TITLES);

    const csv = Buffer.from((await ok(rt, 'programs/exportRoster', { id, format: 'csv' })).dataBase64, 'base64').toString('utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    const col = lines[0]!.split(',').indexOf('身分');
    expect(lines.slice(1).map((l) => l.split(',')[col])).toEqual(TITLES);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await ok(rt, 'programs/exportRoster', { id, format: 'xlsx' })).dataBase64, 'base64') as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    const xcol = (ws.getRow(1).values as unknown[]).indexOf('身分');
    const out: unknown[] = [];
    ws.eachRow((row, n) => n > 1 && out.push(row.getCell(xcol).value));
    expect(out).toEqual(TITLES);
  });

  it('keeps the typed title through an editor save, and drops it when staff pick a kind', async () => {
    const r = await ok(rt, 'programs/importParticipants', { id, ...file('roster.csv', `${HEADER}\r\nSato,Ken,,男,1970/01/01,JP,東北大学,准教授,引率者,\r\n`) });
    const [p] = r.detail.participants;
    expect(p).toMatchObject({ position: 'faculty', positionTitle: '准教授' });
    const kept = await ok(rt, 'programs/saveParticipants', { id, participants: r.detail.participants });
    expect(kept.participants[0]).toMatchObject({ position: 'faculty', positionTitle: '准教授' });
    const picked = await ok(rt, 'programs/saveParticipants', { id, participants: [{ ...p!, position: 'researcher', positionTitle: null }] });
    expect(picked.participants[0]).toMatchObject({ position: 'researcher', positionTitle: null });
  });

  it('refuses a 身分 outside the vocabulary with its row, its column and the allowed list', async () => {
    const e = await fails(rt, 'programs/importParticipants', { id, ...file('roster.csv', `${HEADER}\r\nA,B,,女,2000/01/01,VN,X,学部生,招へい者,\r\nC,D,,女,2000/01/01,VN,X,部長,招へい者,\r\n`) });
    expect(e.code).toBe('IMPORT_REJECTED');
    const problems = e.details.problems as { row: number; column: string; message: string; messageEn: string }[];
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 3, column: '身分' });
    expect(problems[0]!.message).toContain('部長');
    for (const w of ['大学院生', '教授', '高専生', 'その他']) expect(problems[0]!.message).toContain(w);
    expect(problems[0]!.messageEn).toContain('is not one of');
    expect((await ok(rt, 'programs/get', { id })).participants).toEqual([]);
  });
});
