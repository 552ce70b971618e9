// `npm run web` as staff start it: the process prints a URL with ?token=…; the bare address gives
// away no token, and the printed URL opens the app.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

let child: ChildProcess | null = null;
let dir: string | null = null;
test.afterEach(() => {
  child?.kill('SIGTERM');
  child = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

test('the printed URL opens the app; GET / reveals no token', async ({ page, request }) => {
  dir = mkdtempSync(join(tmpdir(), 'sakura-web-'));
  child = spawn(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['main/web/index.ts', '--no-open', '--db', join(dir, 'web.sqlite')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: '1' },
  });
  const printed = await new Promise<string>((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Sakura Desk \(web mode\) (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64})/.exec(out);
      if (m) resolve(m[1]!);
    });
    child!.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child!.on('exit', (code) => reject(new Error(`web mode exited (${code}): ${out}`)));
    setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 30_000);
  });
  const url = new URL(printed);
  const token = url.searchParams.get('token')!;

  const bare = await request.get(`${url.origin}/`);
  expect(bare.status()).toBe(200);
  const body = await bare.text();
  expect(body).not.toContain(token);
  expect(body).toContain('Open the link');

  await page.goto(printed);
  await expect(page.getByTestId('nav-applications')).toHaveText('応募');
  await expect(page.getByTestId('db-path')).toHaveText(/web\.sqlite$/);
  await expect.poll(() => page.url()).toBe(`${url.origin}/`);
});
