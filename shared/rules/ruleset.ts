// A fiscal year's rule set. The numbers change over the years (later JST pages show lower invitee
// limits and escorts counted), so they are data, edited by staff per year, never constants in code.
import { z } from 'zod';


const Limit = z.number().int().min(0).max(1000);
/** null = no fixed limit (set per plan, as for JST direct programs). */
const OptLimit = Limit.nullable();

export const CourseRules = z.object({
  /** Stay limit in days, arrival and departure days included. */
  maxStayDays: z.number().int().min(1).max(366),
  /** Invitees from a single sending institution. */
  maxInviteesSingleInstitution: OptLimit,
  /** Invitees from several institutions of one country/region. */
  maxInviteesMultiInstitution: OptLimit,
  /** Invitees from several countries/regions. */
  maxInviteesMultiCountry: OptLimit,
});
export type CourseRules = z.infer<typeof CourseRules>;

export const RuleValues = z.object({
  courses: z.object({
    A: CourseRules,
    B: CourseRules,
    C: CourseRules,
    'high-school': CourseRules,
    officials: CourseRules,
  }),
  /** Whether escorts (引率者) count towards invitee limits. */
  escortsCount: z.boolean(),
  /** Maximum age in full years on the arrival date (40 = 40歳以下). */
  maxAge: z.number().int().min(1).max(120),
  humanitiesEligible: z.boolean(),
  onlineAllowed: z.boolean(),
  /** Course A: share of activity days (arrival/departure excluded) that must include a lecture at the host; the share must be exceeded ("more than half"). */
  courseALectureDayShare: z.number().min(0).max(1),
  /** Every visit must end before this month-day of the fiscal year's closing March ("MM-DD"). */
  visitEndsBeforeMonthDay: z
    .string()
    .regex(/^\d{2}-\d{2}$/, 'MM-DD')
    .refine((md) => isMonthDay(md), 'MM-DD'),
  /**
   * Eligible countries and regions (ISO 3166-1 alpha-2). null or absent: all of them, as from
   * FY2021 (source document); for earlier years staff enter the Asia-centred list.
   */
  eligibleCountries: z.array(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2')).max(300).nullable().optional(),
});
export type RuleValues = z.infer<typeof RuleValues>;

/** A real month-day in a leap year (so 02-29 passes, 02-30 does not). */
function isMonthDay(md: string): boolean {
  const m = Number(md.slice(0, 2));
  const d = Number(md.slice(3, 5));
  return m >= 1 && m <= 12 && d >= 1 && d <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

export const RuleSetRef = z.object({
  fiscalYear: z.number().int(),
  /** 0 = the shipped default, 1.. = staff edits. */
  version: z.number().int().min(0),
  /** Human-readable name used in every check result, e.g. "FY2026 既定 (v0)". */
  name: z.string(),
});
export type RuleSetRef = z.infer<typeof RuleSetRef>;

export const RuleSet = RuleSetRef.extend({
  values: RuleValues,
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type RuleSet = z.infer<typeof RuleSet>;

/** First fiscal year in which the humanities and social sciences (人文・社会科学) and online exchange are eligible. */
export const HUMANITIES_FROM_FY = 2021;

/** The source document's rules (さくらサイエンスプログラムとは), shipped as every year's default. */
export function defaultRuleValues(fiscalYear: number): RuleValues {
  const from2021 = fiscalYear >= HUMANITIES_FROM_FY;
  return {
    courses: {
      A: { maxStayDays: 7, maxInviteesSingleInstitution: 10, maxInviteesMultiInstitution: 15, maxInviteesMultiCountry: 15 },
      B: { maxStayDays: 21, maxInviteesSingleInstitution: 10, maxInviteesMultiInstitution: 10, maxInviteesMultiCountry: 10 },
      C: { maxStayDays: 10, maxInviteesSingleInstitution: 10, maxInviteesMultiInstitution: 15, maxInviteesMultiCountry: 25 },
      'high-school': { maxStayDays: 7, maxInviteesSingleInstitution: null, maxInviteesMultiInstitution: null, maxInviteesMultiCountry: null },
      officials: { maxStayDays: 7, maxInviteesSingleInstitution: null, maxInviteesMultiInstitution: null, maxInviteesMultiCountry: null },
    },
    escortsCount: false,
    maxAge: 40,
    humanitiesEligible: from2021,
    onlineAllowed: from2021,
    courseALectureDayShare: 0.5,
    visitEndsBeforeMonthDay: '03-15',
  };
}

export function ruleSetName(fiscalYear: number, version: number): string {
  return version === 0 ? `FY${fiscalYear} 既定 (v0)` : `FY${fiscalYear} v${version}`;
}

/** The name in the UI's language: the stored name is Japanese, as check results and the CLI print it. */
export function ruleSetDisplayName(ref: { fiscalYear: number; version: number }, lang: 'ja' | 'en'): string {
  if (lang === 'ja') return ruleSetName(ref.fiscalYear, ref.version);
  return ref.version === 0 ? `FY${ref.fiscalYear} default (v0)` : `FY${ref.fiscalYear} v${ref.version}`;
}

export function defaultRuleSet(fiscalYear: number): RuleSet {
  return {
    fiscalYear,
    version: 0,
    name: ruleSetName(fiscalYear, 0),
    values: defaultRuleValues(fiscalYear),
    updatedAt: null,
    updatedBy: null,
  };
}

