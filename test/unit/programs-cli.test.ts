// The programs CLI commands, in-process through main(argv) on a temporary database file: the exact
// names and JSON fields issue 5 fixes for other tools.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRuntime } from '../../main/runtime.ts';
import { sampleApplication } from './helpers.ts';
import { cliCapture } from './cli-capture.ts';

const dir = mkdtempSync(join(tmpdir(), 'sakura-programs-cli-'));
const db = join(dir, 'cli.sqlite');
let programId = '';

const run = (...argv: string[]) => cliCapture('--db', db, ...argv);

beforeAll(async () => {
  const rt = await startRuntime({ dbPath: db, door: 'test', user: 'cli-test' });
  const inv = async (name: string, input: unknown) => {
    const r = await rt.invoke(name, input, 'ja');
    if (!r.ok) throw new Error(r.error.message);
    return r.value as { id: string };
  };
  const a = await inv('applications/save', { id: null, data: sampleApplication() });
  await inv('applications/setStatus', { id: a.id, status: 'adopted' });
  const b = await inv('applications/save', { id: null, data: sampleApplication({ applicationNo: 'B-1', fiscalYear: 2025, arrival: '2025-07-01', departure: '2025-07-07' }) });
  await inv('applications/setStatus', { id: b.id, status: 'adopted' });
  await inv('applications/save', { id: null, data: sampleApplication({ applicationNo: 'D-1' }) });
  programId = a.id;
  await rt.close();
});

afterEach(() => vi.restoreAllMocks());

describe('programs CLI', () => {
  it('import participants → list programs --json shows counts and codes from the roster', async () => {
    const csv = join(dir, 'roster.csv');
    const rows = ['姓,名,現地表記氏名,性別,生年月日,国籍,所属機関,身分,区分,メール'];
    for (let i = 0; i < 11; i++) rows.push(`Nguyen${i},An,,女,2000/01/0${(i % 9) + 1},ベトナム,VNU,修士,招へい者,`);
    rows.push('Le,Minh,,男,1960/01/01,VN,VNU,教員,引率者,');
    writeFileSync(csv, `\uFEFF${rows.join('\r\n')}\r\n`);
    const imp = await run('import', 'participants', '--program', programId, csv);
    expect(imp.stderr).toBe('');
    expect(imp.code).toBe(0);
    expect(imp.stdout).toContain('12');

    const all = await run('list', 'programs', '--json');
    expect(all.code).toBe(0);
    const items = JSON.parse(all.stdout) as Record<string, unknown>[];
    expect(items.map((p) => p.applicationNo)).toEqual(['B-1', 'A-001']);
    const p = items.find((x) => x.id === programId)!;
    expect(Object.keys(p)).toEqual(['id', 'applicationNo', 'fiscalYear', 'course', 'title', 'hostInstitution', 'arrival', 'departure', 'invitees', 'escorts', 'violations', 'warnings']);
    expect(p).toMatchObject({ fiscalYear: 2026, course: 'A', invitees: 11, escorts: 1, arrival: '2026-07-01', departure: '2026-07-07' });
    expect(p.violations).toContain('TOO_MANY_INVITEES');
    expect(p.warnings).toContain('ITINERARY_EMPTY');

    const fy = await run('list', 'programs', '--json', '--fy', '2025');
    expect((JSON.parse(fy.stdout) as { applicationNo: string }[]).map((x) => x.applicationNo)).toEqual(['B-1']);
  });

  it('a malformed file is rejected whole with row-numbered problems and exit 1', async () => {
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, '姓,名,生年月日,国籍,区分\r\nA,B,2000/02/30,VN,招へい者\r\n');
    const r = await run('import', 'participants', '--program', programId, csv);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('2行目');
    expect(r.stderr).toContain('生年月日');
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+/);
  });

  it('export roster / export itinerary write .xlsx files', async () => {
    const roster = join(dir, 'roster.xlsx');
    const itin = join(dir, 'itinerary.xlsx');
    expect((await run('export', 'roster', '--program', programId, '--out', roster)).code).toBe(0);
    expect((await run('export', 'itinerary', '--program', programId, '--out', itin)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(roster) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]!.name).toBe('参加者名簿');
    expect(wb.worksheets[0]!.rowCount).toBe(13);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(readFileSync(itin) as unknown as ExcelJS.Buffer);
    expect(wb2.worksheets[0]!.getRow(1).getCell(1).value).toBe('日付');
  });

  it('missing --program or --out is a sentence, not a stack', async () => {
    const r = await run('export', 'roster', '--out', join(dir, 'x.xlsx'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--program');
    const help = await run('--help');
    for (const u of ['list programs --json [--fy N]', 'import participants --program ID FILE', 'export roster --program ID --out FILE.xlsx', 'export itinerary --program ID --out FILE.xlsx']) {
      expect(help.stdout).toContain(u);
    }
  });
});
