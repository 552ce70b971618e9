import { recoverImportBatches } from '../db/import-batch.ts';
import { EventEmitter } from 'node:events';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { insertAuditEvent } from '../db/audit.ts';
import { getBackupSettings } from '../db/backup-settings.ts';
import { nowIso } from '../db/ids.ts';
import { migrations } from '../db/migrations/index.ts';
import { openDatabase, type OpenOptions } from '../db/open.ts';
import { integrityOf } from '../db/sqlite-file.ts';
import { isPostgresUrl, maskPassword, type OpenSqlite, type OpenStore } from '../db/store.ts';
import type { ApiEvents, EventName } from '../shared/api/index.ts';
import type { BackupInfo } from '../shared/api/backup.ts';
import { backupsToDelete, DEFAULT_ROTATION } from '../shared/backup-rotation.ts';
import { localDateOf, todayIso } from '../shared/dates.ts';
import { AppError, toErrorValue, type ErrorCode, type Lang, type Result } from '../shared/errors.ts';
import type { Ctx, Door } from './context.ts';
import { dispatch, type DispatchOptions } from './dispatch.ts';
import { handlers } from './handlers/index.ts';
import { WriteGate } from './jobs/write-gate.ts';
import { backfillProgramChecks } from './jobs/backfill-checks.ts';
import { makeBackupOffThread } from './storage/backup-job.ts';
import { checkRestoreCandidate, deleteBackup, listBackups, makeBackup, readSqliteFacts } from './storage/backups.ts';
import { findPgTool, listPgDumps, noPgDump, pgDumpBackup, rotatePgDumps, teamRestoreRefused } from './storage/pg-dump.ts';
import { userDataDir } from './paths.ts';
import type { StoreControl } from './store/types.ts';
import type { Storage } from './storage/types.ts';
import { retryTeamWrite, watchChanges } from './team.ts';

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
  /** The database now open. After a restore it is a new one: read it afresh, do not keep it. */
  readonly open: OpenStore;
  /** Why the database did not open (recovery mode), or null. */
  readonly failure: AppError | null;
  events: EventEmitter;
  ctx(lang: Lang): Ctx;
  invoke(name: unknown, input: unknown, lang?: Lang): Promise<Result<unknown>>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  dbPath: string;
  door: Door;
  options?: DispatchOptions;
  user?: string;
  /**
   * Start even when the database cannot be opened, serving only the start-up status, the backup
   * list and restore: the recovery screen (and the CLI's restore/doctor) need a runtime then.
   * A list of codes: only for those failures (the others are thrown as before).
   */
  recovery?: boolean | readonly ErrorCode[];
  /** Automatic backups (daily, before migrations and bulk writes). Default: on for files. */
  autoBackups?: boolean;
  /** Passed to the opener (tests: a short busy timeout). */
  openOptions?: Omit<OpenOptions, 'beforeMigrate'>;
  now?: () => Date;
  /** Team mode: LISTEN for other officers' writes (off for one-shot CLI commands). */
  listen?: boolean;
  /** Team mode: the password kept apart from the URL (settings' safeStorage or pgpass file). */
  password?: string;
  /** The app's settings folder (store choice, team-mode backups); default: userDataDir(). */
  dataDir?: string;
  /** Choosing the store in settings (main/store/switch.ts); absent: the store/* calls say so. */
  stores?: StoreControl;
  /**
   * Fill missing or stale stored program checks in the background after opening (0012). Default:
   * on for the app's long-running doors (electron, web); a one-shot CLI command leaves it to them.
   */
  backfillChecks?: boolean;
}

/** Calls that work while the database is not open. */
const RECOVERY_CALLS = new Set(['startup/status', 'startup/retry', 'backup/list', 'backup/restore', 'backup/doctor', 'store/get', 'store/test', 'store/switch']);

