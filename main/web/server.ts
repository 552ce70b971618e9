// Web mode: the same handler table over HTTP, for tests here and for laptops without Electron.
// Bound to 127.0.0.1 only. Every API call needs the per-launch token (handed only to the page
// this server serves), and Host/Origin are checked so another site, or a DNS-rebinding page,
// cannot drive the API from the staff member's browser.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { ErrorValue, Lang } from '../../shared/errors.ts';
import type { Runtime } from '../runtime.ts';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // React and recharts set style attributes; no inline <script> is ever allowed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

const MAX_BODY = 80 * 1024 * 1024; // a large spreadsheet as base64

export interface WebServer {
  server: Server;
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function forbidden(res: ServerResponse, status: number, ja: string, en: string): void {
  const error: ErrorValue = { code: 'FORBIDDEN', message: ja, details: { messages: { ja, en } } };
  send(res, status, 'application/json; charset=utf-8', JSON.stringify({ ok: false, error }));
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebServer(rt: Runtime, opts: { port?: number; rendererDir: string; token?: string }): Promise<WebServer> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  const sse = new Set<ServerResponse>();
  const onEvent = (name: string, payload: unknown) => {
    const data = `event: message\ndata: ${JSON.stringify({ name, payload })}\n\n`;
    for (const res of sse) res.write(data);
  };
  rt.events.on('event', onEvent);

  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  async function serveStatic(urlPath: string, res: ServerResponse): Promise<void> {
    const rel = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
    const file = normalize(join(opts.rendererDir, rel));
    if (!file.startsWith(normalize(opts.rendererDir) + sep)) return send(res, 404, 'text/plain', 'Not found');
    let path = file;
    try {
      if (!(await stat(path)).isFile()) throw new Error('not a file');
    } catch {
      // Client-side routes fall back to the app's page; missing assets stay 404.
      if (extname(rel)) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
      path = join(opts.rendererDir, 'index.html');
    }
    let body: string | Buffer = await readFile(path);
    const type = MIME[extname(path)] ?? 'application/octet-stream';
    if (path.endsWith('index.html')) {
      body = body.toString('utf8').replace('</head>', `<meta name="sakura-token" content="${token}"></head>`);
    }
    send(res, 200, type, body);
  }

  const server = createServer((req, res) => {
    void (async () => {
      const host = req.headers.host ?? '';
      if (!allowedHosts().has(host)) {
        return forbidden(res, 421, `ホスト「${host}」からのアクセスは受け付けません。`, `Requests for host "${host}" are refused.`);
      }
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins().has(origin)) {
        return forbidden(res, 403, `他のサイト（${origin}）からの呼び出しは受け付けません。`, `Calls from another site (${origin}) are refused.`);
      }
      const url = new URL(req.url ?? '/', `http://${host}`);

      if (url.pathname === '/api/events' && req.method === 'GET') {
        if (!sameToken(url.searchParams.get('token'), token)) {
          return forbidden(res, 401, 'アクセス トークンがありません。', 'Missing or wrong access token.');
        }
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        sse.add(res);
        req.on('close', () => sse.delete(res));
        return;
      }

      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return forbidden(res, 405, 'POST のみ受け付けます。', 'Only POST is accepted.');
        if (!sameToken(req.headers['x-sakura-token'] as string | undefined, token)) {
          return forbidden(res, 401, 'アクセス トークンがありません。', 'Missing or wrong access token.');
        }
        if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
          return forbidden(res, 415, 'JSON のみ受け付けます。', 'Only JSON is accepted.');
        }
        const name = decodeURIComponent(url.pathname.slice('/api/'.length));
        const lang: Lang = req.headers['x-sakura-lang'] === 'en' ? 'en' : 'ja';
        let input: unknown;
        try {
          input = JSON.parse((await readBody(req)) || '{}');
        } catch {
          return forbidden(res, 400, '要求の本文が JSON として読めません。', 'The request body is not valid JSON.');
        }
        const result = await rt.invoke(name, input, lang);
        return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
      return serveStatic(url.pathname, res);
    })().catch((err: unknown) => {
      console.error('[sakura] web request failed:', err);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // 127.0.0.1 only: nothing is reachable from other machines on the network.
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        rt.events.off('event', onEvent);
        for (const res of sse) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
