// The Electron shell: one window, one database, one IPC channel per API call. Everything the app
// does lives in the runtime (main/runtime.ts), which web mode and the CLI share; this file only
// wires Electron to it and closes every door Electron leaves open by default.
import { todayIso } from '../../shared/dates.ts';
import { RETRYABLE_STARTUP_FAILURES } from '../../shared/startup.ts';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  session,
  shell,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import { IPC_CALL_PREFIX, IPC_EVENT_CHANNEL } from '../../shared/api/bridge.ts';
import { callNames } from '../../shared/api/index.ts';
import { AppError, toErrorValue, type ErrorValue, type Lang, type Messages, type Result } from '../../shared/errors.ts';
import { writeFileAtomic } from '../files/write.ts';
import type { Runtime } from '../runtime.ts';
import { pgpassVault } from '../store/pgpass.ts';
import { startSwitchableRuntime } from '../store/switch.ts';
import { safeStorageVault } from './vault.ts';
import { CSP } from '../web/server.ts';
import { menuTemplate } from './menu.ts';

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
      // The page's language is the staff member's setting: the menu follows it.
      if (menuDbPath !== null) setMenu(lang, menuDbPath);
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
  // will-navigate fires for the main frame only; a frame inside the page (an <iframe> that an
  // injected script or a crafted document adds) navigates through this event instead, and must not
  // reach another site or a file: URL either.
  contents.on('will-frame-navigate', (event) => {
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
  // The laptop's date, from the one "today" (toISOString() would give yesterday before 9 am in JST).
  const stamp = todayIso();
  const choice = await dialog.showSaveDialog(target, {
    title: 'PDF として保存 / Save as PDF',
    defaultPath: join(app.getPath('documents'), `Sakura Desk ${stamp}.pdf`),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (choice.canceled || !choice.filePath) return;
  try {
    // preferCSSPageSize: the renderer's print stylesheet (@page) decides A4 / landscape per view.
    const pdf = await target.webContents.printToPDF({ printBackground: true, pageSize: 'A4', preferCSSPageSize: true });
    await writeFileAtomic(choice.filePath, pdf);
  } catch (err) {
    const m = err instanceof AppError ? err.messages : { ja: 'PDF を作れませんでした。', en: 'The PDF could not be made.' };
    dialog.showErrorBox('PDF を保存できませんでした / Could not save the PDF', `${m.ja}\n\n${m.en}`);
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

/** The menu in the page's language (main/electron/menu.ts); rebuilt when that language changes. */
let menuLang: Lang | null = null;
let menuDbPath: string | null = null;
function setMenu(lang: Lang, dbPath: string): void {
  if (lang === menuLang) return;
  menuLang = lang;
  const current = () => (win && !win.isDestroyed() ? win : null);
  const actions = {
    print: () => current()?.webContents.print({ printBackground: true }),
    savePdf: () => {
      const w = current();
      if (w) void saveAsPdf(w);
    },
    // The store now open: settings may have switched it since the menu was built.
    about: () => showAbout(current(), runtime?.ctx('ja').dbPath ?? dbPath),
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(lang, actions, { mac: process.platform === 'darwin', devTools: !app.isPackaged })));
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

  const dataDir = app.getPath('userData');
  // A team server's password: encrypted by the OS keychain where Electron can, else a pgpass file.
  const vault = safeStorage.isEncryptionAvailable() ? safeStorageVault(safeStorage, dataDir) : pgpassVault();
  try {
    // A damaged (or emptied) file opens the recovery screen, which offers the newest good backup; a
    // team server that cannot be reached or refuses the login opens it too, with the store choice.
    // SAKURA_DB wins, then the store chosen in settings, then the file in userData.
    runtime = await startSwitchableRuntime({
      dataDir,
      vault,
      door: 'electron',
      // Busy, read-only, full disk: the screen offers もう一度試す (shared/startup.ts).
      recovery: ['DB_DAMAGED', 'DB_EMPTY', 'DB_AUTH', 'DB_NO_DATABASE', ...RETRYABLE_STARTUP_FAILURES],
    });
  } catch (err) {
    // Every other refusal (not SQLite, a folder, newer…) is its own sentence in a
    // box, and the app stops: the runtime never "recovers" by creating a fresh file over it.
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
  // Japanese first; the first call from the page switches it to the page's language. The store's
  // own name: a team server's URL with the password masked (a file that would not open: its path).
  menuDbPath = runtime.ctx('ja').dbPath;
  setMenu('ja', menuDbPath);
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
