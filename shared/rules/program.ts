// The whole check of an adopted program: its roster through the same eligibility engine as the
// applications (ages on arrival, invitee counts by institutions and countries, escorts), duplicate
// people, and its itinerary. One function so the planner, the roster editor, the handlers and
// `list programs` cannot disagree.
import { courseProgram, type Course, type Field, type Mode } from '../domain.ts';
import { countryName } from '../countries.ts';
import { normalizeName } from '../text.ts';
import type { ParticipantInput, SlotInput } from '../programs.ts';
import { checkPlan } from './eligibility.ts';
import { checkItinerary, HOLIDAY_TABLE_STAMP } from './itinerary.ts';
import type { RuleSet } from './ruleset.ts';
import type { EligibilityResult, Finding, Plan } from './types.ts';

export interface ProgramFacts {
  course: Course;
  fiscalYear: number;
  field: Field;
  mode: Mode;
  arrival: string;
  departure: string;
  /** The plan's (application's) countries: an invitee of another nationality gets a warning. */
  countries?: readonly string[];
}

type RosterPerson = Pick<ParticipantInput, 'familyName' | 'givenName' | 'birthDate' | 'nationality' | 'affiliation' | 'role'>;
type PlannedSlot = Pick<SlotInput, 'date' | 'start' | 'end' | 'kind' | 'atHost' | 'activity'> & { id: string | null };

export function displayName(p: Pick<ParticipantInput, 'familyName' | 'givenName'>): string {
  return `${p.familyName} ${p.givenName}`.trim();
}

/** The roster as the eligibility engine reads it: nationality is the country counted. */
export function rosterPlan(program: ProgramFacts, people: readonly RosterPerson[]): Plan {
  return {
    program: courseProgram(program.course),
    course: program.course,
    fiscalYear: program.fiscalYear,
    field: program.field,
    mode: program.mode,
    arrival: program.arrival,
    departure: program.departure,
    participants: people.map((p) => ({
      role: p.role,
      birthDate: p.birthDate,
      country: p.nationality,
      institution: p.affiliation,
      name: displayName(p),
    })),
  };
}

/**
 * Same person listed twice: same name (after normalising width, case and spaces) and the same
 * birth date. People without a birth date are not compared: two "Nguyen Anh"s are common.
 */
export function duplicateFindings(people: readonly RosterPerson[]): Finding[] {
  const first = new Map<string, number>();
  const out: Finding[] = [];
  people.forEach((p, i) => {
    const birth = p.birthDate?.trim();
    if (!birth) return;
    const k = `${normalizeName(p.familyName)}\u0000${normalizeName(p.givenName)}\u0000${birth}`;
    const had = first.get(k);
    if (had === undefined) {
      first.set(k, i + 1);
      return;
    }
    const name = displayName(p);
    out.push({
      code: 'DUPLICATE_PARTICIPANT',
      message: `名簿${i + 1}行目の「${name}」（生年月日 ${birth}）は${had}行目と同じ人物として重複しています。`,
      messageEn: `Roster row ${i + 1} "${name}" (born ${birth}) duplicates row ${had}.`,
      params: { row: i + 1, firstRow: had, name, birthDate: birth },
    });
  });
  return out;
}

/** Invitees whose nationality is not among the plan's countries: worth a look, not a rule breach. */
export function nationalityFindings(program: Pick<ProgramFacts, 'countries'>, people: readonly RosterPerson[]): Finding[] {
  const planned = new Set((program.countries ?? []).map((c) => c.toUpperCase()));
  if (!planned.size) return [];
  const out: Finding[] = [];
  people.forEach((p, i) => {
    const n = p.nationality?.trim().toUpperCase();
    if (p.role !== 'invitee' || !n || planned.has(n)) return;
    const name = displayName(p);
    const list = [...planned];
    out.push({
      code: 'NATIONALITY_OUTSIDE_PLAN',
      message: `名簿${i + 1}行目の「${name}」の国籍（${countryName(n, 'ja')}）は計画の国・地域（${list.map((c) => countryName(c, 'ja')).join('、')}）にありません。`,
      messageEn: `Roster row ${i + 1} "${name}": nationality ${countryName(n, 'en')} is not among the plan's countries (${list.map((c) => countryName(c, 'en')).join(', ')}).`,
      params: { row: i + 1, name, nationality: n, countries: list.join(' ') },
    });
  });
  return out;
}

export interface ProgramCheck extends EligibilityResult {
  invitees: number;
  escorts: number;
}

export function checkProgram(
  program: ProgramFacts,
  people: readonly RosterPerson[],
  slots: readonly PlannedSlot[],
  ruleSet: RuleSet,
): ProgramCheck {
  const roster = checkPlan(rosterPlan(program, people), ruleSet);
  const itinerary = checkItinerary(program, slots, ruleSet);
  const violations = [...roster.violations, ...duplicateFindings(people), ...itinerary.violations];
  const warnings = [...roster.warnings, ...nationalityFindings(program, people), ...itinerary.warnings];
  const invitees = people.filter((p) => p.role === 'invitee').length;
  return { ok: violations.length === 0, ruleSet: roster.ruleSet, violations, warnings, invitees, escorts: people.length - invitees };
}

/** Codes once each, in first-seen order: what the list and the CLI show. */
export function codesOf(findings: readonly { code: string }[]): string[] {
  return [...new Set(findings.map((x) => x.code))];
}

/**
 * The revision of the rules' code that a stored check was computed by. BUMP IT whenever
 * checkProgram's answer (its codes, counts) can change for the same data: a rule added, removed or
 * changed in eligibility.ts, itinerary.ts or here, or a change of defaultRuleValues. Every stored
 * check (migration 0012) then stops matching and is recomputed: live on read, for good by the
 * start-up backfill.
 */
export const PROGRAM_CHECK_REVISION = 1;

/** What a program's check reads, as version numbers: each moves on with every write of its data. */
export interface ProgramCheckInputs {
  /** application.row_version: course, year, field, mode, dates, countries, status (0008). */
  rowVersion: number;
  /** application.roster_version / itinerary_version (0010): every save of the list. */
  rosterVersion: number;
  itineraryVersion: number;
  /** The rule set applied: the application's year and that year's rule_set.version (0 = shipped default). */
  ruleSetYear: number;
  ruleSetVersion: number;
}

/**
 * The key of everything checkProgram's answer depends on. checkProgram reads nothing else: no
 * today's date (ages are on the arrival date), no institution records (the roster's affiliation is
 * text of the roster), country names only in messages (not stored); the holiday table is in the
 * code revision part. A stored check whose key differs from the key of the row now is never shown.
 */
export function programCheckKey(v: ProgramCheckInputs): string {
  return `a${v.rowVersion}.r${v.rosterVersion}.i${v.itineraryVersion}|fy${v.ruleSetYear}.v${v.ruleSetVersion}|c${PROGRAM_CHECK_REVISION}.h${HOLIDAY_TABLE_STAMP}`;
}
