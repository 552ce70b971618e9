// Switching the language re-words what is already on screen: an error from the core, a notice
// after a save, and a client-side check. They are kept as values (an ApiError with both languages,
// an i18n key with parameters), never as sentences in the language they were first shown in.
import type { ApplicationDetail } from '../../shared/api/applications.ts';
import { expect, test, type AppServer } from './fixtures.ts';

async function invoke<T>(app: AppServer, name: string, input: unknown): Promise<T> {
  const r = await app.rt.invoke(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

function application(no: string) {
  const trip = { fiscalYear: 2026, arrival: '2026-07-01', departure: '2026-07-07', invitees: 8, escorts: 1, requestedAmount: 2_500_000 };
  const who = { hostInstitution: '東北大学', applicant: '山田 花子', sendingInstitutions: [{ name: 'Chulalongkorn University', country: 'TH' }], countries: ['TH'] };
  return { id: null, data: { ...trip, ...who, applicationNo: no, call: 1, course: 'A', title: `言語切替の確認 ${no}`, field: 'science', mode: 'in-person' } };
}

test.afterEach(async ({ page }) => {
  // The choice is remembered in localStorage; leave the next test in Japanese.
  await page.evaluate(() => localStorage.removeItem('sakura.lang')).catch(() => undefined);
});

test('an error and a notice shown in Japanese read in English after the switch', async ({ page, app }) => {
  await invoke<ApplicationDetail>(app, 'applications/save', application('E2E-LANG-001'));
  const second = await invoke<ApplicationDetail>(app, 'applications/save', application('E2E-LANG-002'));

  await page.goto(`${app.url}#/applications/${second.id}`);
  await expect(page.getByTestId('f-applicationNo')).toHaveValue('E2E-LANG-002');

  // An error value from the core: the number belongs to another application.
  await page.getByTestId('f-applicationNo').fill('E2E-LANG-001');
  await page.getByTestId('save').click();
  const alert = page.getByRole('alert').filter({ hasText: 'E2E-LANG-001' });
  await expect(alert).toContainText('2026年度の受付番号「E2E-LANG-001」は別の応募で使われています。');
  await page.screenshot({ path: 'test-results/language-switch-ja.png', fullPage: true });

  await page.getByTestId('lang-select').selectOption('en');
  await expect(alert).toContainText('Application number "E2E-LANG-001" is already used in FY2026.');
  await expect(alert).not.toContainText('受付番号');
  await page.screenshot({ path: 'test-results/language-switch-en.png', fullPage: true });

  // A notice made in English (with a status name inside) follows the switch back to Japanese.
  await page.getByTestId('status-select').selectOption('withdrawn');
  await page.getByTestId('status-apply').click();
  const changed = page.getByTestId('status-panel').getByRole('status');
  await expect(changed).toHaveText('Status changed to "Withdrawn".');
  await page.getByTestId('lang-select').selectOption('ja');
  await expect(changed).toHaveText('状態を「辞退」に変更しました。');
});

test('a check the form makes itself follows the switch too', async ({ page, app }) => {
  await page.goto(`${app.url}#/institutions/new`);
  await page.getByTestId('inst-form').getByTestId('inst-edit-save').click();
  const problem = page.getByTestId('inst-form').getByRole('alert');
  await expect(problem).toHaveText('機関名（日本語）を入力してください。');
  await page.getByTestId('lang-select').selectOption('en');
  await expect(problem).toHaveText('Enter the Japanese name.');
});

test('the 履歴 panel names changed fields in the current language, not by their columns', async ({ page, app }) => {
  const a = await invoke<ApplicationDetail>(app, 'applications/save', application('E2E-LANG-003'));
  const edited = application('E2E-LANG-003');
  await invoke(app, 'applications/save', { id: a.id, data: { ...edited.data, requestedAmount: 3_000_000, title: '改訂後の計画' } });
  await page.goto(`${app.url}#/applications/${a.id}`);
  const panel = page.getByTestId('history-panel');
  await panel.locator('summary').click();
  const edit = panel.getByTestId('audit-row').first();
  await expect(edit).toContainText('申請額: 2500000 → 3000000');
  await expect(edit).toContainText('交流計画名: 言語切替の確認 E2E-LANG-003 → 改訂後の計画');
  await expect(edit).not.toContainText('requested_amount');
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/history-fields-ja.png', fullPage: true });
  await page.getByTestId('lang-select').selectOption('en');
  await expect(edit).toContainText('Requested amount: 2500000 → 3000000');
  await expect(edit).toContainText('Title: ');
});
