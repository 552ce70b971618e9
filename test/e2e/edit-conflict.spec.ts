// Every edit form carries the version it started from (issue 14): a call (公募回) changed through
// the API behind an open form is not overwritten; the save shows who changed it and when, and
// 再読み込み / Reload shows the other change. In Japanese and in English.
import type { CallOutput } from '../../shared/api/index.ts';
import { expect, test, type AppServer } from './fixtures.ts';

type CallRound = CallOutput<'calls/save'>;

async function saveBehindItsBack(app: AppServer, budgetYen: number, expectedVersion: number): Promise<CallRound> {
  const r = await app.rt.invoke('calls/save', { fiscalYear: 2027, number: 1, opensOn: '2027-02-01', closesOn: '2027-03-10', budgetYen, expectedVersion });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as CallRound;
}

test('a stale save of a call is refused with who and when; Reload shows the other change', async ({ page, app }) => {
  const first = await saveBehindItsBack(app, 50_000_000, 0);
  await page.goto(`${app.url}#/settings/2027`);
  await page.getByTestId('call-edit-1').click();
  await page.getByTestId('call-budget').fill('60000000');

  // Another officer saves the same call while the form is open.
  const theirs = await saveBehindItsBack(app, 70_000_000, first.version);
  await page.getByTestId('call-save').click();
  const alert = page.getByTestId('call-form').getByRole('alert');
  await expect(alert).toContainText('2027年度 第1回公募は、編集を始めた後に e2e-staff さんが');
  await expect(alert).toContainText(' JST に変更しました（第1版 → 第2版）。保存していません。');
  await expect(page.getByTestId('call-reload')).toHaveText('最新の内容を読み込む');
  await page.getByTestId('call-reload').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/edit-conflict-ja.png' });
  // Nothing was overwritten: the other officer's budget stands.
  const stored = await app.rt.invoke('calls/list', { fiscalYear: 2027 });
  expect(stored.ok && (stored.value as { items: CallRound[] }).items[0]).toMatchObject({ budgetYen: 70_000_000, version: theirs.version });

  await page.getByTestId('call-reload').click();
  await expect(page.getByTestId('call-budget')).toHaveValue('70,000,000');
  await expect(page.getByTestId('call-reload')).toHaveCount(0);
  // From the reloaded version the save goes through.
  await page.getByTestId('call-budget').fill('80000000');
  await page.getByTestId('call-save').click();
  await expect(page.getByTestId('call-row-1')).toContainText('80,000,000');

  // The same in English.
  await page.getByTestId('settings-lang-en').click();
  await page.getByTestId('call-edit-1').click();
  await page.getByTestId('call-budget').fill('90000000');
  await saveBehindItsBack(app, 75_000_000, theirs.version + 1);
  await page.getByTestId('call-save').click();
  await expect(alert).toContainText('e2e-staff changed FY2027 call 1 at ');
  await expect(alert).toContainText(' JST, after you started editing (version 3 → 4). Nothing was saved.');
  await page.getByTestId('call-reload').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/edit-conflict-en.png' });
  await page.getByTestId('call-reload').click();
  await expect(page.getByTestId('call-budget')).toHaveValue('75,000,000');
});
