import { expect, test } from './fixtures.ts';

test('opens in Japanese, shows the database, switches to English', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByTestId('nav-applications')).toHaveText('応募');
  await expect(page.getByTestId('nav-review')).toHaveText('審査');
  await expect(page.getByTestId('nav-settings')).toHaveText('設定');
  // The status line comes from an API call (app/info) through the token-protected HTTP door.
  await expect(page.getByTestId('db-path')).toHaveText(/test\.sqlite$/);
  // The built-in record is read through the API as well.
  await expect(page.getByTestId('track-record')).toContainText('574');
  await page.getByTestId('lang-select').selectOption('en');
  await expect(page.getByTestId('nav-applications')).toHaveText('Applications');
  await expect(page.getByTestId('nav-review')).toHaveText('Review');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('the navigation shows the review queues with their counts', async ({ page, app }) => {
  // The navigation counts the current fiscal year (April–March), whatever day the test runs.
  const now = new Date();
  const fy = now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1;
  const seeded = await app.rt.invoke('applications/save', {
    id: null,
    data: {
      fiscalYear: fy, applicationNo: 'NAV-1', call: 1, course: 'A', title: 'ナビ確認', hostInstitution: '東北大学', applicant: '',
      sendingInstitutions: [{ name: 'Universiti Malaya', country: 'MY' }], countries: ['MY'], field: 'science', mode: 'in-person',
      invitees: 5, escorts: 1, arrival: `${fy}-12-01`, departure: `${fy}-12-07`, requestedAmount: 1000000,
    },
  });
  expect(seeded.ok).toBe(true);
  await page.goto(app.url);
  await expect(page.getByTestId('nav-queue-assignment')).toContainText('割り当て待ち');
  await expect(page.getByTestId('nav-queue-assignment')).toContainText('1');
  await page.getByTestId('nav-queue-assignment').click();
  await expect(page.getByTestId('review-page')).toContainText('NAV-1');
});
