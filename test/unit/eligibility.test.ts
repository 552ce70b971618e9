// The limits are read from defaultRuleValues rather than restated, so these tests check the engine
// against the shipped rule set and follow it if a default changes; one test pins the defaults
// themselves to the source document's table.
import { describe, it, expect } from 'vitest';
import { COURSES, courseProgram, type Course } from '../../shared/domain.ts';
import { addDays, ageOn, daysInclusive, isIsoDate, parseIsoDate } from '../../shared/dates.ts';
import { checkPlan, courseLabel, inviteeLimitBasis, stayDays } from '../../shared/rules/eligibility.ts';
import { defaultRuleSet, defaultRuleValues, RuleSet, type RuleValues } from '../../shared/rules/ruleset.ts';
import {
  EligibilityResult,
  VIOLATION_CODES,
  WARNING_CODES,
  type Plan,
  type PlanParticipant,
} from '../../shared/rules/types.ts';
import { normalizeName } from '../../shared/text.ts';

const FY = 2025;
const ARRIVAL = '2025-07-01';
const defaults = defaultRuleValues(FY);

function plan(course: Course, overrides: Partial<Plan> = {}): Plan {
  return {
    program: courseProgram(course),
    course,
    fiscalYear: FY,
    field: 'science',
    mode: 'in-person',
    arrival: ARRIVAL,
    departure: addDays(ARRIVAL, 4),
    invitees: 5,
    escorts: 1,
    institutions: ['Hanoi University of Science and Technology'],
    countries: ['VN'],
    ...overrides,
  };
}

function check(p: Plan, ruleSet: RuleSet = defaultRuleSet(p.fiscalYear)): EligibilityResult {
  const result = checkPlan(p, ruleSet);
  // Every result must satisfy the API contract and use only the declared codes.
  EligibilityResult.parse(result);
  for (const f of result.violations) expect(VIOLATION_CODES).toContain(f.code);
  for (const f of result.warnings) expect(WARNING_CODES).toContain(f.code);
  expect(result.ok).toBe(result.violations.length === 0);
  return result;
}

const codes = (r: EligibilityResult) => r.violations.map((f) => f.code);
const warningCodes = (r: EligibilityResult) => r.warnings.map((f) => f.code);

function invitee(overrides: Partial<PlanParticipant> = {}): PlanParticipant {
  return { role: 'invitee', birthDate: '2000-01-01', country: 'VN', institution: 'Inst 1', ...overrides };
}

function escort(overrides: Partial<PlanParticipant> = {}): PlanParticipant {
  return { role: 'escort', birthDate: '1960-01-01', country: 'VN', institution: 'Inst 1', ...overrides };
}

describe('the shipped default rule set', () => {
  it('matches the source document (stay days; invitee limits single / multi-institution / multi-country)', () => {
    const table = Object.fromEntries(
      COURSES.map((c) => {
        const r = defaults.courses[c];
        return [c, [r.maxStayDays, r.maxInviteesSingleInstitution, r.maxInviteesMultiInstitution, r.maxInviteesMultiCountry]];
      }),
    );
    expect(table).toEqual({
      A: [7, 10, 15, 15],
      B: [21, 10, 10, 10],
      C: [10, 10, 15, 25],
      'high-school': [7, null, null, null],
      officials: [7, null, null, null],
    });
    expect(defaults.maxAge).toBe(40);
    expect(defaults.escortsCount).toBe(false);
    expect(defaults.visitEndsBeforeMonthDay).toBe('03-15');
  });
});

