// Display and parsing helpers of the results screens.
import type { Lang } from '../../../../shared/errors.ts';

export function formatDate(iso: string | null, lang: Lang): string {
  if (!iso) return '—';
  return lang === 'ja' ? iso.replaceAll('-', '/') : iso;
}

export function formatYen(n: number | null, lang: Lang): string {
  if (n === null) return '—';
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'ja-JP', { style: 'currency', currency: 'JPY', maximumFractionDigits: 0 }).format(n);
}

/**
 * A whole number as staff type it (full-width digits, ￥, commas); '' is null (not recorded yet);
 * undefined when it is not a whole non-negative number.
 */
export function parseWhole(text: string): number | null | undefined {
  const s = text.normalize('NFKC').replace(/[\s,¥￥\\円名人]/g, '');
  if (s === '') return null;
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}
