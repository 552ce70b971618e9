// The eligibility engine: one pure function of a plan and the fiscal year's rule set. The renderer
// runs it for instant feedback while staff type, main/ runs it again before saving, and the CLI
// runs it on files, so it must give the same answer everywhere: no clock, no time zone, no I/O.
// Every number it compares against comes from the rule set (staff edit those per year), never
// from a constant here.
import { courseProgram, type Course, type Mode, type Program } from '../domain.ts';
import { ageOn, daysInclusive, isIsoDate, parseIsoDate } from '../dates.ts';
import type { Lang } from '../errors.ts';
import { countryName } from '../countries.ts';
import { normalizeName } from '../text.ts';
import type { CourseRules, RuleSet } from './ruleset.ts';
import type { EligibilityResult, Finding, Plan, PlanParticipant, VIOLATION_CODES, WARNING_CODES } from './types.ts';

type ViolationCode = (typeof VIOLATION_CODES)[number];
type WarningCode = (typeof WARNING_CODES)[number];
type Params = Finding['params'];

export type InviteeLimitBasis = 'single-institution' | 'multi-institution' | 'multi-country';

const COURSE_LABELS: Record<Course, Record<Lang, string>> = {
  A: { ja: '科学技術体験コース', en: 'Science and Technology Experience Course' },
  B: { ja: '共同研究活動コース', en: 'Joint Research Activity Course' },
  C: { ja: '科学技術研修コース', en: 'Science and Technology Training Course' },
  'high-school': { ja: 'さくらサイエンス・ハイスクールプログラム', en: 'Sakura Science High School Program' },
  officials: { ja: '科学技術関係者招へいプログラム', en: 'Invitation Program for Science and Technology Officials' },
};

const PROGRAM_LABELS: Record<Program, Record<Lang, string>> = {
  'open-call': { ja: '一般公募プログラム', en: 'the Open-Call Program' },
  'jst-direct': { ja: 'JST直接招へいプログラム', en: 'the JST Direct Invitation Program' },
};

/** The course's name as the source document gives it, without the A/B/C letter. */
export function courseLabel(course: Course, lang: Lang): string {
  return COURSE_LABELS[course][lang];
}

// In sentences staff say "Aコース（科学技術体験コース）": the letter is what they use day to day,
// the name is what the rules are written against. JST direct programs have no letter.
function courseRef(course: Course, lang: Lang): string {
  const name = COURSE_LABELS[course][lang];
  if (courseProgram(course) !== 'open-call') return name;
  return lang === 'ja' ? `${course}コース（${name}）` : `Course ${course} (${name})`;
}

/**
 * Length of a stay in days, arrival and departure days both counted (1 July → 7 July = 7), as the
 * program's stay limits are written. null when either date is not a real YYYY-MM-DD date or the
 * departure is before the arrival.
 */
export function stayDays(arrival: string, departure: string): number | null {
  if (!isIsoDate(arrival) || !isIsoDate(departure)) return null;
  const days = daysInclusive(arrival, departure);
  return days >= 1 ? days : null;
}

function jaDate(iso: string): string {
  const d = parseIsoDate(iso);
  return d ? `${d.year}年${d.month}月${d.day}日` : iso;
}

