// Chromium on a generated 20-year database: time to interactive of the applications list, a queue,
// the programs list and the charts (from navigation to the first rows or the chart drawn), then the
// web-mode server's RSS after every screen has been visited. The server runs as its own process
// (as `npm run web` does), so its memory is measured apart from the benchmark's.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { ensureNodeBundle } from '../scripts/build-node.mjs';
import { findBrowser } from '../scripts/browser.mjs';
import { FY, generated, median, type BenchModule, type BenchRow } from './common.ts';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function startServer(dbPath: string): Promise<{ url: string; child: ChildProcess }> {
  // The built web mode (dist/node/web.cjs), as `npm run web` runs it: its memory is the product's.
  await ensureNodeBundle('web.cjs');
  const child = spawn(process.execPath, [join('dist', 'node', 'web.cjs'), '--db', dbPath, '--no-open'], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web server did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      // The printed link carries the access token (`/?token=…`).
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`web server exited (${code}): ${out}`)));
  });
  return { url, child };
}

/** The browser `npm test` would use (scripts/browser.mjs), Debian's by default. */
function chromiumPath(): string {
  const found = findBrowser();
  return found && 'path' in found ? found.path : '/usr/bin/chromium';
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

const SCREENS: { name: string; hash: string; ready: string }[] = [
  { name: 'applications list', hash: '#/applications', ready: '[data-testid="app-row"]' },
  { name: 'review queue (outstanding)', hash: '#/review/outstanding', ready: '[data-testid="queue-row"]' },
  { name: 'programs list', hash: '#/programs', ready: '[data-testid="program-row"]' },
  { name: 'charts', hash: '#/charts', ready: '.chart-card svg.recharts-surface' },
];
// Visited once each before RSS is read, beside the four timed screens.
const OTHERS = ['#/', '#/participants', '#/results', '#/institutions', '#/review/assignment', '#/review/ready', '#/settings', `#/charts/breakdown/${FY}`, `#/charts/funnel/${FY}`];

export const browserBench: BenchModule = {
  name: 'browser',
  async run(log) {
    const db = await generated(20, 'realistic', 'browser-20y.sqlite');
    const { url: launchUrl, child } = await startServer(db);
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: ARGS });
    const rows: BenchRow[] = [];
    try {
      const rssStart = rssMb(child.pid!);
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ja-JP' });
      // Warm-up: the first load parses the bundle; staff pay that once per session. The tokened
      // link trades the token for the session cookie; later navigations use the bare address.
      await page.goto(launchUrl);
      const url = `${new URL(launchUrl).origin}/`;
      await page.waitForLoadState('networkidle');
      log('\nChromium on 20 realistic years: navigation → first rows (or chart) on screen, median of 3');
      for (const s of SCREENS) {
        const runs: number[] = [];
        for (let i = 0; i < 3; i++) {
          await page.goto(`${url}#/settings`);
          await page.waitForLoadState('networkidle');
          const t0 = performance.now();
          await page.goto(`${url}${s.hash}`);
          await page.locator(s.ready).first().waitFor({ state: 'visible', timeout: 30_000 });
          runs.push(performance.now() - t0);
        }
        const ms = median(runs);
        const nodes = Number(await page.evaluate('document.getElementsByTagName("*").length'));
        rows.push({ group: 'chromium', name: `${s.name} interactive`, oursMs: ms, target: '≤ 1000 ms', met: ms <= 1000, note: `${nodes} DOM nodes` });
        log(`  ${s.name.padEnd(30)} ${String(Math.round(ms)).padStart(6)} ms  ${String(nodes).padStart(6)} DOM nodes  target ≤ 1000 ms: ${ms <= 1000 ? 'met' : 'NOT met'}`);
      }
      for (const h of OTHERS) {
        await page.goto(`${url}${h}`);
        await page.waitForLoadState('networkidle');
      }
      const rss = rssMb(child.pid!);
      rows.push({ group: 'memory', name: 'web-mode server RSS after every screen', oursMs: rss, target: '≤ 150 MB', met: rss <= 150, note: `MB (at start ${rssStart.toFixed(0)} MB)` });
      log(`  web-mode server RSS: ${rssStart.toFixed(0)} MB at start, ${rss.toFixed(0)} MB after every screen; target ≤ 150 MB: ${rss <= 150 ? 'met' : 'NOT met'}`);
    } finally {
      await browser.close();
      child.kill('SIGTERM');
    }
    return rows;
  },
};
