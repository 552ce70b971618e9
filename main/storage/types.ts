import type { CallOutput } from '../../shared/api/index.ts';
import type { BackupInfo, BackupKind } from '../../shared/api/backup.ts';

/** The database file as a whole: what the runtime offers handlers beyond queries. */
export interface Storage {
  /** false for an in-memory database: there is no file to copy. */
  readonly backupsEnabled: boolean;
  /** Team mode: where pg_dump copies go (a file's copies sit in backups/ beside it). */
  readonly folder?: string;
  backup(o: { reason: string; kind: BackupKind; jobId?: string; out?: string }): Promise<BackupInfo | null>;
  list(): BackupInfo[];
  restore(file: string): Promise<CallOutput<'backup/restore'>>;
  doctor(): Promise<CallOutput<'backup/doctor'>>;
  status(): CallOutput<'startup/status'>;
  /** Opens the store again when it did not open (nothing happens when it is open); the new status. */
  retry(): Promise<CallOutput<'startup/retry'>>;
}
