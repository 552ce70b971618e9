import type { TFunction } from 'i18next';

/** A backup's reason (English words in the sidecar) in the UI's language. */
export function reasonLabel(t: TFunction, reason: string): string {
  if (reason.startsWith('before migration ')) return t('backup.reasons.migration', { names: reason.slice('before migration '.length) });
  return t(`backup.reasons.${reason}`, { defaultValue: reason });
}

export function sizeLabel(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
