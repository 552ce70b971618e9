// Backups, restore, the health check and the start-up state (issue 10).
import { z } from 'zod';
import { TextLine } from '../text.ts';
import { command, query } from './define.ts';

export const BackupKind = z.enum(['daily', 'operation', 'manual']);
export type BackupKind = z.infer<typeof BackupKind>;

export const BackupInfo = z.object({
  /** Absolute path of the copy. */
  file: z.string(),
  createdAt: z.string(),
  /** What it was made for, in English words: `daily`, `manual`, `before import applications`… */
  reason: z.string(),
  kind: BackupKind,
  sizeBytes: z.number().int(),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

export const BackupSettings = z.object({
  dailyKeepDays: z.number().int().min(1).max(3650),
  operationKeepDays: z.number().int().min(1).max(3650),
  maxTotalMb: z.number().int().min(10).max(1_000_000),
});

const ErrorValueSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.object({ messages: z.object({ ja: z.string(), en: z.string() }) }).passthrough(),
});

export const Doctor = z.object({
  integrity: z.string(),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
  sizeBytes: z.number().int(),
  lastBackupAt: z.string().nullable(),
  backups: z.number().int(),
});

const StartupStatus = z.object({
  ok: z.boolean(),
  dbPath: z.string(),
  error: ErrorValueSchema.nullable(),
  newestGoodBackup: BackupInfo.nullable(),
  backups: z.array(BackupInfo),
});

export const backupCalls = {
  'backup/list': query(z.object({}), z.object({ folder: z.string(), items: z.array(BackupInfo), settings: BackupSettings })),
  /** A manual backup now; `jobId` gets job/progress events while the pages are copied. */
  'backup/create': command(z.object({ jobId: TextLine.max(64).optional(), out: TextLine.min(1).max(4096).optional() }), BackupInfo),
  /**
   * Replaces the database with `file`, after keeping the current one as a backup. Refused, with
   * nothing changed, for a file that is not SQLite, fails integrity_check or is from a newer app.
   */
  'backup/restore': command(
    z.object({ file: TextLine.min(1).max(4096) }),
    z.object({ restoredFrom: z.string(), keptAs: z.string().nullable(), schemaVersion: z.number().int() }),
  ),
  'backup/saveSettings': command(BackupSettings, BackupSettings),
  'backup/doctor': query(z.object({}), Doctor),
  /** Whether the database opened; when not, why, and the newest backup that passes its check. */
  'startup/status': query(z.object({}), StartupStatus),
  /**
   * Opens the store again after a start-up failure that can pass (shared/startup.ts: busy,
   * read-only, full disk, unreachable server) and answers the new status. A query, not a command:
   * it writes no data of its own (there may be no database to hold an audit event), and with the
   * store already open it only reports the status.
   */
  'startup/retry': query(z.object({}), StartupStatus),
};
