// The Electron shell: one window, one database, one IPC channel per API call. Everything the app
// does lives in the runtime (main/runtime.ts), which web mode and the CLI share; this file only
// wires Electron to it and closes every door Electron leaves open by default.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  shell,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron';
import { IPC_CALL_PREFIX, IPC_EVENT_CHANNEL } from '../../shared/api/bridge.ts';
import { callNames } from '../../shared/api/index.ts';
import { AppError, toErrorValue, type ErrorValue, type Lang, type Messages, type Result } from '../../shared/errors.ts';
import { DB_FILE_NAME } from '../paths.ts';
import { startRuntime, type Runtime } from '../runtime.ts';
import { CSP } from '../web/server.ts';

const APP_SCHEME = 'app';
const APP_HOST = 'sakura';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
const START_URL = `${APP_ORIGIN}/index.html`;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

// Must happen before `ready`. `standard` gives app://sakura/ a real origin (so relative URLs,
// localStorage and CSP 'self' behave as on https), `secure` makes it a secure context, and
// `supportFetchAPI` lets the page fetch its own assets. No bypassCSP, no corsEnabled: the page
// needs nothing from other origins.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// Every renderer, including any we did not create on purpose, runs sandboxed.
app.enableSandbox();

let win: BrowserWindow | null = null;
let runtime: Runtime | null = null;

function isAppUrl(raw: string): boolean {
  try {
    const u = new URL(raw);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' },
  });
}

/**
 * Serves dist/renderer under app://sakura/. A custom scheme instead of file:// keeps the page
 * away from the whole disk (file:// pages may read any other file:// URL) and gives CSP a real
 * 'self'. The resolved path must stay inside the renderer folder: Chromium normalises `..` in
 * standard URLs, but percent-encoded separators and Windows backslashes only show up after
 * decoding, so the check happens on the final path.
 */
function rendererHandler(rendererDir: string) {
  const root = resolve(rendererDir);
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    let url: URL;
    let rel: string;
    try {
      url = new URL(request.url);
      rel = decodeURIComponent(url.pathname);
    } catch {
      return textResponse(400, 'Bad request');
    }
    if (url.host !== APP_HOST || rel.includes('\0')) return textResponse(404, 'Not found');
    const file = resolve(root, `.${rel === '/' ? '/index.html' : rel}`);
    if (!file.startsWith(root + sep)) return textResponse(404, 'Not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      // Routes are hash-based (#/applications/ID), so a missing file is really missing.
      return textResponse(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      },
    });
  };
}

function forbidden(lang: Lang): Result<never> {
  const messages: Messages = {
    ja: 'この画面からの呼び出しは受け付けません。',
    en: 'Calls from this frame are refused.',
  };
  const error: ErrorValue = { code: 'FORBIDDEN', message: messages[lang], details: { messages } };
  return { ok: false, error };
}

/**
 * Only the top frame of our own window, showing our own page, may call the API. The identity
 * check against mainFrame also rejects a frame that is being torn down during a navigation
 * (Electron hands such IPC a detached WebFrameMain), and the URL check rejects anything that
 * somehow got loaded from elsewhere.
 */
function fromOurPage(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || !win || win.isDestroyed()) return false;
  if (event.sender !== win.webContents) return false;
  if (frame !== win.webContents.mainFrame || frame.detached) return false;
  return frame.url.startsWith(`${APP_ORIGIN}/`);
}

function unwrap(payload: unknown): { input: unknown; lang: Lang } {
  if (typeof payload !== 'object' || payload === null) return { input: undefined, lang: 'ja' };
  const p = payload as { input?: unknown; lang?: unknown };
  return { input: p.input, lang: p.lang === 'en' ? 'en' : 'ja' };
}

/**
 * One channel per contract name, and nothing else: a channel the renderer invents has no
 * handler at all. Handlers never throw: a thrown error crosses IPC as its message only
 * (electron#24427), so failures come back as error values like every other door's.
 */