describe('stay length', () => {
  it.each(COURSES.map((course) => ({ course, limit: defaults.courses[course].maxStayDays })))(
    '$course: $limit days is allowed, one more day is STAY_TOO_LONG',
    ({ course, limit }) => {
      const atLimit = check(plan(course, { departure: addDays(ARRIVAL, limit - 1) }));
      expect(codes(atLimit)).not.toContain('STAY_TOO_LONG');
      expect(atLimit.ok, JSON.stringify(atLimit.violations)).toBe(true);

      const over = check(plan(course, { departure: addDays(ARRIVAL, limit) }));
      const f = over.violations.find((v) => v.code === 'STAY_TOO_LONG');
      expect(f?.params).toMatchObject({ limit, actual: limit + 1 });
      expect(f?.message).toContain(`${limit + 1}日間`);
      expect(f?.message).toContain(`上限${limit}日間`);
      expect(f?.messageEn).toContain(`${limit}-day limit`);
    },
  );

  it('words the course A message as staff would', () => {
    const r = check(plan('A', { arrival: '2025-07-01', departure: '2025-07-09' }));
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]?.message).toBe('滞在期間が9日間で、Aコース（科学技術体験コース）の上限7日間を超えています。');
  });

  it.each([
    { arrival: '2025-07-01', departure: '2025-07-07', days: 7 },
    { arrival: '2025-07-01', departure: '2025-07-01', days: 1 },
    { arrival: '2024-02-28', departure: '2024-03-01', days: 3 },
    { arrival: '2025-02-28', departure: '2025-03-01', days: 2 },
    { arrival: '2025-12-30', departure: '2026-01-02', days: 4 },
    { arrival: '2025-07-02', departure: '2025-07-01', days: null },
    { arrival: '2025-02-29', departure: '2025-03-01', days: null },
    { arrival: '2025/07/01', departure: '2025-07-07', days: null },
  ])('stayDays($arrival, $departure) = $days (both ends counted)', ({ arrival, departure, days }) => {
    expect(stayDays(arrival, departure)).toBe(days);
  });
});

describe('invalid dates', () => {
  it.each([
    { arrival: '2025-02-29', departure: '2025-07-07', field: 'arrival' },
    { arrival: '2025-07-01', departure: '2025-06-31', field: 'departure' },
    { arrival: '2025/07/01', departure: '2025-07-07', field: 'arrival' },
    { arrival: '', departure: '2025-07-07', field: 'arrival' },
    { arrival: '2025-07-10', departure: '2025-07-01', field: 'departure' },
  ])('$arrival → $departure is DATES_INVALID ($field) and skips the stay and fiscal-year checks', ({ arrival, departure, field }) => {
    // Course A and dates that would also be too long, outside the year, too late if they were parsed.
    const r = check(plan('A', { arrival, departure }));
    expect(codes(r)).toEqual(['DATES_INVALID']);
    expect(r.violations[0]?.params.field).toBe(field);
  });
});

describe('fiscal year window and the mid-March end', () => {
  const deadline = `${FY + 1}-${defaults.visitEndsBeforeMonthDay}`;
  it.each([
    { arrival: addDays(deadline, -3), departure: addDays(deadline, -1), expected: [] },
    { arrival: addDays(deadline, -3), departure: deadline, expected: ['VISIT_ENDS_TOO_LATE'] },
    { arrival: `${FY}-04-01`, departure: `${FY}-04-03`, expected: [] },
    { arrival: `${FY}-03-31`, departure: `${FY}-04-03`, expected: ['OUTSIDE_FISCAL_YEAR'] },
    { arrival: `${FY + 1}-03-28`, departure: `${FY + 1}-03-31`, expected: ['VISIT_ENDS_TOO_LATE'] },
    { arrival: `${FY + 1}-03-29`, departure: `${FY + 1}-04-01`, expected: ['OUTSIDE_FISCAL_YEAR', 'VISIT_ENDS_TOO_LATE'] },
  ])('FY$fy: $arrival → $departure gives $expected', ({ arrival, departure, expected }) => {
    const r = check(plan('A', { arrival, departure }));
    expect(codes(r)).toEqual(expected);
  });

  it('names the deadline in both languages', () => {
    const r = check(plan('A', { arrival: '2026-03-12', departure: '2026-03-15' }));
    const f = r.violations[0];
    expect(f?.params).toMatchObject({ deadline: '2026-03-15', fiscalYear: 2025 });
    expect(f?.message).toBe('離日日が2026年3月15日です。2025年度の交流は2026年3月15日より前に終える必要があります。');
    expect(f?.messageEn).toContain('before 2026-03-15');
  });
});

