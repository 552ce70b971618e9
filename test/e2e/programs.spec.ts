// Programs in a real browser: the print views rendered to PDF (A4, Japanese, header and page
// numbers on every page, header row repeated), the itinerary planner's checks while editing (drag
// and drop, keyboard, copy a day), and the roster editor's import with row-numbered problems.
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { seedProgram } from './programs-seed.ts';

let seq = 0;
const uniqueNo = (p: string) => `${p}-${Date.now().toString(36).toUpperCase()}-${++seq}`;

function pdfPages(path: string): string[] {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  return Array.from({ length: pages }, (_, i) =>
    execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), path, '-'], { encoding: 'utf8' }),
  );
}

async function printToPdf(page: Page, path: string) {
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
}

test('roster print view → multi-page A4 PDF with Japanese names, header and page numbers on every page', async ({ page, app }, info) => {
  const title = 'アジアの若手研究者と学ぶ防災・減災技術研修プログラム';
  const id = await seedProgram(app.rt, { applicationNo: uniqueNo('PRT'), participants: 70, title });
  await page.goto(`${app.url}#/programs/${id}/print/roster`);
  await expect(page.getByTestId('print-roster')).toBeVisible();
  // The public list leaves e-mail addresses out by default.
  await expect(page.getByTestId('col-email')).not.toBeChecked();
  await expect(page.locator('.print-doc')).not.toContainText('@example.org');

  const pdf = info.outputPath('roster.pdf');
  await printToPdf(page, pdf);
  const info1 = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  expect(info1).toMatch(/Page size:\s+841\.9\d? x 59[45]\.\d+ pts \(A4\)/);
  const pages = pdfPages(pdf);
  expect(pages.length).toBeGreaterThanOrEqual(3);
  pages.forEach((text, i) => {
    expect(text, `page ${i + 1}`).toContain(title);
    expect(text, `page ${i + 1}`).toContain('東北大学');
    expect(text, `page ${i + 1}`).toContain('2026/10/05〜2026/10/14');
    expect(text, `page ${i + 1}`).toMatch(new RegExp(`\\b${i + 1}\\s*/\\s*${pages.length}\\b`));
    // The header row is repeated, and Japanese (native-script) names are on every page.
    expect(text, `page ${i + 1}`).toContain('現地表記氏名');
    expect(text, `page ${i + 1}`).toMatch(/王芳|李偉/);
    expect(text, `page ${i + 1}`).not.toContain('@example.org');
    // No row is split across pages: every numbered line carries the row's last column too.
    for (const line of text.split('\n').filter((l) => /^\s*\d+ [A-Z]/.test(l))) expect(line).toMatch(/招へい者|引率者/);
  });
  // Every participant is printed once: no row lost or duplicated at a page break.
  const all = pages.join('\n');
  for (const n of [1, 35, 70]) expect(all.match(new RegExp(`^\\s*${n} [A-Z]`, 'gm'))?.length, `row ${n}`).toBe(1);

  // Column choice: with e-mail ticked, the addresses are printed.
  // The column choice lives in the URL (#/…/print/roster/<columns>), so the box turns checked
  // once the hash change has re-rendered the view: click, then wait for it.
  await page.getByTestId('col-email').click();
  await expect(page.getByTestId('col-email')).toBeChecked();
  await expect(page.locator('.print-doc')).toContainText('participant1@example.org');
  // Web mode prints through the browser's own dialog.
  // (Page scripts as text: this tsconfig has no DOM types.)
  await page.evaluate('window.printed = 0; window.print = () => { window.printed += 1; };');
  await page.getByTestId('print-now').click();
  expect(await page.evaluate('window.printed')).toBe(1);
});

