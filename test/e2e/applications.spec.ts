// The applications screens in a real browser: import a spreadsheet through the UI, see the
// eligibility badges in the list and the Japanese violation messages in the form, see a bad file
// rejected row by row with nothing written, and see a violation appear while typing.
// Each worker's database is shared by the spec files it runs, so every test uses its own
// application numbers and looks only at those.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const HEADER = '受付番号,年度,コース,タイトル,申請機関,申請者,送出し機関,送出し国・地域,分野,形態,招へい人数,引率者数,来日予定日,離日予定日,申請額';

function csvFile(name: string, rows: string[]) {
  // UTF-8 with BOM, as Excel's "CSV UTF-8" writes it.
  return { name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8') };
}

async function openImport(page: Page) {
  await page.getByTestId('open-import').click();
  await expect(page.getByTestId('import-dialog')).toBeVisible();
}

async function importFile(page: Page, file: ReturnType<typeof csvFile>) {
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-start').click();
}

async function search(page: Page, text: string) {
  await page.getByTestId('apps-search').fill(text);
}

test('imports a CSV, lists it with eligibility badges and shows the violations in Japanese', async ({ page, app }) => {
  const p = `IMP${Date.now().toString(36).toUpperCase()}`;
  const file = csvFile('applications.csv', [
    `${p}-001,2026,A,アジアの若手研究者と学ぶ量子計測,東京科学大学,山田 花子,清華大学,中国,科学技術,来日,8,1,2026/07/01,2026/07/07,"1,200,000"`,
    `${p}-002,令和8,C,東南アジア水資源管理研修,京都大学,佐藤 一郎,チュラロンコン大学;マヒドン大学,タイ,科学技術,来日,14,2,2026-08-01,2026-08-10,￥2500000`,
    // Course A allows 7 days and 10 invitees from one institution: 9 days and 12 invitees break both.
    `${p}-003,2026,A,防災技術の体験交流,大阪大学,鈴木 次郎,ハノイ工科大学,ベトナム,科学技術,来日,12,1,2026/09/01,2026/09/09,1800000`,
  ]);

  await page.goto(`${app.url}#/applications`);
  await expect(page.getByTestId('applications-list')).toBeVisible();
  await openImport(page);
  await importFile(page, file);
  await expect(page.getByTestId('import-summary')).toContainText('追加 3 件、更新 0 件');

  // The same file again updates the same (年度, 受付番号) instead of adding.
  await importFile(page, file);
  await expect(page.getByTestId('import-summary')).toContainText('追加 0 件、更新 3 件');
  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('import-dialog')).toBeHidden();

  await search(page, p);
  const rows = page.getByTestId('app-row');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('apps-count-shown')).toContainText('3 件を表示');

  const bad = rows.filter({ hasText: `${p}-003` });
  const badBadge = bad.locator('[data-testid="elig-badge"][data-kind="violations"]');
  await expect(badBadge).toHaveText('違反 2');
  await expect(badBadge).toHaveAttribute('title', /STAY_TOO_LONG: 滞在期間がコースの上限を超えています/);
  await expect(badBadge).toHaveAttribute('title', /TOO_MANY_INVITEES/);
  await expect(bad).toContainText('ベトナム');
  await expect(bad).toContainText('￥1,800,000');
  await expect(bad).toContainText('受付');
  const good = rows.filter({ hasText: `${p}-001` });
  await expect(good.locator('[data-kind="violations"]')).toHaveCount(0);
  await expect(good).toContainText('中国');
  await expect(good).toContainText('￥1,200,000');

  // Filters run in the page: only the bad one has violations.
  await page.getByTestId('filter-violations').selectOption('yes');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`${p}-003`);
  await page.getByTestId('filter-violations').selectOption('no');
  await expect(rows).toHaveCount(2);
  await page.getByTestId('filter-violations').selectOption('');
  await page.getByTestId('filter-course').selectOption('C');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`${p}-002`);
  await page.getByTestId('filter-course').selectOption('');

  // Sorting by 招へい人数, both ways.
  await page.getByTestId('sort-invitees').click();
  await expect(rows.first()).toContainText(`${p}-001`);
  await page.getByTestId('sort-invitees').click();
  await expect(rows.first()).toContainText(`${p}-002`);

  await bad.click();
  await expect(page.getByTestId('application-form')).toBeVisible();
  await expect(page.getByTestId('f-applicationNo')).toHaveValue(`${p}-003`);
  await expect(page.getByTestId('ruleset-name')).toContainText('FY2026 既定 (v0)');
  const stay = page.locator('[data-testid="violation"][data-code="STAY_TOO_LONG"]');
  await expect(stay).toContainText('滞在期間が9日間で、Aコース（科学技術体験コース）の上限7日間を超えています。');
  const many = page.locator('[data-testid="violation"][data-code="TOO_MANY_INVITEES"]');
  await expect(many).toContainText('招へい者が12人で');
  await expect(many).toContainText('上限10人を超えています');
  await expect(page.getByTestId('status-history')).toContainText('e2e-staff');

  // English switches the messages, not the data.
  await page.getByTestId('lang-select').selectOption('en');
  await expect(stay).toContainText('Stay of 9 days exceeds the 7-day limit');
  await page.getByTestId('lang-select').selectOption('ja');
  await expect(stay).toContainText('滞在期間が9日間で');
});

