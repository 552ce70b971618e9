// `stats --json --by …` and `export stats` through the real CLI process, on a database seeded with
// the hand-counted fixture year (results-seed.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startRuntime } from '../../main/runtime.ts';
import { seedYear } from './results-seed.ts';

// The built CLI, as `npm run cli` runs it (vitest's global setup builds dist/node/cli.cjs once).
const CLI = join(process.cwd(), 'scripts', 'cli.mjs');
const dir = mkdtempSync(join(tmpdir(), 'sakura-results-cli-'));
const dbPath = join(dir, 'cli.sqlite');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, '--db', dbPath, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  const rt = await startRuntime({ dbPath, door: 'test', user: 'cli-test' });
  await seedYear(rt);
  await rt.close();
});

describe('stats --by', () => {
  it('prints [{key, applications, adoptions}] per course, country, field and call', () => {
    const course = cli('stats', '--json', '--by', 'course', '--fy', '2026');
    expect(course.code).toBe(0);
    expect(JSON.parse(course.stdout)).toEqual([
      { key: 'A', applications: 2, adoptions: 1 },
      { key: 'B', applications: 1, adoptions: 1 },
      { key: 'C', applications: 2, adoptions: 1 },
      { key: 'high-school', applications: 1, adoptions: 0 },
    ]);
    const country = JSON.parse(cli('stats', '--json', '--by', 'country', '--fy', '2026').stdout);
    expect(country.slice(0, 2)).toEqual([
      { key: 'VN', applications: 3, adoptions: 2 },
      { key: 'TH', applications: 2, adoptions: 1 },
    ]);
    expect(JSON.parse(cli('stats', '--json', '--by=field', '--fy=2026').stdout)).toEqual([
      { key: 'science', applications: 5, adoptions: 2 },
      { key: 'humanities', applications: 1, adoptions: 1 },
    ]);
    // Without --fy: the latest year with applications.
    expect(JSON.parse(cli('stats', '--json', '--by', 'call').stdout)[0]).toEqual({ key: 1, applications: 2, adoptions: 1 });
  });

  it('without --by keeps printing the per-year record', () => {
    const years = JSON.parse(cli('stats', '--json').stdout);
    expect(years[0]).toEqual({ fiscalYear: 2014, applications: 574, adoptions: 283, builtIn: true });
    expect(years.at(-1)).toEqual({ fiscalYear: 2026, applications: 6, adoptions: 3, builtIn: false });
  });

  it('refuses an unknown --by or a bad --fy with a sentence, exit 1', () => {
    const bad = cli('stats', '--json', '--by', 'colour');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('course|country|field|call');
    const fy = cli('stats', '--json', '--by', 'course', '--fy', 'next');
    expect(fy.code).toBe(1);
    expect(fy.stderr).toContain('--fy');
  });
});

describe('export stats', () => {
  it('writes a workbook with every chart as a sheet', async () => {
    const file = join(dir, 'stats.xlsx');
    const r = cli('export', 'stats', '--out', file, '--fy', '2026');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toContain('コース別 2026');
    expect(wb.getWorksheet('年度別応募・採択')!.getRow(7).values).toEqual([undefined, 2019, 704, 557, 79.1, '公式実績（組み込み）']);
  });

  it('needs --out', () => {
    const r = cli('export', 'stats');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--out');
  });
});
