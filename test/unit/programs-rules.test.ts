// Itinerary and roster checks of an adopted program, each rule at its boundary (shared/, pure).
import { describe, expect, it } from 'vitest';
import { checkItinerary, holidayOn, lectureDaysRequired, stayDates, weekdayOf, type CheckedSlot, type ItineraryProgram } from '../../shared/rules/itinerary.ts';
import { checkProgram, duplicateFindings } from '../../shared/rules/program.ts';
import { defaultRuleSet } from '../../shared/rules/ruleset.ts';

const rules = defaultRuleSet(2026);
// 2026-07-06 is a Monday; 2026-07-20 is 海の日 (Marine Day).
const base: ItineraryProgram = { course: 'A', fiscalYear: 2026, mode: 'in-person', arrival: '2026-07-06', departure: '2026-07-10' };

function slot(date: string, start = '10:00', end = '12:00', kind: CheckedSlot['kind'] = 'lecture', atHost = true): CheckedSlot {
  return { id: `${date}-${start}`, date, start, end, kind, atHost, activity: `${kind} ${date} ${start}` };
}
/** Lectures at the host on every day of the stay: the baseline that passes every rule. */
function fullPlan(p: ItineraryProgram): CheckedSlot[] {
  return stayDates(p.arrival, p.departure).map((d) => slot(d));
}
const codes = (r: { violations: { code: string }[]; warnings: { code: string }[] }) => [
  ...r.violations.map((v) => v.code),
  ...r.warnings.map((w) => w.code),
];

describe('calendar helpers', () => {
  it('knows weekdays and Japanese holidays by name', () => {
    expect(weekdayOf('2026-07-06')).toBe(1);
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(holidayOn('2026-07-20')?.ja).toBe('海の日');
    expect(holidayOn('2026-09-22')?.ja).toBe('休日');
    expect(holidayOn('2026-07-21')).toBeNull();
  });
  it('"more than half" of n activity days', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => lectureDaysRequired(n, 0.5))).toEqual([1, 2, 2, 3, 3, 4]);
    expect(lectureDaysRequired(5, 0.6)).toBe(4);
  });
});

