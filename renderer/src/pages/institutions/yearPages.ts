// One page of an institution's programs (newest year first), fetched with one row either side:
// a year cut by the page boundary is then labelled as continuing, so its count ("5 programs")
// is not mistaken for the whole year's.

/** The rows to ask for: the page, plus the row before it (if any) and the row after it. */
export function pageRequest(offset: number, size: number): { offset: number; limit: number } {
  return offset > 0 ? { offset: offset - 1, limit: size + 2 } : { offset: 0, limit: size + 1 };
}

export interface YearPage<T> {
  /** The page's own rows. */
  shown: T[];
  /** The year of the first group when it began on the previous page. */
  fromPrev: number | null;
  /** The year of the last group when it goes on to the next page. */
  toNext: number | null;
}

/** Splits what `pageRequest` fetched into the page's rows and the years cut at its edges. */
export function yearPage<T extends { fiscalYear: number }>(offset: number, size: number, fetched: readonly T[]): YearPage<T> {
  const start = offset > 0 ? 1 : 0;
  const before = start ? fetched[0] : undefined;
  const shown = fetched.slice(start, start + size);
  const after = fetched[start + size];
  const first = shown[0];
  const last = shown.at(-1);
  return {
    shown,
    fromPrev: before && first && before.fiscalYear === first.fiscalYear ? first.fiscalYear : null,
    toNext: after && last && after.fiscalYear === last.fiscalYear ? last.fiscalYear : null,
  };
}
