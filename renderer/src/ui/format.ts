// Small display helpers shared by the applications screens. Every word shown goes through i18next;
// these only pick the key or format numbers and dates for the UI language.
import type { Lang } from '../../../shared/errors.ts';

export function uiLang(language: string | undefined): Lang {
  return language === 'en' ? 'en' : 'ja';
}

const yenFormats: Partial<Record<Lang, Intl.NumberFormat>> = {};
const numberFormats: Partial<Record<Lang, Intl.NumberFormat>> = {};

/** ¥1,234,000 in the UI's locale. */
export function formatYen(amount: number, lang: Lang): string {
  const f = (yenFormats[lang] ??= new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'ja-JP', {
    style: 'currency',
    currency: 'JPY',
    maximumFractionDigits: 0,
  }));
  return f.format(amount);
}

export function formatNumber(n: number, lang: Lang): string {
  const f = (numberFormats[lang] ??= new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'ja-JP'));
  return f.format(n);
}

/** YYYY-MM-DD as Japanese staff write it (2026/07/01); English keeps the ISO form. */
export function formatDate(iso: string, lang: Lang): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return lang === 'ja' ? iso.replaceAll('-', '/') : iso;
}

/** An ISO timestamp as local date and time, for the status history. */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ja-JP', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

/**
 * Whole yen from what staff type: full-width digits, ￥/¥/円, thousands separators, spaces.
 * null when it is not a whole non-negative number.
 */
export function parseYen(text: string): number | null {
  const s = text.normalize('NFKC').replace(/[\s,¥￥\\円]/g, '');
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** A whole number typed with full-width digits or separators; null when it is not one. */
export function parseCount(text: string): number | null {
  const s = text.normalize('NFKC').replace(/[\s,]/g, '');
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}
