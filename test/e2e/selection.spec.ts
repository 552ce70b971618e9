// Selection you can trust, clicked through as staff would: the decision dialog asks for a reason
// before adopting a rule-breaking plan, the ranking and simulator show eligibility and review
// counts, and the navigation counts refresh after an import without a reload.
import { expect, test } from './fixtures.ts';

const plan = (fy: number, no: string, extra: Record<string, unknown> = {}) => ({
  id: null,
  data: {
    fiscalYear: fy, applicationNo: no, call: 1, course: 'A', title: `交流計画 ${no}`, hostInstitution: '東北大学', applicant: '山田 花子',
    sendingInstitutions: [{ name: '清華大学', country: 'CN' }], countries: ['CN'], field: 'science', mode: 'in-person', invitees: 8, escorts: 1,
    arrival: `${fy}-07-01`, departure: `${fy}-07-07`, requestedAmount: 1_000_000, ...extra,
  },
});

test('adopting a plan with violations asks for a reason and keeps it in the history', async ({ page, app }) => {
  const fy = 2033;
  const inv = async (name: string, input: unknown) => {
    const r = await app.rt.invoke(name, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as { id: string };
  };
  // 14 days on a 7-day course.
  const bad = await inv('applications/save', plan(fy, 'OV-1', { departure: `${fy}-07-14` }));
  await page.goto(`${app.url}#/review/eligibility`);
  await page.getByTestId('review-fy').selectOption(String(fy));
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
  await expect(page.getByTestId('queue-table')).toBeFocused();
  await page.keyboard.press('a');
  const dialog = page.getByTestId('decide-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('decide-confirm').click();
  // Refused by the gate: the dialog now lists the violation and wants a reason.
  await expect(dialog.getByTestId('decide-violations')).toContainText('STAY_TOO_LONG');
  await expect(dialog).toContainText('要件違反のある応募を採択しますか');
  await expect(page.getByTestId('decide-confirm')).toBeDisabled();
  await page.screenshot({ path: 'test-results/selection-override-dialog.png' });
  await page.getByTestId('decide-override').fill('選考委員会で特例として承認');
  await page.getByTestId('decide-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('queue-count-decided')).toHaveText('1');
  const d = (await app.rt.invoke('applications/get', { id: bad.id })) as { ok: true; value: { status: string; history: { overrideReason: string | null; changedBy: string }[] } };
  expect(d.value.status).toBe('adopted');
  expect(d.value.history.find((h) => h.overrideReason)).toMatchObject({ overrideReason: '選考委員会で特例として承認', changedBy: 'e2e-staff' });
});

test('ranking and simulator show eligibility and review counts; ineligible plans are passed', async ({ page, app }) => {
  const fy = 2034;
  const inv = async (name: string, input: unknown) => {
    const r = await app.rt.invoke(name, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as { id: string; criteria?: { key: string }[] };
  };
  const good = await inv('applications/save', plan(fy, 'EL-1'));
  const bad = await inv('applications/save', plan(fy, 'EL-2', { invitees: 30 }));
  const reviewers = [];
  for (const n of ['甲', '乙', '丙']) reviewers.push(await inv('review/saveReviewer', { id: null, data: { name: `審査 ${n}`, institution: `${n}大学` } }));
  await inv('review/assign', { applicationIds: [good.id, bad.id], reviewerIds: reviewers.map((r) => r.id) });
  const rubric = await inv('review/getRubric', { fiscalYear: fy, call: 1 });
  const list = (await app.rt.invoke('review/listAssignments', { fiscalYear: fy })) as { ok: true; value: { items: { id: string; applicationId: string }[] } };
  for (const a of list.value.items) {
    const s = a.applicationId === bad.id ? 5 : 3;
    await inv('review/saveReview', { assignmentId: a.id, scores: rubric.criteria!.map((c) => ({ criterion: c.key, score: s })), recommendation: 'adopt', confidence: 2 });
  }

  await page.goto(`${app.url}#/review/ranking`);
  await page.getByTestId('review-fy').selectOption(String(fy));
  const rows = page.getByTestId('rank-row');
  await expect(rows).toHaveCount(2);
  // The rule breaker ranks first on scores, but its eligibility column says why it cannot be adopted.
  await expect(rows.nth(0)).toContainText('EL-2');
  await expect(rows.nth(0).getByTestId('rank-eligibility')).toContainText('TOO_MANY_INVITEES');
  await expect(rows.nth(1).getByTestId('rank-eligibility')).toContainText('適合');
  await expect(rows.nth(0).getByTestId('rank-reviews')).toHaveText('3');

  await page.getByTestId('budget-yen').fill('10000000');
  await page.getByTestId('budget-simulate').click();
  await expect(page.getByTestId('budget-adopted')).toContainText('EL-1');
  await expect(page.getByTestId('budget-adopted')).not.toContainText('EL-2');
  await expect(page.getByTestId('budget-passed-row').filter({ hasText: 'EL-2' })).toContainText('要件違反');
  await page.screenshot({ path: 'test-results/selection-ranking.png', fullPage: true });
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('budget-commit').click();
  await expect(page.getByText('1 件を決定しました。')).toBeVisible();
  await expect(rows.nth(1)).toContainText('採択');

  // English mode: course names and reasons in English.
  await page.getByTestId('lang-select').selectOption('en');
  await page.getByTestId('budget-simulate').click();
  await expect(page.getByTestId('budget-passed-row').filter({ hasText: 'EL-2' })).toContainText('Ineligible');
  await page.screenshot({ path: 'test-results/selection-ranking-en.png', fullPage: true });
  await page.getByTestId('lang-select').selectOption('ja');
});

test('navigation counts refresh after an import, without a reload', async ({ page, app }) => {
  const fy = new Date().getMonth() >= 3 ? new Date().getFullYear() : new Date().getFullYear() - 1;
  await page.goto(`${app.url}#/applications`);
  await expect(page.getByTestId('applications-list')).toBeVisible();
  const count = page.getByTestId('nav-queue-assignment');
  await expect(count).toContainText('0');
  const header = '受付番号,年度,コース,タイトル,申請機関,申請者,送出し機関,送出し国・地域,分野,形態,招へい人数,引率者数,来日予定日,離日予定日,申請額';
  const rows = [1, 2, 3].map((i) => `NC-${i},${fy},A,交流計画${i},東北大学,山田,清華大学,中国,科学技術,来日,8,1,${fy}/07/01,${fy}/07/07,1000000`);
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-file').setInputFiles({ name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[header, ...rows].join('\r\n')}\r\n`, 'utf8') });
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-summary')).toContainText('追加 3 件');
  // Still inside the dialog, no navigation: the counts behind it are already fresh.
  await expect(count).toContainText('3');
  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('apps-count-shown')).toContainText('3 件');
});

test('an earlier year lists its eligible countries in the rule set; blank means all', async ({ page, app }) => {
  await page.goto(`${app.url}#/settings`);
  await page.getByTestId('fy-select').selectOption('2019');
  const field = page.getByTestId('rule-eligibleCountries');
  await expect(field).toHaveValue('');
  await field.fill('中国、ベトナム、Thailand、ナルニア');
  await page.getByTestId('rule-note').fill('2019年度の対象国・地域');
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('rule-errors')).toContainText('ナルニア');
  await field.fill('中国、ベトナム、Thailand');
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('rule-saved')).toBeVisible();
  await page.screenshot({ path: 'test-results/selection-countries.png', fullPage: true });
  const r = (await app.rt.invoke('rulesets/get', { fiscalYear: 2019 })) as { ok: true; value: { values: { eligibleCountries: string[] | null } } };
  expect(r.value.values.eligibleCountries).toEqual(['CN', 'VN', 'TH']);
});

test('automatic assignment under shortage says what is short and never "balanced"', async ({ page, app }) => {
  const fy = 2035;
  const inv = async (name: string, input: unknown) => {
    const r = await app.rt.invoke(name, input);
    if (!r.ok) throw new Error(r.error.message);
  };
  for (let i = 1; i <= 4; i++) await inv('applications/save', plan(fy, `SH-${i}`, { hostInstitution: '大阪大学' }));
  for (const n of ['一', '二']) await inv('review/saveReviewer', { id: null, data: { name: `不足 ${n}`, institution: `${n}研究所`, maxLoad: 3, activeCalls: [`${fy}-1`] } });
  await page.goto(`${app.url}#/review/auto`);
  await page.getByTestId('review-fy').selectOption(String(fy));
  await page.getByTestId('auto-preview').click();
  // 4 plans × 3 = 12 slots, 2 reviewers × 3 = 6: every plan gets 1 or 2, and the gap is explained.
  await expect(page.getByTestId('auto-shortage')).toContainText('4 件の応募で審査が計 6 件不足しています。');
  // Only two reviewers exist, so no cap increase can give a plan its third: more reviewers are needed.
  await expect(page.getByTestId('auto-shortage')).toContainText('利益相反のない審査委員を 2 名追加すると解消します。');
  await expect(page.getByTestId('auto-shortage')).not.toContainText('上限件数');
  await expect(page.getByTestId('auto-plan')).not.toContainText('最も均等です');
  await page.screenshot({ path: 'test-results/selection-shortage.png', fullPage: true });
});
