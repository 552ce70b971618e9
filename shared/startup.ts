// Start-up failures that can pass by themselves or by a small act of staff (closing the other
// program, freeing disk space, fixing a permission, the server coming back): the recovery screen
// offers "もう一度試す" for these. Damage, an empty or foreign file, a newer app's file and a refused
// login do not pass by trying again; they have their own way out (restore, store choice).
import type { ErrorCode } from './errors.ts';

export const RETRYABLE_STARTUP_FAILURES: readonly ErrorCode[] = ['DB_BUSY', 'DB_READ_ONLY', 'DB_DISK_FULL', 'DB_IO', 'DB_UNREACHABLE'];

export function canRetryStartup(code: string | null | undefined): boolean {
  return !!code && (RETRYABLE_STARTUP_FAILURES as readonly string[]).includes(code);
}
