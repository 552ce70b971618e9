// A generated three-year database (about 1,500 institutions, 300 reviewers, 1,700 programs): the
// institutions list, the reviewers list, the results list (every year) and the ranking keep their DOM small
// while a staff member scrolls from the first row to the last, and the right rows appear: the
// server's first and last rows of the same sorted list.
import { generate } from '../../main/gen/generate.ts';
import { MAX_ROWS, scrollThrough } from './scroll.ts';
import { sqliteOf } from '../../db/store.ts';
import { expect, test, type AppServer } from './fixtures.ts';

async function items<T>(app: AppServer, name: string, input: Record<string, unknown>): Promise<{ items: T[]; total: number }> {
  const r = await app.rt.invoke(name, input);
  if (!r.ok) throw new Error(`${name} failed`);
  return r.value as { items: T[]; total: number };
}

test('the institutions, reviewers, results and ranking lists stay small in the DOM on a multi-year database', async ({ page, app }) => {
  test.setTimeout(240_000);
  await generate(app.rt.open.db, { years: 3, seed: 12, scale: 'realistic' });
  sqliteOf(app.rt.open).raw.exec('ANALYZE');

  // 機関: every institution, by name.
  await page.goto(`${app.url}#/institutions`);
  const instRows = page.getByTestId('inst-row');
  await expect(instRows.first()).toBeVisible();
  const instTotal = Number(await page.getByTestId('inst-count').getAttribute('data-total'));
  expect(instTotal).toBeGreaterThan(1000);
  const firstInst = (await items<{ nameJa: string }>(app, 'institutions/list', { limit: 1 })).items[0]!;
  await expect(instRows.first()).toContainText(firstInst.nameJa);
  await scrollThrough(page, page.getByTestId('inst-scroll'), page.locator('[data-testid="inst-scroll"] tbody tr'));
  const lastInst = (await items<{ id: string }>(app, 'institutions/list', { limit: 1, offset: instTotal - 1 })).items[0]!;
  await expect(page.locator(`[data-testid="inst-row"] a[href="#/institutions/${lastInst.id}"]`)).toBeVisible();
  // Sorted on the server: the most hosting institution comes first, its count shown.
  await page.getByRole('button', { name: /受入れ|Hosted/ }).click();
  const topHost = (await items<{ id: string; hostedCount: number }>(app, 'institutions/list', { sort: 'hosted', dir: 'desc', limit: 1 })).items[0]!;
  await expect(instRows.first().getByTestId('inst-hosted')).toHaveText(String(topHost.hostedCount));
  await page.screenshot({ path: 'test-results/scale-institutions.png' });

  // 審査委員: 300 reviewers with this year's loads.
  await page.goto(`${app.url}#/review/reviewers`);
  const reviewerRows = page.getByTestId('reviewer-row');
  await expect(reviewerRows.first()).toBeVisible();
  const reviewerTotal = Number(await page.getByTestId('reviewer-count').getAttribute('data-total'));
  expect(reviewerTotal).toBeGreaterThan(MAX_ROWS);
  await scrollThrough(page, page.getByTestId('reviewer-scroll'), page.locator('[data-testid="reviewer-scroll"] tbody tr'));
  const lastReviewer = (await items<{ name: string }>(app, 'review/listReviewers', { limit: 1, offset: reviewerTotal - 1 })).items[0]!;
  await expect(reviewerRows.last()).toContainText(lastReviewer.name);
  await page.screenshot({ path: 'test-results/scale-reviewers.png' });

  // 実績・報告, all years: about 1,700 programs, newest year first.
  await page.goto(`${app.url}#/results`);
  await page.getByTestId('results-fy').selectOption('all');
  const resultRows = page.locator('[data-testid="results-scroll"] tr.results-row');
  await expect(resultRows.first()).toBeVisible();
  await expect(page.getByTestId('results-count')).toHaveAttribute('data-total', /^\d{4}$/);
  const resultsTotal = Number(await page.getByTestId('results-count').getAttribute('data-total'));
  const firstProgram = (await items<{ applicationNo: string }>(app, 'results/programs', { limit: 1 })).items[0]!;
  await expect(page.getByTestId(`results-row-${firstProgram.applicationNo}`)).toBeVisible();
  await scrollThrough(page, page.getByTestId('results-scroll'), page.locator('[data-testid="results-scroll"] tbody tr'));
  const lastProgram = (await items<{ applicationNo: string }>(app, 'results/programs', { limit: 1, offset: resultsTotal - 1 })).items[0]!;
  await expect(page.getByTestId(`results-row-${lastProgram.applicationNo}`)).toBeVisible();
  expect(await page.locator('[data-testid="results-programs"] *').count()).toBeLessThan(4000);
  await page.screenshot({ path: 'test-results/scale-results.png' });

  // 順位・予算: the year's whole ranking is one answer (ranks need every plan), drawn a screenful at a time.
  const ranking = await app.rt.invoke('review/ranking', { fiscalYear: 2026 });
  if (!ranking.ok) throw new Error('review/ranking failed');
  const ranked = (ranking.value as { rows: { rank: number; applicationNo: string }[] }).rows;
  expect(ranked.length).toBeGreaterThan(MAX_ROWS);
  await page.goto(`${app.url}#/review/ranking`);
  await page.getByTestId('review-fy').selectOption('2026');
  await expect(page.getByTestId('rank-row').first()).toBeVisible();
  await scrollThrough(page, page.getByTestId('rank-table-scroll'), page.locator('[data-testid="rank-table-scroll"] tbody tr'));
  await expect(page.getByTestId('rank-row').filter({ hasText: ranked.at(-1)!.applicationNo })).toBeVisible();
  await scrollThrough(page, page.getByTestId('leniency-table-scroll'), page.locator('[data-testid="leniency-table-scroll"] tbody tr'));
  expect(await page.locator('[data-testid="rank-table"] tbody tr').count()).toBeLessThanOrEqual(MAX_ROWS);
});
