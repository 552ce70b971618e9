// A staff member walks one application from assignment to decision with the keyboard: select it
// in the queue, assign reviewers (the conflicted one is refused with its reason), enter the
// reviews, see it move to "ready for decision", adopt it with a comment, find it in "decided".
// Uses its own fiscal year so other specs sharing the worker's database do not show up.
import { expect, test } from './fixtures.ts';

test('assignment to decision with the keyboard', async ({ page, app }) => {
  const fy = 2031;
  const tag = Date.now().toString(36).toUpperCase();
  const inv = async (name: string, input: unknown) => {
    const r = await app.rt.invoke(name, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as { id: string };
  };
  await inv('applications/save', {
    id: null,
    data: {
      fiscalYear: fy, applicationNo: `KB-${tag}`, call: 1, course: 'A', title: 'キーボードで審査する交流計画', hostInstitution: '東北大学', applicant: '山田',
      sendingInstitutions: [{ name: '清華大学', country: 'CN' }], countries: ['CN'], field: 'science', mode: 'in-person', invitees: 8, escorts: 1,
      arrival: '2031-07-01', departure: '2031-07-07', requestedAmount: 1_000_000,
    },
  });
  await inv('review/saveReviewer', { id: null, data: { name: `利益 相反${tag}`, institution: '東北大学' } });
  await inv('review/saveReviewer', { id: null, data: { name: `審査 甲${tag}`, institution: '名古屋大学' } });
  await inv('review/saveReviewer', { id: null, data: { name: `審査 乙${tag}`, institution: '九州大学' } });

  await page.goto(`${app.url}#/review/assignment`);
  await page.getByTestId('review-fy').selectOption(String(fy));
  await expect(page.getByTestId('queue-count-assignment')).toHaveText('1');
  const table = page.getByTestId('queue-table');
  await expect(table).toBeFocused();
  await expect(page.getByTestId('queue-row')).toHaveCount(1);

  // x selects, g opens the assignment dialog.
  await page.keyboard.press('x');
  await expect(page.getByTestId('queue-selected')).toHaveText('1 件を選択');
  await page.keyboard.press('g');
  const dialog = page.getByTestId('assign-dialog');
  await expect(dialog).toBeVisible();
  const conflicted = dialog.getByTestId('assign-reviewer').filter({ hasText: `利益 相反${tag}` });
  await expect(conflicted).toContainText('所属機関「東北大学」が申請機関です');
  await expect(conflicted.locator('input')).toBeDisabled();
  await dialog.getByTestId('assign-reviewer').filter({ hasText: `審査 甲${tag}` }).locator('input').press('Space');
  await dialog.getByTestId('assign-reviewer').filter({ hasText: `審査 乙${tag}` }).locator('input').press('Space');
  await dialog.getByTestId('assign-confirm').press('Enter');
  await expect(page.getByTestId('queue-message')).toContainText('2 件を割り当てました');
  await expect(page.getByTestId('queue-count-outstanding')).toHaveText('2');

  // The outstanding queue, one row per reviewer; Enter opens the application.
  await page.getByTestId('queue-tab-outstanding').click();
  await expect(page.getByTestId('queue-row')).toHaveCount(2);
  await expect(page.getByTestId('queue-table')).toBeFocused();
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('review-app')).toContainText(`KB-${tag}`);

  // Enter both reviews from the keyboard: Space picks a score, Enter saves the form.
  for (const [i, s] of [
    [0, 4],
    [1, 5],
  ] as const) {
    await page.getByTestId('app-enter-review').nth(i).press('Enter');
    const form = page.getByTestId('review-form');
    await expect(form).toBeVisible();
    for (const c of ['plan', 'significance', 'organisation', 'continuity', 'budget']) await form.getByTestId(`score-${c}-${s}`).press('Space');
    await form.getByTestId('review-recommendation').selectOption('adopt');
    await form.getByTestId('review-save').press('Enter');
    await expect(form).toBeHidden();
  }
  await expect(page.getByTestId('app-aggregate')).toContainText('件数 2 · 平均 4.50 · 中央値 4.50 · 幅 1.00');
  await expect(page.getByTestId('queue-count-ready')).toHaveText('1');

  // a decides (採択) with a comment; Enter confirms.
  await page.keyboard.press('a');
  await expect(page.getByTestId('decide-dialog')).toBeVisible();
  await page.getByTestId('decide-comment').fill('第1回選考委員会で決定');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('decide-dialog')).toBeHidden();
  await expect(page.getByTestId('review-app').getByTestId('status-badge')).toHaveText('採択');
  await expect(page.getByTestId('app-history')).toContainText('審査中 → 採択 (e2e-staff): 第1回選考委員会で決定');
  await expect(page.getByTestId('queue-count-ready')).toHaveText('0');
  await expect(page.getByTestId('queue-count-decided')).toHaveText('1');

  // Escape goes back to the queue it came from; the decided queue lists it.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('queue-outstanding')).toBeVisible();
  await page.getByTestId('queue-tab-decided').click();
  await expect(page.getByTestId('queue-row').filter({ hasText: `KB-${tag}` })).toContainText('採択');
});

