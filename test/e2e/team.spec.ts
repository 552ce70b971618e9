// Team mode in web mode on PostgreSQL: two officers on one server. Another officer's new
// application shows up without a reload; a rule-set save made after theirs is refused with who
// and when, and the form offers to load the latest version. A throw-away cluster unless
// SAKURA_TEST_PG names a server.
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startRuntime, type Runtime } from '../../main/runtime.ts';
import { startWebServer, type WebServer } from '../../main/web/server.ts';
import { startCluster, type Cluster } from '../pg-cluster.ts';
import type { RuleSet } from '../../shared/rules/ruleset.ts';

let cluster: Cluster | null = null;
let baseUrl = '';
base.beforeAll(async () => {
  if (process.env.SAKURA_TEST_PG) baseUrl = process.env.SAKURA_TEST_PG;
  else {
    cluster = await startCluster();
    baseUrl = cluster.url;
  }
});
base.afterAll(() => cluster?.stop());

const test = base.extend<{ team: { url: string; me: Runtime; other: Runtime; web: WebServer } }>({
  team: async ({}, use) => {
    const u = new URL(baseUrl);
    u.searchParams.set('schema', `e2e_${Date.now().toString(36)}`);
    const me = await startRuntime({ dbPath: u.toString(), door: 'web' });
    const other = await startRuntime({ dbPath: u.toString(), door: 'test', listen: false });
    const web = await startWebServer(me, { rendererDir: join(process.cwd(), 'dist', 'renderer') });
    await use({ url: web.launchUrl, me, other, web });
    await web.close();
    await other.close();
    await me.close();
  },
});

const application = {
  fiscalYear: 2026,
  applicationNo: 'TEAM-1',
  call: 1,
  course: 'A',
  title: 'チームで受け付けた応募',
  hostInstitution: '東北大学',
  applicant: '山田 太郎',
  sendingInstitutions: [{ name: 'Vietnam National University, Hanoi', country: 'VN' }],
  countries: ['VN'],
  field: 'science',
  mode: 'in-person',
  invitees: 10,
  escorts: 1,
  arrival: '2026-07-01',
  departure: '2026-07-07',
  requestedAmount: 3_000_000,
};

test("another officer's work shows up live; a stale rule-set save gets CONFLICT and a reload", async ({ page, team }) => {
  await page.goto(`${team.url}#/applications`);
  await expect(page.getByTestId('db-engine')).toContainText('チームサーバー: PostgreSQL 15');
  await expect(page.getByTestId('applications-list')).toBeVisible();
  await expect(page.getByTestId('app-row')).toHaveCount(0);
  const saved = await team.other.invoke('applications/save', { id: null, data: application });
  expect(saved.ok).toBe(true);
  // No reload: the server's NOTIFY reaches this screen through main's change event.
  await expect(page.getByTestId('app-row')).toHaveCount(1);
  await expect(page.getByTestId('app-row').first()).toContainText('TEAM-1');

  await page.goto(`${team.url}#/settings`);
  await page.getByTestId('fy-select').selectOption('2026');
  await expect(page.getByTestId('ruleset-version')).toHaveText('v0');
  await page.getByTestId('rule-A-maxStayDays').fill('6');
  await page.getByTestId('rule-note').fill('私の変更');

  // Meanwhile the other officer saves the same year's rule set.
  const current = await team.other.invoke('rulesets/get', { fiscalYear: 2026 });
  const values = (current as { ok: true; value: RuleSet }).value.values;
  const theirs = await team.other.invoke('rulesets/save', { fiscalYear: 2026, values: { ...values, courses: { ...values.courses, B: { ...values.courses.B, maxStayDays: 9 } } }, note: '別の担当者' });
  expect(theirs.ok).toBe(true);

  await page.getByTestId('rule-save').click();
  const alert = page.getByTestId('ruleset-editor').getByRole('alert');
  await expect(alert).toContainText('編集を始めた後に postgres さんが');
  await expect(alert).toContainText('保存していません');
  // Nothing was overwritten: the server still has the other officer's version only.
  const after = await team.other.invoke('rulesets/get', { fiscalYear: 2026 });
  expect((after as { ok: true; value: RuleSet }).value.version).toBe(1);
  await page.screenshot({ path: 'test-results/team-conflict.png', fullPage: true });

  await page.getByTestId('rule-reload').click();
  await expect(page.getByTestId('ruleset-version')).toHaveText('v1');
  await page.getByTestId('rule-A-maxStayDays').fill('6');
  await page.getByTestId('rule-note').fill('最新版に私の変更');
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('ruleset-version')).toHaveText('v2');
});
