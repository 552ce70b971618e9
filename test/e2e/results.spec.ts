// The results screens in a real browser: record a program's results through the form and see the
// status move on, the overdue-reports queue with its setting, a participant's follow-up page, and
// the home dashboard's counts. The worker's database is shared with other spec files, so each test
// uses its own application numbers and looks only at those.
import type { AppServer } from './fixtures.ts';
import { todayIso } from '../../shared/dates.ts';
import { fiscalYearOf } from '../../shared/domain.ts';
import { expect, test } from './fixtures.ts';

async function invoke(app: AppServer, name: string, input: unknown): Promise<any> {
  const r = await app.rt.invoke(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

async function adoptedProgram(app: AppServer, no: string, arrival: string, departure: string): Promise<string> {
  const saved = await invoke(app, 'applications/save', {
    id: null,
    data: {
      fiscalYear: Number(arrival.slice(0, 4)),
      applicationNo: no,
      call: 1,
      course: 'A',
      title: '実績確認用の体験プログラム',
      hostInstitution: '九州大学',
      applicant: '佐藤 花子',
      sendingInstitutions: [{ name: 'Chulalongkorn University', country: 'TH' }],
      countries: ['TH'],
      field: 'science',
      mode: 'in-person',
      invitees: 8,
      escorts: 1,
      arrival,
      departure,
      requestedAmount: 2_400_000,
    },
  });
  await invoke(app, 'applications/setStatus', { id: saved.id, status: 'adopted' });
  return saved.id;
}

const tag = Date.now().toString(36).toUpperCase();

test('records a program result through the form; the status moves to 報告済', async ({ page, app }) => {
  const no = `RS${tag}-1`;
  const id = await adoptedProgram(app, no, '2024-07-01', '2024-07-07');
  await page.goto(`${app.url}#/results/program/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(no);
  await page.getByTestId('result-actualArrival').fill('2024-07-01');
  await page.getByTestId('result-actualDeparture').fill('2024-07-07');
  await page.getByTestId('result-actualInvitees').fill('８');
  await page.getByTestId('result-spentYen').fill('abc');
  await expect(page.getByText('0 以上の整数で入力してください')).toBeVisible();
  await expect(page.getByTestId('result-save')).toBeDisabled();
  await page.getByTestId('result-spentYen').fill('￥2,250,000');
  await page.getByTestId('result-reportReceivedOn').fill('2024-08-01');
  await page.getByTestId('result-summary').fill('計画どおり実施した。');
  await page.getByTestId('result-save').click();
  await expect(page.getByText('保存しました。')).toBeVisible();
  const stored = await invoke(app, 'results/program', { programId: id });
  expect(stored.program.status).toBe('reported');
  expect(stored.program.result).toMatchObject({ actualInvitees: 8, spentYen: 2_250_000, reportReceivedOn: '2024-08-01', summary: '計画どおり実施した。' });

  // A departure before the arrival is refused with the sentence from main; nothing changes.
  await page.getByTestId('result-actualDeparture').fill('2024-06-30');
  await page.getByTestId('result-save').click();
  await expect(page.getByRole('alert')).toContainText('実際の離日日が来日日より前です');
  expect((await invoke(app, 'results/program', { programId: id })).program.result.actualDeparture).toBe('2024-07-07');
});

test('the overdue queue lists programs past N days without reports, N set on the screen', async ({ page, app }) => {
  const no = `RS${tag}-2`;
  await adoptedProgram(app, no, '2024-05-10', '2024-05-16');
  await page.goto(`${app.url}#/results/overdue`);
  const row = page.getByTestId(`overdue-row-${no}`);
  await expect(row).toContainText('実施報告書');
  await expect(row).toContainText('意見報告書');
  await page.getByTestId('overdue-days').fill('90');
  await page.getByTestId('overdue-days-save').click();
  await expect(page.getByText('90 日に変更しました。')).toBeVisible();
  await expect(page.getByText('訪問終了から 90 日を過ぎても')).toBeVisible();
  expect(await invoke(app, 'results/settings', {})).toMatchObject({ reportOverdueDays: 90 });
  await page.getByTestId('overdue-days').fill('0');
  await page.getByTestId('overdue-days-save').click();
  await expect(page.getByRole('alert')).toContainText('入力が正しくありません');
  await invoke(app, 'results/saveSettings', { reportOverdueDays: 60 });
});

test("a participant's page lists their follow-ups and records a new one", async ({ page, app }) => {
  const id = await adoptedProgram(app, `RS${tag}-3`, '2024-09-01', '2024-09-07');
  // Roster rows come from the participants area; written directly here.
  const now = new Date().toISOString();
  const pid = `p-${tag}`;
  await app.rt.open.db
    .insertInto('participant')
    .values({
      id: pid, application_id: id, position: 0, family_name: 'Somchai', given_name: 'Kittisak', native_name: 'สมชาย', sex: null, birth_date: '2000-01-01',
      nationality: 'TH', affiliation: 'Chulalongkorn University', position_title: 'master', role: 'invitee', email: null, created_at: now, updated_at: now,
    })
    .execute();
  await invoke(app, 'followups/save', { id: null, participantId: pid, kind: 'joint-paper', occurredOn: '2025-12-01', note: '共著論文 1 本' });

  await page.goto(`${app.url}#/results/program/${id}`);
  await page.getByTestId(`followups-link-${pid}`).click();
  await expect(page.getByTestId('followup-name')).toContainText('Somchai Kittisak');
  await expect(page.getByTestId('followup-list')).toContainText('共著論文');
  await page.getByTestId('followup-add').click();
  await page.getByTestId('followup-kind').selectOption('returned-student');
  await page.getByTestId('followup-date').fill('2026-04-01');
  await page.getByTestId('followup-note').fill('修士課程に入学');
  await page.getByTestId('followup-save').click();
  await expect(page.getByTestId('followup-list').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('followup-list').locator('tbody tr').nth(1)).toContainText('留学生として再来日');
  await expect(page.getByTestId('followup-list').locator('tbody tr').nth(1)).toContainText('2026/04/01');
});

test('the home dashboard shows the fiscal year, the queues (review counts from the review area) and the main chart', async ({ page, app }) => {
  await page.goto(app.url);
  const d = await invoke(app, 'stats/dashboard', {});
  await expect(page.getByTestId('home-fy')).toHaveText(`${d.fiscalYear}年度`);
  await expect(page.getByTestId('home-overdue')).toHaveText(String(d.reportsOverdue));
  await expect(page.getByTestId('home-problems')).toHaveText(String(d.applicationsWithProblems));
  const review = await invoke(app, 'review/queueCounts', { fiscalYear: d.fiscalYear });
  await expect(page.getByTestId('home-reviews')).toHaveText(String(review.outstanding));
  await expect(page.getByTestId('home-decisions')).toHaveText(String(review.ready));
  await expect(page.getByTestId('track-record')).toContainText('574');
  await expect(page.getByTestId('home-chart-chart').locator('.recharts-bar')).toHaveCount(2);
});

test('the results list opens on the current fiscal year; every year is a choice', async ({ page, app }) => {
  const fy = fiscalYearOf(todayIso());
  const now = `RS${tag}-NOW`;
  const old = `RS${tag}-OLD`;
  await adoptedProgram(app, now, `${fy}-07-01`, `${fy}-07-07`);
  await adoptedProgram(app, old, '2023-07-01', '2023-07-07');
  await page.goto(`${app.url}#/results`);
  await expect(page.getByTestId('results-fy')).toHaveValue(String(fy));
  const list = page.getByTestId('results-programs');
  await expect(list).toContainText(now);
  await expect(list).not.toContainText(old);
  await page.getByTestId('results-fy').selectOption('all');
  await expect(list).toContainText(old);
  await expect(list).toContainText(now);
});