describe('invitee limits', () => {
  const bases = [
    { basis: 'single-institution', institutions: ['Inst 1'], countries: ['VN'] },
    { basis: 'multi-institution', institutions: ['Inst 1', 'Inst 2'], countries: ['VN'] },
    { basis: 'multi-country', institutions: ['Inst 1', 'Inst 2', 'Inst 3'], countries: ['VN', 'TH', 'IN'] },
  ] as const;
  const limitOf = (course: Course, basis: (typeof bases)[number]['basis']) => {
    const r = defaults.courses[course];
    return basis === 'single-institution'
      ? r.maxInviteesSingleInstitution
      : basis === 'multi-institution'
        ? r.maxInviteesMultiInstitution
        : r.maxInviteesMultiCountry;
  };
  const cases = (['A', 'B', 'C'] as const).flatMap((course) =>
    bases.map((b) => ({ course, ...b, limit: limitOf(course, b.basis) as number })),
  );

  describe.each(['counts', 'roster'] as const)('from %s', (mode) => {
    const make = (course: Course, n: number, institutions: readonly string[], countries: readonly string[]) =>
      mode === 'counts'
        ? plan(course, { invitees: n, escorts: 3, institutions: [...institutions], countries: [...countries] })
        : plan(course, {
            participants: [
              ...Array.from({ length: n }, (_, i) =>
                invitee({
                  name: `Invitee ${i + 1}`,
                  institution: institutions[i % institutions.length] ?? null,
                  country: countries[i % countries.length] ?? null,
                }),
              ),
              escort(),
              escort(),
              escort(),
            ],
          });

    it.each(cases)('course $course, $basis: $limit allowed, one more is TOO_MANY_INVITEES', ({ course, basis, institutions, countries, limit }) => {
      const atLimit = check(make(course, limit, institutions, countries));
      expect(atLimit.ok, JSON.stringify(atLimit.violations)).toBe(true);

      const over = check(make(course, limit + 1, institutions, countries));
      expect(codes(over)).toEqual(['TOO_MANY_INVITEES']);
      expect(over.violations[0]?.params).toMatchObject({ limit, actual: limit + 1, basis, escorts: 3 });
      expect(over.violations[0]?.message).toContain(`上限${limit}人`);
      expect(over.violations[0]?.message).toContain('引率者は含まず');
    });
  });

  it('words each basis as the course rule is written', () => {
    const msg = (course: Course, institutions: string[], countries: string[], n: number) =>
      check(plan(course, { invitees: n, institutions, countries })).violations[0]?.message;
    expect(msg('A', ['X'], ['VN'], 11)).toBe(
      '招へい者が11人で、Aコース（科学技術体験コース）の単一機関から招へいする場合の上限10人を超えています（引率者は含まず）。',
    );
    expect(msg('A', ['X', 'Y'], ['VN', 'TH'], 16)).toContain('複数機関から招へいする場合の上限15人');
    expect(msg('B', ['X', 'Y'], ['VN', 'TH'], 11)).toBe(
      '招へい者が11人で、Bコース（共同研究活動コース）の上限10人を超えています（引率者は含まず）。',
    );
    expect(msg('C', ['X', 'Y'], ['VN'], 16)).toContain('単一の国・地域の複数機関から招へいする場合の上限15人');
    expect(msg('C', ['X', 'Y'], ['VN', 'TH'], 26)).toContain('複数の国・地域から招へいする場合の上限25人');
  });

  it.each([
    { institutions: 0, countries: 0, basis: 'single-institution' },
    { institutions: 1, countries: 3, basis: 'single-institution' },
    { institutions: 2, countries: 0, basis: 'multi-institution' },
    { institutions: 2, countries: 1, basis: 'multi-institution' },
    { institutions: 2, countries: 2, basis: 'multi-country' },
  ])('inviteeLimitBasis($institutions institutions, $countries countries) = $basis', ({ institutions, countries, basis }) => {
    expect(inviteeLimitBasis(institutions, countries)).toBe(basis);
  });

  it.each(['high-school', 'officials'] as const)('%s has no fixed limit: warns INVITEE_LIMIT_SET_PER_PLAN instead', (course) => {
    const r = check(plan(course, { invitees: 200, institutions: ['X', 'Y'], countries: ['VN', 'TH'] }));
    expect(r.ok).toBe(true);
    expect(warningCodes(r)).toEqual(['INVITEE_LIMIT_SET_PER_PLAN']);
  });

  it('counts institution names that differ only in case, full-width forms and white space as one', () => {
    const names = ['Tsinghua University', 'ＴＳＩＮＧＨＵＡ　Ｕｎｉｖｅｒｓｉｔｙ ', '  tsinghua \t  university', '清華大学　', '清華大学'];
    // Counts mode: the two spellings (Latin, kanji) are two institutions of one country.
    const counts = check(plan('C', { invitees: 16, institutions: names, countries: ['cn', ' CN', 'ＣＮ'] }));
    expect(counts.violations[0]?.params).toMatchObject({ basis: 'multi-institution', institutions: 2, countries: 1 });

    // Roster mode: every invitee from some spelling of the same university = one institution.
    const roster = check(
      plan('C', {
        participants: Array.from({ length: 11 }, (_, i) => invitee({ institution: names[i % 3] ?? null, country: 'cn' })),
      }),
    );
    expect(roster.violations[0]?.params).toMatchObject({ basis: 'single-institution', limit: 10, actual: 11, institutions: 1 });
  });

  it('does not let an escort from another institution or country change the basis', () => {
    const r = check(
      plan('A', {
        participants: [
          ...Array.from({ length: 11 }, () => invitee({ institution: 'Inst 1', country: 'VN' })),
          escort({ institution: 'Inst 2', country: 'TH' }),
        ],
      }),
    );
    expect(r.violations[0]?.params).toMatchObject({ basis: 'single-institution', limit: 10, actual: 11 });
  });
});

