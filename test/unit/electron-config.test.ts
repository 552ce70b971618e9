// Keeps the Electron shell honest on a machine where Electron itself cannot run (its binary cannot
// be downloaded here, and `import 'electron'` throws under plain Node). Three layers:
//  1. the sources and packaging config say what we promise (cheap text checks that fail loudly
//     when someone "temporarily" turns a protection off);
//  2. the real bundles (scripts/build-main.mjs) are loaded with a stand-in 'electron' module and
//     driven like Electron would: IPC from good and bad frames, app:// requests, navigation,
//     permissions, a database that must not be touched;
//  3. the afterPack hook flips a fake fuse wire with the real @electron/fuses.
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_CALL_PREFIX, IPC_EVENT_CHANNEL } from '../../shared/api/bridge.ts';
import { callNames } from '../../shared/api/index.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const rootRequire = createRequire(join(root, 'package.json'));

describe('main/electron/main.ts (source)', () => {
  const src = read('main/electron/main.ts');
  // Comments may name what is not done ("no bypassCSP"); the checks below are about code.
  const code = src.replace(/^\s*\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');

  it('creates the window with the renderer locked down', () => {
    for (const s of [
      'contextIsolation: true',
      'sandbox: true',
      'nodeIntegration: false',
      'nodeIntegrationInWorker: false',
      'nodeIntegrationInSubFrames: false',
      'webSecurity: true',
      'allowRunningInsecureContent: false',
      'webviewTag: false',
      'app.enableSandbox()',
    ]) {
      expect(src, s).toContain(s);
    }
    // Nothing that loosens the above may appear anywhere in the shell.
    for (const bad of ['nodeIntegration: true', 'contextIsolation: false', 'sandbox: false', 'webSecurity: false', 'bypassCSP', 'allowRunningInsecureContent: true', 'enableRemoteModule', "'file://"]) {
      expect(code, bad).not.toContain(bad);
    }
  });

  it('keeps the page on app://sakura and opens no windows', () => {
    expect(src).toContain("'will-navigate'");
    expect(src).toContain("'will-redirect'");
    expect(src).toContain("'will-frame-navigate'");
    expect(src).toContain("'will-attach-webview'");
    expect(src).toMatch(/setWindowOpenHandler\([\s\S]{0,200}action: 'deny'/);
    expect(src).toContain('setPermissionRequestHandler');
    expect(src).toContain('setPermissionCheckHandler');
    expect(src).toContain('requestSingleInstanceLock()');
    expect(src).toContain('registerSchemesAsPrivileged');
    expect(src).toContain('protocol.handle(APP_SCHEME');
    expect(src).toContain("const START_URL = `${APP_ORIGIN}/index.html`");
  });

  it('checks the sender frame on every IPC call and registers only contract channels', () => {
    expect(src).toContain('event.senderFrame');
    expect(src).toContain('frame !== win.webContents.mainFrame');
    expect(src).toMatch(/frame\.url\.startsWith\(`\$\{APP_ORIGIN\}\/`\)/);
    expect(src).toMatch(/for \(const name of callNames\)[\s\S]{0,120}ipcMain\.handle\(`\$\{IPC_CALL_PREFIX\}\$\{name\}`/);
    // No other ipcMain registration: handle() once (inside the loop), never on()/handleOnce().
    expect(src.match(/ipcMain\.\w+\(/g)).toEqual(['ipcMain.handle(']);
    expect(src).toContain('webContents.send(IPC_EVENT_CHANNEL, name, payload)');
  });
});

describe('main/electron/preload.ts (source)', () => {
  const src = read('main/electron/preload.ts');

  it('exposes one bridge, typed as Bridge, with only invoke and on', () => {
    expect(src.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(src).toContain("contextBridge.exposeInMainWorld('sakura', bridge)");
    expect(src).toContain('const bridge: Bridge = {');
    const body = src.slice(src.indexOf('const bridge: Bridge = {'), src.indexOf('contextBridge.exposeInMainWorld'));
    const methods = [...body.matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1]);
    expect(methods).toEqual(['invoke', 'on']);
  });

  it('has no runtime import but electron and the inlined channel constants', () => {
    const runtimeImports = [...src.matchAll(/^import (?!type )[\s\S]*?from '([^']+)'/gm)].map((m) => m[1]);
    expect(runtimeImports.sort()).toEqual(['../../shared/api/bridge.ts', 'electron']);
  });
});

describe('electron-builder.yml', () => {
  const yml = read('electron-builder.yml');

  it('is a configuration electron-builder accepts', async () => {
    // Validation only, through electron-builder's own schema: packaging itself is never run here.
    const lib = createRequire(rootRequire.resolve('electron-builder/package.json'));
    const config = lib('app-builder-lib/out/util/config/config.js') as {
      getConfig(dir: string, path: string | null, extra: null): Promise<Record<string, any>>;
      validateConfiguration(c: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = lib('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const cfg = await config.getConfig(root, join(root, 'electron-builder.yml'), null);
    await config.validateConfiguration(cfg, new DebugLogger(false));
    expect(cfg.productName).toBe('Sakura Desk');
    expect(cfg.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(cfg.afterPack).toBe('./scripts/after-pack.cjs');
    expect(JSON.stringify(cfg.win.target)).toContain('nsis');
    expect(JSON.stringify(cfg.mac.target)).toContain('dmg');
    expect(cfg.linux.target).toEqual(['AppImage', 'deb']);
    expect(JSON.stringify(cfg.files)).toContain('"dist/main/**"');
    expect(JSON.stringify(cfg.files)).toContain('"package.json"');
  });

  it('names the hook and the native module in the file itself', () => {
    expect(yml).toMatch(/^afterPack: \.\/scripts\/after-pack\.cjs$/m);
    expect(yml).toContain('"**/node_modules/better-sqlite3/**"');
    expect(yml).toMatch(/^npmRebuild: false$/m);
  });

  it('matches package.json: main points at the bundle the build writes', () => {
    const pkg = JSON.parse(read('package.json')) as { main: string };
    expect(pkg.main).toBe('dist/main/electron.cjs');
    expect(read('scripts/build-main.mjs')).toContain("join(outdir, 'electron.cjs')");
  });
});

describe('scripts/after-pack.cjs', () => {
  const hook = rootRequire(join(root, 'scripts/after-pack.cjs')) as {
    afterPack(ctx: unknown): Promise<void>;
    fuseConfig(platform: string): Promise<Record<string, unknown>>;
  };

  it('turns off the ways to run the packaged app as a Node or under a debugger', async () => {
    const { FuseV1Options } = await import('@electron/fuses');
    for (const platform of ['linux', 'win32', 'darwin']) {
      const c = await hook.fuseConfig(platform);
      expect(c[FuseV1Options.RunAsNode], platform).toBe(false);
      expect(c[FuseV1Options.EnableNodeCliInspectArguments], platform).toBe(false);
      expect(c[FuseV1Options.EnableNodeOptionsEnvironmentVariable], platform).toBe(false);
      expect(c[FuseV1Options.EnableCookieEncryption], platform).toBe(true);
      expect(c[FuseV1Options.OnlyLoadAppFromAsar], platform).toBe(true);
      // Electron implements asar integrity on macOS and Windows only.
      expect(c[FuseV1Options.EnableEmbeddedAsarIntegrityValidation], platform).toBe(platform === 'linux' ? undefined : true);
    }
    const src = read('scripts/after-pack.cjs');
    expect(src).toContain('[FuseV1Options.RunAsNode]: false');
    expect(src).toContain('[FuseV1Options.EnableNodeCliInspectArguments]: false');
  });

  it('flips a fuse wire with the real @electron/fuses', async () => {
    const { FuseState, getCurrentFuseWire, FuseV1Options } = await import('@electron/fuses');
    // A stand-in executable: junk, the sentinel, wire version 1, 9 fuses as Electron ships them.
    const dir = mkdtempSync(join(tmpdir(), 'sakura-fuses-'));
    const exe = join(dir, 'sakura-desk');
    const shipped = '101100011';
    writeFileSync(exe, Buffer.concat([Buffer.alloc(64, 7), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 9]), Buffer.from(shipped), Buffer.alloc(64, 7)]));
    try {
      // The fallback path (no packager.addElectronFuses), which locates the executable itself.
      await hook.afterPack({ electronPlatformName: 'linux', appOutDir: dir, packager: { appInfo: { productFilename: 'Sakura Desk' }, executableName: 'sakura-desk' } });
      const wire = (await getCurrentFuseWire(exe)) as unknown as Record<number, number>;
      expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
      expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hands electron-builder the same config when it offers addElectronFuses', async () => {
    let given: unknown;
    await hook.afterPack({ electronPlatformName: 'win32', appOutDir: '/nowhere', packager: { addElectronFuses: async (_ctx: unknown, fuses: unknown) => void (given = fuses) } });
    expect(given).toEqual(await hook.fuseConfig('win32'));
  });
});

// ---------------------------------------------------------------------------------------------
// The built bundles, run under plain Node with a stand-in for the 'electron' module.

type Fn = (...args: any[]) => any;

interface FakeFrame {
  url: string;
  detached: boolean;
}

/** Just enough of Electron's main-process API for the shell, recording what it is asked to do. */
function fakeElectron(opts: { userData: string; appPath: string; lock?: boolean }) {
  const log: string[] = [];
  const appEvents = new EventEmitter();
  const s = {
    log,
    quitCalls: 0,
    exitCode: undefined as number | undefined,
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
    ipc: new Map<string, Fn>(),
    windows: [] as any[],
    errorBoxes: [] as { title: string; content: string }[],
    opened: [] as string[],
    menu: null as any,
    permissions: {} as Record<string, Fn>,
    appEvents,
  };
  const app = {
    isPackaged: false,
    requestSingleInstanceLock: () => (log.push('requestSingleInstanceLock'), opts.lock ?? true),
    enableSandbox: () => log.push('enableSandbox'),
    quit: () => {
      s.quitCalls++;
      log.push('quit');
    },
    exit: (code: number) => {
      s.exitCode = code;
      log.push(`exit ${code}`);
    },
    on: (event: string, fn: Fn) => appEvents.on(event, fn),
    whenReady: () => (log.push('whenReady'), Promise.resolve()),
    getPath: (name: string) => (name === 'userData' ? opts.userData : join(opts.userData, name)),
    getAppPath: () => opts.appPath,
    getVersion: () => '0.0.0-test',
  };
  class BrowserWindow extends EventEmitter {
    options: any;
    loaded: string | null = null;
    webContents: any;
    constructor(options: any) {
      super();
      this.options = options;
      const mainFrame: FakeFrame = { url: '', detached: false };
      this.webContents = Object.assign(new EventEmitter(), {
        mainFrame,
        sent: [] as unknown[][],
        send: (...args: unknown[]) => this.webContents.sent.push(args),
      });
      s.windows.push(this);
      log.push('BrowserWindow');
    }
    loadURL(url: string) {
      this.loaded = url;
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    restore() {}
    focus() {}
    show() {}
  }
  const electron = {
    app,
    BrowserWindow,
    dialog: {
      showErrorBox: (title: string, content: string) => s.errorBoxes.push({ title, content }),
      showSaveDialog: async () => ({ canceled: true }),
      showMessageBox: async () => ({ response: 0 }),
    },
    ipcMain: { handle: (channel: string, fn: Fn) => s.ipc.set(channel, fn) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (s.menu = m) },
    protocol: {
      registerSchemesAsPrivileged: (list: unknown[]) => (log.push('registerSchemesAsPrivileged'), s.schemes.push(...list)),
      handle: (scheme: string, fn: Fn) => (log.push(`protocol.handle ${scheme}`), s.protocolHandlers.set(scheme, fn)),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Fn) => (s.permissions.request = fn),
        setPermissionCheckHandler: (fn: Fn) => (s.permissions.check = fn),
        setDevicePermissionHandler: (fn: Fn) => (s.permissions.device = fn),
      },
    },
    shell: { openExternal: async (url: string) => void s.opened.push(url) },
    // No keychain here: the shell falls back to the pgpass file for a team server's password.
    safeStorage: { isEncryptionAvailable: () => false, encryptString: (t: string) => Buffer.from(t), decryptString: (b: Buffer) => b.toString() },
  };
  return { electron, s };
}

/** Loads a CommonJS bundle with `require('electron')` answered by the stand-in. */
function loadWithFakeElectron(bundle: string, electron: unknown): void {
  const M = Module as unknown as { _load: Fn };
  const original = M._load;
  M._load = function (this: unknown, request: string, ...rest: unknown[]) {
    if (request === 'electron') return electron;
    // The bundle sits in a temp folder, outside the project's node_modules.
    const resolved = request === 'better-sqlite3' ? rootRequire.resolve('better-sqlite3') : request;
    return original.call(this, resolved, ...rest);
  };
  try {
    const req = createRequire(bundle);
    delete req.cache[bundle];
    req(bundle);
  } finally {
    M._load = original;
  }
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
}

describe('the bundled shell, driven through a stand-in electron module', () => {
  let work: string;
  let out: string;
  let appPath: string;
  let userData: string;
  let fake: ReturnType<typeof fakeElectron>;
  const savedDb = process.env.SAKURA_DB;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'sakura-shell-'));
    out = join(work, 'bundle');
    const built = spawnSync(process.execPath, [join(root, 'scripts/build-main.mjs'), '--outdir', out], { cwd: root, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);

    appPath = join(work, 'app');
    mkdirSync(join(appPath, 'dist', 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(appPath, 'dist', 'renderer', 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(appPath, 'dist', 'secret.txt'), 'outside the renderer folder');
    writeFileSync(join(appPath, 'secret.txt'), 'outside the renderer folder');
    userData = join(work, 'userData');

    delete process.env.SAKURA_DB;
    fake = fakeElectron({ userData, appPath });
    loadWithFakeElectron(join(out, 'electron.cjs'), fake.electron);
    await until(() => fake.s.windows.length > 0 || fake.s.errorBoxes.length > 0, 'the window');
    expect(fake.s.errorBoxes).toEqual([]);
  });

  afterAll(async () => {
    try {
      // Quit as Electron would, so the database is closed before its folder goes.
      if (fake) {
        fake.s.appEvents.emit('will-quit', { preventDefault: () => undefined });
        await until(() => fake.s.quitCalls > 0, 'quit').catch(() => undefined);
      }
    } finally {
      if (savedDb === undefined) delete process.env.SAKURA_DB;
      else process.env.SAKURA_DB = savedDb;
      rmSync(work, { recursive: true, force: true });
    }
  });

  const win = () => fake.s.windows[0];
  const goodEvent = () => ({ sender: win().webContents, senderFrame: win().webContents.mainFrame });

  it('registers the app scheme before ready and serves the page only after', () => {
    const { log } = fake.s;
    expect(log.indexOf('registerSchemesAsPrivileged')).toBeLessThan(log.indexOf('whenReady'));
    expect(log.indexOf('protocol.handle app')).toBeGreaterThan(log.indexOf('whenReady'));
    expect(log.indexOf('requestSingleInstanceLock')).toBeLessThan(log.indexOf('whenReady'));
    expect(fake.s.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('opens one window on app://sakura with a sandboxed, isolated renderer', () => {
    expect(fake.s.windows).toHaveLength(1);
    expect(win().loaded).toBe('app://sakura/index.html');
    const wp = win().options.webPreferences;
    expect(wp).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(wp.preload).toBe(join(out, 'preload.cjs'));
  });

  it('registers exactly one IPC channel per contract call', () => {
    expect([...fake.s.ipc.keys()].sort()).toEqual(callNames.map((n) => `${IPC_CALL_PREFIX}${n}`).sort());
  });

  it('answers our page, in the language it asks for, from the database under userData', async () => {
    const handler = fake.s.ipc.get(`${IPC_CALL_PREFIX}app/info`)!;
    const r = await handler(goodEvent(), { input: {}, lang: 'en' });
    expect(r.ok).toBe(true);
    expect(r.value.door).toBe('electron');
    expect(r.value.dbPath).toBe(join(userData, 'sakura-desk.sqlite'));
    // The version baked in by the build (no package.json next to a temp bundle).
    expect(r.value.appVersion).toBe(JSON.parse(read('package.json')).version);
    const bad = await handler(goodEvent(), { input: 'not an object', lang: 'en' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(bad.error.message).toBe(bad.error.details.messages.en);
  });

  it('refuses calls from any other frame, page or window with a FORBIDDEN value', async () => {
    const handler = fake.s.ipc.get(`${IPC_CALL_PREFIX}app/info`)!;
    const main = win().webContents.mainFrame as FakeFrame;
    const cases: [string, unknown][] = [
      ['no frame (it navigated away or was destroyed)', { sender: win().webContents, senderFrame: null }],
      ['a subframe showing our page', { sender: win().webContents, senderFrame: { url: 'app://sakura/index.html', detached: false } }],
      ['another WebContents', { sender: new EventEmitter(), senderFrame: main }],
    ];
    for (const [label, event] of cases) {
      const r = await handler(event, { input: {}, lang: 'en' });
      expect(r, label).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const saved = main.url;
    try {
      main.url = 'https://evil.example/';
      expect(await handler(goodEvent(), { input: {}, lang: 'ja' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      main.url = 'app://sakura.evil.example/index.html';
      expect(await handler(goodEvent(), { input: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      main.url = saved;
      main.detached = true;
      expect(await handler(goodEvent(), { input: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      main.url = saved;
      main.detached = false;
    }
  });

  it('serves dist/renderer on app://sakura with the CSP, and nothing outside it', async () => {
    const { CSP } = await import('../../main/web/server.ts');
    const serve = fake.s.protocolHandlers.get('app')!;
    const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

    const page = await get('app://sakura/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(CSP).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>t</title>');
    expect((await get('app://sakura/')).status).toBe(200);
    const js = await get('app://sakura/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');

    for (const url of [
      'app://sakura/..%2fsecret.txt',
      'app://sakura/..%2f..%2fsecret.txt',
      'app://sakura/assets/..%2f..%2f..%2fsecret.txt',
      'app://sakura/%2e%2e%2fsecret.txt',
      'app://sakura/..%5c..%5csecret.txt',
      'app://sakura/%00index.html',
      'app://sakura/missing.js',
      'app://other-host/index.html',
    ]) {
      const r = await get(url);
      expect(r.status, url).toBeGreaterThanOrEqual(400);
      expect(await r.text(), url).not.toContain('outside the renderer folder');
    }
    expect((await get('app://sakura/index.html', 'POST')).status).toBe(405);
  });

  it('keeps every WebContents on app://sakura, opens no windows, attaches no webview', () => {
    const contents = Object.assign(new EventEmitter(), { openHandler: null as Fn | null, setWindowOpenHandler(fn: Fn) { this.openHandler = fn; } });
    fake.s.appEvents.emit('web-contents-created', {}, contents);
    const attempt = (event: string, url: string) => {
      let prevented = false;
      contents.emit(event, { url, preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(attempt(event, 'https://evil.example/'), event).toBe(true);
      expect(attempt(event, 'file:///etc/passwd'), event).toBe(true);
      expect(attempt(event, 'app://sakura.evil.example/'), event).toBe(true);
      expect(attempt(event, 'app://sakura/index.html#/applications'), event).toBe(false);
    }
    expect(attempt('will-attach-webview', 'app://sakura/index.html')).toBe(true);

    expect(contents.openHandler!({ url: 'https://www.jst.go.jp/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'http://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'ms-msdt:/id PCWDiagnostic' })).toEqual({ action: 'deny' });
    // Only the https link went to the staff member's browser.
    expect(fake.s.opened).toEqual(['https://www.jst.go.jp/']);
  });

  it('denies every permission', () => {
    let granted: boolean | undefined;
    fake.s.permissions.request!({}, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    fake.s.permissions.request!({}, 'notifications', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(fake.s.permissions.check!({}, 'geolocation', 'app://sakura')).toBe(false);
    expect(fake.s.permissions.device!({ deviceType: 'usb' })).toBe(false);
  });

  it('has the menu in the page language (Japanese, or English once the page asks in English), with print and save-as-PDF', async () => {
    const handler = fake.s.ipc.get(`${IPC_CALL_PREFIX}app/info`)!;
    type Item = { label?: string; role?: string; submenu?: Item[] };
    const labels = () => (fake.s.menu as Item[]).map((m) => m.label).filter(Boolean);
    const fileMenu = (name: string) => (fake.s.menu as Item[]).find((m) => m.label === name)!.submenu!.map((i) => i.label);
    await handler(goodEvent(), { input: {}, lang: 'ja' });
    expect(labels()).toEqual(['ファイル', '編集', '表示', 'ヘルプ']);
    expect(fileMenu('ファイル')).toContain('印刷…');
    expect(fileMenu('ファイル')).toContain('PDF として保存…');
    await handler(goodEvent(), { input: {}, lang: 'en' });
    expect(labels()).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(fileMenu('File')).toEqual(['Print…', 'Save as PDF…', undefined, 'Quit']);
    // Every item of the English menu has an English label (no Japanese left behind).
    const all = (items: Item[]): string[] => items.flatMap((i) => [i.label ?? '', ...all(i.submenu ?? [])]);
    expect(all(fake.s.menu as Item[]).join(' ')).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    // A call from a foreign frame does not change it.
    await handler({ sender: win().webContents, senderFrame: null }, { input: {}, lang: 'ja' });
    expect(labels()).toEqual(['File', 'Edit', 'View', 'Help']);
    await handler(goodEvent(), { input: {}, lang: 'ja' });
    expect(labels()).toEqual(['ファイル', '編集', '表示', 'ヘルプ']);
  });

  it('does not start a second copy', async () => {
    const second = fakeElectron({ userData: join(work, 'second'), appPath, lock: false });
    loadWithFakeElectron(join(out, 'electron.cjs'), second.electron);
    await new Promise((r) => setTimeout(r, 100));
    expect(second.s.quitCalls).toBe(1);
    expect(second.s.windows).toHaveLength(0);
    expect(second.s.log).not.toContain('whenReady');
  });

  it('says so, instead of showing a blank window, when the renderer has not been built', async () => {
    const empty = join(work, 'unbuilt-app');
    mkdirSync(empty);
    const fourth = fakeElectron({ userData: join(work, 'fourth'), appPath: empty });
    loadWithFakeElectron(join(out, 'electron.cjs'), fourth.electron);
    await until(() => fourth.s.errorBoxes.length > 0, 'the error box');
    expect(fourth.s.errorBoxes[0]!.title).toContain('画面がビルドされていません');
    expect(fourth.s.errorBoxes[0]!.content).toContain('npm run build:renderer');
    await until(() => fourth.s.exitCode !== undefined, 'exit');
    expect(fourth.s.exitCode).toBe(1);
    expect(fourth.s.windows).toHaveLength(0);
  });

  it('refuses a file that is not its database, in both languages, without touching it', async () => {
    const foreign = join(work, 'not-a-database.sqlite');
    const content = 'これはデータベースではありません / not a database\n'.repeat(50);
    writeFileSync(foreign, content);
    process.env.SAKURA_DB = foreign;
    try {
      const third = fakeElectron({ userData: join(work, 'third'), appPath });
      loadWithFakeElectron(join(out, 'electron.cjs'), third.electron);
      await until(() => third.s.errorBoxes.length > 0, 'the error box');
      const [box] = third.s.errorBoxes;
      expect(box!.title).toContain('起動できません');
      expect(box!.title).toContain('cannot start');
      expect(box!.content).toContain('Sakura Desk のデータベースではありません');
      expect(box!.content).toContain('is not a Sakura Desk database');
      expect(third.s.exitCode).toBe(1);
      expect(third.s.windows).toHaveLength(0);
      expect(third.s.ipc.size).toBe(0);
      expect(readFileSync(foreign, 'utf8')).toBe(content);
    } finally {
      delete process.env.SAKURA_DB;
    }
  });
});

describe('the bundled preload, driven through a stand-in electron module', () => {
  let exposed: Record<string, Fn> = {};
  let exposedName = '';
  const invoked: unknown[][] = [];
  const ipcListeners = new EventEmitter();
  let reject = false;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sakura-preload-'));
    const built = spawnSync(process.execPath, [join(root, 'scripts/build-main.mjs'), '--outdir', dir], { cwd: root, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    const source = readFileSync(join(dir, 'preload.cjs'), 'utf8');
    expect([...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1])).toEqual(['electron']);
    (globalThis as any).document = { documentElement: { lang: 'ja' } };
    loadWithFakeElectron(join(dir, 'preload.cjs'), {
      contextBridge: {
        exposeInMainWorld: (name: string, api: Record<string, Fn>) => {
          exposedName = name;
          exposed = api;
        },
      },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return reject ? Promise.reject(new Error("No handler registered for 'x'")) : Promise.resolve({ ok: true, value: 'pong' });
        },
        on: (channel: string, fn: Fn) => ipcListeners.on(channel, fn),
        removeListener: (channel: string, fn: Fn) => ipcListeners.removeListener(channel, fn),
      },
    });
  });
  afterAll(() => {
    delete (globalThis as any).document;
    rmSync(dir, { recursive: true, force: true });
  });

  it('exposes window.sakura with exactly invoke and on', () => {
    expect(exposedName).toBe('sakura');
    expect(Object.keys(exposed).sort()).toEqual(['invoke', 'on']);
  });

  it('prefixes the channel and sends the page language with the input', async () => {
    expect(await exposed.invoke!('app/info', { a: 1 })).toEqual({ ok: true, value: 'pong' });
    expect(invoked.at(-1)).toEqual([`${IPC_CALL_PREFIX}app/info`, { input: { a: 1 }, lang: 'ja' }]);
    (globalThis as any).document.documentElement.lang = 'en';
    await exposed.invoke!('app/info', {});
    expect(invoked.at(-1)).toEqual([`${IPC_CALL_PREFIX}app/info`, { input: {}, lang: 'en' }]);
    (globalThis as any).document.documentElement.lang = 'fr';
    await exposed.invoke!('app/info', {});
    expect(invoked.at(-1)![1]).toMatchObject({ lang: 'ja' });
  });

  it('turns a bad name or a failed send into an error value, never a rejection', async () => {
    const before = invoked.length;
    const r = await exposed.invoke!(42 as unknown as string, {});
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(invoked.length).toBe(before);
    reject = true;
    try {
      expect(await exposed.invoke!('no/such-call', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    } finally {
      reject = false;
    }
  });

  it('delivers only the named event, without the IPC event object, and unsubscribes', () => {
    const got: unknown[][] = [];
    const off = exposed.on!('job/progress', (...args: unknown[]) => got.push(args));
    ipcListeners.emit(IPC_EVENT_CHANNEL, { sender: 'secret' }, 'job/progress', { jobId: 'j', done: 1 });
    ipcListeners.emit(IPC_EVENT_CHANNEL, { sender: 'secret' }, 'other/event', { x: 1 });
    expect(got).toEqual([[{ jobId: 'j', done: 1 }]]);
    off();
    ipcListeners.emit(IPC_EVENT_CHANNEL, {}, 'job/progress', { jobId: 'j', done: 2 });
    expect(got).toHaveLength(1);
    expect(ipcListeners.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });
});