test('itinerary print view → one day per page, header and page numbers on every page', async ({ page, app }, info) => {
  const id = await seedProgram(app.rt, { applicationNo: uniqueNo('ITP'), participants: 5 });
  await page.goto(`${app.url}#/programs/${id}/print/itinerary`);
  await expect(page.getByTestId('print-itinerary')).toBeVisible();
  const pdf = info.outputPath('itinerary.pdf');
  await printToPdf(page, pdf);
  const pages = pdfPages(pdf);
  // 2026-10-05 → 2026-10-14: ten days, one per page.
  expect(pages).toHaveLength(10);
  pages.forEach((text, i) => {
    expect(text).toContain('アジアの若手研究者と学ぶ防災・減災技術研修プログラム');
    expect(text).toMatch(new RegExp(`\\b${i + 1}\\s*/\\s*10\\b`));
    expect(text).toContain(`2026/10/${String(5 + i).padStart(2, '0')}`);
    expect(text).toContain('内容');
  });
  // 10-12 is スポーツの日: named on its page.
  expect(pages[7]).toContain('スポーツの日');

  await page.getByTestId('days-per-page').selectOption('3');
  await expect(page).toHaveURL(/print\/itinerary\/3$/);
  const pdf3 = info.outputPath('itinerary3.pdf');
  await printToPdf(page, pdf3);
  expect(pdfPages(pdf3)).toHaveLength(4);
});

test('itinerary planner: add, move by keyboard and drag, copy a day; checks update as you plan and persist', async ({ page, app }) => {
  // Course A, Fri 2026-07-17 → Thu 07-23: the weekend and 海の日 (07-20) fall inside.
  const id = await seedProgram(app.rt, { applicationNo: uniqueNo('PLN'), course: 'A', arrival: '2026-07-17', departure: '2026-07-23', participants: 4, slots: 0 });
  await page.goto(`${app.url}#/programs/${id}`);
  const findings = page.getByTestId('itinerary-findings');
  await expect(findings.locator('[data-code="ITINERARY_EMPTY"]')).toBeVisible();
  await expect(page.getByTestId('day')).toHaveCount(7);

  const day = (date: string) => page.locator(`[data-testid="day"][data-date="${date}"]`);
  await day('2026-07-21').getByTestId('add-slot').click();
  await page.getByTestId('slot-activity').fill('防災工学概論');
  await expect(day('2026-07-21').getByTestId('slot')).toContainText('防災工学概論');
  // One lecture day of five activity days: course A needs three.
  await expect(findings.locator('[data-code="LECTURE_DAYS_TOO_FEW"]')).toContainText('3日以上');

  // Keyboard: Alt+↓ moves the slot to the next day, Alt+↑ back, twice up lands on 海の日.
  const slot = day('2026-07-21').getByTestId('slot');
  await slot.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(day('2026-07-20').getByTestId('slot')).toHaveCount(1);
  await expect(findings.locator('[data-code="ACTIVITY_ON_HOLIDAY"]')).toContainText('海の日');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(day('2026-07-20').getByTestId('slot')).toContainText('09:15');

  // Drag and drop onto another day.
  await day('2026-07-20').getByTestId('slot').dragTo(day('2026-07-22').getByTestId('track'));
  await expect(day('2026-07-22').getByTestId('slot')).toHaveCount(1);
  await expect(findings.locator('[data-code="ACTIVITY_ON_HOLIDAY"]')).toHaveCount(0);

  // Copy the day twice: three lecture days satisfy the course A rule.
  await day('2026-07-22').getByTestId('copy-day').selectOption('2026-07-21');
  await day('2026-07-22').getByTestId('copy-day').selectOption('2026-07-20');
  await expect(page.getByTestId('slot')).toHaveCount(3);
  await expect(findings.locator('[data-code="LECTURE_DAYS_TOO_FEW"]')).toHaveCount(0);

  // An overlapping slot is flagged; one without an activity cannot be saved.
  await day('2026-07-21').getByTestId('add-slot').click();
  await page.getByTestId('slot-activity').fill('');
  await expect(page.getByTestId('itinerary-incomplete')).toBeVisible();
  await expect(page.getByTestId('save-itinerary')).toBeDisabled();
  await page.getByTestId('slot-activity').fill('交流会');
  await page.getByTestId('slot-start').fill('09:30');
  await expect(findings.locator('[data-code="SLOT_OVERLAP"]')).toBeVisible();
  await page.getByTestId('slot-delete').click();

  await page.getByTestId('save-itinerary').click();
  // The button is disabled while the save is on its way too: reload once it is stored.
  await expect
    .poll(async () => {
      const r = await app.rt.invoke('programs/get', { id }, 'ja');
      return r.ok ? (r.value as { slots: unknown[] }).slots.length : -1;
    })
    .toBe(3);
  await expect(page.getByTestId('save-itinerary')).toBeDisabled();
  await page.reload();
  await expect(page.getByTestId('slot')).toHaveCount(3);
  await expect(findings.locator('[data-code="ACTIVITY_ON_HOLIDAY"]')).toContainText('海の日');
});