// An online exchange has no arrival in Japan, so the same checks are worded as a period.
interface Terms {
  start: Record<Lang, string>;
  end: Record<Lang, string>;
  period: Record<Lang, string>;
}
function terms(mode: Mode): Terms {
  return mode === 'online'
    ? {
        start: { ja: '開始日', en: 'start date' },
        end: { ja: '終了日', en: 'end date' },
        period: { ja: '交流期間', en: 'exchange period' },
      }
    : {
        start: { ja: '来日日', en: 'arrival date' },
        end: { ja: '離日日', en: 'departure date' },
        period: { ja: '滞在期間', en: 'stay' },
      };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function finding(code: ViolationCode | WarningCode, message: string, messageEn: string, params: Params): Finding {
  return { code, message, messageEn, params };
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
function countryKey(s: string | null | undefined): string {
  const t = s ?? '';
  // Printable ASCII (every stored code) is its own NFKC form.
  return (PRINTABLE_ASCII.test(t) ? t : t.normalize('NFKC')).trim().toUpperCase();
}

interface Invitee {
  /** 1-based row in plan.participants, so staff can find the person in the roster. */
  row: number;
  person: PlanParticipant;
}

interface People {
  invitees: number;
  escorts: number;
  institutions: number;
  countries: number;
  /** Present only when the plan lists people by name. */
  list: Invitee[] | null;
}

function countPeople(plan: Plan): People {
  if (plan.participants) {
    const list: Invitee[] = [];
    let escorts = 0;
    plan.participants.forEach((person, i) => {
      if (person.role === 'invitee') list.push({ row: i + 1, person });
      else escorts += 1;
    });
    // Limits are about where the invitees come from; an escort's institution does not make a plan
    // "several institutions".
    const institutions = new Set(list.map((x) => normalizeName(x.person.institution ?? '')).filter((s) => s !== ''));
    const countries = new Set(list.map((x) => countryKey(x.person.country)).filter((s) => s !== ''));
    return { invitees: list.length, escorts, institutions: institutions.size, countries: countries.size, list };
  }
  const institutions = new Set((plan.institutions ?? []).map(normalizeName).filter((s) => s !== ''));
  const countries = new Set((plan.countries ?? []).map(countryKey).filter((s) => s !== ''));
  return {
    invitees: plan.invitees ?? 0,
    escorts: plan.escorts ?? 0,
    institutions: institutions.size,
    countries: countries.size,
    list: null,
  };
}

export function inviteeLimitBasis(institutions: number, countries: number): InviteeLimitBasis {
  if (institutions <= 1) return 'single-institution';
  return countries <= 1 ? 'multi-institution' : 'multi-country';
}

function limitFor(rules: CourseRules, basis: InviteeLimitBasis): number | null {
  if (basis === 'single-institution') return rules.maxInviteesSingleInstitution;
  return basis === 'multi-institution' ? rules.maxInviteesMultiInstitution : rules.maxInviteesMultiCountry;
}

// Word the limit the way the course's own rule is written: course B has a single number ("10人"),
// course A does not distinguish countries ("複数機関から"), course C does. Derived from the rule
// set's numbers so an edited rule set is still described truthfully.
function basisPhrase(rules: CourseRules, basis: InviteeLimitBasis): Record<Lang, string> {
  const single = rules.maxInviteesSingleInstitution;
  const multiInst = rules.maxInviteesMultiInstitution;
  const multiCountry = rules.maxInviteesMultiCountry;
  if (single === multiInst && multiInst === multiCountry) return { ja: '', en: '' };
  if (basis === 'single-institution') {
    return { ja: '単一機関から招へいする場合の', en: ' when inviting from a single institution' };
  }
  if (multiInst === multiCountry) {
    return { ja: '複数機関から招へいする場合の', en: ' when inviting from several institutions' };
  }
  return basis === 'multi-institution'
    ? {
        ja: '単一の国・地域の複数機関から招へいする場合の',
        en: ' when inviting from several institutions of one country/region',
      }
    : { ja: '複数の国・地域から招へいする場合の', en: ' when inviting from several countries/regions' };
}

function who(inv: Invitee): Record<Lang, string> {
  const name = inv.person.name?.trim();
  return name
    ? { ja: `招へい者「${name}」`, en: `invitee "${name}"` }
    : { ja: `名簿${inv.row}行目の招へい者`, en: `the invitee in roster row ${inv.row}` };
}

export function checkPlan(plan: Plan, ruleSet: RuleSet): EligibilityResult {
  const values = ruleSet.values;
  const rules = values.courses[plan.course];
  const violations: Finding[] = [];
  const warnings: Finding[] = [];
  const t = terms(plan.mode);
  const courseJa = courseRef(plan.course, 'ja');
  const courseEn = courseRef(plan.course, 'en');
  const fy = plan.fiscalYear;

  const expectedProgram = courseProgram(plan.course);
  if (plan.program !== expectedProgram) {
    violations.push(
      finding(
        'COURSE_PROGRAM_MISMATCH',
        `${courseJa}は${PROGRAM_LABELS[expectedProgram].ja}に属しますが、プログラム区分が${PROGRAM_LABELS[plan.program].ja}になっています。`,
        `${courseEn} belongs to ${PROGRAM_LABELS[expectedProgram].en}, but the plan's program is ${PROGRAM_LABELS[plan.program].en}.`,
        { course: plan.course, program: plan.program, expectedProgram },
      ),
    );
  }

  // --- Dates: a date that is not a real date makes every date check meaningless, so those are
  // skipped rather than reported on garbage.
  const arrivalValid = isIsoDate(plan.arrival);
  const departureValid = isIsoDate(plan.departure);
  for (const [valid, field, label] of [
    [arrivalValid, 'arrival', t.start],
    [departureValid, 'departure', t.end],
  ] as const) {
    if (valid) continue;
    const value = field === 'arrival' ? plan.arrival : plan.departure;
    violations.push(
      finding(
        'DATES_INVALID',
        `${label.ja}「${value}」が正しい日付ではありません。実在する日付をYYYY-MM-DD形式で入力してください。`,
        `The ${label.en} "${value}" is not a valid date. Enter an existing date as YYYY-MM-DD.`,
        { field, value, reason: 'not-a-date' },
      ),
    );
  }
  let datesValid = arrivalValid && departureValid;
  if (datesValid && plan.departure < plan.arrival) {
    datesValid = false;
    violations.push(
      finding(
        'DATES_INVALID',
        `${t.end.ja}（${jaDate(plan.departure)}）が${t.start.ja}（${jaDate(plan.arrival)}）より前になっています。`,
        `The ${t.end.en} (${plan.departure}) is before the ${t.start.en} (${plan.arrival}).`,
        { field: 'departure', value: plan.departure, reason: 'departure-before-arrival', arrival: plan.arrival },
      ),
    );
  }

  if (datesValid) {
    const days = daysInclusive(plan.arrival, plan.departure);
    if (days > rules.maxStayDays) {
      violations.push(
        finding(
          'STAY_TOO_LONG',
          `${t.period.ja}が${days}日間で、${courseJa}の上限${rules.maxStayDays}日間を超えています。`,
          `${capitalize(t.period.en)} of ${days} days exceeds the ${rules.maxStayDays}-day limit of ${courseEn}.`,
          { limit: rules.maxStayDays, actual: days, arrival: plan.arrival, departure: plan.departure },
        ),
      );
    }

    // YYYY-MM-DD strings order like the dates they name, so plain string comparison is exact.
    const fyStart = `${fy}-04-01`;
    const fyEnd = `${fy + 1}-03-31`;
    if (plan.arrival < fyStart || plan.departure > fyEnd) {
      violations.push(
        finding(
          'OUTSIDE_FISCAL_YEAR',
          `${t.period.ja}（${jaDate(plan.arrival)}〜${jaDate(plan.departure)}）が${fy}年度（${jaDate(fyStart)}〜${jaDate(fyEnd)}）の範囲外にかかっています。`,
          `${capitalize(t.period.en)} (${plan.arrival} to ${plan.departure}) falls outside FY${fy} (${fyStart} to ${fyEnd}).`,
          { fiscalYear: fy, start: fyStart, end: fyEnd, arrival: plan.arrival, departure: plan.departure },
        ),
      );
    }

    const deadline = `${fy + 1}-${values.visitEndsBeforeMonthDay}`;
    if (!(plan.departure < deadline)) {
      violations.push(
        finding(
          'VISIT_ENDS_TOO_LATE',
          `${t.end.ja}が${jaDate(plan.departure)}です。${fy}年度の交流は${jaDate(deadline)}より前に終える必要があります。`,
          `The ${t.end.en} is ${plan.departure}; exchanges of FY${fy} must end before ${deadline}.`,
          { fiscalYear: fy, deadline, departure: plan.departure },
        ),
      );
    }
  }

  if (plan.field === 'humanities' && !values.humanitiesEligible) {
    violations.push(
      finding(
        'FIELD_NOT_ELIGIBLE',
        `ルールセット「${ruleSet.name}」では、人文・社会科学分野の交流計画は対象外です。`,
        `Humanities and social sciences are not eligible under rule set "${ruleSet.name}".`,
        { field: plan.field, fiscalYear: ruleSet.fiscalYear },
      ),
    );
  }
  if (plan.mode === 'online' && !values.onlineAllowed) {
    violations.push(
      finding(
        'MODE_NOT_ELIGIBLE',
        `ルールセット「${ruleSet.name}」では、オンライン交流は対象外です。`,
        `Online exchange is not eligible under rule set "${ruleSet.name}".`,
        { mode: plan.mode, fiscalYear: ruleSet.fiscalYear },
      ),
    );
  }

  // --- People.
  const people = countPeople(plan);

  for (const inv of people.list ?? []) {
    // who(inv) is worded only for a finding: most invitees have none, and a page of 100 programs
    // holds about 1,500 of them.
    const name = inv.person.name?.trim() || null;
    const birthDate = inv.person.birthDate?.trim() ?? '';
    if (birthDate === '') {
      warnings.push(
        finding(
          'BIRTH_DATE_MISSING',
          `${who(inv).ja}の生年月日が未入力のため、年齢（${values.maxAge}歳以下）を確認できません。`,
          `${capitalize(who(inv).en)} has no birth date, so the age limit (${values.maxAge} or under) could not be checked.`,
          { name, row: inv.row },
        ),
      );
      continue;
    }
    if (!isIsoDate(birthDate)) {
      violations.push(
        finding(
          'DATES_INVALID',
          `${who(inv).ja}の生年月日「${birthDate}」が正しい日付ではありません。実在する日付をYYYY-MM-DD形式で入力してください。`,
          `The birth date "${birthDate}" of ${who(inv).en} is not a valid date. Enter an existing date as YYYY-MM-DD.`,
          { field: 'birthDate', value: birthDate, reason: 'not-a-date', name, row: inv.row },
        ),
      );
      continue;
    }
    // Age is taken on the arrival date; without a real arrival date there is nothing to take it on
    // (the arrival date itself is already reported).
    if (!arrivalValid) continue;
    const age = ageOn(birthDate, plan.arrival);
    if (age < 0) {
      violations.push(
        finding(
          'DATES_INVALID',
          `${who(inv).ja}の生年月日（${jaDate(birthDate)}）が${t.start.ja}（${jaDate(plan.arrival)}）より後になっています。`,
          `The birth date (${birthDate}) of ${who(inv).en} is after the ${t.start.en} (${plan.arrival}).`,
          { field: 'birthDate', value: birthDate, reason: 'birth-after-arrival', name, row: inv.row },
        ),
      );
    } else if (age > values.maxAge) {
      violations.push(
        finding(
          'INVITEE_TOO_OLD',
          `${who(inv).ja}は${t.start.ja}（${jaDate(plan.arrival)}）時点で${age}歳で、年齢の上限（${values.maxAge}歳以下）を超えています。`,
          `${capitalize(who(inv).en)} is ${age} on the ${t.start.en} (${plan.arrival}), over the age limit (${values.maxAge} or under).`,
          { name, age, limit: values.maxAge, birthDate, arrival: plan.arrival, row: inv.row },
        ),
      );
    }
  }

  if (people.invitees === 0) {
    violations.push(
      finding('NO_INVITEES', '招へい者が登録されていません（0人）。', 'The plan has no invitees (0).', {
        actual: 0,
      }),
    );
    if (people.escorts > 0) {
      warnings.push(
        finding(
          'ESCORT_WITHOUT_INVITEES',
          `引率者が${people.escorts}人いますが、招へい者がいません。`,
          `There ${people.escorts === 1 ? 'is' : 'are'} ${plural(people.escorts, 'escort')} but no invitees.`,
          { escorts: people.escorts },
        ),
      );
    }
  }

  const basis = inviteeLimitBasis(people.institutions, people.countries);
  const limit = limitFor(rules, basis);
  const counted = people.invitees + (values.escortsCount ? people.escorts : 0);
  if (limit === null) {
    warnings.push(
      finding(
        'INVITEE_LIMIT_SET_PER_PLAN',
        `${courseJa}の招へい人数の上限は計画ごとに定められるため、人数（${counted}人）は上限と照合していません。`,
        `The invitee limit of ${courseEn} is set per plan, so the number of people (${counted}) was not checked against a limit.`,
        { actual: counted, basis },
      ),
    );
  } else if (counted > limit) {
    const phrase = basisPhrase(rules, basis);
    const [countJa, countEn, escortsNoteJa, escortsNoteEn] = values.escortsCount
      ? [
          `招へい者${people.invitees}人と引率者${people.escorts}人の計${counted}人`,
          `${plural(people.invitees, 'invitee')} and ${plural(people.escorts, 'escort')}, ${counted} in all,`,
          'このルールセットでは引率者も人数に含みます',
          'escorts count under this rule set',
        ]
      : [`招へい者が${counted}人`, `${counted} invitees`, '引率者は含まず', 'escorts not counted'];
    violations.push(
      finding(
        'TOO_MANY_INVITEES',
        `${countJa}で、${courseJa}の${phrase.ja}上限${limit}人を超えています（${escortsNoteJa}）。`,
        `${countEn} exceed the limit of ${limit} for ${courseEn}${phrase.en} (${escortsNoteEn}).`,
        {
          limit,
          actual: counted,
          basis,
          invitees: people.invitees,
          escorts: people.escorts,
          institutions: people.institutions,
          countries: people.countries,
        },
      ),
    );
  }

  // --- Countries and regions: from FY2021 every country is eligible (the default, null); earlier
  // years' rule sets list the Asia-centred countries staff entered.
  const eligibleCountries = values.eligibleCountries ?? null;
  if (eligibleCountries) {
    const allowed = new Set(eligibleCountries.map(countryKey));
    const planned = people.list ? people.list.map((x) => x.person.country) : (plan.countries ?? []);
    const outside = [...new Set(planned.map(countryKey).filter((c) => c !== '' && !allowed.has(c)))];
    if (outside.length) {
      violations.push(
        finding(
          'COUNTRY_NOT_ELIGIBLE',
          `${outside.map((c) => countryName(c, 'ja')).join('、')}は${fy}年度の対象国・地域に含まれていません。`,
          `${outside.map((c) => countryName(c, 'en')).join(', ')} ${outside.length > 1 ? 'are' : 'is'} not among FY${fy}'s eligible countries and regions.`,
          { countries: outside.join(' '), fiscalYear: fy },
        ),
      );
    }
  }

  return {
    ok: violations.length === 0,
    ruleSet: { fiscalYear: ruleSet.fiscalYear, version: ruleSet.version, name: ruleSet.name },
    violations,
    warnings,
  };
}
