// Dialogs whose lists grow with what staff hand them: a spreadsheet with hundreds of bad rows, a
// review-sheet import with hundreds of problems, a whole queue of rule-breaking plans decided at
// once. Each names the first ones and says how many more, so its DOM stays small.
import { expect, test } from './fixtures.ts';

const HEADER = '受付番号,年度,コース,タイトル,申請機関,申請者,送出し機関,送出し国・地域,分野,形態,招へい人数,引率者数,来日予定日,離日予定日,申請額';

test('an application import with 150 bad rows lists the first 100 problems and counts the rest', async ({ page, app }) => {
  const rows = Array.from({ length: 150 }, (_, i) => `BULK-${i},2026,Z,コースが壊れた行,東京大学,山田 花子,清華大学,中国,科学技術,来日,5,0,2026/07/01,2026/07/05,1000000`);
  const file = { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8') };
  await page.goto(`${app.url}#/applications`);
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-problems')).toBeVisible();
  await expect(page.getByTestId('import-problem')).toHaveCount(100);
  await expect(page.getByTestId('import-problem').first().locator('td').first()).toHaveText('2');
  await expect(page.getByTestId('import-problems-more')).toContainText('ほか 50 件');
});

test('a review-sheet import refused with 300 problems lists the first 100', async ({ page, app }) => {
  // The server's refusal, as review/importSheets sends it for a folder of badly filled sheets.
  const problems = Array.from({ length: 300 }, (_, i) => ({ row: i + 2, column: '評点', message: `評点が範囲外です (${i + 2})`, messageEn: `Score out of range (${i + 2})` }));
  await page.route('**/api/review%2FimportSheets', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'IMPORT_REJECTED', message: '取り込めませんでした。', details: { problems } } }) }),
  );
  await page.goto(`${app.url}#/review/sheets`);
  await page.getByTestId('sheets-files').setInputFiles({ name: 'sheet.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('x') });
  await page.getByTestId('sheets-import').click();
  const list = page.getByTestId('import-problems');
  await expect(list.locator('li')).toHaveCount(100);
  await expect(list.locator('li').last()).toContainText('(101)');
  await expect(page.getByTestId('import-problems-more')).toContainText('ほか 200 件');
});

test('deciding 55 rule-breaking plans at once names the first 50 and counts the rest', async ({ page, app }) => {
  const fy = 2034;
  for (let i = 0; i < 55; i++) {
    const r = await app.rt.invoke('applications/save', {
      id: null,
      data: {
        fiscalYear: fy, applicationNo: `OVB-${String(i).padStart(2, '0')}`, call: 1, course: 'A', title: `長すぎる滞在 ${i}`, hostInstitution: '東北大学', applicant: '山田 花子',
        sendingInstitutions: [{ name: '清華大学', country: 'CN' }], countries: ['CN'], field: 'science', mode: 'in-person', invitees: 8, escorts: 1,
        // 14 days on a 7-day course.
        arrival: `${fy}-07-01`, departure: `${fy}-07-14`, requestedAmount: 1_000_000,
      },
    });
    if (!r.ok) throw new Error(r.error.message);
  }
  await page.goto(`${app.url}#/review/eligibility`);
  await page.getByTestId('review-fy').selectOption(String(fy));
  await expect(page.getByTestId('queue-count-eligibility')).toHaveText('55');
  await page.getByTestId('queue-table').focus();
  for (let i = 0; i < 55; i++) {
    await page.keyboard.press('x');
    await page.keyboard.press('j');
  }
  await expect(page.getByTestId('queue-selected')).toContainText('55');
  await page.keyboard.press('a');
  await page.getByTestId('decide-confirm').click();
  const dialog = page.getByTestId('decide-dialog');
  await expect(dialog.locator('[data-testid="decide-violations"] > li')).toHaveCount(50);
  await expect(dialog.getByTestId('decide-violations-more')).toContainText('ほか 5 件');
  await page.screenshot({ path: 'test-results/dialog-decide-many.png' });
  // The reason still adopts every one of them, named or not.
  await page.getByTestId('decide-override').fill('選考委員会で一括特例');
  await page.getByTestId('decide-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('queue-count-decided')).toHaveText('55');
});
