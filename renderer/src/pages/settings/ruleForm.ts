// The rule set editor's form model: what staff type (strings, so half-typed and full-width input
// survive), its checks with messages in the UI's language, and the diff between two versions.
import type { TFunction } from 'i18next';
import { COURSES, type Course } from '../../../../shared/domain.ts';
import { parseCountry } from '../../../../shared/countries.ts';
import type { Lang } from '../../../../shared/errors.ts';
import { courseLabel } from '../../../../shared/rules/eligibility.ts';
import { RuleValues, type CourseRules } from '../../../../shared/rules/ruleset.ts';

export const COURSE_FIELDS = ['maxStayDays', 'maxInviteesSingleInstitution', 'maxInviteesMultiInstitution', 'maxInviteesMultiCountry'] as const;
export type CourseField = (typeof COURSE_FIELDS)[number];

export interface RuleDraft {
  courses: Record<Course, Record<CourseField, string>>;
  escortsCount: boolean;
  maxAge: string;
  humanitiesEligible: boolean;
  onlineAllowed: boolean;
  /** Percent, as staff think of it (50 = half). */
  courseALectureDayShare: string;
  visitEndsBeforeMonthDay: string;
  /** Eligible countries/regions as staff type them (codes or names, separated by 、 , or spaces); blank: all. */
  eligibleCountries: string;
}

/** A path into RuleValues ("courses.A.maxStayDays", "maxAge"): the key for errors, diffs and test ids. */
export type RulePath = string;

function percent(share: number): string {
  // 0.5 → "50", 0.333 → "33.3": no floating-point tails in the field.
  return String(Math.round(share * 100 * 1000) / 1000);
}

export function toDraft(v: RuleValues): RuleDraft {
  const courses = {} as RuleDraft['courses'];
  for (const c of COURSES) {
    const r = v.courses[c];
    courses[c] = {
      maxStayDays: String(r.maxStayDays),
      maxInviteesSingleInstitution: r.maxInviteesSingleInstitution === null ? '' : String(r.maxInviteesSingleInstitution),
      maxInviteesMultiInstitution: r.maxInviteesMultiInstitution === null ? '' : String(r.maxInviteesMultiInstitution),
      maxInviteesMultiCountry: r.maxInviteesMultiCountry === null ? '' : String(r.maxInviteesMultiCountry),
    };
  }
  return {
    courses,
    escortsCount: v.escortsCount,
    maxAge: String(v.maxAge),
    humanitiesEligible: v.humanitiesEligible,
    onlineAllowed: v.onlineAllowed,
    courseALectureDayShare: percent(v.courseALectureDayShare),
    visitEndsBeforeMonthDay: v.visitEndsBeforeMonthDay,
    eligibleCountries: (v.eligibleCountries ?? []).join(', '),
  };
}

/** Full-width digits and stray spaces are what Japanese IMEs leave behind. */
export function cleanNumber(s: string): string {
  return s.normalize('NFKC').replace(/[\s,]/g, '');
}

function isRealMonthDay(s: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1) return false;
  // A leap year, so 02-29 is accepted: the rule is a month-day, not a date.
  return day <= new Date(Date.UTC(2024, month, 0)).getUTCDate();
}

/** Label of a rule value for messages and the history's diff list. */
export function pathLabel(path: RulePath, t: TFunction, lang: Lang): string {
  const parts = path.split('.');
  if (parts[0] === 'eligibleCountries') return t('selection.countries');
  if (parts[0] === 'courses' && parts.length === 3) {
    const course = parts[1] as Course;
    const name = course === 'A' || course === 'B' || course === 'C' ? (lang === 'ja' ? `${course}コース` : `Course ${course}`) : courseLabel(course, lang);
    return `${name} ${fieldLabel(parts[2] as CourseField, t)}`;
  }
  const key = {
    escortsCount: 'escortsCount',
    maxAge: 'maxAge',
    humanitiesEligible: 'humanitiesEligible',
    onlineAllowed: 'onlineAllowed',
    courseALectureDayShare: 'lectureShare',
    visitEndsBeforeMonthDay: 'visitEnds',
  }[parts[0] ?? ''];
  return key ? t(`settings.rules.${key}`) : path;
}

export function fieldLabel(field: CourseField, t: TFunction): string {
  switch (field) {
    case 'maxStayDays':
      return t('settings.rules.maxStayDays');
    case 'maxInviteesSingleInstitution':
      return t('settings.rules.single');
    case 'maxInviteesMultiInstitution':
      return t('settings.rules.multiInstitution');
    case 'maxInviteesMultiCountry':
      return t('settings.rules.multiCountry');
  }
}

export interface Parsed {
  values: RuleValues | null;
  errors: Map<RulePath, string>;
}

