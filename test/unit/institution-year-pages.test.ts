// The institution detail pages its programs 100 at a time; a fiscal year cut by a page edge is
// labelled as continuing (the row either side of the page tells).
import { describe, expect, it } from 'vitest';
import { pageRequest, yearPage } from '../../renderer/src/pages/institutions/yearPages.ts';

const rows = (...years: number[]) => years.map((fiscalYear, i) => ({ fiscalYear, i }));

describe('pageRequest', () => {
  it.each([
    [0, 100, { offset: 0, limit: 101 }],
    [100, 100, { offset: 99, limit: 102 }],
    [3, 2, { offset: 2, limit: 4 }],
  ])('offset %i, size %i → %o', (offset, size, want) => {
    expect(pageRequest(offset, size)).toEqual(want);
  });
});

describe('yearPage', () => {
  it.each([
    // [offset, size, fetched years, shown years, fromPrev, toNext]
    ['first page, year goes on', 0, 3, [2026, 2026, 2025, 2025], [2026, 2026, 2025], null, 2025],
    ['first page, year ends at the edge', 0, 3, [2026, 2026, 2025, 2024], [2026, 2026, 2025], null, null],
    ['middle page, cut both sides', 3, 3, [2025, 2025, 2024, 2024, 2024], [2025, 2024, 2024], 2025, 2024],
    ['middle page, clean edges', 3, 3, [2026, 2025, 2025, 2024, 2023], [2025, 2025, 2024], null, null],
    ['last page, shorter than a page', 3, 3, [2024, 2024, 2023], [2024, 2023], 2024, null],
    ['one year on every page', 3, 3, [2020, 2020, 2020, 2020, 2020], [2020, 2020, 2020], 2020, 2020],
    ['nothing', 0, 3, [], [], null, null],
  ])('%s', (_name, offset, size, fetched, shown, fromPrev, toNext) => {
    const page = yearPage(offset, size, rows(...fetched));
    expect(page.shown.map((r) => r.fiscalYear)).toEqual(shown);
    expect(page.fromPrev).toBe(fromPrev);
    expect(page.toNext).toBe(toNext);
  });

  it('keeps the rows themselves, not copies of their years', () => {
    const fetched = rows(2026, 2025, 2024);
    expect(yearPage(1, 1, fetched).shown[0]).toBe(fetched[1]);
  });
});
