// Optimistic concurrency (issue 14): every edit form sends the version it started from, and a save
// from an older version is refused with one sentence that names who changed the record and when.
// One builder for every record kind, so the sentence, its JST time and its details never drift.
import { AppError, type Messages } from './errors.ts';

/** What a versioned record says about its last save; every edit form keeps it to send back. */
export interface VersionStamp {
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/**
 * "2026-07-01 18:05 JST" from an ISO instant. Staff work in Japan whatever the laptop's zone, and
 * a fixed offset needs no time-zone data (Japan has kept +09:00 without summer time since 1951).
 */
export function jstMinute(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t + JST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')} JST`;
}

export interface StaleSave {
  /** The record in each language, as the sentence names it: 「応募「A-001」」, `application "A-001"`. */
  what: Messages;
  expectedVersion: number;
  version: number;
  changedBy: string | null;
  changedAt: string | null;
  /** Ids that let a caller find the record again (kept in details). */
  key?: Record<string, unknown>;
  /** Version 0 is a record that exists (a rule set's shipped default), not one still being entered. */
  zeroIsDefault?: boolean;
}

/** The CONFLICT of a stale save; `details.reload` tells the form to offer 再読み込み / Reload. */
export function staleSaveError(s: StaleSave): AppError {
  const by = s.changedBy ?? '?';
  if (s.version === 0 || s.changedAt === null) {
    // The record is gone (deleted by another officer since the form loaded it).
    return new AppError(
      'CONFLICT',
      {
        ja: `${s.what.ja}は、編集を始めた後に削除されました。保存していません。最新の内容を読み込んでください。`,
        en: `${capitalise(s.what.en)} was deleted after you started editing. Nothing was saved. Reload the latest data.`,
      },
      { ...s.key, expectedVersion: s.expectedVersion, version: s.version, changedBy: s.changedBy, changedAt: s.changedAt, reload: true },
    );
  }
  const at = jstMinute(s.changedAt);
  const details = { ...s.key, expectedVersion: s.expectedVersion, version: s.version, changedBy: by, changedAt: s.changedAt, reload: true };
  if (s.expectedVersion === 0 && !s.zeroIsDefault) {
    // The form meant to create it (a call number, a program's first result): someone else did first.
    return new AppError(
      'CONFLICT',
      {
        ja: `${s.what.ja}は、入力を始めた後に ${by} さんが ${at} に登録しました（第${s.version}版）。保存していません。最新の内容を読み込んでから、もう一度変更してください。`,
        en: `${by} saved ${s.what.en} at ${at}, after you started entering it (version ${s.version}). Nothing was saved. Reload the latest version and make your change again.`,
      },
      details,
    );
  }
  return new AppError(
    'CONFLICT',
    {
      ja: `${s.what.ja}は、編集を始めた後に ${by} さんが ${at} に変更しました（第${s.expectedVersion}版 → 第${s.version}版）。保存していません。最新の内容を読み込んでから、もう一度変更してください。`,
      en: `${by} changed ${s.what.en} at ${at}, after you started editing (version ${s.expectedVersion} → ${s.version}). Nothing was saved. Reload the latest version and make your change again.`,
    },
    details,
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
