// The programs handlers on a fresh database: programs are adopted applications; rosters and
// itineraries save, check, import (all or nothing) and export; outputs are checked against the
// contract by freshRuntime().
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../main/runtime.ts';
import { fails, freshRuntime, ok, sampleApplication, samplePerson } from './helpers.ts';

let rt: Runtime;
let id: string;

async function adopted(over: Record<string, unknown> = {}): Promise<string> {
  const app = await ok(rt, 'applications/save', { id: null, data: sampleApplication(over) });
  await ok(rt, 'applications/setStatus', { id: app.id, status: 'adopted' });
  return app.id;
}

const HEADER = '姓,名,現地表記氏名,性別,生年月日,国籍,所属機関,身分,区分,メール';
const csv = (rows: string[], bom = true) => `${bom ? '\uFEFF' : ''}${[HEADER, ...rows].join('\r\n')}\r\n`;
const file = (name: string, bytes: Buffer | string) => ({
  fileName: name,
  dataBase64: (typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('base64'),
});

const person = (i: number, over: Record<string, unknown> = {}) => samplePerson(i, { nativeName: `グエン${i}`, email: `an${i}@example.org`, ...over });

beforeEach(async () => {
  rt = await freshRuntime();
  id = await adopted();
});

describe('programs/list and programs/get', () => {
  it('lists only adopted (or later) applications, with counts from the roster', async () => {
    await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'A-002' }) });
    const later = await adopted({ applicationNo: 'A-003', fiscalYear: 2025, arrival: '2025-07-01', departure: '2025-07-07' });
    await ok(rt, 'applications/setStatus', { id: later, status: 'implemented' });
    const all = await ok(rt, 'programs/list', { fiscalYear: 'all' });
    expect(all.items.map((p) => p.applicationNo).sort()).toEqual(['A-001', 'A-003']);
    const fy = await ok(rt, 'programs/list', { fiscalYear: 2026 });
    expect(fy.items.map((p) => p.applicationNo)).toEqual(['A-001']);
    // The application planned 10 invitees; the program counts its (empty) roster.
    expect(fy.items[0]!.invitees).toBe(0);
    expect(fy.items[0]!.violations).toContain('NO_INVITEES');
    expect(fy.items[0]!.warnings).toContain('ITINERARY_EMPTY');
  });

  it('refuses an application that is not adopted, and an unknown id', async () => {
    const draft = await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'A-009' }) });
    expect((await fails(rt, 'programs/get', { id: draft.id })).code).toBe('CONFLICT');
    expect((await fails(rt, 'programs/get', { id: 'nope' })).code).toBe('NOT_FOUND');
  });
});

describe('roster and itinerary saves', () => {
  it('saves a roster, keeps ids across saves, and flags rule breaks instead of refusing them', async () => {
    const people = [...Array.from({ length: 11 }, (_, i) => person(i)), person(99, { role: 'escort', birthDate: '1950-05-05' })];
    people[3] = person(3, { birthDate: '1980-01-01' });
    const d = await ok(rt, 'programs/saveParticipants', { id, participants: people });
    expect(d.participants).toHaveLength(12);
    expect(d.program.invitees).toBe(11);
    expect(d.program.escorts).toBe(1);
    expect(d.program.violations).toEqual(expect.arrayContaining(['TOO_MANY_INVITEES', 'INVITEE_TOO_OLD']));
    const keptId = d.participants[0]!.id;
    const again = await ok(rt, 'programs/saveParticipants', { id, participants: [{ ...d.participants[0]!, givenName: 'Binh' }, person(50)] });
    expect(again.participants[0]).toMatchObject({ id: keptId, givenName: 'Binh' });
    expect(again.participants).toHaveLength(2);
    expect(again.program.violations).not.toContain('TOO_MANY_INVITEES');
  });

  it('saves an itinerary sorted by date and time, with the checks', async () => {
    const s = (date: string, start: string, end: string, kind = 'lecture') => ({ id: null, date, start, end, activity: `${kind}@${date}`, kind, atHost: true, place: '本館', personInCharge: '山田', note: null });
    const d = await ok(rt, 'programs/saveItinerary', {
      id,
      slots: [s('2026-07-03', '10:00', '12:00'), s('2026-07-02', '10:00', '12:00'), s('2026-07-02', '11:00', '13:00', 'exchange'), s('2026-07-09', '09:00', '10:00', 'travel')],
    });
    expect(d.slots.map((x) => `${x.date} ${x.start}`)).toEqual(['2026-07-02 10:00', '2026-07-02 11:00', '2026-07-03 10:00', '2026-07-09 09:00']);
    expect(d.program.slots).toBe(4);
    expect(d.program.violations).toEqual(expect.arrayContaining(['SLOT_OUTSIDE_STAY', 'LECTURE_DAYS_TOO_FEW']));
    expect(d.program.warnings).toContain('SLOT_OVERLAP');
    const list = await ok(rt, 'programs/list', { fiscalYear: 2026 });
    expect(list.items[0]!.violations).toContain('SLOT_OUTSIDE_STAY');
  });

  it('rejects a slot with a malformed time at the door', async () => {
    const e = await fails(rt, 'programs/saveItinerary', { id, slots: [{ id: null, date: '2026-07-02', start: '25:00', end: '26:00', activity: 'x', kind: 'lecture', atHost: true, place: null, personInCharge: null, note: null }] });
    expect(e.code).toBe('VALIDATION');
  });
});