/** Checks every field and builds RuleValues; messages name the field in the UI's language. */
export function parseDraft(d: RuleDraft, t: TFunction, lang: Lang): Parsed {
  const errors = new Map<RulePath, string>();
  const int = (path: RulePath, raw: string, min: number, max: number, optional: boolean): number | null => {
    const s = cleanNumber(raw);
    const field = pathLabel(path, t, lang);
    if (s === '') {
      if (!optional) errors.set(path, t('settings.validation.required', { field }));
      return null;
    }
    if (!/^\d+$/.test(s)) {
      errors.set(path, t('settings.validation.integer', { field }));
      return null;
    }
    const n = Number(s);
    if (n < min || n > max) {
      errors.set(path, t('settings.validation.range', { field, min, max }));
      return null;
    }
    return n;
  };
  const courses = {} as Record<Course, CourseRules>;
  for (const c of COURSES) {
    const f = d.courses[c];
    courses[c] = {
      maxStayDays: int(`courses.${c}.maxStayDays`, f.maxStayDays, 1, 366, false) ?? 0,
      maxInviteesSingleInstitution: int(`courses.${c}.maxInviteesSingleInstitution`, f.maxInviteesSingleInstitution, 0, 1000, true),
      maxInviteesMultiInstitution: int(`courses.${c}.maxInviteesMultiInstitution`, f.maxInviteesMultiInstitution, 0, 1000, true),
      maxInviteesMultiCountry: int(`courses.${c}.maxInviteesMultiCountry`, f.maxInviteesMultiCountry, 0, 1000, true),
    };
  }
  const maxAge = int('maxAge', d.maxAge, 1, 120, false) ?? 0;
  const shareText = cleanNumber(d.courseALectureDayShare);
  let share = 0;
  if (!/^\d+(\.\d+)?$/.test(shareText) || Number(shareText) > 100) {
    errors.set('courseALectureDayShare', t('settings.validation.share', { field: pathLabel('courseALectureDayShare', t, lang) }));
  } else {
    share = Math.round(Number(shareText) * 1000) / 100000;
  }
  const monthDay = d.visitEndsBeforeMonthDay.normalize('NFKC').trim().replace(/[/／]/g, '-');
  if (!isRealMonthDay(monthDay)) {
    errors.set('visitEndsBeforeMonthDay', t('settings.validation.monthDay', { field: pathLabel('visitEndsBeforeMonthDay', t, lang) }));
  }
  // Names or codes, as staff paste them; blank means every country (the default from FY2021).
  const countryTokens = d.eligibleCountries.normalize('NFKC').split(/[,、，;；\n]+/u).map((x) => x.trim()).filter(Boolean);
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const tok of countryTokens) {
    const code = parseCountry(tok);
    if (code) codes.push(code);
    else unknown.push(tok);
  }
  if (unknown.length) errors.set('eligibleCountries', t('selection.countriesUnknown', { list: unknown.join(', ') }));
  if (errors.size > 0) return { values: null, errors };
  const candidate = {
    courses,
    escortsCount: d.escortsCount,
    maxAge,
    humanitiesEligible: d.humanitiesEligible,
    onlineAllowed: d.onlineAllowed,
    courseALectureDayShare: share,
    visitEndsBeforeMonthDay: monthDay,
    eligibleCountries: codes.length ? [...new Set(codes)] : null,
  };
  // The contract's own schema as a backstop, so the form never sends what main would refuse.
  const checked = RuleValues.safeParse(candidate);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const path = issue.path.map(String).join('.');
      errors.set(path, `${pathLabel(path, t, lang)}: ${issue.message}`);
    }
    return { values: null, errors };
  }
  return { values: checked.data, errors };
}

/** Every leaf of a rule set as path → value, in display order. */
export function flatten(v: RuleValues): [RulePath, unknown][] {
  const out: [RulePath, unknown][] = [];
  for (const c of COURSES) for (const f of COURSE_FIELDS) out.push([`courses.${c}.${f}`, v.courses[c][f]]);
  out.push(['escortsCount', v.escortsCount]);
  out.push(['maxAge', v.maxAge]);
  out.push(['humanitiesEligible', v.humanitiesEligible]);
  out.push(['onlineAllowed', v.onlineAllowed]);
  out.push(['courseALectureDayShare', v.courseALectureDayShare]);
  out.push(['visitEndsBeforeMonthDay', v.visitEndsBeforeMonthDay]);
  out.push(['eligibleCountries', v.eligibleCountries?.length ? v.eligibleCountries.join(' ') : null]);
  return out;
}

export interface Change {
  path: RulePath;
  from: unknown;
  to: unknown;
}

export function diffValues(before: RuleValues, after: RuleValues): Change[] {
  const old = new Map(flatten(before));
  return flatten(after)
    .filter(([path, value]) => old.get(path) !== value)
    .map(([path, value]) => ({ path, from: old.get(path), to: value }));
}

/** A rule value as staff read it: "7日", "上限なし", "はい", "50％". */
export function formatValue(path: RulePath, value: unknown, t: TFunction): string {
  if (path === 'eligibleCountries' && (value === null || value === undefined)) return t('selection.allCountries');
  if (value === null || value === undefined) return t('settings.values.noLimit');
  if (typeof value === 'boolean') return t(value ? 'settings.values.yes' : 'settings.values.no');
  if (path.endsWith('.maxStayDays')) return t('settings.values.days', { n: value });
  if (path.startsWith('courses.')) return t('settings.values.persons', { n: value });
  if (path === 'maxAge') return t('settings.values.age', { n: value });
  if (path === 'courseALectureDayShare' && typeof value === 'number') return t('settings.values.percent', { n: percent(value) });
  return String(value);
}
