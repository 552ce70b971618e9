import { EventEmitter } from 'node:events';
import { mkdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPostgresUrl, openStore, type OpenStore } from '../db/store.ts';
import type { ApiEvents, EventName } from '../shared/api/index.ts';
import type { Lang, Result } from '../shared/errors.ts';
import type { Ctx, Door } from './context.ts';
import { dispatch, type DispatchOptions } from './dispatch.ts';
import { handlers } from './handlers/index.ts';
import { teamHandlers, watchChanges } from './team.ts';

function readAppVersion(): string {
  try {
    const here = dirname(fileURLToPath(import.meta.url));
    for (const p of [join(here, '..', 'package.json'), join(here, '..', '..', 'package.json')]) {
      try {
        return (JSON.parse(readFileSync(p, 'utf8')) as { version: string }).version;
      } catch {
        /* try the next place: bundled code sits one folder deeper */
      }
    }
  } catch {
    /* import.meta.url is absent in the CommonJS Electron bundle */
  }
  return process.env.SAKURA_APP_VERSION ?? '0.0.0';
}

function currentUser(): string {
  try {
    return userInfo().username || 'staff';
  } catch {
    return 'staff';
  }
}

/** One open database plus the handler table: what each door (IPC, HTTP, CLI) wraps. */
export interface Runtime {
  open: OpenStore;
  events: EventEmitter;
  ctx(lang: Lang): Ctx;
  invoke(name: unknown, input: unknown, lang?: Lang): Promise<Result<unknown>>;
  close(): Promise<void>;
}

export async function startRuntime(opts: {
  dbPath: string;
  door: Door;
  options?: DispatchOptions;
  user?: string;
  /** Team mode: LISTEN for other officers' writes (off for one-shot CLI commands). */
  listen?: boolean;
}): Promise<Runtime> {
  const team = isPostgresUrl(opts.dbPath);
  if (!team && opts.dbPath !== ':memory:') mkdirSync(dirname(opts.dbPath), { recursive: true });
  const open = await openStore(opts.dbPath);
  const events = new EventEmitter();
  const appVersion = readAppVersion();
  // Team mode: the PostgreSQL login is who acts (what GRANTs check), not the OS account.
  const user = open.engine === 'postgres' ? open.user : (opts.user ?? currentUser());
  const ctx = (lang: Lang): Ctx => ({
    db: open.db,
    dbPath: open.path,
    engine: open.engine,
    server: open.server,
    door: opts.door,
    user,
    lang,
    appVersion,
    schemaVersion: open.schemaVersion,
    emit: <E extends EventName>(event: E, payload: ApiEvents[E]) => events.emit('event', event, payload),
  });
  const options: DispatchOptions = {
    onInternalError: (name, err) => console.error(`[sakura] internal error in ${name}:`, err),
    ...opts.options,
  };
  // Team mode: another officer's write reaches this process's screens as a change event.
  if (open.engine === 'postgres' && opts.listen !== false) await watchChanges(open, (payload) => events.emit('event', 'data/changed', payload));
  const table = open.engine === 'postgres' ? teamHandlers(handlers) : handlers;
  return {
    open,
    events,
    ctx,
    invoke: (name, input, lang = 'ja') => dispatch(table, ctx(lang), name, input, options),
    close: () => open.close(),
  };
}
