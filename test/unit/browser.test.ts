// scripts/browser.mjs: which Chromium `npm test` hands Playwright, and what it does with none.
// Every outside fact is passed in, so the order is checked without changing this machine.
import { describe, expect, it } from 'vitest';
import { findBrowser, plan } from '../../scripts/browser.mjs';

const only = (...paths: string[]) => (p: string) => paths.includes(p);
const none = () => null;

describe('findBrowser', () => {
  it('takes PLAYWRIGHT_CHROMIUM first, and says so when it is not there', () => {
    const env = { PLAYWRIGHT_CHROMIUM: '/opt/chrome/chrome', PATH: '/usr/bin' };
    // (/usr/bin/chromium is there too: the variable still wins.)
    expect(findBrowser({ env, platform: 'linux', isExe: only('/opt/chrome/chrome', '/usr/bin/chromium'), playwright: none })).toEqual({ path: '/opt/chrome/chrome', source: 'PLAYWRIGHT_CHROMIUM' });
    expect(findBrowser({ env, platform: 'linux', isExe: only('/usr/bin/chromium'), playwright: none })).toEqual({ missing: '/opt/chrome/chrome' });
  });

  it("then Debian's chromium, then one on PATH", () => {
    expect(findBrowser({ env: { PATH: '/bin:/usr/bin' }, platform: 'linux', isExe: only('/usr/bin/chromium'), playwright: none })).toEqual({ path: '/usr/bin/chromium', source: 'chromium' });
    // Off PATH it is not taken (which is how a test hides it).
    expect(findBrowser({ env: { PATH: '/bin' }, platform: 'linux', isExe: only('/usr/bin/chromium'), playwright: none })).toBeNull();
    expect(findBrowser({ env: { PATH: '/bin:/snap/bin' }, platform: 'linux', isExe: only('/snap/bin/chromium-browser'), playwright: none })).toEqual({ path: '/snap/bin/chromium-browser', source: 'chromium' });
  });

  it('then an installed Google Chrome (PATH on Linux, the app on macOS, Program Files on Windows)', () => {
    expect(findBrowser({ env: { PATH: '/usr/local/bin' }, platform: 'linux', isExe: only('/usr/local/bin/google-chrome'), playwright: none })).toEqual({ path: '/usr/local/bin/google-chrome', source: 'Google Chrome' });
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findBrowser({ env: { PATH: '/usr/bin' }, platform: 'darwin', isExe: only(mac), playwright: none })).toEqual({ path: mac, source: 'Google Chrome' });
    const win = findBrowser({ env: { Path: 'C:\\Windows', PROGRAMFILES: 'C:\\Program Files' }, platform: 'win32', isExe: (p) => p.endsWith('chrome.exe') && p.includes('Program Files'), playwright: none });
    expect(win && 'source' in win && win.source).toBe('Google Chrome');
  });

  it("then Playwright's own Chromium, only if it is present", () => {
    const own = '/root/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';
    expect(findBrowser({ env: { PATH: '/usr/bin' }, platform: 'linux', isExe: only(own), playwright: () => own })).toEqual({ path: own, source: "Playwright's own Chromium" });
    expect(findBrowser({ env: { PATH: '/usr/bin' }, platform: 'linux', isExe: only(), playwright: () => own })).toBeNull();
  });

  it('prefers chromium to Chrome to Playwright’s own when several are there', () => {
    const all = only('/usr/bin/chromium', '/usr/bin/google-chrome', '/pw/chrome');
    expect(findBrowser({ env: { PATH: '/usr/bin' }, platform: 'linux', isExe: all, playwright: () => '/pw/chrome' })).toMatchObject({ path: '/usr/bin/chromium' });
  });
});

describe('plan (no browser found)', () => {
  it('installs chromium fonts-noto-cjk poppler-utils with apt on Debian or Ubuntu as root', () => {
    expect(plan({ platform: 'linux', debian: true, root: true })).toEqual({ apt: ['chromium', 'fonts-noto-cjk', 'poppler-utils'] });
  });

  it('otherwise gives one line with the command to run', () => {
    for (const [opts, cmd] of [
      [{ platform: 'linux', debian: true, root: false }, 'sudo apt-get install chromium fonts-noto-cjk poppler-utils'],
      [{ platform: 'darwin', debian: false, root: false }, 'brew install --cask chromium'],
      [{ platform: 'linux', debian: false, root: true }, 'install Chromium or Google Chrome'],
    ] as const) {
      const p = plan(opts);
      expect('message' in p && p.message).toContain(cmd);
      expect('message' in p && p.message.split('\n')).toHaveLength(1);
    }
  });
});
