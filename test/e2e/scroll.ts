// Scrolling a virtualised list as a staff member would, for the scale specs.
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/** The most row elements a virtualised table may hold at once (the "about 200"). */
export const MAX_ROWS = 200;

/** Scrolls `box` to the bottom in screen-sized steps, checking the row count at each step. */
export async function scrollThrough(page: Page, box: Locator, rows: Locator): Promise<number> {
  let most = 0;
  for (let step = 0; step < 400; step++) {
    const n = await rows.count();
    most = Math.max(most, n);
    expect(n).toBeLessThanOrEqual(MAX_ROWS);
    const done = await box.evaluate((el) => {
      const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
      el.scrollTop += el.clientHeight * 3;
      return atEnd;
    });
    if (done) break;
    await page.waitForTimeout(30);
  }
  return most;
}
