// Display and parsing helpers of the results screens.
import type { Lang } from '../../../../shared/errors.ts';
import { formatYen as formatAmount } from '../../ui/format.ts';

export function formatDate(iso: string | null, lang: Lang): string {
  if (!iso) return '—';
  return lang === 'ja' ? iso.replaceAll('-', '/') : iso;
}

/** ¥1,234,000, or a dash for an amount not recorded yet. */
export function formatYen(n: number | null, lang: Lang): string {
  return n === null ? '—' : formatAmount(n, lang);
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
