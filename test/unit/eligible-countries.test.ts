// Countries per fiscal year in the rule set, and invitees whose nationality is outside the plan.
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../shared/rules/eligibility.ts';
import { checkProgram } from '../../shared/rules/program.ts';
import { RuleValues, defaultRuleSet } from '../../shared/rules/ruleset.ts';

const plan = (fiscalYear: number, countries: string[]) => ({
  program: 'open-call' as const,
  course: 'A' as const,
  fiscalYear,
  field: 'science' as const,
  mode: 'in-person' as const,
  arrival: `${fiscalYear}-07-01`,
  departure: `${fiscalYear}-07-05`,
  invitees: 5,
  escorts: 0,
  institutions: ['X'],
  countries,
});

describe('eligible countries per fiscal year', () => {
  it('defaults to every country (null), and a rule set stored before the field still parses', () => {
    expect(defaultRuleSet(2026).values.eligibleCountries ?? null).toBeNull();
    expect(checkPlan(plan(2026, ['US']), defaultRuleSet(2026)).violations).toEqual([]);
    const { eligibleCountries: _drop, ...old } = defaultRuleSet(2019).values;
    expect(RuleValues.parse(old).eligibleCountries ?? null).toBeNull();
  });

  it('refuses a country outside an earlier year’s list, naming it in both languages', () => {
    const rs = defaultRuleSet(2019);
    rs.values.eligibleCountries = ['CN', 'VN', 'TH', 'IN'];
    expect(checkPlan(plan(2019, ['VN']), rs).violations).toEqual([]);
    const v = checkPlan(plan(2019, ['VN', 'US']), rs).violations;
    expect(v.map((x) => x.code)).toEqual(['COUNTRY_NOT_ELIGIBLE']);
    expect(v[0]!.message).toContain('アメリカ');
    expect(v[0]!.messageEn).toContain('United States');
    expect(v[0]!.params.countries).toBe('US');
  });

  it('warns about an invitee whose nationality is outside the plan’s countries', () => {
    const person = (familyName: string, nationality: string, role: 'invitee' | 'escort' = 'invitee') => ({
      familyName,
      givenName: 'A',
      birthDate: '2000-01-01',
      nationality,
      affiliation: 'X',
      role,
    });
    const facts = { course: 'A' as const, fiscalYear: 2026, field: 'science' as const, mode: 'in-person' as const, arrival: '2026-07-01', departure: '2026-07-05', countries: ['VN'] };
    const r = checkProgram(facts, [person('Nguyen', 'VN'), person('Smith', 'US'), person('Lee', 'KR', 'escort')], [], defaultRuleSet(2026));
    const w = r.warnings.filter((x) => x.code === 'NATIONALITY_OUTSIDE_PLAN');
    expect(w).toHaveLength(1);
    expect(w[0]!.params).toMatchObject({ row: 2, nationality: 'US' });
    expect(w[0]!.messageEn).toContain('Vietnam');
  });
});
