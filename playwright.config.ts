import { defineConfig } from '@playwright/test';
import { findBrowser } from './scripts/browser.mjs';

// An installed Chromium or Chrome, never a downloaded browser (our machines cannot fetch one).
// `npm test` / `npm run test:e2e` choose it (scripts/browser.mjs, installing Debian's chromium
// where that is possible) and pass it in PLAYWRIGHT_CHROMIUM; a direct `npx playwright test`
// makes the same choice here. Each test starts its own web-mode server on a fresh database (see
// test/e2e/fixtures.ts), in this process: that is why Playwright runs on Node >= 22
// (better-sqlite3 13).
const found = findBrowser();
const executablePath = process.env.PLAYWRIGHT_CHROMIUM ?? (found && 'path' in found ? found.path : undefined);
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