test('roster editor: a bad file is rejected row by row; a good one is imported and flagged', async ({ page, app }) => {
  const id = await seedProgram(app.rt, { applicationNo: uniqueNo('ROS'), course: 'A', arrival: '2026-07-06', departure: '2026-07-10', participants: 2, slots: 0 });
  await page.goto(`${app.url}#/participants/${id}`);
  await expect(page.getByTestId('participant-row')).toHaveCount(2);
  const header = '姓,名,現地表記氏名,性別,生年月日,国籍,所属機関,身分,区分,メール';
  const file = (rows: string[]) => ({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[header, ...rows].join('\r\n')}\r\n`) });

  await page.getByTestId('import-participants-file').setInputFiles(file(['Nguyen,An,,男,2000/02/30,ベトナム,VNU,修士,招へい者,']));
  await expect(page.getByTestId('import-problems')).toContainText('2 行目');
  await expect(page.getByTestId('import-problems')).toContainText('生年月日');
  await expect(page.getByTestId('participant-row')).toHaveCount(2);

  await page.getByTestId('import-participants-file').setInputFiles(
    file(['Nguyen,Van An,Nguyễn Văn An,男,2000/04/01,ベトナム,ハノイ工科大学,修士,招へい者,', 'Tanaka,Old,,女,1980/01/01,VN,ハノイ工科大学,研究者,招へい者,', 'Le,Minh,,男,1970/01/01,VN,ハノイ工科大学,教員,引率者,']),
  );
  await expect(page.getByTestId('participant-row')).toHaveCount(3);
  await expect(page.getByTestId('roster-findings').locator('[data-code="INVITEE_TOO_OLD"]')).toContainText('Tanaka Old');
  await expect(page.getByTestId('participant-row').nth(1)).toHaveClass(/flagged/);

  // An unreadable date blocks saving (it would be stored as blank); a Japanese form re-checks at once.
  await page.getByTestId('participant-row').nth(1).getByLabel('生年月日').fill('令和元年5月32日');
  await expect(page.getByTestId('roster-unreadable')).toBeVisible();
  await expect(page.getByTestId('save-roster')).toBeDisabled();
  await page.getByTestId('participant-row').nth(1).getByLabel('生年月日').fill('令和元年5月1日');
  await expect(page.getByTestId('roster-unreadable')).toHaveCount(0);
  await expect(page.getByTestId('roster-findings').locator('[data-code="INVITEE_TOO_OLD"]')).toHaveCount(0);
  // A new row takes the cursor, like a spreadsheet; typing a name makes it a person.
  await page.getByTestId('add-participant').click();
  await expect(page.getByTestId('participant-row').nth(3).getByLabel('姓')).toBeFocused();
  await page.keyboard.type('Sato');
  await expect(page.getByTestId('roster-editor')).toContainText('招へい者 3 人・引率者 1 人');
  await page.getByTestId('save-roster').click();
  // Disabled while the save is on its way too: wait for the stored roster, not for the button.
  const stored = async () => {
    const saved = await app.rt.invoke('programs/get', { id }, 'ja');
    return saved.ok ? (saved.value as { participants: { familyName: string; birthDate: string | null }[] }).participants : [];
  };
  await expect.poll(async () => (await stored()).map((p) => p.familyName)).toEqual(['Nguyen', 'Tanaka', 'Le', 'Sato']);
  await expect(page.getByTestId('save-roster')).toBeDisabled();
  const people = await stored();
  expect(people[1]!.birthDate).toBe('2019-05-01');

  // Export hands the browser a file named after the program.
  const download = page.waitForEvent('download');
  await page.getByTestId('export-roster-csv').click();
  expect((await download).suggestedFilename()).toMatch(/_参加者名簿\.csv$/);
});
