// A generated three-year database (about 3,000 applications, 1,700 programs, 10,000 reviews): the
// programs list, the applications list and a review queue keep their DOM small while a staff member
// scrolls from the first row to the last, and the last row does arrive.
import { generate } from '../../main/gen/generate.ts';
import { MAX_ROWS, scrollThrough } from './scroll.ts';
import { expect, test } from './fixtures.ts';
import { sqliteOf } from '../../db/store.ts';

test('long lists stay small in the DOM while scrolling a multi-year database', async ({ page, app }) => {
  test.setTimeout(180_000);
  await generate(app.rt.open.db, { years: 3, seed: 11, scale: 'realistic' });
  sqliteOf(app.rt.open).raw.exec('ANALYZE');

  // Programs of the current fiscal year (the default): about 570.
  await page.goto(`${app.url}#/programs`);
  const programRows = page.getByTestId('program-row');
  await expect(programRows.first()).toBeVisible();
  const programTotal = Number(await page.getByTestId('programs-count').getAttribute('data-total'));
  expect(programTotal).toBeGreaterThan(MAX_ROWS);
  await scrollThrough(page, page.getByTestId('programs-scroll'), page.locator('[data-testid="programs-scroll"] tbody tr'));
  const lastProgram = await app.rt.invoke('programs/list', { limit: 1, offset: programTotal - 1 });
  if (!lastProgram.ok) throw new Error('programs/list failed');
  const last = (lastProgram.value as { items: { applicationNo: string }[] }).items[0]!;
  await expect(programRows.filter({ hasText: last.applicationNo })).toBeVisible();
  expect(await page.locator('[data-testid="programs-list"] *').count()).toBeLessThan(4000);

  // Every application of every year: about 3,000.
  await page.goto(`${app.url}#/applications`);
  await page.getByTestId('filter-year').selectOption('all');
  const appRows = page.getByTestId('app-row');
  await expect(appRows.first()).toBeVisible();
  await expect(page.getByTestId('apps-count-shown')).toHaveAttribute('data-shown', /^\d{4}$/);
  await scrollThrough(page, page.getByTestId('apps-grid'), page.locator('[data-testid="apps-grid"] [role="row"]'));
  const all = await app.rt.invoke('applications/list', { limit: 1, offset: 0, sort: 'fiscalYear', dir: 'desc' });
  if (!all.ok) throw new Error('applications/list failed');
  const total = (all.value as { total: number }).total;
  const lastApp = await app.rt.invoke('applications/list', { sort: 'fiscalYear', dir: 'desc', limit: 1, offset: total - 1 });
  if (!lastApp.ok) throw new Error('applications/list failed');
  await expect(appRows.filter({ hasText: (lastApp.value as { items: { applicationNo: string }[] }).items[0]!.applicationNo })).toBeVisible();

  // The decided queue of the current year: several hundred rows.
  await page.goto(`${app.url}#/review/decided`);
  const queueRows = page.getByTestId('queue-row');
  await expect(queueRows.first()).toBeVisible();
  const decided = Number(await page.getByTestId('queue-count-decided').innerText());
  expect(decided).toBeGreaterThan(MAX_ROWS);
  await scrollThrough(page, page.getByTestId('queue-scroll'), page.locator('[data-testid="queue-scroll"] tbody tr'));
  await expect(queueRows.last()).toBeVisible();
  await page.screenshot({ path: 'test-results/scale-queue.png' });
});
