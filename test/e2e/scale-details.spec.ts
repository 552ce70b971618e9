// The detail screens whose rows grow with a program's size or with the years, on a generated
// three-year database: a program's results and roster editor with a 500-person roster, the automatic assignment's
// per-reviewer loads (about 300 reviewers), a large host's programs over the years and a month of
// backups. Each keeps
// its DOM small from the first row to the last, and the server's first and last rows appear.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../main/gen/generate.ts';
import { backupFolder } from '../../main/storage/backups.ts';
import type { AppServer } from './fixtures.ts';
import { sqliteOf } from '../../db/store.ts';
import { MAX_ROWS, scrollThrough } from './scroll.ts';
import { seedProgram } from './programs-seed.ts';
import { expect, test } from './fixtures.ts';

async function invoke<T>(app: AppServer, name: string, input: Record<string, unknown>): Promise<T> {
  const r = await app.rt.invoke(name, input);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.message}`);
  return r.value as T;
}

test('a 500-person program result, the auto-assignment loads and a large host’s programs stay small in the DOM', async ({ page, app }) => {
  test.setTimeout(240_000);
  await generate(app.rt.open.db, { years: 3, seed: 13, scale: 'realistic' });
  sqliteOf(app.rt.open).raw.exec('ANALYZE');

  // 実績・報告 › one program: 500 invitees and escorts (a stress-sized roster), in the server's order.
  const programId = await seedProgram(app.rt, { applicationNo: 'SCALE-500', participants: 500 });
  const result = await invoke<{ participants: { id: string; name: string }[] }>(app, 'results/program', { programId });
  expect(result.participants).toHaveLength(500);
  await page.goto(`${app.url}#/results/program/${programId}`);
  const people = page.getByTestId('result-participant');
  await expect(people.first()).toContainText(result.participants[0]!.name);
  await scrollThrough(page, page.getByTestId('result-participants-scroll'), page.locator('[data-testid="result-participants-scroll"] tbody tr'));
  await expect(people.last()).toContainText(result.participants.at(-1)!.name);
  expect(await page.locator('[data-testid="result-participants"] *').count()).toBeLessThan(3000);

  // 参加者 › the roster editor on the same 500 people: a screenful of rows with inputs; the row being
  // edited stays mounted (focus, caret and typing) while the staff member scrolls to the end and back.
  const detail = await invoke<{ participants: { id: string; familyName: string }[] }>(app, 'programs/get', { id: programId });
  await page.goto(`${app.url}#/participants/${programId}`);
  const editorRows = page.getByTestId('participant-row');
  const firstName = page.locator(`tr[data-key="${detail.participants[0]!.id}"]`).getByLabel('姓');
  await expect(firstName).toHaveValue(detail.participants[0]!.familyName);
  await firstName.click();
  await page.keyboard.press('End');
  await page.keyboard.type('X');
  await scrollThrough(page, page.getByTestId('roster-scroll'), page.locator('[data-testid="roster-scroll"] tbody tr'));
  await expect(editorRows.last().getByLabel('姓')).toHaveValue(detail.participants.at(-1)!.familyName);
  await expect(firstName).toBeFocused();
  await page.keyboard.type('Y');
  await expect(firstName).toHaveValue(`${detail.participants[0]!.familyName}XY`);
  // Tab goes on along the same row, as in a spreadsheet.
  await page.keyboard.press('Tab');
  await expect(page.locator(`tr[data-key="${detail.participants[0]!.id}"]`).getByLabel('名', { exact: true })).toBeFocused();
  await page.getByTestId('roster-scroll').evaluate((el) => (el.scrollTop = 0));
  await expect(editorRows.first()).toHaveAttribute('data-key', detail.participants[0]!.id);
  expect(await page.locator('[data-testid="roster-scroll"] tbody tr').count()).toBeLessThanOrEqual(MAX_ROWS);

  // 審査 › 自動割当: the preview lists every reviewer's load before and after.
  const plan = await invoke<{ loads: { reviewer: string }[] }>(app, 'review/previewAutoAssign', { fiscalYear: 2026, call: null, perApplication: 3, maxLoad: null });
  expect(plan.loads.length).toBeGreaterThan(MAX_ROWS);
  await page.goto(`${app.url}#/review/auto`);
  await page.getByTestId('review-fy').selectOption('2026');
  await page.getByTestId('auto-preview').click();
  const loads = page.getByTestId('auto-load');
  await expect(loads.first()).toContainText(plan.loads[0]!.reviewer);
  await scrollThrough(page, page.getByTestId('auto-loads-scroll'), page.locator('[data-testid="auto-loads-scroll"] tbody tr'));
  await expect(loads.last()).toContainText(plan.loads.at(-1)!.reviewer);

  // 実施機関 › one host with 260 programs over three years: a page of 100 at a time, newest first.
  for (let i = 0; i < 260; i++) {
    const fy = 2024 + (i % 3);
    await invoke(app, 'applications/save', {
      id: null,
      data: {
        fiscalYear: fy,
        applicationNo: `HOST-${fy}-${String(i).padStart(3, '0')}`,
        call: 1,
        course: 'A',
        title: `大規模受入れ機関の交流計画 ${i}`,
        hostInstitution: 'さくら大規模大学',
        applicant: '山田 太郎',
        sendingInstitutions: [{ name: 'ハノイ工科大学', country: 'VN' }],
        countries: ['VN'],
        field: 'science',
        mode: 'in-person',
        invitees: 5,
        escorts: 1,
        arrival: `${fy}-10-05`,
        departure: `${fy}-10-10`,
        requestedAmount: 1_000_000,
      },
    });
  }
  const host = (await invoke<{ items: { id: string }[] }>(app, 'institutions/list', { q: 'さくら大規模大学', limit: 1 })).items[0]!;
  const all = await invoke<{ items: { applicationNo: string }[]; total: number }>(app, 'institutions/programs', { id: host.id, limit: 1 });
  expect(all.total).toBe(260);
  const lastProgram = (await invoke<{ items: { applicationNo: string }[] }>(app, 'institutions/programs', { id: host.id, limit: 1, offset: all.total - 1 })).items[0]!;
  await page.goto(`${app.url}#/institutions/${host.id}`);
  const rows = page.getByTestId('inst-program-row');
  await expect(rows.first()).toContainText(all.items[0]!.applicationNo);
  await expect(page.getByTestId('inst-programs-paging')).toHaveAttribute('data-total', '260');
  // 86 programs of FY2026, then FY2025 runs over the page edge: labelled so its count is not read as the year's.
  await expect(page.getByTestId('inst-programs-fy-2025').getByTestId('inst-programs-to-next')).toBeVisible();
  await expect(page.getByTestId('inst-programs-from-prev')).toHaveCount(0);
  await page.getByTestId('inst-programs-to-next').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/scale-inst-programs.png' });
  let pages = 1;
  while (await page.getByTestId('inst-programs-next').isEnabled()) {
    expect(await page.locator('[data-testid="inst-programs"] tr').count()).toBeLessThanOrEqual(MAX_ROWS);
    const before = await rows.first().innerText();
    await page.getByTestId('inst-programs-next').click();
    await expect(rows.first()).not.toHaveText(before);
    pages++;
    if (pages === 2) await expect(page.getByTestId('inst-programs-fy-2025').getByTestId('inst-programs-from-prev')).toBeVisible();
  }
  expect(pages).toBe(3);
  await expect(page.getByTestId('inst-programs-paging')).toContainText('201–260');
  await expect(rows.last()).toContainText(lastProgram.applicationNo);
  // And back to the newest.
  await page.getByTestId('inst-programs-prev').click();
  await page.getByTestId('inst-programs-prev').click();
  await expect(rows.first()).toContainText(all.items[0]!.applicationNo);
  await expect(page.getByTestId('inst-programs-prev')).toBeDisabled();
});

