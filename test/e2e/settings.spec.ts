// Settings: the fiscal year's rule set is edited in the app, saved as a new version with its reason,
// and the change shows in the history; calls (公募回) are added and edited; English labels on switch.
import type { RuleSet } from '../../shared/rules/ruleset.ts';
import { expect, test } from './fixtures.ts';

test('changes course A stay limit for FY2026 to 6 days and records it in the history', async ({ page, app }) => {
  // The worker's database may already hold edits from other tests: expect the next version.
  const before = await app.rt.invoke('rulesets/get', { fiscalYear: 2026 });
  expect(before.ok).toBe(true);
  const version = before.ok ? (before.value as RuleSet).version : 0;
  const next = version + 1;

  await page.goto(`${app.url}#/settings`);
  await page.getByTestId('fy-select').selectOption('2026');
  await expect(page.getByTestId('ruleset-version')).toHaveText(`v${version}`);
  if (version === 0) {
    await expect(page.getByTestId('ruleset-name')).toHaveText('FY2026 既定 (v0)');
    await expect(page.getByTestId('rule-history-empty')).toBeVisible();
  }
  await expect(page.getByTestId('rules-row-A')).toContainText('科学技術体験コース');

  const stay = page.getByTestId('rule-A-maxStayDays');
  const old = await stay.inputValue();
  // A value that is not a number is refused in Japanese, naming the field, and nothing is saved.
  await stay.fill('六');
  await page.getByTestId('rule-note').fill('確認');
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('rule-errors')).toContainText('Aコース 滞在上限日数: 整数で入力してください。');
  await expect(page.getByTestId('ruleset-version')).toHaveText(`v${version}`);

  // Saving needs a reason.
  await stay.fill('6');
  await page.getByTestId('rule-note').fill('');
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('rule-note-error')).toContainText('変更理由を入力してください');
  await expect(page.getByTestId('ruleset-version')).toHaveText(`v${version}`);

  const note = '令和8年度募集要項の改訂に合わせて Aコースの滞在上限を6日に変更';
  await page.getByTestId('rule-note').fill(note);
  await page.getByTestId('rule-save').click();

  await expect(page.getByTestId('ruleset-version')).toHaveText(`v${next}`);
  await expect(page.getByTestId('ruleset-name')).toHaveText(`FY2026 v${next}`);
  await expect(page.getByTestId('rule-saved')).toContainText(`FY2026 v${next}`);
  await expect(page.getByTestId('ruleset-meta')).toContainText('e2e-staff');
  await expect(stay).toHaveValue('6');

  const entry = page.getByTestId(`rule-history-v${next}`);
  await expect(entry).toContainText(`v${next}`);
  await expect(entry).toContainText('e2e-staff');
  await expect(entry).toContainText(note);
  await expect(entry.locator('.diff-list li')).toHaveCount(1);
  await expect(entry.locator('.diff-list li')).toHaveText(`Aコース 滞在上限日数: ${old}日 → 6日`);

  // Stored in the database, and still there after a reload.
  const after = await app.rt.invoke('rulesets/get', { fiscalYear: 2026 });
  expect(after.ok && (after.value as RuleSet).values.courses.A.maxStayDays).toBe(6);
  expect(after.ok && (after.value as RuleSet).version).toBe(next);
  await page.reload();
  await expect(page.getByTestId('ruleset-version')).toHaveText(`v${next}`);
  await expect(page.getByTestId('rule-A-maxStayDays')).toHaveValue('6');
  await expect(page.getByTestId(`rule-history-v${next}`)).toContainText(note);

  // Another year is untouched.
  await page.getByTestId('fy-select').selectOption('2025');
  await expect(page.getByTestId('rules-row-A')).toBeVisible();
  await expect(page.getByTestId('rule-A-maxStayDays')).toHaveValue('7');
});

