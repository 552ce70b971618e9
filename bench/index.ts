// `npm run bench`: speed figures, each printed beside a baseline measured in the same run on the
// same machine (exceljs alone, raw SQLite), so the ratio means something on any laptop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { startRuntime, type Runtime } from '../main/runtime.ts';
import { APPLICATION_COLUMNS } from '../main/import/applications.ts';
import { benchPrograms } from './programs.ts';
import { benchReview } from './review.ts';
import { sqliteOf } from '../db/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'sakura-bench-'));
const HOSTS = ['東北大学', '京都大学', '大阪大学', '九州大学', '北海道大学', '名古屋大学', '筑波大学', '広島大学'];
const SENDERS: [string, string][] = [
  ['Vietnam National University, Hanoi', 'VN'],
  ['Chulalongkorn University', 'TH'],
  ['Universitas Indonesia', 'ID'],
  ['Tsinghua University', 'CN'],
  ['Universiti Malaya', 'MY'],
  ['Seoul National University', 'KR'],
];

function row(i: number, fy: number): (string | number | Date)[] {
  const [s1, c1] = SENDERS[i % SENDERS.length]!;
  const [s2, c2] = SENDERS[(i + 1) % SENDERS.length]!;
  const course = ['A', 'B', 'C'][i % 3]!;
  const month = 5 + (i % 8);
  const day = 1 + (i % 20);
  const arrival = new Date(Date.UTC(fy, month - 1, day));
  const departure = new Date(Date.UTC(fy, month - 1, day + (course === 'B' ? 20 : 6)));
  const values: Record<string, string | number | Date> = {
    application_no: `${fy}-${String(i).padStart(5, '0')}`,
    fiscal_year: fy,
    call: 1 + (i % 3),
    course,
    title: `防災・減災技術に関する科学技術交流プログラム 第${i}号`,
    host_institution: HOSTS[i % HOSTS.length]!,
    applicant: '山田 太郎',
    sending_institutions: i % 4 === 0 ? `${s1};${s2}` : s1,
    countries: i % 4 === 0 ? `${c1};${c2}` : c1,
    field: '科学技術',
    mode: '来日',
    invitees: 5 + (i % 10),
    escorts: 1,
    arrival,
    departure,
    requested_amount: 2_000_000 + (i % 50) * 10_000,
  };
  return APPLICATION_COLUMNS.map((c) => values[c.key] ?? '');
}

async function writeXlsx(path: string, n: number, fy: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('応募一覧');
  ws.addRow(APPLICATION_COLUMNS.map((c) => c.ja)).commit();
  for (let i = 1; i <= n; i++) ws.addRow(row(i, fy)).commit();
  ws.commit();
  await wb.commit();
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;

async function must(rt: Runtime, name: string, input: unknown): Promise<any> {
  const r = await rt.invoke(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

async function main(): Promise<void> {
  const { readFileSync } = await import('node:fs');
  const file = join(dir, 'apps-10k.xlsx');
  await writeXlsx(file, 10_000, 2026);
  const bytes = readFileSync(file);
  const base64 = bytes.toString('base64');
  console.log(`Sakura Desk benchmarks (Node ${process.version}, ${(bytes.length / 1024).toFixed(0)} KiB xlsx of 10,000 rows)\n`);

  const readOnly: number[] = [];
  const full: number[] = [];
  for (let run = 0; run < 3; run++) {
    readOnly.push((await time(async () => new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer)))[0]);
    const rt = await startRuntime({ dbPath: join(dir, `import-${run}.sqlite`), door: 'cli', user: 'bench' });
    const [t, r] = await time(() => must(rt, 'applications/import', { fileName: 'apps-10k.xlsx', dataBase64: base64 }));
    if (r.added !== 10_000) throw new Error(`expected 10,000 added, got ${r.added}`);
    full.push(t);
    await rt.close();
  }
  const imp = median(full);
  const base = median(readOnly);
  console.log('import 10,000-row xlsx (parse + validate + write, one transaction, synchronous=FULL)');
  console.log(`  exceljs read alone        ${ms(base)}`);
  console.log(`  Sakura Desk import        ${ms(imp)}   ratio ${(imp / base).toFixed(2)}×   target ≤ 2000 ms: ${imp <= 2000 ? 'met' : 'NOT met'}`);

  // The applications list at 20,000: the handler (query, join, shape) against a raw SQLite read.
  const rt = await startRuntime({ dbPath: join(dir, 'list.sqlite'), door: 'cli', user: 'bench' });
  await must(rt, 'applications/import', { fileName: 'a.xlsx', dataBase64: base64 });
  const file2 = join(dir, 'apps-10k-2025.xlsx');
  await writeXlsx(file2, 10_000, 2025);
  await must(rt, 'applications/import', { fileName: 'b.xlsx', dataBase64: readFileSync(file2).toString('base64') });
  const raw: number[] = [];
  const list: number[] = [];
  for (let run = 0; run < 5; run++) {
    raw.push((await time(async () => sqliteOf(rt.open).raw.prepare('select * from application').all()))[0]);
    const [t, r] = await time(() => must(rt, 'applications/list', {}));
    if (r.total !== 20_000) throw new Error(`expected 20,000, got ${r.total}`);
    list.push(t);
  }
  console.log('\napplications/list over 20,000 applications (all of them, with institutions and countries)');
  console.log(`  raw SQLite select *       ${ms(median(raw))}`);
  console.log(`  applications/list         ${ms(median(list))}   ratio ${(median(list) / median(raw)).toFixed(2)}×`);
  await rt.close();
  rmSync(dir, { recursive: true, force: true });

  console.log('');
  await benchReview();
  console.log('');
  await benchPrograms();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