test('a malformed file is rejected with its rows and columns, and nothing is written', async ({ page, app }) => {
  const p = `BAD${Date.now().toString(36).toUpperCase()}`;
  const file = csvFile('broken.csv', [
    `${p}-001,2026,A,正しい行,東京大学,山田 花子,清華大学,中国,科学技術,来日,5,0,2026/07/01,2026/07/05,1000000`,
    `${p}-002,2026,A,日付が壊れた行,東京大学,山田 花子,清華大学,中国,科学技術,来日,5,0,2026/13/45,2026/07/05,1000000`,
    `${p}-003,2026,A,人数が壊れた行,東京大学,山田 花子,清華大学,中国,科学技術,来日,たくさん,0,2026/07/01,2026/07/05,1000000`,
    `${p}-004,2026,Z,コースが壊れた行,東京大学,山田 花子,清華大学,中国,科学技術,来日,5,0,2026/07/01,2026/07/05,1000000`,
  ]);

  await page.goto(`${app.url}#/applications`);
  await expect(page.getByTestId('apps-count-shown')).toBeVisible();
  const totalBefore = await page.getByTestId('apps-count-shown').getAttribute('data-total');

  await openImport(page);
  await importFile(page, file);
  const problems = page.getByTestId('import-problems');
  await expect(problems).toBeVisible();
  await expect(problems).toContainText('何も書き込まれていません');
  await expect(page.getByTestId('import-summary')).toHaveCount(0);
  const problemRows = page.getByTestId('import-problem');
  await expect(problemRows.filter({ hasText: '来日予定日' }).first().locator('td').first()).toHaveText('3');
  await expect(problemRows.filter({ hasText: '招へい人数' }).first().locator('td').first()).toHaveText('4');
  await expect(problemRows.filter({ hasText: 'コース' }).first().locator('td').first()).toHaveText('5');

  // The template comes down as an .xlsx file.
  const download = page.waitForEvent('download');
  await page.getByTestId('import-template').click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
  await page.getByTestId('import-close').click();

  await search(page, p);
  await expect(page.getByTestId('app-row')).toHaveCount(0);
  await expect(page.getByTestId('apps-empty')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('apps-count-shown')).toHaveAttribute('data-total', totalBefore ?? '');
});

