// A runtime whose store can be changed while the app runs (settings › データの保存先). The new
// store is opened as a whole new runtime first (its own backups, LISTEN, retries, recovery rules
// for its engine), and only when it opened is the choice saved and the old one closed, the way a
// restore swaps files: a server that refuses leaves the app on the store it had.
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { insertAuditEvent } from '../../db/audit.ts';
import { nowIso } from '../../db/ids.ts';
import { isPostgresUrl, maskPassword } from '../../db/store.ts';
import { AppError } from '../../shared/errors.ts';
import { DB_FILE_NAME, userDataDir } from '../paths.ts';
import { startRuntime, type Runtime, type RuntimeOptions } from '../runtime.ts';
import { readStoreChoice, resolveStore, splitPassword, writeStoreChoice, type ResolvedStore } from './choice.ts';
import { pgpassVault } from './pgpass.ts';
import type { PasswordVault, StoreControl, StoreState, StoreSwitch } from './types.ts';

export interface SwitchableOptions extends Omit<RuntimeOptions, 'dbPath' | 'password' | 'stores'> {
  /** `--db` as given on the command line (wins over the saved choice). */
  flag?: string;
  env?: NodeJS.ProcessEnv;
  vault?: PasswordVault;
}

function badUrl(url: string): AppError {
  return new AppError(
    'VALIDATION',
    {
      ja: `「${maskPassword(url)}」はチームサーバーの接続文字列として読めません。postgres://ユーザー名@ホスト名/データベース名?sslmode=require の形で入力してください。`,
      en: `"${maskPassword(url)}" is not a team server connection string. Write it as postgres://user@host/database?sslmode=require.`,
    },
    { field: 'url' },
  );
}

/** A postgres:// URL that parses, with any password taken out of it. */
function serverUrl(url: string): { url: string; password: string | undefined } {
  if (!isPostgresUrl(url)) throw badUrl(url);
  try {
    const parts = splitPassword(url);
    if (!new URL(parts.url).hostname && !new URL(parts.url).searchParams.get('host')) throw new Error('no host');
    return parts;
  } catch {
    throw badUrl(url);
  }
}

export async function startSwitchableRuntime(opts: SwitchableOptions): Promise<Runtime> {
  const dataDir = opts.dataDir ?? userDataDir();
  const vault = opts.vault ?? pgpassVault();
  const defaultFile = join(dataDir, DB_FILE_NAME);
  const resolved: ResolvedStore = resolveStore({ flag: opts.flag, env: opts.env, dataDir, vault });
  const override = resolved.source === 'flag' || resolved.source === 'env' ? resolved.source : null;
  const events = new EventEmitter();
  const forward = (...args: unknown[]) => events.emit('event', ...args);

  const control: StoreControl = {
    state: () => state(),
    test: async (url, password) => {
      const parts = serverUrl(url);
      const { probePostgres } = await import('../../db/open-postgres.ts');
      return probePostgres(parts.url, { password: password || parts.password || vault.load(parts.url) });
    },
    switch: (choice) => switchTo(choice),
  };
  const start = (dbPath: string, password: string | undefined, recovery: RuntimeOptions['recovery']) =>
    startRuntime({ ...opts, dataDir, dbPath, password, stores: control, recovery });

  let inner = await start(resolved.target, resolved.password, opts.recovery);
  // Calls still running on a runtime: the old store closes only once they are answered.
  const running = new Map<Runtime, number>();
  const drained = async (rt: Runtime) => {
    for (let waited = 0; (running.get(rt) ?? 0) > 0 && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  };
  inner.events.on('event', forward);
  let target = resolved.target;

  const state = (): StoreState => {
    const saved = readStoreChoice(dataDir);
    const team = isPostgresUrl(target);
    return {
      current: {
        kind: team ? 'server' : 'file',
        display: inner.failure ? maskPassword(target) : inner.open.path,
        server: inner.failure ? null : inner.open.server,
      },
      saved: { kind: saved.kind, url: saved.kind === 'server' ? saved.url : null, passwordSaved: saved.kind === 'server' && vault.load(saved.url) !== undefined },
      override,
      defaultFile,
      passwordStorage: vault.kind,
      passwordFile: vault.file,
    };
  };

  let switching: Promise<StoreState> | null = null;
  const switchTo = async (choice: StoreSwitch): Promise<StoreState> => {
    // Two clicks (or two tabs) at once: the second waits for the first rather than racing it.
    while (switching) await switching.catch(() => undefined);
    const run = (async () => {
      let next: Runtime;
      let nextTarget: string;
      let password: string | undefined;
      if (choice.kind === 'server') {
        const parts = serverUrl(choice.url);
        nextTarget = parts.url;
        password = choice.password || parts.password || vault.load(parts.url);
        // No recovery: a server that refuses is reported here, and the app stays where it was.
        next = await start(nextTarget, password, false);
      } else {
        nextTarget = defaultFile;
        next = await start(nextTarget, undefined, false);
      }
      const from = inner.failure ? maskPassword(target) : inner.open.path;
      try {
        if (choice.kind === 'server' && password && (choice.remember ?? true)) vault.save(nextTarget, password);
        writeStoreChoice(dataDir, choice.kind === 'server' ? { kind: 'server', url: nextTarget } : { kind: 'file' });
        // The store's own trail says who moved the app onto it, and from where (never the password).
        const ctx = next.ctx('ja');
        await insertAuditEvent(next.open.db, {
          at: nowIso(),
          actor: ctx.user,
          action: 'store/switch',
          entity: 'setting',
          entityId: 'store',
          applicationId: null,
          summary: { from, to: next.open.path, server: next.open.server },
        });
      } catch (e) {
        await next.close();
        throw e;
      }
      const old = inner;
      old.events.off('event', forward);
      inner = next;
      target = nextTarget;
      inner.events.on('event', forward);
      await drained(old);
      await old.close().catch((e: unknown) => console.error('[sakura] closing the previous store failed:', e));
      events.emit('event', 'data/changed', { call: 'store/switch' });
      return state();
    })();
    switching = run;
    try {
      return await run;
    } finally {
      switching = null;
    }
  };

  return {
    get open() {
      return inner.open;
    },
    get failure() {
      return inner.failure;
    },
    events,
    ctx: (lang) => inner.ctx(lang),
    invoke: async (name, input, lang) => {
      const rt = inner;
      // The switch itself runs on the old runtime and waits for the others: it does not count.
      if (name === 'store/switch') return rt.invoke(name, input, lang);
      running.set(rt, (running.get(rt) ?? 0) + 1);
      try {
        return await rt.invoke(name, input, lang);
      } finally {
        running.set(rt, (running.get(rt) ?? 1) - 1);
        if (running.get(rt) === 0) running.delete(rt);
      }
    },
    close: () => inner.close(),
  };
}