describe('itinerary rules at their boundaries', () => {
  const cases: { name: string; program?: Partial<ItineraryProgram>; slots: (p: ItineraryProgram) => CheckedSlot[]; expect: string[]; not?: string[] }[] = [
    { name: 'a clean weekday plan', slots: fullPlan, expect: [], not: ['DAY_BEYOND_STAY_LIMIT', 'LECTURE_DAYS_TOO_FEW', 'SLOT_OVERLAP'] },
    { name: 'empty itinerary is a warning only', slots: () => [], expect: ['ITINERARY_EMPTY'] },
    // Course A: 7 days. 07-06 → 07-12 is exactly 7; 07-13 is day 8.
    { name: 'stay of 7 days in course A', program: { departure: '2026-07-12' }, slots: fullPlan, expect: [], not: ['DAY_BEYOND_STAY_LIMIT'] },
    { name: 'day 8 in course A', program: { departure: '2026-07-13' }, slots: fullPlan, expect: ['DAY_BEYOND_STAY_LIMIT'] },
    { name: 'day 21 in course B', program: { course: 'B', departure: '2026-07-26' }, slots: () => [slot('2026-07-07')], expect: [], not: ['DAY_BEYOND_STAY_LIMIT'] },
    { name: 'day 22 in course B', program: { course: 'B', departure: '2026-07-27' }, slots: () => [slot('2026-07-07')], expect: ['DAY_BEYOND_STAY_LIMIT'] },
    { name: 'slot on the arrival and departure days', slots: (p) => [...fullPlan(p), slot('2026-07-06', '13:00', '14:00'), slot('2026-07-10', '13:00', '14:00')], expect: [], not: ['SLOT_OUTSIDE_STAY'] },
    { name: 'slot the day before arrival', slots: (p) => [...fullPlan(p), slot('2026-07-05', '13:00', '14:00', 'travel')], expect: ['SLOT_OUTSIDE_STAY'] },
    { name: 'slot the day after departure', slots: (p) => [...fullPlan(p), slot('2026-07-11', '13:00', '14:00', 'travel')], expect: ['SLOT_OUTSIDE_STAY'] },
    { name: 'touching slots do not overlap', slots: (p) => [...fullPlan(p), slot('2026-07-07', '12:00', '13:00', 'exchange')], expect: [], not: ['SLOT_OVERLAP'] },
    { name: 'one minute of overlap', slots: (p) => [...fullPlan(p), slot('2026-07-07', '11:59', '13:00', 'exchange')], expect: ['SLOT_OVERLAP'] },
    { name: 'end one minute after start', slots: (p) => [...fullPlan(p), slot('2026-07-07', '13:00', '13:01', 'free')], expect: [], not: ['SLOT_TIME_INVALID'] },
    { name: 'end equal to start', slots: (p) => [...fullPlan(p), slot('2026-07-07', '13:00', '13:00', 'free')], expect: ['SLOT_TIME_INVALID'] },
    { name: 'a slot until 24:00', slots: (p) => [...fullPlan(p), slot('2026-07-07', '22:00', '24:00', 'free')], expect: [], not: ['SLOT_TIME_INVALID'] },
    { name: 'a lecture on 海の日', program: { arrival: '2026-07-17', departure: '2026-07-21' }, slots: fullPlan, expect: ['ACTIVITY_ON_HOLIDAY', 'ACTIVITY_ON_WEEKEND'] },
    { name: 'travel and free time on a holiday or weekend', program: { arrival: '2026-07-18', departure: '2026-07-20', course: 'B' }, slots: (p) => stayDates(p.arrival, p.departure).map((d) => slot(d, '10:00', '12:00', d === '2026-07-19' ? 'free' : 'travel')), expect: [], not: ['ACTIVITY_ON_HOLIDAY', 'ACTIVITY_ON_WEEKEND'] },
    { name: 'a lecture on a Friday', program: { arrival: '2026-07-17', departure: '2026-07-17', course: 'B' }, slots: fullPlan, expect: [], not: ['ACTIVITY_ON_WEEKEND', 'ACTIVITY_ON_HOLIDAY'] },
    // Course A, 07-06 → 07-10: activity days 07, 08, 09 (3) → at least 2 lecture days at the host.
    { name: 'course A with 2 of 3 lecture days', slots: () => [slot('2026-07-07'), slot('2026-07-08'), slot('2026-07-09', '10:00', '12:00', 'lab-visit')], expect: [], not: ['LECTURE_DAYS_TOO_FEW'] },
    { name: 'course A with 1 of 3 lecture days', slots: () => [slot('2026-07-07'), slot('2026-07-08', '10:00', '12:00', 'site-visit'), slot('2026-07-09', '10:00', '12:00', 'lab-visit')], expect: ['LECTURE_DAYS_TOO_FEW'] },
    { name: 'course A: lectures on arrival/departure days do not count', slots: () => [slot('2026-07-06'), slot('2026-07-07'), slot('2026-07-10')], expect: ['LECTURE_DAYS_TOO_FEW'] },
    { name: 'course A: a lecture away from the host does not count', slots: () => [slot('2026-07-07'), slot('2026-07-08', '10:00', '12:00', 'lecture', false)], expect: ['LECTURE_DAYS_TOO_FEW'] },
    // 4 activity days (07-06 → 07-11): half is 2, so 2 is not enough and 3 is.
    { name: 'course A with exactly half the days', program: { departure: '2026-07-11' }, slots: () => [slot('2026-07-07'), slot('2026-07-08')], expect: ['LECTURE_DAYS_TOO_FEW'] },
    { name: 'course A with more than half the days', program: { departure: '2026-07-11' }, slots: () => [slot('2026-07-07'), slot('2026-07-08'), slot('2026-07-09')], expect: [], not: ['LECTURE_DAYS_TOO_FEW'] },
    { name: 'course B has no lecture rule', program: { course: 'B' }, slots: () => [slot('2026-07-07', '10:00', '12:00', 'research')], expect: [], not: ['LECTURE_DAYS_TOO_FEW'] },
    // FY2026 visits end before 2027-03-15.
    { name: 'a slot on 14 March', program: { course: 'B', arrival: '2027-03-08', departure: '2027-03-14' }, slots: () => [slot('2027-03-14', '10:00', '12:00', 'research')], expect: [], not: ['SLOT_AFTER_DEADLINE'] },
    { name: 'a slot on 15 March', program: { course: 'B', arrival: '2027-03-09', departure: '2027-03-15' }, slots: () => [slot('2027-03-15', '10:00', '12:00', 'research')], expect: ['SLOT_AFTER_DEADLINE'] },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const p = { ...base, ...c.program };
      const got = codes(checkItinerary(p, c.slots(p), rules));
      for (const code of c.expect) expect(got).toContain(code);
      for (const code of c.not ?? []) expect(got).not.toContain(code);
      if (c.expect.length === 0) expect(got.filter((x) => !['ACTIVITY_ON_WEEKEND', 'ACTIVITY_ON_HOLIDAY'].includes(x) || c.not?.includes(x))).toEqual([]);
    });
  }

  it('names the holiday and the day beyond the limit in its message', () => {
    const r = checkItinerary({ ...base, arrival: '2026-07-14', departure: '2026-07-21' }, [slot('2026-07-20')], rules);
    expect(r.warnings.find((w) => w.code === 'ACTIVITY_ON_HOLIDAY')?.message).toContain('海の日');
    const beyond = r.violations.filter((v) => v.code === 'DAY_BEYOND_STAY_LIMIT');
    expect(beyond.map((v) => v.params.date)).toEqual(['2026-07-21']);
  });

  it('uses the rule set, not constants: a stricter lecture share and an earlier deadline', () => {
    const strict = { ...rules, values: { ...rules.values, courseALectureDayShare: 0.75, visitEndsBeforeMonthDay: '03-01' } };
    const threeOfFour = [slot('2026-07-07'), slot('2026-07-08'), slot('2026-07-09')];
    expect(codes(checkItinerary({ ...base, departure: '2026-07-11' }, threeOfFour, strict))).toContain('LECTURE_DAYS_TOO_FEW');
    expect(codes(checkItinerary({ ...base, course: 'B', arrival: '2027-03-01', departure: '2027-03-01' }, [slot('2027-03-01', '10:00', '11:00', 'research')], strict))).toContain('SLOT_AFTER_DEADLINE');
  });
});