export async function startRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const memory = opts.dbPath === ':memory:';
  // Team mode: a postgres:// URL. The server's own pg_dump makes its backups (README), so the
  // file-copy backups, restore and start-up recovery below are for SQLite files only.
  const team = isPostgresUrl(opts.dbPath);
  const events = new EventEmitter();
  const appVersion = readAppVersion();
  // Team mode: the PostgreSQL login is who acts (what GRANTs check); it is known once connected.
  let user = opts.user ?? currentUser();
  const now = opts.now ?? (() => new Date());
  const backupsEnabled = !memory && !team && opts.autoBackups !== false;
  if (!memory && !team) {
    try {
      mkdirSync(dirname(opts.dbPath), { recursive: true });
    } catch {
      /* a read-only or missing parent: the opener says which, in a sentence */
    }
  }

  let current: OpenStore | null = null;
  let failure: AppError | null = null;

  // Every write of this process to the SQLite file queues here (main/jobs/write-gate.ts); team
  // mode's server serialises its writers itself.
  const writeGate = team ? undefined : new WriteGate();

  // In a worker thread with its own connection (storage/backup-job.ts): the doors keep answering.
  const backupOf = async (o: OpenSqlite, reason: string, kind: BackupInfo['kind'], jobId?: string, out?: string) =>
    makeBackupOffThread(o.raw, o.path, {
      reason,
      kind,
      appVersion,
      out,
      now: now(),
      onProgress: jobId ? (done, total) => events.emit('event', 'job/progress', { jobId, phase: 'backup', done, total }) : undefined,
    });

  // An import whose process died between its chunks is undone before any door answers
  // (db/import-batch.ts): staff never see half an import, even after a crash.
  const settleImports = async <T extends { db: OpenStore['db'] }>(o: T): Promise<T> => {
    try {
      const { undone } = await recoverImportBatches(o.db);
      if (undone.length) console.error(`[sakura] undid ${undone.length} unfinished import(s) at open`);
    } catch (e) {
      // Tried again at the next open; a read-only file must still open to be read.
      console.error('[sakura] could not undo an unfinished import:', e instanceof Error ? e.message : e);
    }
    return o;
  };

  const openNow = async (): Promise<OpenStore> => {
    // Loaded only in team mode: a laptop's CLI call need not load the PostgreSQL driver.
    if (team) return settleImports(await (await import('../db/open-postgres.ts')).openPostgres(opts.dbPath, { password: opts.password }));
    const o = await openDatabase(opts.dbPath, {
      ...opts.openOptions,
      beforeMigrate: backupsEnabled
        ? async (raw, pending) => {
            await makeBackup(raw, opts.dbPath, { reason: `before migration ${pending.join(', ')}`, kind: 'operation', appVersion, now: now() });
          }
        : undefined,
    });
    return settleImports(Object.assign(o, { engine: 'sqlite' as const, server: null }));
  };

  const rotate = async (o: OpenSqlite) => {
    const settings = await getBackupSettings(o.db).catch(() => DEFAULT_ROTATION);
    for (const f of backupsToDelete(listBackups(o.path), settings, now())) deleteBackup(f);
  };

  /** At most once a day, at start-up: the copy a lost laptop file is restored from. */
  const dailyBackup = async (o: OpenSqlite) => {
    const today = todayIso(now());
    if (listBackups(o.path).some((b) => b.kind === 'daily' && localDateOf(new Date(b.createdAt)) === today)) return;
    try {
      await backupOf(o, 'daily', 'daily');
      await rotate(o);
    } catch (e) {
      // A failed daily copy must not keep staff from working; it is reported in the log and by doctor.
      console.error('[sakura] daily backup failed:', e instanceof AppError ? e.messages.en : e);
    }
  };

  const existedBefore = !memory && !team && existsSync(opts.dbPath) && statSync(opts.dbPath).isFile() && statSync(opts.dbPath).size > 0;
  try {
    current = await openNow();
    if (current.engine === 'postgres') user = current.user;
    if (backupsEnabled && existedBefore && current.engine === 'sqlite') await dailyBackup(current);
  } catch (e) {
    const recoverable = opts.recovery === true || (Array.isArray(opts.recovery) && e instanceof AppError && opts.recovery.includes(e.code));
    if (!recoverable || !(e instanceof AppError)) throw e;
    failure = e;
  }

  const notOpen = (): AppError => failure ?? new AppError('INTERNAL', { ja: 'データベースが開かれていません。', en: 'No database is open.' });
  const need = (): OpenStore => {
    if (current) return current;
    throw notOpen();
  };
  /** The open SQLite file; team mode's server is backed up by its own pg_dump, not by the app. */
  const needFile = (): OpenSqlite => {
    const o = need();
    if (o.engine === 'sqlite') return o;
    throw new AppError('TEAM_MODE', {
      ja: 'チームサーバー（PostgreSQL）のバックアップと復元はサーバー側の pg_dump / pg_restore で行います（README「チームモード」参照）。',
      en: "The team server (PostgreSQL) is backed up and restored with the server's pg_dump / pg_restore (see the README, team mode).",
    });
  };

  // Team mode: pg_dump copies go to the app's own backups folder (there is no file to sit beside).
  const teamFolder = join(opts.dataDir ?? userDataDir(), 'backups');
  const storage: Storage = {
    backupsEnabled,
    ...(team ? { folder: teamFolder } : {}),
    backup: async ({ reason, kind, jobId, out }) => {
      if (memory) return null;
      if (current?.engine === 'postgres') {
        const pgDump = findPgTool('pg_dump');
        if (!pgDump) throw noPgDump();
        const info = await pgDumpBackup(current, { folder: teamFolder, reason, kind, appVersion, out, now: now(), pgDump });
        // The folder would otherwise only grow: the same retention as a file's copies, this server's dumps only.
        if (!out) rotatePgDumps(teamFolder, current, await getBackupSettings(current.db).catch(() => DEFAULT_ROTATION), now());
        return info;
      }
      // Automatic copies are off (team mode, tests): only a manual backup or --out asks for one.
      if (!backupsEnabled && !out && kind !== 'manual') return null;
      const o = needFile();
      const info = await backupOf(o, reason, kind, jobId, out);
      if (!out) await rotate(o);
      return info;
    },
    list: () => (memory ? [] : team ? listPgDumps(teamFolder, current?.engine === 'postgres' ? current : null) : listBackups(opts.dbPath)),
    restore: async (file) => {
      if (memory) throw new AppError('VALIDATION', { ja: 'メモリー上のデータベースは復元できません。', en: 'An in-memory database cannot be restored.' });
      if (team) throw teamRestoreRefused();
      // Checked before anything is touched: a bad file changes nothing.
      const { schemaVersion } = checkRestoreCandidate(file, migrations);
      let keptAs: string | null = null;
      if (current?.engine === 'sqlite') {
        keptAs = (await backupOf(current, 'before restore', 'operation')).file;
        await current.close();
        current = null;
      } else if (existsSync(opts.dbPath)) {
        // The file that would not open (damaged, empty…) is moved aside, never overwritten or deleted.
        keptAs = `${opts.dbPath}.unopened-${nowIso().replace(/[:.]/g, '-')}`;
        renameSync(opts.dbPath, keptAs);
        for (const side of ['-wal', '-shm']) if (existsSync(opts.dbPath + side)) renameSync(opts.dbPath + side, keptAs + side);
      }
      // Copy beside the database, flush, then one rename: a crash leaves the old or the new file.
      const tmp = `${opts.dbPath}.restoring`;
      copyFileSync(file, tmp);
      const fd = openSync(tmp, 'r+');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      for (const side of ['-wal', '-shm']) rmSync(opts.dbPath + side, { force: true });
      renameSync(tmp, opts.dbPath);
      try {
        current = await openNow();
        failure = null;
      } catch (e) {
        failure = e instanceof AppError ? e : new AppError('INTERNAL', { ja: '復元したデータベースを開けませんでした。', en: 'The restored database could not be opened.' });
        throw failure;
      }
      await insertAuditEvent(current.db, {
        at: nowIso(),
        actor: user,
        action: 'backup/restore',
        entity: 'backup',
        entityId: file,
        applicationId: null,
        summary: { restoredFrom: file, keptAs, schemaVersionOfBackup: schemaVersion },
      });
      return { restoredFrom: file, keptAs, schemaVersion: current.schemaVersion };
    },
    doctor: async () => {
      const list = storage.list();
      const sizeBytes = memory || team || !existsSync(opts.dbPath) ? 0 : statSync(opts.dbPath).size;
      if (current?.engine === 'postgres') {
        // The server checks its own pages; what the app can vouch for is that it answers.
        return { integrity: 'ok', schemaVersion: current.schemaVersion, appVersion, sizeBytes, lastBackupAt: list[0]?.createdAt ?? null, backups: list.length };
      }
      if (current) {
        return {
          integrity: integrityOf(current.raw, 'integrity_check'),
          schemaVersion: Number(current.raw.pragma('user_version', { simple: true })),
          appVersion,
          sizeBytes,
          lastBackupAt: list[0]?.createdAt ?? null,
          backups: list.length,
        };
      }
      let integrity = failure?.messages.en ?? 'not open';
      let schemaVersion = 0;
      try {
        const facts = readSqliteFacts(opts.dbPath);
        integrity = facts.integrity;
        schemaVersion = facts.schemaVersion;
      } catch {
        /* not readable as SQLite at all: the open failure says why */
      }
      return { integrity, schemaVersion, appVersion, sizeBytes, lastBackupAt: list[0]?.createdAt ?? null, backups: list.length };
    },
    // Set below, once the team-mode listener is defined.
    retry: async () => storage.status(),
    status: () => {
      const list = memory || team ? [] : listBackups(opts.dbPath);
      let newestGood: BackupInfo | null = null;
      if (failure) {
        for (const b of list) {
          try {
            checkRestoreCandidate(b.file, migrations);
            newestGood = b;
            break;
          } catch {
            /* a damaged or newer copy is not offered */
          }
        }
      }
      return { ok: failure === null, dbPath: maskPassword(opts.dbPath), error: failure ? toErrorValue(failure, 'ja') : null, newestGoodBackup: newestGood, backups: list };
    },
  };

  // Maintenance after opening, never awaited by the start-up: the stored program checks (0012).
  // Chunks through the write gate; a read-only store or a login without write rights stops it.
  let backfill: Promise<void> | null = null;
  let closing = false;
  const startBackfill = (o: OpenStore) => {
    const wanted = opts.backfillChecks ?? (opts.door === 'electron' || opts.door === 'web');
    if (!wanted || memory || (o.engine === 'sqlite' && o.raw.readonly)) return;
    backfill = backfillProgramChecks(o.db, { lock: writeGate?.run, stopped: () => closing || current !== o })
      .then(() => undefined)
      .catch((e: unknown) => {
        if (!closing) console.error('[sakura] filling the stored program checks stopped:', e instanceof AppError ? e.messages.en : e);
      });
  };

  // Team mode: another officer's write reaches this process's screens as a change event.
  const listen = async (o: OpenStore) => {
    if (o.engine === 'postgres' && opts.listen !== false) await watchChanges(o, (payload) => events.emit('event', 'data/changed', payload));
  };
  let retrying: Promise<void> | null = null;
  storage.retry = async () => {
    // Two clicks (or two windows) share one attempt: the store is opened once.
    retrying ??= (async () => {
      if (current) return;
      try {
        const o = await openNow();
        current = o;
        failure = null;
        if (o.engine === 'postgres') user = o.user;
        if (backupsEnabled && existedBefore && o.engine === 'sqlite') await dailyBackup(o);
        await listen(o);
        startBackfill(o);
      } catch (e) {
        // Still failing (or failing another way now): the screen shows the new sentence.
        failure = e instanceof AppError ? e : new AppError('INTERNAL', { ja: 'データベースを開けませんでした。', en: 'The database could not be opened.' });
      }
    })().finally(() => {
      retrying = null;
    });
    await retrying;
    return storage.status();
  };

  if (writeGate) {
    // A restore runs alone: no import's write phase may be open on the file being replaced.
    const restoreAlone = storage.restore;
    storage.restore = (file) => writeGate.run(() => restoreAlone(file));
  }

  const ctx = (lang: Lang): Ctx => {
    const o = current;
    return {
      // In recovery mode only RECOVERY_CALLS run, and none of them queries ctx.db.
      db: (o?.db ?? null) as OpenStore['db'],
      dbPath: o?.path ?? maskPassword(opts.dbPath),
      engine: team ? 'postgres' : 'sqlite',
      server: o?.server ?? null,
      door: opts.door,
      user,
      lang,
      appVersion,
      schemaVersion: o?.schemaVersion ?? 0,
      emit: <E extends EventName>(event: E, payload: ApiEvents[E]) => events.emit('event', event, payload),
      storage,
      stores: opts.stores,
      writeGate,
    };
  };
  const options: DispatchOptions = {
    onInternalError: (name, err) => console.error(`[sakura] internal error in ${name}:`, err),
    // Team mode: a write that lost a race to another officer is run again whole.
    ...(team ? { runWrite: (c, write) => retryTeamWrite(c.user, write) } : {}),
    ...opts.options,
  };
  if (current) {
    await listen(current);
    startBackfill(current);
  }
  return {
    get open() {
      return need();
    },
    get failure() {
      return failure;
    },
    events,
    ctx,
    invoke: async (name, input, lang = 'ja') => {
      if (!current && !RECOVERY_CALLS.has(String(name))) return { ok: false, error: toErrorValue(notOpen(), lang) };
      return dispatch(handlers, ctx(lang), name, input, options);
    },
    close: async () => {
      // The chunk in flight finishes (its transaction commits or rolls back whole), then no other.
      closing = true;
      await backfill;
      await current?.close();
      current = null;
    },
  };
}
