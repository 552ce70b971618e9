// A web-mode server per test, on its own throw-away database, started in-process from the same
// code `npm run web` runs: the tests click through exactly what staff get, and no test sees
// another's data (queue counts and charts depend on everything in the database).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startRuntime, type Runtime } from '../../main/runtime.ts';
import { startWebServer, type WebServer } from '../../main/web/server.ts';

export interface AppServer {
  /** The URL web mode prints, with `?token=…`: what staff open (specs append `#/route`). */
  url: string;
  token: string;
  port: number;
  rt: Runtime;
  web: WebServer;
}

export const test = base.extend<{ app: AppServer }>({
  app: [
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'sakura-e2e-'));
      const rt = await startRuntime({ dbPath: join(dir, 'test.sqlite'), door: 'web', user: 'e2e-staff' });
      const web = await startWebServer(rt, { rendererDir: join(process.cwd(), 'dist', 'renderer') });
      await use({ url: web.launchUrl, token: web.token, port: web.port, rt, web });
      await web.close();
      await rt.close();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'test' },
  ],
});

export { expect } from '@playwright/test';