test('automatic assignment shows the plan before writing and can be undone', async ({ page, app }) => {
  const fy = 2032;
  const tag = Date.now().toString(36).toUpperCase();
  const inv = async (name: string, input: unknown) => {
    const r = await app.rt.invoke(name, input);
    if (!r.ok) throw new Error(r.error.message);
  };
  for (let i = 1; i <= 4; i++) {
    await inv('applications/save', {
      id: null,
      data: {
        fiscalYear: fy, applicationNo: `AU-${tag}-${i}`, call: 1, course: 'A', title: `自動割り当て ${i}`, hostInstitution: '大阪大学', applicant: '',
        sendingInstitutions: [{ name: 'Universitas Indonesia', country: 'ID' }], countries: ['ID'], field: 'science', mode: 'in-person', invitees: 5, escorts: 0,
        arrival: '2032-07-01', departure: '2032-07-05', requestedAmount: 500_000,
      },
    });
  }
  for (const n of ['一', '二', '三', '四']) await inv('review/saveReviewer', { id: null, data: { name: `自動 ${n}${tag}`, institution: null, activeCalls: [`${fy}-1`] } });

  await page.goto(`${app.url}#/review/auto`);
  await page.getByTestId('review-fy').selectOption(String(fy));
  await page.getByTestId('auto-preview').click();
  await expect(page.getByTestId('auto-plan')).toContainText(/応募 4 件・審査委員 \d+ 名に 12 件を追加します/);
  await expect(page.getByTestId('auto-plan')).toContainText('負担は制約の範囲で最も均等です');
  await expect(page.getByTestId('queue-count-outstanding')).toHaveText('0');
  await page.getByTestId('auto-apply').click();
  await expect(page.getByTestId('auto-message')).toHaveText('12 件を割り当てました。');
  await expect(page.getByTestId('queue-count-outstanding')).toHaveText('12');
  await page.getByTestId('auto-undo').click();
  await expect(page.getByTestId('auto-message')).toHaveText('12 件の割り当てを取り消しました。');
  await expect(page.getByTestId('queue-count-assignment')).toHaveText('4');
});

test('bulk decision from the keyboard, then undo', async ({ page, app }) => {
  const fy = 2033;
  const tag = Date.now().toString(36).toUpperCase();
  for (let i = 1; i <= 3; i++) {
    const r = await app.rt.invoke('applications/save', {
      id: null,
      data: {
        fiscalYear: fy, applicationNo: `BK-${tag}-${i}`, call: 1, course: 'A', title: `一括決定 ${i}`, hostInstitution: '広島大学', applicant: '',
        sendingInstitutions: [{ name: 'Universiti Malaya', country: 'MY' }], countries: ['MY'], field: 'science', mode: 'in-person', invitees: 5, escorts: 0,
        arrival: '2033-07-01', departure: '2033-07-05', requestedAmount: 500_000,
      },
    });
    if (!r.ok) throw new Error(r.error.message);
  }
  await page.goto(`${app.url}#/review/assignment`);
  await page.getByTestId('review-fy').selectOption(String(fy));
  await expect(page.getByTestId('queue-row')).toHaveCount(3);
  await expect(page.getByTestId('queue-table')).toBeFocused();
  // Select the first and third rows, then w (補欠) for both.
  await page.keyboard.press('x');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await expect(page.getByTestId('queue-selected')).toHaveText('2 件を選択');
  await page.keyboard.press('w');
  await expect(page.getByTestId('decide-dialog')).toContainText('2 件を「補欠」に決定');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('queue-message')).toContainText('2 件を決定しました');
  await expect(page.getByTestId('queue-count-decided')).toHaveText('2');
  // Decided applications leave the assignment queue; the one left out stays.
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
  await expect(page.getByTestId('queue-row')).toContainText(`BK-${tag}-2`);

  await page.getByTestId('queue-undo-decision').click();
  await expect(page.getByTestId('queue-message')).toContainText('2 件の決定を取り消しました');
  await expect(page.getByTestId('queue-count-decided')).toHaveText('0');
  await expect(page.getByTestId('queue-row')).toHaveCount(3);
  await expect(page.getByTestId('queue-row').filter({ hasText: `BK-${tag}-3` })).toContainText('受付');
  const r = await app.rt.invoke('applications/list', { fiscalYear: fy });
  if (!r.ok) throw new Error(r.error.message);
  const history = await app.rt.invoke('applications/get', { id: (r.value as { items: { id: string; applicationNo: string }[] }).items.find((a) => a.applicationNo === `BK-${tag}-1`)!.id });
  if (!history.ok) throw new Error(history.error.message);
  expect((history.value as { history: { toStatus: string; comment: string | null }[] }).history.map((h) => [h.toStatus, h.comment])).toEqual([
    ['received', null],
    ['waitlisted', null],
    ['received', '決定を取り消しました'],
  ]);
});

test('a reviewers list of 5,000 rows is imported with its progress shown, then listed', async ({ page, app }) => {
  const rows = ['氏名,所属機関,専門分野,メール,上限件数'];
  for (let i = 1; i <= 5000; i++) rows.push(`進捗 ${i}郎,名古屋大学,防災;材料,p${i}@example.jp,${i % 7}`);
  await page.goto(`${app.url}#/review/reviewers`);
  await page.getByTestId('reviewer-import').setInputFiles({ name: 'reviewers.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`) });
  // The bar follows the job's phases (read, parse, check, write) and goes once the import is done.
  const bar = page.getByTestId('reviewer-import-progress');
  await expect(bar).toBeVisible();
  // In a worker thread (a file of this size), the phases take over a second: the counts show.
  await expect(bar).toContainText(/\d+ \/ 5,000 行/);
  await page.screenshot({ path: 'test-results/reviewer-import-progress.png' });
  await expect(bar).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('reviewer-count')).toHaveAttribute('data-total', '5000');
});
