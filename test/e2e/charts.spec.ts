// The charts in a real browser: one bar pair per fiscal year with the right labels, the table
// beneath with the same numbers, the 件数/率 switch, and exports that are real files (PNG with its
// signature and size, SVG text, .xlsx the API built). Each worker's database is shared by the spec
// files it runs, so expectations are read from the API at test time, never hard-coded counts
// other specs could change.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { AppServer } from './fixtures.ts';
import { expect, test } from './fixtures.ts';
import type { Status } from '../../shared/domain.ts';
import { statusPath } from '../../shared/status.ts';

async function invoke(app: AppServer, name: string, input: unknown): Promise<any> {
  const r = await app.rt.invoke(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

const tag = Date.now().toString(36).toUpperCase();

/** FY2031: two applications, one adopted; FY2032: three, two adopted (one of them implemented). */
test.beforeEach(async ({ app }) => {
  const base = {
    call: 1,
    course: 'A',
    title: 'グラフ確認用の体験プログラム',
    hostInstitution: '東北大学',
    applicant: '山田 太郎',
    sendingInstitutions: [{ name: 'Universitas Indonesia', country: 'ID' }],
    countries: ['ID'],
    field: 'science',
    mode: 'in-person',
    invitees: 8,
    escorts: 1,
    requestedAmount: 2_000_000,
  };
  const plan: [number, string, string][] = [
    [2031, 'a', 'adopted'],
    [2031, 'b', 'rejected'],
    [2032, 'a', 'adopted'],
    [2032, 'b', 'implemented'],
    [2032, 'c', 'received'],
  ];
  for (const [fy, n, status] of plan) {
    const saved = await invoke(app, 'applications/save', {
      id: null,
      data: { ...base, fiscalYear: fy, applicationNo: `CH${tag}-${fy}-${n}`, arrival: `${fy}-07-01`, departure: `${fy}-07-07` },
    });
    // Along the life cycle, as staff would (受付 → 採択 → 実施済).
    for (const next of statusPath('received', status as Status) ?? []) await invoke(app, 'applications/setStatus', { id: saved.id, status: next });
  }
});

test('the per-year chart has one bar pair per fiscal year, labelled, and the table beneath has the same numbers', async ({ page, app }) => {
  const stats: { fiscalYear: number; applications: number; adoptions: number; builtIn: boolean }[] = await invoke(app, 'stats/byYear', {});
  expect(stats.filter((s) => s.builtIn).map((s) => [s.applications, s.adoptions])).toEqual([
    [574, 283],
    [636, 391],
    [631, 454],
    [608, 492],
    [688, 502],
    [704, 557],
  ]);
  await page.goto(`${app.url}#/charts`);
  const chart = page.getByTestId('chart-by-year-chart');
  const bars = chart.locator('.recharts-bar');
  await expect(bars).toHaveCount(2);
  // One rectangle per year in each of the two series: the bar pair.
  await expect(bars.nth(0).locator('.recharts-bar-rectangle')).toHaveCount(stats.length);
  await expect(bars.nth(1).locator('.recharts-bar-rectangle')).toHaveCount(stats.length);
  await expect(chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')).toHaveText(stats.map((s) => String(s.fiscalYear)));
  await expect(chart.locator('.recharts-legend-item-text')).toHaveText(['応募件数', '採択件数', '採択率']);

  // Bar heights follow the numbers: each bar's height over its value is the same scale.
  const heights = async (i: number) =>
    bars
      .nth(i)
      .locator('.recharts-bar-rectangle path')
      .evaluateAll((ps) => ps.map((p) => (p as unknown as { getBBox(): { height: number } }).getBBox().height));
  const apps = await heights(0);
  const adopted = await heights(1);
  const scale = apps[0]! / stats[0]!.applications;
  stats.forEach((s, i) => {
    expect(Math.abs(apps[i]! - s.applications * scale)).toBeLessThan(1.5);
    expect(Math.abs(adopted[i]! - s.adoptions * scale)).toBeLessThan(1.5);
  });

  const rows = page.getByTestId('chart-by-year-table').locator('tbody tr');
  await expect(rows).toHaveCount(stats.length);
  for (const [i, s] of stats.entries()) {
    const rate = s.applications ? `${((s.adoptions / s.applications) * 100).toFixed(1)}%` : '–';
    await expect(rows.nth(i).locator('th, td')).toHaveText([
      String(s.fiscalYear),
      s.applications.toLocaleString('ja-JP'),
      s.adoptions.toLocaleString('ja-JP'),
      rate,
      s.builtIn ? '公式実績' : 'DB集計',
    ]);
  }
  await expect(page.getByTestId('chart-by-year-table').locator('tfoot')).toContainText('3,841');
  await expect(page.getByTestId('chart-by-year-table').locator('tfoot')).toContainText('2,679');
  const fy2031 = rows.filter({ has: page.locator('th', { hasText: /^2031$/ }) });
  await expect(fy2031.locator('td')).toHaveText(['2', '1', '50.0%', 'DB集計']);

  // Years without any record (2020 up to the first database year) are named, not silently skipped.
  const years = stats.map((s) => s.fiscalYear);
  const gaps: string[] = [];
  for (let i = 1; i < years.length; i++) {
    if (years[i]! - years[i - 1]! > 1) gaps.push(years[i]! - years[i - 1]! === 2 ? `${years[i - 1]! + 1}` : `${years[i - 1]! + 1}–${years[i]! - 1}`);
  }
  await expect(page.getByTestId('chart-by-year').locator('.chart-note')).toContainText(`記録のない年度: ${gaps.join('、')}。`);

  // 率: the bars go, the rate line stays; the table does not change.
  await page.getByTestId('chart-by-year-mode-rate').click();
  await expect(chart.locator('.recharts-bar')).toHaveCount(0);
  await expect(chart.locator('.recharts-line')).toHaveCount(1);
  await expect(rows).toHaveCount(stats.length);
});

test('axis labels and legend follow the chosen language', async ({ page, app }) => {
  await page.goto(`${app.url}#/charts`);
  await page.getByTestId('lang-select').selectOption('en');
  const chart = page.getByTestId('chart-by-year-chart');
  await expect(chart.locator('.recharts-legend-item-text')).toHaveText(['Applications', 'Adoptions', 'Adoption rate']);
  // Axis titles (recharts draws them as .recharts-label), in English now.
  await expect.poll(async () => (await chart.locator('.recharts-label').allTextContents()).sort()).toEqual(
    ['Count', 'FY', 'Official record (built in)', 'Rate (%)'].sort(),
  );
  await expect(page.getByTestId('chart-by-year-table').locator('thead th')).toHaveText(['FY', 'Applications', 'Adoptions', 'Adoption rate', 'Source']);
  await page.getByTestId('lang-select').selectOption('ja');
});

test('exports the chart as a valid PNG, as SVG with its legend, and its data as .xlsx', async ({ page, app }) => {
  await page.goto(`${app.url}#/charts`);
  const surface = page.getByTestId('chart-by-year-chart').locator('.recharts-wrapper > svg');
  await expect(surface).toBeVisible();
  const width = Number(await surface.getAttribute('width'));

  const pngDownload = page.waitForEvent('download');
  await page.getByTestId('chart-by-year-png').click();
  const png = await pngDownload;
  expect(png.suggestedFilename()).toBe('sakura-applications-by-year.png');
  const bytes = await readFile((await png.path())!);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  // Drawn at twice the on-screen size, with the title and legend added around the chart.
  expect(bytes.readUInt32BE(16)).toBe(width * 2);
  expect(bytes.readUInt32BE(20)).toBeGreaterThan(340 * 2);
  // Not a blank canvas: a white PNG of this size compresses to a few kilobytes.
  expect(bytes.length).toBeGreaterThan(20_000);

  const svgDownload = page.waitForEvent('download');
  await page.getByTestId('chart-by-year-svg').click();
  const svg = await readFile((await (await svgDownload).path())!, 'utf8');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('年度別 応募件数・採択件数と採択率');
  expect(svg).toContain('採択件数');
  expect(svg).toContain('Noto Sans CJK JP');

  const xlsxDownload = page.waitForEvent('download');
  await page.getByTestId('chart-by-year-xlsx').click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toBe('sakura-stats-byYear.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile((await xlsx.path())!)) as unknown as ArrayBuffer);
  expect(wb.worksheets[0]!.getRow(2).values).toEqual([undefined, 2014, 574, 283, 49.3, '公式実績（組み込み）']);
});

test('breakdown by country for a chosen year, and the funnel, match the API', async ({ page, app }) => {
  await page.goto(`${app.url}#/charts/breakdown/2032`);
  await expect(page.getByTestId('charts-year')).toHaveValue('2032');
  await page.getByTestId('breakdown-by').selectOption('country');
  const table = page.getByTestId('chart-breakdown-table');
  const rows: { key: string; applications: number; adoptions: number }[] = await invoke(app, 'stats/breakdown', { fiscalYear: 2032, by: 'country' });
  await expect(table.locator('tbody tr')).toHaveCount(rows.length);
  const id = rows.find((r) => r.key === 'ID')!;
  await expect(table.locator('tbody tr', { hasText: 'インドネシア' }).locator('td').first()).toHaveText(String(id.applications));
  await expect(page.getByTestId('chart-breakdown-chart').locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')).toContainText(['インドネシア']);

  // 率: one series, the adoption rate, on a percent axis.
  await page.getByTestId('chart-breakdown-mode-rate').click();
  await expect(page.getByTestId('chart-breakdown-chart').locator('.recharts-bar')).toHaveCount(1);
  await expect(page.getByTestId('chart-breakdown-chart').locator('.recharts-legend-item-text')).toHaveText(['採択率']);
  await expect(page.getByTestId('chart-breakdown-chart').locator('.recharts-yAxis-tick-labels')).toContainText('100%');

  await page.getByTestId('charts-tab-funnel').click();
  const f = await invoke(app, 'stats/funnel', { fiscalYear: 2032 });
  await expect(page.getByTestId('chart-funnel-table').locator('tbody tr td:nth-child(2)')).toHaveText(
    [f.applications, f.adoptions, f.implemented, f.reported].map(String),
  );
});
