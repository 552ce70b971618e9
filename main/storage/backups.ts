// Backups of the SQLite file: written with SQLite's online backup API (a consistent copy while the
// app keeps running), checked with quick_check on the copy, stored in `backups/` beside the database
// with a sidecar JSON that survives the database being lost. Rotation is a pure rule in shared/.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { integrityOf, isSqliteHeader } from '../../db/sqlite-file.ts';
import type { BackupInfo, BackupKind } from '../../shared/api/backup.ts';
import { AppError } from '../../shared/errors.ts';

export const BACKUP_DIR_NAME = 'backups';

export function backupFolder(dbPath: string): string {
  return join(dirname(dbPath), BACKUP_DIR_NAME);
}

/** 2026-12-01T16:43:12.123Z → 20261201-164312-123 (sortable, legal on every file system). */
function stamp(iso: string): string {
  return iso.replace(/[-:]/g, '').replace('T', '-').replace('.', '-').replace('Z', '');
}

function slug(reason: string): string {
  return reason.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'backup';
}

function writeFileDurably(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, text);
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Facts read from inside a candidate file, read-only. */
export function readSqliteFacts(file: string): { integrity: string; schemaVersion: number; migrationNames: string[] } {
  const ro = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = integrityOf(ro, 'integrity_check');
    const schemaVersion = Number(ro.pragma('user_version', { simple: true }));
    const hasTable = ro.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    const migrationNames = hasTable ? (ro.prepare('select name from kysely_migration').all() as { name: string }[]).map((r) => r.name) : [];
    return { integrity, schemaVersion, migrationNames };
  } finally {
    ro.close();
  }
}

export interface MakeBackupOptions {
  reason: string;
  kind: BackupKind;
  appVersion: string;
  /** Write here instead of the backups folder (CLI `backup --out FILE`); no sidecar then. */
  out?: string;
  onProgress?: (done: number, total: number) => void;
  now?: Date;
}

/**
 * Copies the open database with the online backup API into a temporary name, checks the copy with
 * quick_check, and only then gives it its final name and its sidecar: a copy cut short by a crash
 * or a full disk never appears in the list.
 */
export async function makeBackup(raw: BetterSqlite3.Database, dbPath: string, o: MakeBackupOptions): Promise<BackupInfo> {
  const createdAt = (o.now ?? new Date()).toISOString();
  const folder = backupFolder(dbPath);
  const final = o.out ?? join(folder, `${basename(dbPath).replace(/\.sqlite$/, '')}-${stamp(createdAt)}-${slug(o.reason)}.sqlite`);
  mkdirSync(dirname(final), { recursive: true });
  const partial = join(dirname(final), `.partial-${basename(final)}`);
  try {
    await raw.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        o.onProgress?.(totalPages - remainingPages, totalPages);
        return 256; // pages per step: keeps the app responsive while copying a large file
      },
    });
    const check = new BetterSqlite3(partial, { readonly: true, fileMustExist: true });
    let schemaVersion: number;
    try {
      const quick = integrityOf(check, 'quick_check');
      if (quick !== 'ok') throw new Error(`quick_check on the copy: ${quick}`);
      schemaVersion = Number(check.pragma('user_version', { simple: true }));
    } finally {
      check.close();
    }
    renameSync(partial, final);
    const info: BackupInfo = {
      file: final,
      createdAt,
      reason: o.reason,
      kind: o.kind,
      sizeBytes: statSync(final).size,
      schemaVersion,
      appVersion: o.appVersion,
    };
    if (!o.out) writeFileDurably(`${final}.json`, `${JSON.stringify(info, null, 2)}\n`);
    return info;
  } catch (e) {
    rmSync(partial, { force: true });
    const code = String((e as { code?: unknown }).code ?? '');
    const full = code === 'SQLITE_FULL' || code === 'ENOSPC';
    throw new AppError(
      full ? 'DB_DISK_FULL' : 'INTERNAL',
      full
        ? { ja: 'ディスクの空き容量が足りないため、バックアップを作成できませんでした。操作は行っていません。空き容量を作ってからやり直してください。', en: 'The disk is too full to write a backup, so nothing was done. Free some space and try again.' }
        : { ja: 'バックアップを作成できませんでした。操作は行っていません。', en: 'The backup could not be written, so nothing was done.' },
      { reason: o.reason, cause: e instanceof Error ? e.message : String(e) },
    );
  }
}

