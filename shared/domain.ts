// The product's vocabulary as zod schemas: the single source for API types on both sides.
import { z } from 'zod';
import { isCountryCode } from './countries.ts';
import { isIsoDate } from './dates.ts';
import { findBadChar } from './text.ts';

export const PROGRAMS = ['open-call', 'jst-direct'] as const;
export const COURSES = ['A', 'B', 'C', 'high-school', 'officials'] as const;
export const OPEN_CALL_COURSES = ['A', 'B', 'C'] as const;
export const JST_DIRECT_COURSES = ['high-school', 'officials'] as const;
export const FIELDS = ['science', 'humanities'] as const;
export const MODES = ['in-person', 'online'] as const;
export const STATUSES = [
  'draft',
  'received',
  'under-review',
  'adopted',
  'rejected',
  'waitlisted',
  'withdrawn',
  'implemented',
  'reported',
] as const;
/** Statuses that count as an adoption in the statistics (採択 or later in the life of a plan). */
export const ADOPTED_STATUSES = ['adopted', 'implemented', 'reported'] as const;
export const INSTITUTION_KINDS = ['university', 'research', 'company', 'government', 'school', 'other'] as const;

export const Program = z.enum(PROGRAMS);
export const Course = z.enum(COURSES);
export const Field = z.enum(FIELDS);
export const Mode = z.enum(MODES);
export const Status = z.enum(STATUSES);
export const InstitutionKind = z.enum(INSTITUTION_KINDS);
export type Program = z.infer<typeof Program>;
export type Course = z.infer<typeof Course>;
export type Field = z.infer<typeof Field>;
export type Mode = z.infer<typeof Mode>;
export type Status = z.infer<typeof Status>;
export type InstitutionKind = z.infer<typeof InstitutionKind>;

/** A calendar date as staff mean it, with no time zone: YYYY-MM-DD. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  // A real calendar day: 2026-02-30 is refused at the door, not discovered deep in a handler.
  .refine(isIsoDate, 'YYYY-MM-DD');
/**
 * ISO 3166-1 alpha-2, checked against the ISO list (i18n-iso-countries), not just its shape: ZZ,
 * EU or XA are refused. The one user-assigned code accepted is XK (Kosovo), which JST's own
 * country lists use; see docs/import-vocabulary.md.
 */
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2')
  .refine(isCountryCode, 'ISO 3166-1 alpha-2');
export const FiscalYear = z.number().int().min(2000).max(2100);
// Ids are opaque, but they still travel into SQL parameters, logs and file names: no NUL, no
// control characters, no broken UTF-16.
export const Id = z
  .string()
  .min(1)
  .max(64)
  .refine((s) => findBadChar(s) === null, 'Id');

export function courseProgram(course: Course): Program {
  return course === 'A' || course === 'B' || course === 'C' ? 'open-call' : 'jst-direct';
}

/** 年度: 1 April – 31 March. A date in January–March belongs to the previous year's 年度. */
export function fiscalYearOf(isoDate: string): number {
  const y = Number(isoDate.slice(0, 4));
  const m = Number(isoDate.slice(5, 7));
  return m >= 4 ? y : y - 1;
}
