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

test('areas not built yet say so plainly', async ({ page, app }) => {
  await page.goto(`${app.url}#/review`);
  await expect(page.getByTestId('not-built-review')).toContainText('まだ実装されていません');
});