describe('participant import', () => {
  it('imports UTF-8 CSV with Japanese forms of dates, sexes, positions and roles', async () => {
    const r = await ok(rt, 'programs/importParticipants', {
      id,
      ...file('roster.csv', csv([
        'Nguyen,Van An,Nguyễn Văn An,男,2000/04/01,ベトナム,ハノイ工科大学,修士,招へい者,an@example.org',
        'Tran,Thi Binh,,女性,令和元年5月1日,VN,ハノイ工科大学,博士課程,招へい者,',
        'Le,Minh,,M,１９７５年１月２日,Viet Nam,ハノイ工科大学,教員,引率者,le@example.org',
      ])),
    });
    expect(r.added).toBe(3);
    const p = r.detail.participants;
    expect(p.map((x) => [x.familyName, x.sex, x.birthDate, x.nationality, x.position, x.role])).toEqual([
      ['Nguyen', 'male', '2000-04-01', 'VN', 'master', 'invitee'],
      ['Tran', 'female', '2019-05-01', 'VN', 'doctoral', 'invitee'],
      ['Le', 'male', '1975-01-02', 'VN', 'teacher', 'escort'],
    ]);
    expect(p[0]!.nativeName).toBe('Nguyễn Văn An');
  });

  it('reads Shift_JIS CSV and .xlsx with date cells; English headers too', async () => {
    const sjis = iconv.encode(csv(['Kim,Minji,김민지,女,2001-02-03,韓国,ソウル大学校,学部生,招へい者,'], false), 'cp932');
    const a = await ok(rt, 'programs/importParticipants', { id, ...file('roster.csv', sjis) });
    expect(a.detail.participants[0]).toMatchObject({ familyName: 'Kim', nationality: 'KR', affiliation: 'ソウル大学校', position: 'undergraduate' });

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名簿');
    ws.addRow(['family_name', 'given_name', 'birth_date', 'nationality', 'role']);
    ws.addRow(['Somchai', 'Prasert', new Date(Date.UTC(1999, 11, 31)), 'TH', 'escort']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const b = await ok(rt, 'programs/importParticipants', { id, ...file('roster.xlsx', xlsx), mode: 'append' });
    expect(b.detail.participants.map((x) => [x.familyName, x.birthDate, x.role])).toEqual([
      ['Kim', '2001-02-03', 'invitee'],
      ['Somchai', '1999-12-31', 'escort'],
    ]);
  });

  it('reads positions, sexes and roles as host institutions write them in English', async () => {
    const r = await ok(rt, 'programs/importParticipants', {
      id,
      ...file('roster.csv', csv([
        'A,B,,Woman,2000/01/01,VN,X,Ph.D. candidate,Invitee,',
        'C,D,,M,2000/01/01,VN,X,Master’s student,invitee,',
        'E,F,,F,1980/01/01,VN,X,Associate Professor,Escort,',
        'G,H,,,2000/01/01,VN,X,Post-doctoral fellow,招聘者,',
      ])),
    });
    expect(r.detail.participants.map((p) => [p.sex, p.position, p.role])).toEqual([
      ['female', 'doctoral', 'invitee'],
      ['male', 'master', 'invitee'],
      // Faculty, no longer folded into 研究者; the title itself is kept as typed.
      ['female', 'faculty', 'escort'],
      [null, 'postdoc', 'invitee'],
    ]);
    expect(r.detail.participants[2]!.positionTitle).toBe('Associate Professor');
  });

  it('imports people who break a rule and flags them', async () => {
    const rows = Array.from({ length: 11 }, (_, i) => `P${i},A,,,1990-01-01,VN,VNU,修士,招へい者,`);
    rows.push('Old,B,,,1970-01-01,VN,VNU,研究者,招へい者,');
    const r = await ok(rt, 'programs/importParticipants', { id, ...file('roster.csv', csv(rows)) });
    expect(r.added).toBe(12);
    expect(r.detail.program.violations).toEqual(expect.arrayContaining(['TOO_MANY_INVITEES', 'INVITEE_TOO_OLD']));
  });

  const bad: { name: string; rows: string[]; header?: string; problems: { row: number | null; column: string | null }[] }[] = [
    { name: 'a bad date', rows: ['A,B,,,2000/13/01,VN,X,,招へい者,'], problems: [{ row: 2, column: '生年月日' }] },
    { name: 'an unknown country', rows: ['A,B,,,2000/01/01,Atlantis,X,,招へい者,'], problems: [{ row: 2, column: '国籍' }] },
    { name: 'an unknown role and sex', rows: ['A,B,,?,2000/01/01,VN,X,,見学者,'], problems: [{ row: 2, column: '性別' }, { row: 2, column: '区分' }] },
    { name: 'a blank family name and bad email on different rows', rows: ['A,B,,,2000/01/01,VN,X,,招へい者,', ',B,,,2000/01/01,VN,X,,招へい者,', 'C,D,,,2000/01/01,VN,X,,招へい者,not-mail'], problems: [{ row: 3, column: '姓' }, { row: 4, column: 'メール' }] },
    { name: 'a missing required column', header: '姓,名,生年月日,区分', rows: ['A,B,2000/01/01,招へい者'], problems: [{ row: 1, column: '国籍' }] },
    { name: 'an unknown position', rows: ['A,B,,,2000/01/01,VN,X,宇宙飛行士,招へい者,'], problems: [{ row: 2, column: '身分' }] },
  ];
  for (const c of bad) {
    it(`rejects the whole file for ${c.name}, reporting row and column, writing nothing`, async () => {
      await ok(rt, 'programs/saveParticipants', { id, participants: [person(1)] });
      const text = `\uFEFF${[c.header ?? HEADER, ...c.rows].join('\r\n')}\r\n`;
      const e = await fails(rt, 'programs/importParticipants', { id, ...file('roster.csv', text) });
      expect(e.code).toBe('IMPORT_REJECTED');
      const problems = (e.details.problems as { row: number | null; column: string | null; message: string }[]).map((p) => ({ row: p.row, column: p.column }));
      expect(problems).toEqual(c.problems);
      const after = await ok(rt, 'programs/get', { id });
      expect(after.participants.map((p) => p.familyName)).toEqual(['NGUYEN1']);
    });
  }

  it('rejects an empty file and a non-table file', async () => {
    expect((await fails(rt, 'programs/importParticipants', { id, ...file('r.csv', '') })).code).toBe('IMPORT_REJECTED');
    expect((await fails(rt, 'programs/importParticipants', { id, ...file('r.pdf', '%PDF-1.4') })).code).toBe('IMPORT_REJECTED');
  });
});

describe('exports', () => {
  beforeEach(async () => {
    await ok(rt, 'programs/saveParticipants', { id, participants: [person(1, { familyName: 'Nguyen', nativeName: 'Nguyễn An' }), person(2, { role: 'escort', email: null, familyName: 'Tran, "T"' })] });
    await ok(rt, 'programs/saveItinerary', { id, slots: [{ id: null, date: '2026-07-02', start: '09:30', end: '12:00', activity: '開講式・講義', kind: 'lecture', atHost: true, place: '本館 101', personInCharge: '山田', note: null }] });
  });

  it('roster .xlsx has Japanese headers, real date cells, A4 with repeated header, and re-imports', async () => {
    const f = await ok(rt, 'programs/exportRoster', { id, format: 'xlsx' });
    expect(f.fileName).toBe('A-001_参加者名簿.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(f.dataBase64, 'base64') as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['No.', '姓', '名', '現地表記氏名', '性別', '生年月日', '年齢（来日時）', '国籍', '所属機関', '身分', '区分', 'メール']);
    const birth = ws.getRow(2).getCell(6).value;
    expect(birth).toBeInstanceOf(Date);
    expect((birth as Date).toISOString().slice(0, 10)).toBe('2000-01-01');
    expect(ws.getRow(2).getCell(7).value).toBe(26);
    expect(ws.getRow(2).getCell(8).value).toBe('ベトナム');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.printTitlesRow).toBe('1:1');
    const back = await ok(rt, 'programs/importParticipants', { id, fileName: 'back.xlsx', dataBase64: f.dataBase64 });
    expect(back.detail.participants.map((p) => [p.familyName, p.birthDate, p.role, p.position])).toEqual([
      ['Nguyen', '2000-01-01', 'invitee', 'master'],
      ['Tran, "T"', '2000-01-01', 'escort', 'master'],
    ]);
  });

  it('roster CSV is UTF-8 with BOM, quoted where needed, and honours the column choice', async () => {
    const f = await ok(rt, 'programs/exportRoster', { id, format: 'csv', columns: ['no', 'name', 'nationality', 'role'] });
    const bytes = Buffer.from(f.dataBase64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text).toBe('No.,姓,名,国籍,区分\r\n1,Nguyen,An,ベトナム,招へい者\r\n2,"Tran, ""T""",An,ベトナム,引率者\r\n');
    expect(text).not.toContain('@');
  });

  it('itinerary .xlsx has dates and times as cells and the holiday column', async () => {
    const f = await ok(rt, 'programs/exportItinerary', { id });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(f.dataBase64, 'base64') as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('日付');
    const row = ws.getRow(2);
    expect((row.getCell(1).value as Date).toISOString().slice(0, 10)).toBe('2026-07-02');
    expect(row.getCell(2).value).toBe('木');
    // exceljs reads a time cell back as a Date on Excel's day 0.
    expect((row.getCell(3).value as Date).toISOString()).toBe('1899-12-30T09:30:00.000Z');
    expect(row.getCell(3).numFmt).toBe('hh:mm');
    expect(row.getCell(5).value).toBe('開講式・講義');
    expect(row.getCell(6).value).toBe('講義');
  });
});