/** Every backup in the folder, newest first. A copy whose sidecar was lost is still listed. */
export function listBackups(dbPath: string): BackupInfo[] {
  const folder = backupFolder(dbPath);
  if (!existsSync(folder)) return [];
  const out: BackupInfo[] = [];
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.sqlite') || name.startsWith('.partial-')) continue;
    const file = join(folder, name);
    let info: BackupInfo | null;
    try {
      const side = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as BackupInfo;
      info = { ...side, file };
    } catch {
      try {
        const st = statSync(file);
        info = {
          file,
          createdAt: st.mtime.toISOString(),
          reason: 'unknown',
          kind: 'manual',
          sizeBytes: st.size,
          schemaVersion: isSqliteHeader(file) ? readSqliteFacts(file).schemaVersion : 0,
          appVersion: 'unknown',
        };
      } catch {
        info = null; // unreadable: not offered
      }
    }
    if (info) out.push(info);
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export function deleteBackup(file: string): void {
  rmSync(file, { force: true });
  rmSync(`${file}.json`, { force: true });
}

/**
 * Refuses a file that must not replace the database: not SQLite, failing integrity_check, or from a
 * newer app. Reads only.
 */
export function checkRestoreCandidate(file: string, known: Record<string, unknown>): { schemaVersion: number } {
  const refuse = (ja: string, en: string, extra: Record<string, unknown> = {}): never => {
    throw new AppError('BACKUP_REFUSED', { ja: `${ja}現在のデータベースは変更していません。`, en: `${en} The current database was not changed.` }, { file, ...extra });
  };
  let st;
  try {
    st = statSync(file);
  } catch {
    return refuse(`ファイル「${file}」が見つかりません。`, `The file "${file}" does not exist.`);
  }
  if (!st.isFile() || st.size === 0 || !isSqliteHeader(file)) {
    return refuse(`「${file}」は Sakura Desk のバックアップではありません（SQLite ファイルではない）。`, `"${file}" is not a Sakura Desk backup (not an SQLite file).`);
  }
  let facts;
  try {
    facts = readSqliteFacts(file);
  } catch (e) {
    return refuse(`バックアップ「${file}」は破損しています（読み取れません）。`, `The backup "${file}" is damaged (cannot be read).`, { cause: String(e) });
  }
  if (facts.integrity !== 'ok') {
    return refuse(`バックアップ「${file}」は破損しています（整合性チェックに失敗）。別のバックアップを選んでください。`, `The backup "${file}" is damaged (integrity check failed). Choose another backup.`, { integrity: facts.integrity });
  }
  const unknown = facts.migrationNames.filter((n) => !(n in known));
  if (facts.schemaVersion > Object.keys(known).length || unknown.length > 0) {
    return refuse(`バックアップ「${file}」はこのアプリより新しいバージョンで作成されています。Sakura Desk を更新してから復元してください。`, `The backup "${file}" was written by a newer version of Sakura Desk. Update the app before restoring it.`);
  }
  if (facts.migrationNames.length === 0) {
    return refuse(`「${file}」は Sakura Desk のデータベースではありません。`, `"${file}" is not a Sakura Desk database.`);
  }
  return { schemaVersion: facts.schemaVersion };
}

// Team mode's pg_dump copies (pg-dump.ts) are named and described the same way.
export { stamp as backupStamp, slug as backupSlug, writeFileDurably };
