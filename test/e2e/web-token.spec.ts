// Web mode as a staff member meets it: the printed link opens the app and the token leaves the
// address bar; the bare address (what another local user could guess) shows only the
// "open the printed link" page, with no token anywhere in it.
import { expect, test } from './fixtures.ts';

test('the printed URL opens the app, then the token leaves the address bar', async ({ page, app }) => {
  expect(app.url).toContain(`?token=${app.token}`);
  await page.goto(`${app.url}#/applications`);
  await expect(page.getByTestId('nav-applications')).toHaveText('応募');
  // API calls work through the cookie alone.
  await expect(page.getByTestId('db-path')).toHaveText(/test\.sqlite$/);
  await expect.poll(() => page.url()).not.toContain('token');
  expect(page.url()).toContain('#/applications');
  expect(await page.content()).not.toContain(app.token);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === `sakura_session_${app.port}`)!;
  expect(session.httpOnly).toBe(true);
  expect(session.sameSite).toBe('Strict');
  expect(session.value).not.toBe(app.token);
  // A reload keeps working on the cookie.
  await page.reload();
  await expect(page.getByTestId('db-path')).toHaveText(/test\.sqlite$/);
  await page.screenshot({ path: 'test-results/web-token-app.png' });
});

test('the bare address shows the open-the-link page and no token', async ({ page, app }) => {
  await page.goto(app.web.url);
  await expect(page.locator('body')).toContainText('表示されたリンク');
  await expect(page.locator('body')).toContainText('Open the link Sakura Desk printed');
  expect(await page.content()).not.toContain(app.token);
  await expect(page.getByTestId('nav-applications')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/web-token-bare.png' });
});
