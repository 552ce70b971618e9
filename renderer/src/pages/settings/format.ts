// Dates, times and yen as staff read them, in the UI's language.
import type { Lang } from '../../../../shared/errors.ts';

/** A stored timestamp (ISO) as local date and time: 2026/11/24 15:50 or 24 Nov 2026, 15:50. */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ja-JP', { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A calendar date (YYYY-MM-DD, no time zone) as 2026/07/01 or 1 Jul 2026. */
export function formatDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  if (lang === 'ja') return `${m[1]}/${m[2]}/${m[3]}`;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

export function formatYen(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'ja-JP').format(n);
}
