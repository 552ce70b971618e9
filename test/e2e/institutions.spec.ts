// 実施機関リスト: the same institution typed two ways (full-width, ideographic space, case) shows up
// as a duplicate group; merging keeps one institution that carries the programs of both.
import type { ApplicationDetail } from '../../shared/api/applications.ts';
import type { Institution } from '../../shared/api/reference.ts';
import { expect, test, type AppServer } from './fixtures.ts';

async function invoke<T>(app: AppServer, name: string, input: unknown): Promise<T> {
  const r = await app.rt.invoke(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

function application(no: string, fiscalYear: number, host: string, title: string) {
  return {
    id: null,
    data: {
      fiscalYear,
      applicationNo: no,
      call: 1,
      course: 'A',
      title,
      hostInstitution: host,
      applicant: '山田 花子',
      sendingInstitutions: [{ name: 'Chulalongkorn University', country: 'TH' }],
      countries: ['TH'],
      field: 'science',
      mode: 'in-person',
      invitees: 8,
      escorts: 1,
      arrival: `${fiscalYear}-07-01`,
      departure: `${fiscalYear}-07-07`,
      requestedAmount: 2_500_000,
    },
  };
}

test('finds institutions that differ only by width, space and case, and merges them', async ({ page, app }) => {
  // Saving an application reuses the institution with the same normalised name, so the second
  // spelling gets its own row only while the first is renamed; renaming it back makes the pair.
  const first = await invoke<ApplicationDetail>(app, 'applications/save', application('E2E-INST-001', 2026, 'Tokyo Tech', '材料科学体験プログラム'));
  const keepId = first.hostInstitutionId;
  await invoke(app, 'institutions/save', { id: keepId, nameJa: 'Tokyo Tech（一時）', nameEn: null, country: 'JP', kind: 'university' });
  const second = await invoke<ApplicationDetail>(app, 'applications/save', application('E2E-INST-002', 2025, 'ＴＯＫＹＯ　ＴＥＣＨ', 'ロボット工学研修'));
  const otherId = second.hostInstitutionId;
  expect(otherId).not.toBe(keepId);
  await invoke(app, 'institutions/save', { id: keepId, nameJa: 'Tokyo Tech', nameEn: 'Institute of Science Tokyo', country: 'JP', kind: 'university' });

  await page.goto(`${app.url}#/institutions`);
  await page.getByTestId('inst-search').fill('tokyo tech');
  await expect(page.getByTestId('inst-row')).toHaveCount(2);
  await expect(page.getByTestId('inst-dup-count')).toHaveText('1');

  await page.getByTestId('inst-tab-duplicates').click();
  const group = page.getByTestId('inst-dup-group').filter({ hasText: 'Institute of Science Tokyo' });
  await expect(group).toHaveCount(1);
  await expect(group).toContainText('ＴＯＫＹＯ');
  await expect(group.locator('tbody tr')).toHaveCount(2);
  await group.getByLabel('残す: Tokyo Tech', { exact: true }).check();

  await group.getByTestId('inst-dup-merge').click();
  const dialog = page.getByTestId('inst-merge-dialog');
  await expect(dialog).toContainText('機関を統合しますか？');
  await expect(dialog).toContainText('「Tokyo Tech」を残し');
  await expect(dialog.locator('.merge-list li')).toHaveCount(1);
  await expect(dialog.locator('.merge-list li')).toContainText('ＴＯＫＹＯ');
  // Cancelling changes nothing.
  await page.getByTestId('inst-merge-cancel').click();
  await expect(dialog).toHaveCount(0);
  await expect(group).toHaveCount(1);

  await group.getByTestId('inst-dup-merge').click();
  await page.getByTestId('inst-merge-confirm').click();
  const result = page.getByTestId('inst-merge-result');
  await expect(result).toContainText('統合しました');
  await expect(result).toContainText('「Tokyo Tech」');
  await expect(result).toContainText('受入れ 2 件');
  await expect(page.getByTestId('inst-dup-group').filter({ hasText: 'Institute of Science Tokyo' })).toHaveCount(0);

  // One institution left, carrying both programs, grouped by fiscal year.
  await page.getByTestId('inst-merge-result-link').click();
  await expect(page.getByTestId('inst-detail-name')).toHaveText('Tokyo Tech');
  await expect(page.getByTestId('inst-summary')).toContainText('受入れ 2 件');
  await expect(page.getByTestId('inst-program-row')).toHaveCount(2);
  await expect(page.getByTestId('inst-programs-fy-2026')).toContainText('E2E-INST-001');
  await expect(page.getByTestId('inst-programs-fy-2026')).toContainText('受入れ');
  await expect(page.getByTestId('inst-programs-fy-2025')).toContainText('E2E-INST-002');
  await expect(page.getByTestId('inst-programs-fy-2025')).toContainText('ロボット工学研修');
  await expect(page.getByTestId('inst-dup-hint')).toHaveCount(0);

  await page.getByTestId('inst-back').click();
  await page.getByTestId('inst-search').fill('ｔｏｋｙｏ');
  await expect(page.getByTestId('inst-row')).toHaveCount(1);
  await expect(page.getByTestId('inst-row')).toContainText('Tokyo Tech');
  await expect(page.getByTestId('inst-hosted')).toHaveText('2');

  const left = await invoke<{ items: Institution[] }>(app, 'institutions/list', { q: 'tokyo tech' });
  expect(left.items.map((i) => i.id)).toEqual([keepId]);
});

test('edits an institution and shows it as a sending institution of its programs', async ({ page, app }) => {
  await invoke(app, 'applications/save', {
    ...application('E2E-INST-101', 2024, '京都大学', '東南アジアの水資源研究'),
    data: {
      ...application('E2E-INST-101', 2024, '京都大学', '東南アジアの水資源研究').data,
      sendingInstitutions: [{ name: 'Universitas Gadjah Mada', country: null }],
      countries: ['ID'],
    },
  });
  await page.goto(`${app.url}#/institutions`);
  await page.getByTestId('inst-search').fill('gadjah');
  await expect(page.getByTestId('inst-row')).toHaveCount(1);
  await expect(page.getByTestId('inst-row')).toContainText('（未設定）');
  await page.getByTestId('inst-name').click();

  await expect(page.getByTestId('inst-programs-fy-2024')).toContainText('E2E-INST-101');
  await expect(page.getByTestId('inst-programs-fy-2024')).toContainText('送出し');
  await page.getByTestId('inst-edit-nameJa').fill('ガジャマダ大学');
  await page.getByTestId('inst-edit-nameEn').fill('Universitas Gadjah Mada');
  await page.getByTestId('inst-edit-country').selectOption('ID');
  await page.getByTestId('inst-edit-kind').selectOption('university');
  await page.getByTestId('inst-edit-save').click();
  await expect(page.getByTestId('inst-detail-name')).toHaveText('ガジャマダ大学');
  await expect(page.getByTestId('inst-saved')).toContainText('保存しました');

  await page.getByTestId('inst-back').click();
  await page.getByTestId('inst-search').fill('gadjah');
  const row = page.getByTestId('inst-row');
  await expect(row).toContainText('ガジャマダ大学');
  await expect(row).toContainText('インドネシア');
  await expect(row).toContainText('大学');
  await expect(page.getByTestId('inst-sent')).toHaveText('1');
});

test('adds an abbreviation as another name, finds the institution by it, removes it and undoes', async ({ page, app }) => {
  await invoke(app, 'applications/save', application('E2E-INST-201', 2026, '国立大学法人東京大学', '量子計測の共同研究'));
  await page.goto(`${app.url}#/institutions`);
  await page.getByTestId('inst-search').fill('東京大学');
  await expect(page.getByTestId('inst-row')).toHaveCount(1);
  await page.getByTestId('inst-name').click();
  await expect(page.getByTestId('inst-detail-name')).toHaveText('国立大学法人東京大学');
  const panel = page.getByTestId('inst-aliases');
  await expect(panel).toContainText('別名はまだありません');

  await page.getByTestId('alias-name').fill('東大');
  await page.getByTestId('alias-kind').selectOption('abbr');
  await page.getByTestId('alias-add').click();
  await expect(page.getByTestId('alias-row')).toHaveCount(1);
  await expect(page.getByTestId('alias-row')).toContainText('東大');
  await expect(page.getByTestId('alias-row')).toContainText('略称');
  await page.screenshot({ path: 'test-results/institution-aliases.png' });

  // Search goes through the aliases: the abbreviation finds the institution and its application.
  const found = await invoke<{ items: { applicationNo: string }[] }>(app, 'applications/list', { q: '東大', limit: 10 });
  expect(found.items.map((a) => a.applicationNo)).toEqual(['E2E-INST-201']);

  await page.getByRole('button', { name: '別名「東大」を削除' }).click();
  await expect(page.getByTestId('alias-row')).toHaveCount(0);
  await expect(page.getByTestId('alias-removed')).toContainText('別名「東大」を削除しました');
  await page.getByTestId('alias-removed').getByRole('button', { name: '元に戻す' }).click();
  await expect(page.getByTestId('alias-row')).toHaveCount(1);
  await expect(page.getByTestId('alias-row')).toContainText('東大');
});
