// Formula-safe exports and all-or-nothing files: a roster whose names look like formulas exports
// to CSV and .xlsx with no live formula, and a file is either complete under its name or absent.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { csvField, inertText } from '../../main/export/cells.ts';
import { fileErrorMessages, writeFileAtomic } from '../../main/files/write.ts';
import type { Runtime } from '../../main/runtime.ts';
import { AppError } from '../../shared/errors.ts';
import { freshRuntime, ok, sampleApplication } from './helpers.ts';

const FORMULAS = ['=HYPERLINK("http://evil.example","x")', '+SUM(1,2)', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '=cmd|\' /C calc\'!A0'];

let rt: Runtime;
let id: string;
beforeEach(async () => {
  rt = await freshRuntime();
  const app = await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
  await ok(rt, 'applications/setStatus', { id: app.id, status: 'adopted' });
  id = app.id;
});

function person(text: string) {
  return {
    id: null,
    familyName: text,
    givenName: 'An',
    nativeName: text,
    sex: 'female',
    birthDate: '2000-01-01',
    nationality: 'VN',
    affiliation: text,
    position: 'master',
    role: 'invitee',
    email: null,
  };
}

describe('CSV fields', () => {
  it.each(FORMULAS)('%j starts with an apostrophe', (f) => {
    expect(inertText(f)).toBe(`'${f}`);
    expect(csvField(f).replace(/^"/, '')).toMatch(/^'/);
  });
  it('leaves ordinary text, numbers and dates alone', () => {
    expect(csvField('Nguyen')).toBe('Nguyen');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(new Date(Date.UTC(2000, 0, 2)))).toBe('2000/01/02');
  });
});

describe('roster with formula-like names', () => {
  it('exports to CSV and .xlsx with no live formula, text columns formatted as text', async () => {
    const names = FORMULAS.map((f) => f.replace(/[\t\r]/g, ''));
    const participants = names.map(person);
    await ok(rt, 'programs/saveParticipants', { id, participants });

    const csv = Buffer.from((await ok(rt, 'programs/exportRoster', { id, format: 'csv' })).dataBase64, 'base64').toString('utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1);
    expect(lines).toHaveLength(names.length);
    for (const line of lines) {
      // Every field of the line: none may start with a formula character.
      const fields = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, '').replace(/^"|"$/g, ''));
      for (const f of fields) expect(f, line).not.toMatch(/^[=+@\t\r]|^-[^0-9]/);
    }
    expect(csv).toContain(`'=HYPERLINK(""http://evil.example"",""x"")`);

    const xlsx = Buffer.from((await ok(rt, 'programs/exportRoster', { id, format: 'xlsx' })).dataBase64, 'base64');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    let checked = 0;
    ws.eachRow((row, n) => {
      if (n === 1) return;
      for (const h of ['姓', '現地表記氏名', '所属機関']) {
        const cell = row.getCell(header.indexOf(h) + 1);
        expect(cell.type, `${h} row ${n}`).toBe(ExcelJS.ValueType.String);
        expect(cell.formula).toBeUndefined();
        expect(cell.numFmt).toBe('@');
        checked++;
      }
    });
    expect(checked).toBe(names.length * 3);
    // The raw sheet XML holds no <f> (formula) element at all.
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(xlsx);
    const sheetXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheetXml).not.toContain('<f>');
    expect(ws.getColumn(header.indexOf('所属機関') + 1).numFmt).toBe('@');
  });

  it('itinerary text columns are string cells formatted as text', async () => {
    await ok(rt, 'programs/saveItinerary', {
      id,
      slots: [{ id: null, date: '2026-07-02', start: '09:00', end: '10:00', activity: '=1+1', kind: 'lecture', atHost: true, place: '@SUM(A1)', personInCharge: '+x', note: '-y' }],
    });
    const xlsx = Buffer.from((await ok(rt, 'programs/exportItinerary', { id })).dataBase64, 'base64');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    const row = wb.worksheets[0]!.getRow(2);
    for (const c of [5, 8, 9, 10]) {
      expect(row.getCell(c).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(c).numFmt).toBe('@');
    }
    expect(row.getCell(5).value).toBe('=1+1');
  });
});

describe('writeFileAtomic', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'sakura-write-'));

  it('writes the whole file and leaves no temporary file', async () => {
    const d = dir();
    await writeFileAtomic(join(d, 'a.csv'), new TextEncoder().encode('hello'));
    expect(readFileSync(join(d, 'a.csv'), 'utf8')).toBe('hello');
    expect(readdirSync(d)).toEqual(['a.csv']);
  });

  it('a failure half-way leaves the old file untouched and no partial file', async () => {
    const d = dir();
    writeFileSync(join(d, 'a.xlsx'), 'old');
    async function* failing() {
      yield new Uint8Array(1024).fill(65);
      throw Object.assign(new Error('write failed'), { code: 'ENOSPC' });
    }
    const err = await writeFileAtomic(join(d, 'a.xlsx'), failing()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('FILE_ERROR');
    expect((err as AppError).messages.en).toContain('disk is full');
    expect(readFileSync(join(d, 'a.xlsx'), 'utf8')).toBe('old');
    expect(readdirSync(d)).toEqual(['a.xlsx']);
  });

  it('a missing folder and a folder as target give sentences, not errno codes', async () => {
    const d = dir();
    const missing = await writeFileAtomic(join(d, 'nope', 'a.csv'), new Uint8Array(1)).then(() => { throw new Error("no error"); }, (e: AppError) => e);
    expect(missing.messages.ja).toContain('フォルダーが見つからない');
    mkdirSync(join(d, 'folder'));
    writeFileSync(join(d, 'folder', 'x'), '');
    const isDir = await writeFileAtomic(join(d, 'folder'), new Uint8Array(1)).then(() => { throw new Error("no error"); }, (e: AppError) => e);
    expect(isDir.messages.en).toContain('is a folder');
    expect(readdirSync(d).sort()).toEqual(['folder']);
  });

  it.each([
    ['ENOSPC', 'disk is full', 'ディスクの空き容量'],
    ['EACCES', 'no permission', '権限がありません'],
    ['ENOENT', 'folder does not exist', 'フォルダーが見つからない'],
    ['EISDIR', 'is a folder', 'フォルダーです'],
  ])('%s has a bilingual sentence without the code', (code, en, ja) => {
    const m = fileErrorMessages(Object.assign(new Error(code), { code }), '/x/roster.csv');
    expect(m.en).toContain(en);
    expect(m.ja).toContain(ja);
    expect(`${m.ja}${m.en}`).not.toContain(code);
    expect(m.en).toContain('/x/roster.csv');
  });
});