test('a month of backups before every import stays small in the DOM', async ({ page, app }) => {
  // 260 copies, as thirty days of busy imports leave them (the list reads the folder and sidecars).
  const folder = backupFolder(sqliteOf(app.rt.open).path);
  mkdirSync(folder, { recursive: true });
  const start = Date.parse('2026-11-01T00:00:00Z');
  for (let i = 0; i < 260; i++) {
    const createdAt = new Date(start + i * 2.5 * 3600_000).toISOString();
    const file = join(folder, `sakura-${String(i).padStart(3, '0')}.sqlite`);
    writeFileSync(file, 'not a database: only listed');
    writeFileSync(`${file}.json`, JSON.stringify({ file, createdAt, reason: 'before import applications', kind: 'operation', sizeBytes: 1000 + i, schemaVersion: 11, appVersion: `0.1.${i}` }));
  }
  const list = await invoke<{ items: { appVersion: string }[] }>(app, 'backup/list', {});
  expect(list.items.length).toBeGreaterThan(MAX_ROWS);
  await page.goto(`${app.url}#/settings/backups`);
  const rows = page.getByTestId('backup-row');
  // Newest first.
  await expect(rows.first()).toContainText(list.items[0]!.appVersion);
  await scrollThrough(page, page.getByTestId('backups-table-scroll'), page.locator('[data-testid="backups-table-scroll"] tbody tr'));
  await expect(rows.last()).toContainText(list.items.at(-1)!.appVersion);
  await expect(rows.last().getByTestId('backup-restore')).toBeVisible();
});
