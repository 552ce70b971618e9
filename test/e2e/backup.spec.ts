// 設定 › バックアップ makes, lists and restores a backup; the 履歴 panel shows an edit with who and
// when; a damaged database opens on the recovery screen, which restores the newest good backup.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRuntime } from '../../main/runtime.ts';
import { startWebServer } from '../../main/web/server.ts';
import { todayIso } from '../../shared/dates.ts';
import { sampleApplication } from '../unit/helpers.ts';
import { expect, test } from './fixtures.ts';
import { sqliteOf } from '../../db/store.ts';

async function must(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<any> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

test('makes a backup with progress, lists it, and restores it after confirmation', async ({ page, app }) => {
  const saved = await must(app.rt.invoke('applications/save', { id: null, data: sampleApplication({ title: 'バックアップ前のタイトル' }) }));

  await page.goto(`${app.url}#/settings`);
  await page.getByTestId('settings-tab-backups').click();
  await expect(page.getByTestId('backups-screen')).toBeVisible();
  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('backup-note')).toContainText('バックアップを作成しました');
  await expect(page.getByTestId('backup-row')).toHaveCount(1);
  await expect(page.getByTestId('backup-reason').first()).toHaveText('手動');

  // Work goes on after the backup…
  await must(app.rt.invoke('applications/save', { id: saved.id, data: sampleApplication({ title: '後から変えたタイトル' }) }));
  await must(app.rt.invoke('applications/save', { id: null, data: sampleApplication({ applicationNo: 'A-002' }) }));

  // …and is undone by restoring, after a confirmation.
  await page.getByTestId('backup-restore').first().click();
  await expect(page.getByTestId('restore-confirm')).toContainText('現在のデータベースは、復元の前に「復元前」のバックアップとして保存されます');
  await page.screenshot({ path: 'test-results/backup-restore-confirm.png' });
  await page.getByTestId('restore-confirm-yes').click();
  await expect(page.getByTestId('backup-note')).toContainText('復元しました');
  // The app reloads on the restored data; the copy of the current database is listed first.
  await expect(page.getByTestId('backup-reason').first()).toHaveText('復元前', { timeout: 15_000 });
  await expect(page.getByTestId('backup-row')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/backup-screen.png', fullPage: true });
  await page.goto(`${app.url}#/applications`);
  await expect(page.getByText('バックアップ前のタイトル')).toBeVisible();
  await expect(page.getByText('後から変えたタイトル')).toHaveCount(0);
  await expect(page.getByText('A-002')).toHaveCount(0);
});

test('the 履歴 panel of an application shows an edit with who, when and the fields before and after', async ({ page, app }) => {
  const a = await must(app.rt.invoke('applications/save', { id: null, data: sampleApplication({ applicationNo: 'H-001' }) }));
  await must(app.rt.invoke('applications/save', { id: a.id, data: sampleApplication({ applicationNo: 'H-001', title: '改訂後のタイトル' }) }));
  await page.goto(`${app.url}#/applications/${a.id}`);
  const panel = page.getByTestId('history-panel');
  await panel.locator('summary').click();
  const rows = panel.getByTestId('audit-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('e2e-staff');
  await expect(rows.first()).toContainText('applications/save');
  await expect(rows.first()).toContainText('防災技術の科学技術体験 → 改訂後のタイトル');
  // When: today's date as the laptop shows it.
  const today = todayIso(new Date(), 'Asia/Tokyo').replaceAll('-', '/');
  await expect(rows.first()).toContainText(today);
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/history-panel.png', fullPage: true });

  // The settings screen lists it too, filtered by what changed.
  await page.goto(`${app.url}#/settings/history`);
  await page.getByTestId('audit-filter-entity').selectOption('application');
  await page.getByTestId('audit-filter-app').fill('H-001');
  await expect(page.getByTestId('audit-row')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/audit-screen.png' });
  await page.getByTestId('audit-filter-entity').selectOption('institution');
  await expect(page.getByTestId('audit-row')).toHaveCount(0);
});

test('a damaged database opens the recovery screen, which restores the newest good backup', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'sakura-e2e-rec-'));
  const dbPath = join(dir, 'sakura-desk.sqlite');
  const first = await startRuntime({ dbPath, door: 'web', user: 'e2e-staff' });
  const csvRows = Array.from({ length: 300 }, (_, i) => sampleApplication({ applicationNo: `R-${i}` }));
  for (const data of csvRows) await must(first.invoke('applications/save', { id: null, data }));
  await must(first.invoke('backup/create', {}));
  sqliteOf(first.open).raw.pragma('wal_checkpoint(TRUNCATE)');
  await first.close();
  const bytes = readFileSync(dbPath);
  for (let i = 4096 * 3; i < Math.min(bytes.length, 4096 * 8); i++) bytes[i] = 0x5a;
  writeFileSync(dbPath, bytes);

  const rt = await startRuntime({ dbPath, door: 'web', recovery: true });
  const web = await startWebServer(rt, { rendererDir: join(process.cwd(), 'dist', 'renderer') });
  try {
    await page.goto(web.launchUrl);
    await expect(page.getByTestId('recovery-screen')).toBeVisible();
    await expect(page.getByTestId('recovery-reason')).toContainText('破損しています');
    await expect(page.getByTestId('recovery-newest')).toContainText('手動');
    await page.screenshot({ path: 'test-results/recovery-screen.png' });
    await page.getByTestId('recovery-restore').click();
    await page.getByTestId('recovery-confirm-yes').click();
    await expect(page.getByTestId('nav-applications')).toBeVisible({ timeout: 15_000 });
    await page.goto(`${web.launchUrl}#/applications`);
    await expect(page.getByText('R-0', { exact: true })).toBeVisible();
  } finally {
    await web.close();
    await rt.close();
  }
});
