import { todayIso } from '../../shared/dates.ts';
import { fiscalYearOf } from '../../shared/domain.ts';

/** Today's 年度 (1 April – 31 March) on this laptop's calendar, by the rule shared/ defines. */
export function currentFiscalYear(now: Date = new Date()): number {
  return fiscalYearOf(todayIso(now));
}
