// 設定 › データの保存先 in web mode, as an officer would: test a team server's connection, get the
// login's own sentence for a wrong password, switch after confirming, and see the engine and the
// server in the status line. And a server that cannot be reached at start-up: the recovery screen
// says so (not "damaged") and offers the way back to this PC's file. A throw-away cluster unless
// SAKURA_TEST_PG names a server.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { pgpassVault } from '../../main/store/pgpass.ts';
import { startSwitchableRuntime } from '../../main/store/switch.ts';
import { startWebServer } from '../../main/web/server.ts';
import { startCluster, type Cluster } from '../pg-cluster.ts';

let cluster: Cluster | null = null;
let baseUrl = '';
test.beforeAll(async () => {
  if (process.env.SAKURA_TEST_PG) baseUrl = process.env.SAKURA_TEST_PG;
  else {
    cluster = await startCluster();
    baseUrl = cluster.url;
  }
});
test.afterAll(() => cluster?.stop());

const rendererDir = join(process.cwd(), 'dist', 'renderer');

test('an officer tests the team server, is told a wrong password, then switches after confirming', async ({ page }) => {
  const data = mkdtempSync(join(tmpdir(), 'sakura-e2e-store-'));
  const rt = await startSwitchableRuntime({ door: 'web', dataDir: data, vault: pgpassVault(join(data, 'pgpass')), env: {} });
  const web = await startWebServer(rt, { rendererDir });
  try {
    const u = new URL(baseUrl);
    const password = decodeURIComponent(u.password);
    u.password = '';
    u.searchParams.set('schema', `e2e_store_${Date.now().toString(36)}`);
    const url = u.toString();

    await page.goto(`${web.launchUrl}#/settings`);
    await expect(page.getByTestId('db-engine')).toHaveText('この PC のファイル');
    const store = page.getByTestId('settings-store');
    await expect(store.getByTestId('store-current')).toContainText('この PC のファイル');
    await store.getByTestId('store-kind-server').check();
    await store.getByTestId('store-url').fill(url);
    await store.getByTestId('store-password').fill(password);
    await store.getByTestId('store-test').click();
    await expect(store.getByTestId('store-test-result')).toContainText('接続できました: PostgreSQL 15');
    await expect(store.getByTestId('store-test-result')).toContainText('まだありません');

    await store.getByTestId('store-password').fill('wrong-password');
    await store.getByTestId('store-save').click();
    await page.getByTestId('store-confirm-yes').click();
    await expect(store.getByTestId('store-error')).toContainText('ログインを拒否しました');
    await expect(page.getByTestId('db-engine')).toHaveText('この PC のファイル');

    await store.getByTestId('store-password').fill(password);
    await store.getByTestId('store-save').click();
    await expect(page.getByTestId('store-confirm')).toContainText('チームサーバー');
    await page.getByTestId('store-confirm-yes').click();
    await expect(page.getByTestId('db-engine')).toContainText('チームサーバー: PostgreSQL 15');
    await expect(store.getByTestId('store-switched')).toContainText('切り替えました');
    await expect(page.getByTestId('db-path')).not.toContainText(password);
    await expect(page.getByTestId('settings-store').getByTestId('store-current')).toContainText('PostgreSQL 15');
    await page.screenshot({ path: 'test-results/team-store-switched.png', fullPage: true });

    // A backup on the team server is the server's pg_dump; restoring it is the administrator's.
    await page.goto(`${web.launchUrl.split('#')[0]}#/settings/backups`);
    await page.getByTestId('backup-now').click();
    await expect(page.getByTestId('backup-note')).toContainText('.dump');
    await expect(page.getByTestId('backup-row')).toHaveCount(1);
    await expect(page.getByTestId('backup-team-restore')).toContainText('pg_restore');
    await expect(page.getByTestId('backup-restore')).toHaveCount(0);
    // The texts speak of this computer's pg_dump of the server, not of a laptop file's copies.
    await expect(page.getByTestId('backup-intro')).toContainText('この PC が作ったチームサーバー');
    await expect(page.getByTestId('backup-intro')).toContainText('pg_dump');
    await expect(page.getByTestId('backup-intro')).not.toContainText('データベースと同じ場所');
    await expect(page.getByTestId('rotation-settings')).toContainText('保存期間（この PC の pg_dump コピー）');
    await expect(page.getByTestId('rotation-team-note')).toContainText('全員に共通');
    await page.screenshot({ path: 'test-results/team-store-backups.png', fullPage: true });
    await page.goto(`${web.launchUrl.split('#')[0]}#/settings`);

    await page.getByTestId('lang-select').selectOption('en');
    await expect(page.getByTestId('settings-store')).toContainText('Data store');
    await expect(page.getByTestId('db-engine')).toContainText('Team server: PostgreSQL 15');
    await page.goto(`${web.launchUrl.split('#')[0]}#/settings/backups`);
    await expect(page.getByTestId('backup-intro')).toContainText('pg_dump files of the team server');
    await expect(page.getByTestId('rotation-team-note')).toContainText('shared by everyone');
    await page.screenshot({ path: 'test-results/team-store-backups-en.png', fullPage: true });
  } finally {
    await web.close();
    await rt.close();
  }
});

test('a team server that cannot be reached opens the recovery screen with its own sentence and the way back', async ({ page }) => {
  const port = await new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const data = mkdtempSync(join(tmpdir(), 'sakura-e2e-store-'));
  const rt = await startSwitchableRuntime({ flag: `postgres://officer@127.0.0.1:${port}/sakura`, door: 'web', recovery: true, dataDir: data, vault: pgpassVault(join(data, 'pgpass')), env: {} });
  const web = await startWebServer(rt, { rendererDir });
  try {
    await page.goto(web.launchUrl);
    await expect(page.getByTestId('recovery-reason')).toContainText('チームサーバー');
    await expect(page.getByTestId('recovery-reason')).toContainText('ネットワーク（VPN）');
    await expect(page.getByTestId('recovery-reason')).not.toContainText('破損');
    await page.screenshot({ path: 'test-results/team-store-unreachable.png', fullPage: true });
    const store = page.getByTestId('recovery-store');
    await store.getByTestId('store-kind-file').check();
    await store.getByTestId('store-save').click();
    await page.getByTestId('store-confirm-yes').click();
    await expect(page.getByTestId('db-engine')).toHaveText('この PC のファイル');
    await expect(page.getByTestId('applications-list').or(page.getByTestId('nav-applications'))).toBeVisible();
  } finally {
    await web.close();
    await rt.close();
  }
});
