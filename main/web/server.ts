// Web mode: the same handler table over HTTP, for tests here and for laptops without Electron.
// Bound to 127.0.0.1 only, which still lets every local process and user connect. So nothing is
// served without the per-launch token: it travels only in the URL that web mode prints and opens
// (`/?token=…`), which the page trades for an HttpOnly, SameSite=Strict cookie before removing it
// from the address bar. A bare `GET /` gets a short page saying to open that link; scripts may send
// the token as X-Sakura-Token instead. Host/Origin are checked so another site, or a DNS-rebinding
// page, cannot drive the API from the staff member's browser.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { ErrorValue, Lang } from '../../shared/errors.ts';
import { MAX_REQUEST_BODY_BYTES } from '../../shared/limits.ts';
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

/** The largest import's file as base64 plus its JSON: anything larger gets 413 before it is read. */
export const MAX_BODY = MAX_REQUEST_BODY_BYTES;

/** Slow clients (one header byte every few seconds) must not hold connections open for ever. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 120_000;

const OPEN_LINK_PAGE = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>Sakura Desk</title></head>
<body style="font-family: sans-serif; margin: 3em; line-height: 1.6">
<h1>Sakura Desk</h1>
<p>Sakura Desk を起動したときに表示されたリンク（<code>http://127.0.0.1:…/?token=…</code>）を開いてください。このページだけでは使えません。</p>
<p lang="en">Open the link Sakura Desk printed when it started (<code>http://127.0.0.1:…/?token=…</code>). This page alone does not give access.</p>
</body></html>
`;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly ja: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export interface WebServer {
  server: Server;
  /** The server's address, without the token: on its own it shows only the "open the link" page. */
  url: string;
  /** What web mode prints and opens: the address with `?token=…`, which opens the app. */
  launchUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function forbidden(res: ServerResponse, status: number, ja: string, en: string): void {
  const error: ErrorValue = { code: 'FORBIDDEN', message: ja, details: { messages: { ja, en } } };
  send(res, status, 'application/json; charset=utf-8', JSON.stringify({ ok: false, error }));
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...extra,
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

const tooLarge = () =>
  new HttpError(413, `要求が大きすぎます（上限 ${Math.round(MAX_BODY / 1024 / 1024)} MB）。`, `The request is too large (limit ${Math.round(MAX_BODY / 1024 / 1024)} MB).`);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    // A declared length over the limit is refused before a byte of the body is read.
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY) return reject(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > MAX_BODY) {
        done = true;
        chunks.length = 0;
        // Stop buffering; the 413 goes out and the connection is closed after it.
        req.pause();
        reject(tooLarge());
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    // The client went away or was timed out half-way: its problem, not a bug to log.
    req.on('error', () => {
      done = true;
      reject(new HttpError(408, '要求が途中で途切れました。', 'The request was cut off.'));
    });
  });
}