test('the form shows a violation while typing, saves, changes status and deletes only after confirming', async ({ page, app }) => {
  const no = `FORM${Date.now().toString(36).toUpperCase()}`;
  await page.goto(`${app.url}#/applications`);
  await page.getByTestId('new-application').click();
  await expect(page.getByTestId('application-form')).toBeVisible();

  // Saving an empty form only shows what is missing.
  await page.getByTestId('save').click();
  await expect(page.getByTestId('form-errors')).toBeVisible();
  await expect(page.getByTestId('field-error').first()).toHaveText('入力してください');

  await page.getByTestId('f-fiscalYear').fill('2026');
  await page.getByTestId('f-applicationNo').fill(no);
  await page.getByTestId('f-course').selectOption('A');
  await expect(page.getByTestId('f-program')).toHaveText('一般公募');
  await page.getByTestId('f-title').fill('再生可能エネルギー体験プログラム');
  await page.getByTestId('f-hostInstitution').fill('東北大学');
  await page.getByTestId('f-applicant').fill('高橋 三郎');
  await page.getByTestId('f-sending-name').first().fill('Chulalongkorn University');
  await page.getByTestId('f-sending-country').first().selectOption('TH');
  await expect(page.locator('[data-testid="country-chip"][data-code="TH"]')).toContainText('タイ');
  await page.getByTestId('f-invitees').fill('8');
  await page.getByTestId('f-escorts').fill('1');
  await page.getByTestId('f-arrival').fill('2026-07-01');
  await page.getByTestId('f-departure').fill('2026-07-07');
  await page.getByTestId('f-requestedAmount').fill('１，５００，０００');
  await expect(page.getByTestId('stay-days')).toContainText('7 日間');
  await expect(page.getByTestId('eligibility-ok')).toBeVisible();
  await expect(page.getByTestId('ruleset-name')).toContainText('FY2026');

  await page.getByTestId('save').click();
  await expect(page.getByTestId('form-notice')).toContainText('保存しました');
  await expect(page).toHaveURL(/#\/applications\/[^/]+$/);
  await expect(page.getByTestId('f-requestedAmount')).toHaveValue('1500000');
  await expect(page.getByTestId('eligibility-ok')).toBeVisible();

  // One more day than course A allows: the violation is there before anything is saved.
  await page.getByTestId('f-departure').fill('2026-07-08');
  const stay = page.locator('[data-testid="violation"][data-code="STAY_TOO_LONG"]');
  await expect(stay).toContainText('滞在期間が8日間で、Aコース（科学技術体験コース）の上限7日間を超えています。');
  await expect(page.getByTestId('dirty')).toBeVisible();
  await page.getByTestId('f-invitees').fill('11');
  await expect(page.locator('[data-testid="violation"][data-code="TOO_MANY_INVITEES"]')).toContainText('招へい者が11人で');
  await page.getByTestId('f-title').fill('');
  await page.getByTestId('f-title').blur();
  await expect(page.getByTestId('field-error')).toHaveText('入力してください');

  // Not saved: a reload shows the stored plan, which has no violation.
  await page.reload();
  await expect(page.getByTestId('f-departure')).toHaveValue('2026-07-07');
  await expect(page.getByTestId('eligibility-ok')).toBeVisible();

  await page.getByTestId('status-select').selectOption('under-review');
  await page.getByTestId('status-comment').fill('書類確認済み');
  await page.getByTestId('status-apply').click();
  const history = page.getByTestId('status-history');
  await expect(history).toContainText('受付 → 審査中');
  await expect(history).toContainText('書類確認済み');
  await expect(history).toContainText('e2e-staff');

  // Delete asks first; cancelling keeps the application.
  await page.getByTestId('delete').click();
  await expect(page.getByTestId('confirm-delete')).toBeVisible();
  await expect(page.getByTestId('confirm-delete')).toContainText(no);
  await page.getByTestId('confirm-cancel').click();
  await expect(page.getByTestId('confirm-delete')).toBeHidden();
  await expect(page.getByTestId('application-form')).toBeVisible();
  await page.getByTestId('delete').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('list-notice')).toContainText('削除しました');
  await search(page, no);
  await expect(page.getByTestId('app-row')).toHaveCount(0);
});
