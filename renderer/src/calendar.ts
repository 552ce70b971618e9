import { fiscalYearOf } from '../../shared/domain.ts';

/** Today's 年度 (1 April – 31 March) on this laptop's calendar, by the rule shared/ defines. */
export function currentFiscalYear(now: Date = new Date()): number {
  const iso = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return fiscalYearOf(iso);
}
