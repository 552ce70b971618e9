// Pure aggregation for the results charts. main/ uses it to answer the API and to write the
// .xlsx; the renderer uses it for top N, totals and rates, so both show exactly the same numbers.
import { ADOPTED_STATUSES, type Course, type Field, type Status } from '../domain.ts';
import { dayNumber } from '../dates.ts';

export const BREAKDOWNS = ['course', 'country', 'field', 'call'] as const;
export type BreakdownBy = (typeof BREAKDOWNS)[number];

export const FOLLOW_UP_KINDS = ['returned-student', 'returned-researcher', 'joint-research', 'joint-paper', 'other'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** Keys for applications that lack the attribute (no country given, no call set). */
export const UNKNOWN_KEY = 'unknown';
/** The key top N folds the rest into (その他). */
export const OTHER_KEY = 'other';

export interface CountRow {
  key: string | number;
  applications: number;
  adoptions: number;
}

/** The little of an application the breakdowns need. */
export interface AppFacts {
  course: Course;
  field: Field;
  call: number | null;
  status: Status;
  countries: readonly string[];
}

const adoptedSet = new Set<string>(ADOPTED_STATUSES);
export const isAdopted = (status: string): boolean => adoptedSet.has(status);

/** Fixed orders where the domain has one (courses, fields), so charts do not reshuffle by size. */
const COURSE_ORDER: readonly string[] = ['A', 'B', 'C', 'high-school', 'officials'];
const FIELD_ORDER: readonly string[] = ['science', 'humanities'];

function keysOf(a: AppFacts, by: BreakdownBy): (string | number)[] {
  switch (by) {
    case 'course':
      return [a.course];
    case 'field':
      return [a.field];
    case 'call':
      return [a.call ?? UNKNOWN_KEY];
    case 'country': {
      // Counted once under each of its countries: an application from VN and TH is a VN
      // application and a TH application (so the rows may add up to more than the total).
      const unique = [...new Set(a.countries)];
      return unique.length ? unique : [UNKNOWN_KEY];
    }
  }
}

/**
 * Applications and adoptions per key. Courses and fields in their fixed order; calls by number;
 * countries by applications (descending), then code, so top N is stable.
 */
export function breakdown(apps: readonly AppFacts[], by: BreakdownBy): CountRow[] {
  const map = new Map<string | number, CountRow>();
  for (const a of apps) {
    const adopted = isAdopted(a.status) ? 1 : 0;
    for (const key of keysOf(a, by)) {
      const row = map.get(key) ?? { key, applications: 0, adoptions: 0 };
      row.applications++;
      row.adoptions += adopted;
      map.set(key, row);
    }
  }
  return sortBreakdown([...map.values()], by);
}

/** The breakdown's row order (the same whether counted here or by the database's GROUP BY). */
export function sortBreakdown(rows: CountRow[], by: BreakdownBy): CountRow[] {
  const rank = (order: readonly string[]) => (r: CountRow) => {
    const i = order.indexOf(String(r.key));
    return i < 0 ? order.length : i;
  };
  if (by === 'course') return rows.sort((a, b) => rank(COURSE_ORDER)(a) - rank(COURSE_ORDER)(b));
  if (by === 'field') return rows.sort((a, b) => rank(FIELD_ORDER)(a) - rank(FIELD_ORDER)(b));
  if (by === 'call') {
    // Unknown call last; numbers ascending.
    return rows.sort((a, b) => (typeof a.key === 'number' ? a.key : 1e9) - (typeof b.key === 'number' ? b.key : 1e9));
  }
  return rows.sort((a, b) => b.applications - a.applications || String(a.key).localeCompare(String(b.key)));
}

/** The first n rows as they are, the rest summed into one その他 row (absent when nothing is left). */
export function topN(rows: readonly CountRow[], n: number): CountRow[] {
  if (rows.length <= n) return [...rows];
  const head = rows.slice(0, n);
  const other = rows.slice(n).reduce<CountRow>(
    (acc, r) => ({ key: OTHER_KEY, applications: acc.applications + r.applications, adoptions: acc.adoptions + r.adoptions }),
    { key: OTHER_KEY, applications: 0, adoptions: 0 },
  );
  return [...head, other];
}

/** Adoption rate as a fraction; null when there were no applications (not 0: nothing to rate). */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Percent with one decimal, for tables and tooltips (0.4929… → 49.3). */
export function percent(part: number, whole: number): number | null {
  const r = rate(part, whole);
  return r === null ? null : Math.round(r * 1000) / 10;
}

export function totals<T extends { applications: number; adoptions: number }>(rows: readonly T[]): { applications: number; adoptions: number } {
  return rows.reduce((acc, r) => ({ applications: acc.applications + r.applications, adoptions: acc.adoptions + r.adoptions }), {
    applications: 0,
    adoptions: 0,
  });
}

export interface FunnelFacts {
  status: Status;
  /** The visit took place: actual dates recorded. */
  implemented: boolean;
  /** 実施報告書 received. */
  reported: boolean;
}

export interface Funnel {
  applications: number;
  adoptions: number;
  implemented: number;
  reported: number;
}

/**
 * application → adoption → implementation → report. A later stage implies the earlier ones (a
 * reported program was implemented and adopted), whichever way it was recorded: by status or by
 * the result record. So the funnel never widens.
 */
export function funnel(apps: readonly FunnelFacts[]): Funnel {
  const f: Funnel = { applications: 0, adoptions: 0, implemented: 0, reported: 0 };
  for (const a of apps) {
    f.applications++;
    const reported = a.reported || a.status === 'reported';
    const implemented = reported || a.implemented || a.status === 'implemented';
    const adopted = implemented || isAdopted(a.status);
    if (adopted) f.adoptions++;
    if (implemented) f.implemented++;
    if (reported) f.reported++;
  }
  return f;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD, calendar days, no time zone). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * The runs of fiscal years absent between the first and last of `years` (sorted or not), as
 * [from, to] pairs: [2014…2019, 2024] → [[2020, 2023]]. Charts name them, since a category axis
 * would otherwise draw 2019 and 2024 side by side as if adjacent.
 */
export function missingYearRuns(years: readonly number[]): [number, number][] {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (cur - prev > 1) runs.push([prev + 1, cur - 1]);
  }
  return runs;
}