/** decodeURIComponent, with malformed percent-encoding as a 400 rather than a thrown URIError. */
function decodePath(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new HttpError(400, 'URL の形式が正しくありません。', 'The URL is malformed.');
  }
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface WebServerOptions {
  port?: number;
  rendererDir: string;
  token?: string;
  /** Tests shorten these to see slow connections closed. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export async function startWebServer(rt: Runtime, opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  // What the cookie holds: not the token itself, so a cookie that leaks (a browser profile copied
  // elsewhere) is not the header token scripts use, and both die with this launch.
  const session = randomBytes(32).toString('hex');
  const sse = new Set<ServerResponse>();
  const onEvent = (name: string, payload: unknown) => {
    const data = `event: message\ndata: ${JSON.stringify({ name, payload })}\n\n`;
    for (const res of sse) res.write(data);
  };
  rt.events.on('event', onEvent);

  let port = 0;
  // Cookies ignore ports: two web modes on 127.0.0.1 must not read each other's.
  const cookieName = () => `sakura_session_${port}`;
  const hasSession = (req: IncomingMessage) => sameToken(cookieValue(req.headers.cookie, cookieName()), session);
  const authorised = (req: IncomingMessage) => hasSession(req) || sameToken(req.headers['x-sakura-token'] as string | undefined, token);
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  async function serveStatic(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const urlPath = url.pathname;
    const rel = decodePath(urlPath === '/' ? '/index.html' : urlPath);
    if (rel.includes('\0')) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    const file = normalize(join(opts.rendererDir, rel));
    if (!file.startsWith(normalize(opts.rendererDir) + sep)) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    let path = file;
    try {
      if (!(await stat(path)).isFile()) throw new Error('not a file');
    } catch {
      // Client-side routes fall back to the app's page; missing assets stay 404.
      if (extname(rel)) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
      path = join(opts.rendererDir, 'index.html');
    }
    const type = MIME[extname(path)] ?? 'application/octet-stream';
    if (path.endsWith('index.html')) {
      // The app's page only with the printed token (which sets the cookie) or the cookie itself.
      const given = url.searchParams.get('token');
      if (given !== null && sameToken(given, token)) {
        const cookie = `${cookieName()}=${session}; HttpOnly; SameSite=Strict; Path=/`;
        return send(res, 200, type, await readFile(path), { 'Set-Cookie': cookie });
      }
      if (!hasSession(req)) return send(res, given === null ? 200 : 401, 'text/html; charset=utf-8', OPEN_LINK_PAGE);
    }
    send(res, 200, type, await readFile(path));
  }

  const server = createServer({ headersTimeout: opts.headersTimeoutMs ?? HEADERS_TIMEOUT_MS, requestTimeout: opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, connectionsCheckingInterval: Math.min(1000, opts.headersTimeoutMs ?? 1000) }, (req, res) => {
    void (async () => {
      const host = req.headers.host ?? '';
      if (!allowedHosts().has(host)) {
        return forbidden(res, 421, `ホスト「${host}」からのアクセスは受け付けません。`, `Requests for host "${host}" are refused.`);
      }
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins().has(origin)) {
        return forbidden(res, 403, `他のサイト（${origin}）からの呼び出しは受け付けません。`, `Calls from another site (${origin}) are refused.`);
      }
      let url: URL;
      try {
        url = new URL(req.url ?? '/', `http://${host}`);
      } catch {
        throw new HttpError(400, 'URL の形式が正しくありません。', 'The URL is malformed.');
      }

      if (url.pathname === '/api/events' && req.method === 'GET') {
        if (!authorised(req)) {
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
        if (!authorised(req)) {
          return forbidden(res, 401, 'アクセス トークンがありません。', 'Missing or wrong access token.');
        }
        if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
          return forbidden(res, 415, 'JSON のみ受け付けます。', 'Only JSON is accepted.');
        }
        const name = decodePath(url.pathname.slice('/api/'.length));
        const lang: Lang = req.headers['x-sakura-lang'] === 'en' ? 'en' : 'ja';
        const body = await readBody(req);
        let input: unknown;
        try {
          input = JSON.parse(body || '{}');
        } catch {
          return forbidden(res, 400, '要求の本文が JSON として読めません。', 'The request body is not valid JSON.');
        }
        const result = await rt.invoke(name, input, lang);
        return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
      return serveStatic(url, req, res);
    })().catch((err: unknown) => {
      if (err instanceof HttpError) {
        // The client's mistake, answered and closed; nothing for the log.
        if (!res.headersSent) {
          const error: ErrorValue = { code: 'VALIDATION', message: err.ja, details: { messages: { ja: err.ja, en: err.en } } };
          send(res, err.status, 'application/json; charset=utf-8', JSON.stringify({ ok: false, error }), err.status === 413 ? { Connection: 'close' } : {});
        }
        // Lingering close: keep reading (and dropping) what the client still sends for a moment, so
        // closing a socket with unread data does not reset it before the client has read the 413.
        if (err.status === 413) {
          req.resume();
          res.once('finish', () => setTimeout(() => req.destroy(), 1000).unref());
        }
        return;
      }
      // A bug: one line, no stack trace (the log may be shown to staff or pasted into a ticket).
      console.error(`[sakura] web request failed: ${req.method} ${String(req.url).slice(0, 200)}: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
    });
  });
  // Malformed request lines and headers, and connections that time out while sending them:
  // answered (400/408/431) and closed, without Node's default logging.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || (err as { code?: string }).code === 'ECONNRESET') return socket.destroy();
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    socket.end(`HTTP/1.1 ${status} ${status === 408 ? 'Request Timeout' : status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
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
    launchUrl: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        rt.events.off('event', onEvent);
        for (const res of sse) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
