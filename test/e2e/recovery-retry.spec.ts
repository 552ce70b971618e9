// A database another program holds locked opens the recovery screen with its sentence and
// "もう一度試す": trying while it is still locked says so; once the lock is gone, the same button
// opens the app, without restarting the server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { startRuntime } from '../../main/runtime.ts';
import { startWebServer } from '../../main/web/server.ts';
import { sampleApplication } from '../unit/helpers.ts';
import { expect, test } from './fixtures.ts';

test('a busy database opens once the other program lets go, from the recovery screen', async ({ page }) => {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'sakura-e2e-retry-')), 'sakura-desk.sqlite');
  const first = await startRuntime({ dbPath, door: 'web', user: 'e2e-staff' });
  const saved = await first.invoke('applications/save', { id: null, data: sampleApplication({ applicationNo: 'RETRY-1' }) });
  expect(saved.ok).toBe(true);
  await first.close();

  const other = new BetterSqlite3(dbPath);
  other.exec("begin exclusive; update application set title = title where application_no = 'RETRY-1'");
  let locked = true;
  const rt = await startRuntime({ dbPath, door: 'web', recovery: true, openOptions: { busyTimeoutMs: 200 } });
  const web = await startWebServer(rt, { rendererDir: join(process.cwd(), 'dist', 'renderer') });
  try {
    await page.goto(web.launchUrl);
    await expect(page.getByTestId('recovery-screen')).toBeVisible();
    await expect(page.getByTestId('recovery-reason')).toContainText('別のプログラムが使用中');
    const retry = page.getByTestId('recovery-retry-button');
    await expect(retry).toHaveText('もう一度試す');

    await retry.click();
    await expect(page.getByTestId('recovery-retry-still')).toContainText('まだ開けません。');
    await page.screenshot({ path: 'test-results/recovery-retry.png', fullPage: true });

    other.exec('rollback');
    other.close();
    locked = false;
    await retry.click();
    await expect(page.getByTestId('nav-applications')).toBeVisible({ timeout: 15_000 });
    await page.goto(`${web.launchUrl}#/applications`);
    await expect(page.getByText('RETRY-1', { exact: true })).toBeVisible();
  } finally {
    if (locked) {
      other.exec('rollback');
      other.close();
    }
    await web.close();
    await rt.close();
  }
});