describe('roster checks through the eligibility engine', () => {
  const facts = { course: 'A' as const, fiscalYear: 2026, field: 'science' as const, mode: 'in-person' as const, arrival: '2026-07-06', departure: '2026-07-10' };
  const person = (i: number, over: Record<string, unknown> = {}) => ({
    familyName: `NGUYEN${i}`,
    givenName: 'An',
    birthDate: '2000-01-01',
    nationality: 'VN',
    affiliation: 'Hanoi University of Science and Technology',
    role: 'invitee' as const,
    ...over,
  });
  const plan = fullPlan(base);

  it('10 invitees from one institution pass; the 11th is flagged; escorts never count', () => {
    const ten = [...Array.from({ length: 10 }, (_, i) => person(i)), person(99, { role: 'escort', birthDate: '1955-01-01' })];
    expect(checkProgram(facts, ten, plan, rules).violations.map((v) => v.code)).toEqual([]);
    const eleven = [...ten, person(10)];
    expect(checkProgram(facts, eleven, plan, rules).violations.map((v) => v.code)).toEqual(['TOO_MANY_INVITEES']);
  });

  it('age on the arrival date: 40 passes, 41 on arrival day is flagged', () => {
    const forty = checkProgram(facts, [person(1, { birthDate: '1985-07-07' })], plan, rules);
    expect(forty.violations).toEqual([]);
    const fortyOne = checkProgram(facts, [person(1, { birthDate: '1985-07-06' })], plan, rules);
    expect(fortyOne.violations.map((v) => v.code)).toEqual(['INVITEE_TOO_OLD']);
    expect(fortyOne.violations[0]!.message).toContain('NGUYEN1 An');
  });

  it('duplicates: same name (any width/case) and birth date; not without a birth date', () => {
    const list = [person(1), person(1, { familyName: 'ｎｇｕｙｅｎ1' }), person(2, { birthDate: null }), person(2, { birthDate: null }), person(1, { birthDate: '2000-01-02' })];
    const d = duplicateFindings(list);
    expect(d.map((x) => [x.params.row, x.params.firstRow])).toEqual([[2, 1]]);
    expect(checkProgram(facts, list, plan, rules).violations.map((v) => v.code)).toContain('DUPLICATE_PARTICIPANT');
  });

  it('combines roster and itinerary findings and counts people', () => {
    const r = checkProgram(facts, [person(1), person(2, { role: 'escort' })], [slot('2026-07-05', '10:00', '11:00', 'travel')], rules);
    expect(r.invitees).toBe(1);
    expect(r.escorts).toBe(1);
    expect(r.violations.map((v) => v.code)).toEqual(expect.arrayContaining(['SLOT_OUTSIDE_STAY', 'LECTURE_DAYS_TOO_FEW']));
    expect(checkProgram(facts, [], [], rules).violations.map((v) => v.code)).toContain('NO_INVITEES');
  });
});