describe('no invitees', () => {
  it.each([
    { label: 'counts, escorts only', p: plan('A', { invitees: 0, escorts: 2 }), warn: ['ESCORT_WITHOUT_INVITEES'] },
    { label: 'counts, nobody', p: plan('A', { invitees: 0, escorts: 0 }), warn: [] },
    { label: 'counts omitted', p: plan('A', { invitees: undefined, escorts: undefined }), warn: [] },
    { label: 'roster of escorts', p: plan('A', { participants: [escort()] }), warn: ['ESCORT_WITHOUT_INVITEES'] },
    { label: 'empty roster', p: plan('A', { participants: [], invitees: 5 }), warn: [] },
  ])('$label → NO_INVITEES', ({ p, warn }) => {
    const r = check(p);
    expect(codes(r)).toEqual(['NO_INVITEES']);
    expect(warningCodes(r)).toEqual(warn);
  });
});

describe('age on the arrival date', () => {
  const max = defaults.maxAge;
  const y = Number(ARRIVAL.slice(0, 4));
  // ARRIVAL is 07-01, so "-07-01" is the birthday on the arrival day and "-07-02" the day after.
  it.each([
    { birthDate: `${y - max}-07-02`, age: max - 1, tooOld: false },
    { birthDate: `${y - max}-07-01`, age: max, tooOld: false },
    { birthDate: `${y - max - 1}-07-02`, age: max, tooOld: false },
    { birthDate: `${y - max - 1}-07-01`, age: max + 1, tooOld: true },
    { birthDate: `${y - max - 1}-06-30`, age: max + 1, tooOld: true },
    { birthDate: '1950-01-01', age: 75, tooOld: true },
  ])('born $birthDate: $age on arrival, too old: $tooOld', ({ birthDate, age, tooOld }) => {
    expect(ageOn(birthDate, ARRIVAL)).toBe(age);
    const r = check(plan('A', { participants: [invitee({ name: '山田 花子', birthDate })] }));
    if (!tooOld) {
      expect(r.ok).toBe(true);
      return;
    }
    expect(codes(r)).toEqual(['INVITEE_TOO_OLD']);
    expect(r.violations[0]?.params).toMatchObject({ name: '山田 花子', age, limit: max });
    expect(r.violations[0]?.message).toBe(
      `招へい者「山田 花子」は来日日（2025年7月1日）時点で${age}歳で、年齢の上限（${max}歳以下）を超えています。`,
    );
  });

  it('reports one finding per invitee over the limit, and names unnamed ones by roster row', () => {
    const r = check(
      plan('A', {
        participants: [
          invitee({ name: 'Old One', birthDate: '1970-05-05' }),
          escort(),
          invitee({ name: 'Young', birthDate: '2001-05-05' }),
          invitee({ name: null, birthDate: '1979-05-05' }),
        ],
      }),
    );
    expect(codes(r)).toEqual(['INVITEE_TOO_OLD', 'INVITEE_TOO_OLD']);
    expect(r.violations.map((f) => f.params.name)).toEqual(['Old One', null]);
    expect(r.violations[1]?.message).toContain('名簿4行目の招へい者');
  });

  it('sets no age limit on escorts, and does not count them', () => {
    const r = check(
      plan('A', {
        participants: [
          ...Array.from({ length: defaults.courses.A.maxInviteesSingleInstitution as number }, () => invitee()),
          escort({ birthDate: '1950-01-01' }),
          escort({ birthDate: null }),
          escort({ birthDate: 'not a date' }),
        ],
      }),
    );
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it('warns BIRTH_DATE_MISSING for an invitee without a birth date (still ok)', () => {
    const r = check(plan('A', { participants: [invitee({ birthDate: null, name: 'Lee' }), invitee({ birthDate: ' ' })] }));
    expect(r.ok).toBe(true);
    expect(warningCodes(r)).toEqual(['BIRTH_DATE_MISSING', 'BIRTH_DATE_MISSING']);
    expect(r.warnings[0]?.message).toBe('招へい者「Lee」の生年月日が未入力のため、年齢（40歳以下）を確認できません。');
  });

  it.each([
    { birthDate: '1990-02-30', reason: 'not-a-date' },
    { birthDate: '01/02/1990', reason: 'not-a-date' },
    { birthDate: '2025-07-02', reason: 'birth-after-arrival' },
  ])('birth date $birthDate is DATES_INVALID ($reason)', ({ birthDate, reason }) => {
    const r = check(plan('A', { participants: [invitee({ birthDate })] }));
    expect(codes(r)).toEqual(['DATES_INVALID']);
    expect(r.violations[0]?.params).toMatchObject({ field: 'birthDate', reason });
  });
});

describe('field and mode by fiscal year', () => {
  it.each([
    { fy: 2020, field: 'humanities', mode: 'in-person', expected: ['FIELD_NOT_ELIGIBLE'] },
    { fy: 2021, field: 'humanities', mode: 'in-person', expected: [] },
    { fy: 2020, field: 'science', mode: 'online', expected: ['MODE_NOT_ELIGIBLE'] },
    { fy: 2021, field: 'science', mode: 'online', expected: [] },
    { fy: 2020, field: 'humanities', mode: 'online', expected: ['FIELD_NOT_ELIGIBLE', 'MODE_NOT_ELIGIBLE'] },
    { fy: 2020, field: 'science', mode: 'in-person', expected: [] },
  ] as const)('FY$fy $field $mode → $expected', ({ fy, field, mode, expected }) => {
    const r = check(plan('A', { fiscalYear: fy, field, mode, arrival: `${fy}-10-01`, departure: `${fy}-10-05` }));
    expect(codes(r)).toEqual(expected);
    for (const f of r.violations) expect(f.message).toContain(`FY${fy} 既定 (v0)`);
  });
});

describe('course and program', () => {
  it.each(
    COURSES.flatMap((course) =>
      (['open-call', 'jst-direct'] as const).map((program) => ({ course, program, ok: program === courseProgram(course) })),
    ),
  )('$course in $program: ok $ok', ({ course, program, ok }) => {
    const r = check(plan(course, { program }));
    expect(codes(r)).toEqual(ok ? [] : ['COURSE_PROGRAM_MISMATCH']);
  });

  it.each([
    { course: 'A', ja: '科学技術体験コース', en: 'Science and Technology Experience Course' },
    { course: 'B', ja: '共同研究活動コース', en: 'Joint Research Activity Course' },
    { course: 'C', ja: '科学技術研修コース', en: 'Science and Technology Training Course' },
    { course: 'high-school', ja: 'さくらサイエンス・ハイスクールプログラム', en: 'Sakura Science High School Program' },
    { course: 'officials', ja: '科学技術関係者招へいプログラム', en: 'Invitation Program for Science and Technology Officials' },
  ] as const)('courseLabel($course)', ({ course, ja, en }) => {
    expect(courseLabel(course, 'ja')).toBe(ja);
    expect(courseLabel(course, 'en')).toBe(en);
  });
});

describe('a custom rule set', () => {
  const values: RuleValues = {
    ...defaultRuleValues(2030),
    escortsCount: true,
    maxAge: 35,
    visitEndsBeforeMonthDay: '02-28',
    courses: {
      ...defaultRuleValues(2030).courses,
      A: { maxStayDays: 5, maxInviteesSingleInstitution: 5, maxInviteesMultiInstitution: 8, maxInviteesMultiCountry: 8 },
    },
  };
  const custom: RuleSet = RuleSet.parse({
    fiscalYear: 2030,
    version: 3,
    name: 'FY2030 v3（引率者含む）',
    values,
    updatedAt: '2030-04-01T00:00:00Z',
    updatedBy: 'staff',
  });
  const p = plan('A', { fiscalYear: 2030, arrival: '2030-07-01', departure: '2030-07-06', invitees: 4, escorts: 2 });

  it('passes under the default rule set', () => {
    const r = check(p);
    expect(r.ok).toBe(true);
    expect(r.ruleSet).toEqual({ fiscalYear: 2030, version: 0, name: 'FY2030 既定 (v0)' });
  });

  it('counts escorts, lowers the limits, and reports its own name', () => {
    const r = check(p, custom);
    expect(r.ruleSet).toEqual({ fiscalYear: 2030, version: 3, name: 'FY2030 v3（引率者含む）' });
    expect(codes(r)).toEqual(['STAY_TOO_LONG', 'TOO_MANY_INVITEES']);
    expect(r.violations[0]?.params).toMatchObject({ limit: 5, actual: 6 });
    expect(r.violations[1]?.params).toMatchObject({ limit: 5, actual: 6, invitees: 4, escorts: 2 });
    expect(r.violations[1]?.message).toBe(
      '招へい者4人と引率者2人の計6人で、Aコース（科学技術体験コース）の単一機関から招へいする場合の上限5人を超えています（このルールセットでは引率者も人数に含みます）。',
    );
    // Exactly at the lowered limit with escorts counted is fine.
    expect(codes(check({ ...p, departure: '2030-07-05', invitees: 3 }, custom))).toEqual([]);
  });

  it('applies its age limit and visit end', () => {
    const r = check(
      { ...p, arrival: '2031-02-24', departure: '2031-02-28', participants: [invitee({ birthDate: '1995-02-24' })] },
      custom,
    );
    expect(codes(r)).toEqual(['VISIT_ENDS_TOO_LATE', 'INVITEE_TOO_OLD']);
    expect(r.violations[1]?.params).toMatchObject({ age: 36, limit: 35 });
    expect(codes(check({ ...p, invitees: 3, arrival: '2031-02-23', departure: '2031-02-27' }, custom))).toEqual([]);
  });
});

describe('normalizeName', () => {
  it.each([
    ['Tsinghua University', 'tsinghua university'],
    ['ＴＳＩＮＧＨＵＡ　Ｕｎｉｖｅｒｓｉｔｙ', 'tsinghua university'],
    ['  Tsinghua \t\n  University  ', 'tsinghua university'],
    ['東京\u3000\u3000大学', '東京 大学'],
    ['ｶﾞｸｼｭｳｲﾝ', 'ガクシュウイン'],
    ['Ｎｏ．１　Ｓｃｈｏｏｌ', 'no.1 school'],
    ['', ''],
    ['\u3000', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});

describe('dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-1-01', false],
    ['2025-01-01T00:00', false],
    [' 2025-01-01', false],
  ] as const)('isIsoDate(%j) = %s', (s, valid) => {
    expect(isIsoDate(s)).toBe(valid);
  });

  it.each([
    ['2025-12-31', 1, '2026-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-03-01', -1, '2025-02-28'],
    ['1970-01-01', -1, '1969-12-31'],
    ['2025-07-01', 365, '2026-07-01'],
  ] as const)('addDays(%s, %i) = %s', (from, n, to) => {
    expect(addDays(from, n)).toBe(to);
    expect(daysInclusive(from, to)).toBe(n + 1);
  });

  it('ages someone born on 29 February on 1 March in common years', () => {
    expect(ageOn('1984-02-29', '2025-02-28')).toBe(40);
    expect(ageOn('1984-02-29', '2025-03-01')).toBe(41);
    expect(ageOn('1984-02-29', '2024-02-29')).toBe(40);
  });

  it('rejects invalid input in the throwing helpers', () => {
    expect(parseIsoDate('2025-02-29')).toBeNull();
    expect(() => addDays('2025-02-29', 1)).toThrow(RangeError);
  });
});