function registerIpc(rt: Runtime): void {
  for (const name of callNames) {
    ipcMain.handle(`${IPC_CALL_PREFIX}${name}`, async (event, payload: unknown) => {
      const { input, lang } = unwrap(payload);
      if (!fromOurPage(event)) return forbidden(lang);
      try {
        return await rt.invoke(name, input, lang);
      } catch (err) {
        console.error(`[sakura] IPC ${name} failed:`, err);
        return { ok: false, error: toErrorValue(err, lang) } satisfies Result<never>;
      }
    });
  }
  rt.events.on('event', (name: string, payload: unknown) => {
    if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });
}

/** https links open in the staff member's browser; every other scheme (file:, smb:, custom handlers) is refused. */
function openExternalIfHttps(raw: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return;
  }
  if (url.protocol !== 'https:') return;
  void shell.openExternal(url.href).catch(() => undefined);
}

/** Applied to every WebContents Electron creates, so no later window or frame escapes the rules. */
function lockDown(contents: WebContents): void {
  // The page never leaves app://sakura: a stray link or a script cannot turn the window (and
  // its IPC access) into a browser for another site.
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // window.open, target=_blank and middle-click (auxclick) all land here: no new Electron
  // window ever opens. (The old `disableBlinkFeatures: 'Auxclick'` advice names a Blink flag
  // that no longer exists; this handler is what stops middle-click windows.)
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfHttps(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function denyAllPermissions(): void {
  const ses = session.defaultSession;
  // The app needs no camera, microphone, notifications, geolocation, USB, HID or serial access.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 960,
    minHeight: 600,
    title: 'Sakura Desk',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      // __dirname is dist/main in the CommonJS bundle (scripts/build-main.mjs), next to preload.cjs.
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // The spell checker downloads dictionaries from Google: network traffic staff did not ask
      // for, and no help with Japanese.
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  w.once('ready-to-show', () => w.show());
  w.on('closed', () => {
    win = null;
  });
  w.loadURL(START_URL).catch((err: unknown) => console.error('[sakura] loading the page failed:', err));
  return w;
}

async function saveAsPdf(target: BrowserWindow): Promise<void> {
  const now = new Date();
  // Local date (staff work in JST; toISOString() would give yesterday before 9 am).
  const stamp = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const choice = await dialog.showSaveDialog(target, {
    title: 'PDF として保存 / Save as PDF',
    defaultPath: join(app.getPath('documents'), `Sakura Desk ${stamp}.pdf`),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (choice.canceled || !choice.filePath) return;
  try {
    // preferCSSPageSize: the renderer's print stylesheet (@page) decides A4 / landscape per view.
    const pdf = await target.webContents.printToPDF({ printBackground: true, pageSize: 'A4', preferCSSPageSize: true });
    await writeFile(choice.filePath, pdf);
  } catch (err) {
    dialog.showErrorBox(
      'PDF を保存できませんでした / Could not save the PDF',
      `${choice.filePath}\n\n${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

function showAbout(target: BrowserWindow | null, dbPath: string): void {
  const options = {
    type: 'info' as const,
    title: 'Sakura Desk',
    message: `Sakura Desk ${app.getVersion()}`,
    detail: `データベース / Database:\n${dbPath}`,
  };
  void (target ? dialog.showMessageBox(target, options) : dialog.showMessageBox(options));
}

function buildMenu(dbPath: string): Menu {
  const current = () => (win && !win.isDestroyed() ? win : null);
  const template: MenuItemConstructorOptions[] = [];
  if (process.platform === 'darwin') template.push({ role: 'appMenu' });
  template.push(
    {
      label: 'ファイル',
      submenu: [
        {
          label: '印刷…',
          accelerator: 'CmdOrCtrl+P',
          click: () => current()?.webContents.print({ printBackground: true }),
        },
        {
          label: 'PDF として保存…',
          accelerator: 'CmdOrCtrl+Shift+P',
          click: () => {
            const w = current();
            if (w) void saveAsPdf(w);
          },
        },
        { type: 'separator' },
        { role: 'quit', label: '終了' },
      ],
    },
    {
      label: '編集',
      submenu: [
        { role: 'undo', label: '元に戻す' },
        { role: 'redo', label: 'やり直す' },
        { type: 'separator' },
        { role: 'cut', label: '切り取り' },
        { role: 'copy', label: 'コピー' },
        { role: 'paste', label: '貼り付け' },
        { role: 'selectAll', label: 'すべて選択' },
      ],
    },
    {
      label: '表示',
      submenu: [
        { role: 'reload', label: '再読み込み' },
        { role: 'resetZoom', label: '実際のサイズ' },
        { role: 'zoomIn', label: '拡大' },
        { role: 'zoomOut', label: '縮小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全画面表示' },
        // Developer tools only in development: in a packaged app they are a way around every check above.
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools', label: '開発者ツール' } satisfies MenuItemConstructorOptions]),
      ],
    },
    {
      label: 'ヘルプ',
      submenu: [{ label: 'Sakura Desk について', click: () => showAbout(current(), dbPath) }],
    },
  );
  return Menu.buildFromTemplate(template);
}

function startupMessages(err: unknown): Messages {
  if (err instanceof AppError) return err.messages;
  const e = err as { details?: { messages?: Messages }; message?: unknown };
  if (e?.details?.messages) return e.details.messages;
  const text = typeof e?.message === 'string' ? e.message : String(err);
  return {
    ja: `データベースを開けませんでした: ${text}`,
    en: `The database could not be opened: ${text}`,
  };
}

async function main(): Promise<void> {
  // A second copy would open the same SQLite file from two processes and show two windows of
  // the same data; the first copy comes to the front instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents));

  await app.whenReady();

  const envDb = process.env.SAKURA_DB?.trim();
  const dbPath = envDb ? envDb : join(app.getPath('userData'), DB_FILE_NAME);
  try {
    runtime = await startRuntime({ dbPath, door: 'electron' });
  } catch (err) {
    // openDatabase refuses a foreign, damaged or newer file without writing to it; the shell
    // must not "recover" by creating a fresh one over it either, so it explains and stops.
    const m = startupMessages(err);
    dialog.showErrorBox('Sakura Desk を起動できません / Sakura Desk cannot start', `${m.ja}\n\n${m.en}`);
    app.exit(1);
    return;
  }

  const rendererDir = join(app.getAppPath(), 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    // Only in development (`npm start --no-build` before any build): a packaged app always has it.
    dialog.showErrorBox(
      '画面がビルドされていません / The renderer is not built',
      `${rendererDir}\n\n\`npm run build:renderer\` を実行してください。\nRun \`npm run build:renderer\`.`,
    );
    await runtime.close();
    app.exit(1);
    return;
  }

  denyAllPermissions();
  protocol.handle(APP_SCHEME, rendererHandler(rendererDir));
  registerIpc(runtime);
  // The opened store's own name: a team server's URL with the password masked.
  Menu.setApplicationMenu(buildMenu(runtime.open.path));
  win = createWindow();

  // One window, one database: closing it ends the app on every platform, so the SQLite file is
  // closed cleanly rather than left open by a windowless macOS process.
  app.on('window-all-closed', () => app.quit());
  // Quitting waits once for the database to close (WAL checkpoint), then quits for real.
  app.on('will-quit', (event) => {
    if (!runtime) return;
    event.preventDefault();
    const rt = runtime;
    runtime = null;
    void rt
      .close()
      .catch((err: unknown) => console.error('[sakura] closing the database failed:', err))
      .finally(() => app.quit());
  });
}

main().catch((err: unknown) => {
  console.error('[sakura] startup failed:', err);
  const m = startupMessages(err);
  dialog.showErrorBox('Sakura Desk を起動できません / Sakura Desk cannot start', `${m.ja}\n\n${m.en}`);
  app.exit(1);
});
