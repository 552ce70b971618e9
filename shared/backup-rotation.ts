// Which backups to delete: daily ones after `dailyKeepDays`, pre-operation ones after
// `operationKeepDays`, manual ones only under the size cap; then, oldest first, whatever no longer
// fits under the cap. The newest backup is always kept, whatever the cap says: it is the one a
// restore needs.

export interface RotationSettings {
  dailyKeepDays: number;
  operationKeepDays: number;
  maxTotalMb: number;
}

export const DEFAULT_ROTATION: RotationSettings = { dailyKeepDays: 14, operationKeepDays: 30, maxTotalMb: 2048 };

export interface RotatableBackup {
  file: string;
  createdAt: string;
  kind: 'daily' | 'operation' | 'manual';
  sizeBytes: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function backupsToDelete(backups: readonly RotatableBackup[], s: RotationSettings, now: Date): string[] {
  const newestFirst = [...backups].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const doomed = new Set<string>();
  newestFirst.forEach((b, i) => {
    if (i === 0) return;
    const ageDays = (now.getTime() - Date.parse(b.createdAt)) / DAY_MS;
    if (b.kind === 'daily' && ageDays > s.dailyKeepDays) doomed.add(b.file);
    if (b.kind === 'operation' && ageDays > s.operationKeepDays) doomed.add(b.file);
  });
  const cap = s.maxTotalMb * 1024 * 1024;
  let total = 0;
  newestFirst.forEach((b, i) => {
    if (doomed.has(b.file)) return;
    total += b.sizeBytes;
    if (i > 0 && total > cap) doomed.add(b.file);
  });
  return newestFirst.filter((b) => doomed.has(b.file)).map((b) => b.file);
}
