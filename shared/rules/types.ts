// What the eligibility engine takes and gives. Used by the renderer for instant feedback, by main/
// for enforcement and by the CLI's `eligibility` command, so the shapes live here once.
import { z } from 'zod';
import { Course, Field, Mode, Program } from '../domain.ts';
import { RuleSetRef } from './ruleset.ts';
import { TextLine } from '../text.ts';

export const PlanParticipant = z.object({
  role: z.enum(['invitee', 'escort']),
  /** YYYY-MM-DD; checked by the engine rather than the schema so a bad date becomes a finding. */
  birthDate: TextLine.max(40).nullable().optional(),
  country: TextLine.max(100).nullable().optional(),
  institution: TextLine.max(200).nullable().optional(),
  name: TextLine.max(200).nullable().optional(),
});
export type PlanParticipant = z.infer<typeof PlanParticipant>;

export const Plan = z.object({
  program: Program,
  course: Course,
  fiscalYear: z.number().int(),
  field: Field,
  mode: Mode,
  arrival: TextLine.max(40),
  departure: TextLine.max(40),
  /** A named list of people (CLI, rosters). When absent, the counts below are used (an application). */
  participants: z.array(PlanParticipant).max(5000).optional(),
  invitees: z.number().int().min(0).optional(),
  escorts: z.number().int().min(0).optional(),
  /** Sending institutions' names; counted after normalisation. */
  institutions: z.array(TextLine.max(200)).max(200).optional(),
  /** ISO alpha-2 codes of the sending countries/regions. */
  countries: z.array(TextLine.max(100)).max(200).optional(),
});
export type Plan = z.infer<typeof Plan>;

export const VIOLATION_CODES = [
  'STAY_TOO_LONG',
  'TOO_MANY_INVITEES',
  'INVITEE_TOO_OLD',
  'FIELD_NOT_ELIGIBLE',
  'MODE_NOT_ELIGIBLE',
  'DATES_INVALID',
  'NO_INVITEES',
  'COURSE_PROGRAM_MISMATCH',
  'VISIT_ENDS_TOO_LATE',
  'OUTSIDE_FISCAL_YEAR',
  'COUNTRY_NOT_ELIGIBLE',
] as const;
export const WARNING_CODES = [
  'BIRTH_DATE_MISSING',
  'ESCORT_WITHOUT_INVITEES',
  'INVITEE_LIMIT_SET_PER_PLAN',
  'NEAR_INVITEE_LIMIT',
  'SHORT_STAY',
  'NATIONALITY_OUTSIDE_PLAN',
] as const;

export const Finding = z.object({
  code: z.string(),
  /** Japanese. */
  message: z.string(),
  messageEn: z.string(),
  /** The numbers behind the message (limit, actual, who), for UIs and tools. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type Finding = z.infer<typeof Finding>;

export const EligibilityResult = z.object({
  ok: z.boolean(),
  ruleSet: RuleSetRef,
  violations: z.array(Finding),
  warnings: z.array(Finding),
});
export type EligibilityResult = z.infer<typeof EligibilityResult>;
