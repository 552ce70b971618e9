// Web mode closed to other local users and sites: the token is only in the printed URL, the page
// trades it for an HttpOnly SameSite=Strict cookie, a bare GET / shows a short "open the link"
// page, and malformed, oversized or slow requests are answered (400, 413, closed) without a
// stack trace in the log.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Runtime } from '../../main/runtime.ts';
import { MAX_BODY, startWebServer, type WebServer } from '../../main/web/server.ts';
import { freshRuntime } from './helpers.ts';

let rt: Runtime;
let web: WebServer;
const logged: string[] = [];

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'sakura-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>app</title></head><body>THE-APP</body></html>');
  rt = await freshRuntime();
  web = await startWebServer(rt, { rendererDir, headersTimeoutMs: 1000, requestTimeoutMs: 1500 });
  for (const m of ['error', 'warn', 'log'] as const) {
    vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void logged.push(a.map(String).join(' ')));
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await web.close();
  await rt.close();
});

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };
function send(opts: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: web.port, path: opts.path, method: opts.method ?? 'GET', headers: { Host: `127.0.0.1:${web.port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

/** A raw socket, to send a request byte by byte or with a lying Content-Length. */
function raw(): Promise<import('node:net').Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(web.port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}
const closed = (s: import('node:net').Socket) =>
  new Promise<{ ms: number; data: string }>((resolve) => {
    const t0 = Date.now();
    let data = '';
    s.on('data', (c: Buffer) => (data += c.toString()));
    s.on('close', () => resolve({ ms: Date.now() - t0, data }));
  });

async function session(): Promise<string> {
  const r = await send({ path: `/?token=${web.token}` });
  const set = String(r.headers['set-cookie']);
  return set.split(';')[0]!;
}

describe('the token is never in a page', () => {
  it('the printed URL carries the token', () => {
    expect(web.launchUrl).toBe(`http://127.0.0.1:${web.port}/?token=${web.token}`);
    expect(web.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a bare GET / reveals no token and says, in both languages, to open the printed link', async () => {
    for (const path of ['/', '/index.html', '/applications']) {
      const r = await send({ path });
      expect(r.status, path).toBe(200);
      expect(r.body).not.toContain(web.token);
      expect(r.body).not.toContain('THE-APP');
      expect(r.body).toContain('リンク');
      expect(r.body).toContain('Open the link');
      expect(r.headers['set-cookie']).toBeUndefined();
    }
  });

  it('a wrong token opens nothing', async () => {
    const r = await send({ path: `/?token=${'0'.repeat(64)}` });
    expect(r.status).toBe(401);
    expect(r.body).not.toContain('THE-APP');
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('the printed URL opens the app and sets an HttpOnly, SameSite=Strict cookie that is not the token', async () => {
    const r = await send({ path: `/?token=${web.token}` });
    expect(r.status).toBe(200);
    expect(r.body).toContain('THE-APP');
    expect(r.body).not.toContain(web.token);
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(web.token);
    // With the cookie, the bare address is the app (reloads, new tabs).
    const again = await send({ path: '/', headers: { Cookie: cookie.split(';')[0]! } });
    expect(again.body).toContain('THE-APP');
  });

  it('the API takes the cookie or the X-Sakura-Token header, nothing else', async () => {
    const api = (headers: Record<string, string>) => send({ path: '/api/app%2Finfo', method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
    expect((await api({})).status).toBe(401);
    expect((await api({ Cookie: `sakura_session_${web.port}=${web.token}` })).status).toBe(401);
    expect(JSON.parse((await api({ Cookie: await session() })).body).ok).toBe(true);
    expect(JSON.parse((await api({ 'X-Sakura-Token': web.token })).body).ok).toBe(true);
    // The token in the query string is not a way into the API.
    const q = await send({ path: `/api/app%2Finfo?token=${web.token}`, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(q.status).toBe(401);
  });

  it('the event stream uses the cookie, with no token in its URL', async () => {
    expect((await send({ path: `/api/events?token=${web.token}` })).status).toBe(401);
    const cookie = await session();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: web.port, path: '/api/events', headers: { Host: `127.0.0.1:${web.port}`, Cookie: cookie } }, (res) => {
        resolve(res.statusCode ?? 0);
        res.destroy();
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
  });
});

describe('bad requests are answered, not crashed on', () => {
  it('malformed percent-encoding gets 400 without a stack trace in the log', async () => {
    logged.length = 0;
    const page = await send({ path: '/%E0%A4%A' });
    expect(page.status).toBe(400);
    const api = await send({ path: '/api/app%2', method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Sakura-Token': web.token }, body: '{}' });
    expect(api.status).toBe(400);
    expect(JSON.parse(api.body).error.details.messages.en).toContain('malformed');
    expect(logged.join('\n')).not.toMatch(/at .*\(.*:\d+:\d+\)|URIError/);
  });

  it('a body over the largest import gets 413 before it is read', async () => {
    logged.length = 0;
    const s = await raw();
    const done = closed(s);
    s.write(
      `POST /api/applications%2Fimport HTTP/1.1\r\nHost: 127.0.0.1:${web.port}\r\nContent-Type: application/json\r\nX-Sakura-Token: ${web.token}\r\nContent-Length: ${MAX_BODY + 1}\r\n\r\n{"fileName":"x.csv","dataBase64":"`,
    );
    const { data } = await done;
    expect(data).toMatch(/^HTTP\/1\.1 413/);
    expect(logged.join('\n')).not.toMatch(/at .*:\d+:\d+/);
  });

  it('a body that grows over the limit without declaring it gets 413 and is cut off', async () => {
    const big = Buffer.alloc(MAX_BODY + 1024 * 1024, 0x41);
    const s = await raw();
    const done = closed(s);
    s.on('error', () => undefined);
    s.write(`POST /api/applications%2Fimport HTTP/1.1\r\nHost: 127.0.0.1:${web.port}\r\nContent-Type: application/json\r\nX-Sakura-Token: ${web.token}\r\nTransfer-Encoding: chunked\r\n\r\n`);
    s.write(`${big.length.toString(16)}\r\n`);
    s.write(big);
    const { data } = await done;
    expect(data).toMatch(/^HTTP\/1\.1 413/);
  });

  it('a header sent one byte at a time is closed by the header timeout', async () => {
    const s = await raw();
    const done = closed(s);
    s.on('error', () => undefined);
    const line = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${web.port}\r\nX-Slow: `;
    let i = 0;
    const timer = setInterval(() => {
      if (!s.destroyed) s.write(i < line.length ? line[i++]! : 'a');
    }, 150);
    const { ms } = await done;
    clearInterval(timer);
    expect(ms).toBeLessThan(5000);
  });

  it('a body that never finishes is closed by the request timeout', async () => {
    const s = await raw();
    const done = closed(s);
    s.on('error', () => undefined);
    s.write(`POST /api/app%2Finfo HTTP/1.1\r\nHost: 127.0.0.1:${web.port}\r\nContent-Type: application/json\r\nX-Sakura-Token: ${web.token}\r\nContent-Length: 100\r\n\r\n{`);
    const timer = setInterval(() => !s.destroyed && s.write(' '), 200);
    const { ms } = await done;
    clearInterval(timer);
    expect(ms).toBeLessThan(6000);
  });
});