test("main's own validation errors are shown in Japanese, naming the field", async ({ page, app }) => {
  // Slip a value past the form (which refuses it itself) so the real API answers with VALIDATION.
  await page.route('**/api/rulesets%2Fsave', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as { values: RuleSet['values'] };
    body.values.courses.B.maxStayDays = 0;
    await route.continue({ postData: JSON.stringify(body) });
  });
  await page.goto(`${app.url}#/settings/2028`);
  await page.getByTestId('rule-B-maxStayDays').fill('20');
  await page.getByTestId('rule-note').fill('検証');
  await page.getByTestId('rule-save').click();
  const error = page.getByTestId('api-error');
  await expect(error).toContainText('入力が正しくありません');
  await expect(error).toContainText('Bコース 滞在上限日数:');
  await expect(error).toContainText('数値は1以上');
  await expect(page.getByTestId('ruleset-version')).toHaveText('v0');
  const stored = await app.rt.invoke('rulesets/get', { fiscalYear: 2028 });
  expect(stored.ok && (stored.value as RuleSet).version).toBe(0);
});

test('adds and edits a call (公募回) of the year', async ({ page, app }) => {
  await page.goto(`${app.url}#/settings/2027`);
  await expect(page.getByTestId('calls-editor')).toBeVisible();
  await page.getByTestId('call-add').click();
  await page.getByTestId('call-number').fill('1');
  await page.getByTestId('call-opens').fill('2027-02-01');
  await page.getByTestId('call-closes').fill('2027-01-10');
  await page.getByTestId('call-budget').fill('５０,０００,０００円');
  await page.getByTestId('call-save').click();
  await expect(page.getByTestId('call-errors')).toContainText('締切は受付開始日以降の日付にしてください。');

  await page.getByTestId('call-closes').fill('2027-03-10');
  await page.getByTestId('call-save').click();
  const row = page.getByTestId('call-row-1');
  await expect(row).toContainText('第1回');
  await expect(row).toContainText('2027/02/01');
  await expect(row).toContainText('2027/03/10');
  await expect(row).toContainText('50,000,000');

  await page.getByTestId('call-edit-1').click();
  await page.getByTestId('call-budget').fill('60000000');
  await page.getByTestId('call-save').click();
  await expect(page.getByTestId('call-row-1')).toContainText('60,000,000');
  await expect(page.getByTestId('calls-total')).toHaveText('60,000,000');

  const calls = await app.rt.invoke('calls/list', { fiscalYear: 2027 });
  expect(calls.ok && calls.value).toEqual({ items: [expect.objectContaining({ number: 1, opensOn: '2027-02-01', closesOn: '2027-03-10', budgetYen: 60_000_000 })], total: 1 });
});

test('switching to English shows English labels', async ({ page, app }) => {
  await page.goto(`${app.url}#/settings/2026`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('設定');
  await expect(page.getByTestId('rules-courses')).toContainText('滞在上限日数');
  await page.getByTestId('settings-lang-en').click();
  await expect(page.getByTestId('settings-lang-en')).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(page.getByTestId('nav-settings')).toHaveText('Settings');
  const table = page.getByTestId('rules-courses');
  await expect(table.locator('thead')).toContainText('Stay limit (days)');
  await expect(table.locator('thead')).toContainText('Several countries/regions');
  await expect(page.getByTestId('rules-row-A')).toContainText('Science and Technology Experience Course');
  await expect(page.getByText('Rule set for FY2026')).toBeVisible();
  await expect(page.getByTestId('ruleset-name')).toHaveText('FY2026 default (v0)');
  await expect(page.getByText('Change history')).toBeVisible();
  await expect(page.getByTestId('rule-save')).toHaveText('Save rule set');
  await expect(page.getByTestId('settings-page')).not.toContainText('滞在上限日数');
  // And back.
  await page.getByTestId('settings-lang-ja').click();
  await expect(page.getByTestId('settings-lang-ja')).toBeChecked();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('設定');
});
