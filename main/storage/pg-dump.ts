// Backups in team mode: the server's own pg_dump (custom format, schema included), run by the app
// where pg_dump is installed, into the same backups folder with the same sidecar as the laptop's
// copies. Restoring onto a shared server would overwrite every officer's work, so that stays with
// the administrator and pg_restore (README, team mode).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';
import type { OpenPg } from '../../db/open-postgres.ts';
import type { BackupInfo, BackupKind } from '../../shared/api/backup.ts';
import { backupsToDelete, type RotationSettings } from '../../shared/backup-rotation.ts';
import { AppError } from '../../shared/errors.ts';
import { backupStamp, backupSlug, deleteBackup, writeFileDurably } from './backups.ts';

const PG_ROOT = '/usr/lib/postgresql';

/**
 * pg_dump (or pg_restore) on PATH, else the newest under /usr/lib/postgresql/N/bin (Debian keeps
 * them there). SAKURA_PG_BIN names the one folder to look in instead ("" finds none).
 */
export function findPgTool(tool: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): string | null {
  const exe = process.platform === 'win32' ? `${tool}.exe` : tool;
  if (env.SAKURA_PG_BIN !== undefined) {
    const p = join(env.SAKURA_PG_BIN, exe);
    return env.SAKURA_PG_BIN && existsSync(p) ? p : null;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, exe))) return join(dir, exe);
  }
  if (existsSync(PG_ROOT)) {
    const versions = readdirSync(PG_ROOT)
      .filter((v) => existsSync(join(PG_ROOT, v, 'bin', exe)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(PG_ROOT, versions[0], 'bin', exe);
  }
  return null;
}

export function noPgDump(): AppError {
  return new AppError('TEAM_MODE', {
    ja: 'チームサーバー（PostgreSQL）のバックアップと復元はサーバー側の pg_dump / pg_restore で行います（README「チームモード」参照）。この PC には pg_dump がないため、アプリからはバックアップできません。',
    en: "The team server (PostgreSQL) is backed up and restored with the server's pg_dump / pg_restore (see the README, team mode). pg_dump is not installed on this computer, so the app cannot back it up.",
  });
}

export function teamRestoreRefused(): AppError {
  return new AppError('TEAM_MODE', {
    ja: 'チームサーバーへの復元は全員のデータを上書きするため、アプリからは行いません。管理者がサーバーで「pg_restore --clean --if-exists -d <接続文字列> <ファイル>」を実行してください（README「チームモード」参照）。何も変更していません。',
    en: 'Restoring onto the team server overwrites every officer\'s data, so the app does not do it. The administrator runs "pg_restore --clean --if-exists -d <connection string> <file>" on the server (see the README, team mode). Nothing was changed.',
  });
}

/** Which server and schema a dump is of: host:port/db#schema, never the login or password. */
function sourceOf(open: OpenPg): string {
  return `${open.server.split(' ').pop()}#${open.schema}`;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, maxBuffer: 16 * 1024 * 1024 }, (err, _stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stderr: String(stderr || (err ? err.message : '')) });
    });
  });
}

export interface PgDumpOptions {
  folder: string;
  reason: string;
  kind: BackupKind;
  appVersion: string;
  out?: string;
  now?: Date;
  pgDump: string;
}

/**
 * Dumps the app's schema into a temporary name, has pg_restore read its table of contents (the
 * dump's own check, as quick_check is for a file copy), and only then gives it its name and sidecar.
 * The password travels in PGPASSWORD, never on the command line (which `ps` shows).
 */
export async function pgDumpBackup(open: OpenPg, o: PgDumpOptions): Promise<BackupInfo> {
  const createdAt = (o.now ?? new Date()).toISOString();
  const source = sourceOf(open);
  const final = o.out ?? join(o.folder, `team-${backupSlug(source)}-${backupStamp(createdAt)}-${backupSlug(o.reason)}.dump`);
  mkdirSync(dirname(final), { recursive: true });
  const partial = join(dirname(final), `.partial-${basename(final)}`);
  const url = new URL(open.login.connectionString);
  const password = url.password ? decodeURIComponent(url.password) : open.login.password;
  url.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env, PGAPPNAME: 'sakura-desk-backup', ...(password !== undefined ? { PGPASSWORD: password } : {}) };
  const fail = (detail: string): never => {
    rmSync(partial, { force: true });
    throw new AppError(
      'INTERNAL',
      {
        ja: `チームサーバーのバックアップ（pg_dump）に失敗しました: ${detail}。ファイルは作っていません。pg_dump のバージョンがサーバー以上か確かめてください。`,
        en: `The team server backup (pg_dump) failed: ${detail}. No file was written. Check that pg_dump is at least the server's version.`,
      },
      { reason: o.reason },
    );
  };
  const dumped = await run(o.pgDump, ['--format=custom', `--schema=${open.schema}`, '--no-password', `--file=${partial}`, `--dbname=${url.toString()}`], env);
  if (dumped.code !== 0) fail(dumped.stderr.trim().split('\n')[0] ?? `exit ${dumped.code}`);
  const pgRestore = existsSync(join(dirname(o.pgDump), basename(o.pgDump).replace('pg_dump', 'pg_restore')))
    ? join(dirname(o.pgDump), basename(o.pgDump).replace('pg_dump', 'pg_restore'))
    : findPgTool('pg_restore');
  if (pgRestore) {
    const listed = await run(pgRestore, ['--list', partial], env);
    if (listed.code !== 0) fail(`pg_restore --list: ${listed.stderr.trim().split('\n')[0] ?? ''}`);
  }
  renameSync(partial, final);
  const info: BackupInfo & { engine: 'postgres'; source: string } = {
    file: final,
    createdAt,
    reason: o.reason,
    kind: o.kind,
    sizeBytes: statSync(final).size,
    schemaVersion: open.schemaVersion,
    appVersion: o.appVersion,
    engine: 'postgres',
    source,
  };
  if (!o.out) writeFileDurably(`${final}.json`, `${JSON.stringify(info, null, 2)}\n`);
  return info;
}

/** This server's dumps in the folder, newest first (another server's are not offered). */
export function listPgDumps(folder: string, open: OpenPg | null): BackupInfo[] {
  if (!open || !existsSync(folder)) return [];
  const source = sourceOf(open);
  const out: BackupInfo[] = [];
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.dump') || name.startsWith('.partial-')) continue;
    try {
      const side = JSON.parse(readFileSync(join(folder, `${name}.json`), 'utf8')) as BackupInfo & { source?: string };
      if (side.source !== source) continue;
      const { source: _s, engine: _e, ...info } = side as BackupInfo & { source?: string; engine?: string };
      out.push({ ...info, file: join(folder, name) });
    } catch {
      /* no sidecar: not known to be this server's */
    }
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/**
 * The retention settings (the same ones a laptop file's copies follow) applied to this server's
 * dumps in the folder: another server's or schema's dumps beside them are not this one's to prune.
 * Returns the files deleted.
 */
export function rotatePgDumps(folder: string, open: OpenPg, settings: RotationSettings, now: Date): string[] {
  const doomed = backupsToDelete(listPgDumps(folder, open), settings, now);
  for (const f of doomed) deleteBackup(f);
  return doomed;
}
