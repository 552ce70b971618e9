import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../main/runtime.ts';
import { startWebServer, type WebServer } from '../../main/web/server.ts';
import { freshRuntime } from './helpers.ts';

let rt: Runtime;
let web: WebServer;

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'sakura-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  rt = await freshRuntime();
  web = await startWebServer(rt, { rendererDir });
});
afterAll(async () => {
  await web.close();
  await rt.close();
});

/** Raw HTTP so Host and Origin can be set to anything, as an attacker's page or rebinding DNS would. */
function send(opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: web.port, path: opts.path, method: opts.method ?? 'POST', headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const good = () => ({
  Host: `127.0.0.1:${web.port}`,
  Origin: `http://127.0.0.1:${web.port}`,
  'Content-Type': 'application/json',
  'X-Sakura-Token': web.token,
});

describe('web mode door', () => {
  it('listens on 127.0.0.1 only', () => {
    expect((web.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('answers a well-formed call with a Result value', async () => {
    const r = await send({ path: '/api/app%2Finfo', headers: good(), body: '{}' });
    expect(r.status).toBe(200);
    const json = JSON.parse(r.body);
    expect(json.ok).toBe(true);
    expect(json.value.door).toBe('test');
  });

  it('refuses a call without the token', async () => {
    const { ['X-Sakura-Token']: _t, ...headers } = good();
    const r = await send({ path: '/api/app%2Finfo', headers, body: '{}' });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a call with a wrong token', async () => {
    const r = await send({ path: '/api/app%2Finfo', headers: { ...good(), 'X-Sakura-Token': 'x'.repeat(64) }, body: '{}' });
    expect(r.status).toBe(401);
  });

  it('refuses a call from a foreign Origin, even with the token', async () => {
    const r = await send({ path: '/api/app%2Finfo', headers: { ...good(), Origin: 'https://evil.example' }, body: '{}' });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).error.details.messages.en).toContain('another site');
  });

  it('refuses a request for a foreign Host (DNS rebinding), even with the token', async () => {
    const r = await send({ path: '/api/app%2Finfo', headers: { ...good(), Host: `evil.example:${web.port}` }, body: '{}' });
    expect(r.status).toBe(421);
    const page = await send({ path: '/', method: 'GET', headers: { Host: 'evil.example' } });
    expect(page.status).toBe(421);
    expect(page.body).not.toContain(web.token);
  });

  it('rejects unknown call names as a value', async () => {
    const r = await send({ path: '/api/system%2Fshell', headers: good(), body: '{}' });
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });

  it('serves the page under a strict CSP, never with the token in it', async () => {
    const r = await send({ path: `/?token=${web.token}`, method: 'GET', headers: { Host: `127.0.0.1:${web.port}` } });
    expect(r.status).toBe(200);
    expect(r.body).not.toContain(web.token);
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await send({ path: '/..%2F..%2Fetc%2Fpasswd', method: 'GET', headers: { Host: `127.0.0.1:${web.port}` } });
    expect(r.body).not.toContain('root:');
  });
});

describe('progress events over web mode', () => {
  it('reach the page while a large import is still running, not only after it', async () => {
    const header = '受付番号,年度,コース,タイトル,申請機関,申請者,送出し機関,送出し国・地域,分野,形態,招へい人数,引率者数,来日予定日,離日予定日,申請額';
    const rows = Array.from({ length: 3000 }, (_, i) => `EV-${i},2026,A,体験${i},東北大学,山田,Universitas Indonesia,ID,科学技術,来日,5,1,2026/08/01,2026/08/07,1000000`);
    const body = JSON.stringify({ fileName: 'big.csv', dataBase64: Buffer.from([header, ...rows].join('\n')).toString('base64'), jobId: 'ev-1' });

    const order: string[] = [];
    const sse = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: web.port, path: '/api/events', method: 'GET', headers: { Host: `127.0.0.1:${web.port}`, 'X-Sakura-Token': web.token } },
        resolve,
      );
      req.on('error', reject);
      req.end();
    });
    sse.on('data', (c: Buffer) => {
      for (const m of c.toString('utf8').matchAll(/"phase":"(\w+)","done":(\d+)/g)) order.push(`event:${m[1]}:${m[2]}`);
    });
    const r = await send({ path: '/api/applications%2Fimport', headers: good(), body });
    order.push('response');
    sse.destroy();
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { added: 3000 } });
    const firstWrite = order.findIndex((o) => o.startsWith('event:write'));
    expect(firstWrite).toBeGreaterThanOrEqual(0);
    // Write-phase progress (500, 1000, …) arrived before the call's own answer.
    expect(firstWrite).toBeLessThan(order.indexOf('response'));
    expect(order.filter((o) => o.startsWith('event:write')).length).toBeGreaterThan(3);
  });
});
