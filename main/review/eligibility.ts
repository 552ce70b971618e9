// Live eligibility of stored applications: checked again against the fiscal year's current rule
// set, so a decision never trusts codes saved under an older rule set.
import type { ApplicationSummary } from '../../shared/api/applications.ts';
import { checkPlan } from '../../shared/rules/eligibility.ts';
import type { RuleSet } from '../../shared/rules/ruleset.ts';
import type { EligibilityResult } from '../../shared/rules/types.ts';
import type { DB } from '../../db/open.ts';
import { getRuleSet } from '../../db/rulesets.ts';
import { applicationPlan } from '../handlers/applications.ts';

export async function liveEligibility(db: DB, apps: readonly ApplicationSummary[]): Promise<Map<string, EligibilityResult>> {
  const sets = new Map<number, RuleSet>();
  for (const fy of new Set(apps.map((a) => a.fiscalYear))) sets.set(fy, await getRuleSet(db, fy));
  const out = new Map<string, EligibilityResult>();
  for (const a of apps) {
    const plan = applicationPlan({ ...a, sendingInstitutions: a.sendingInstitutions.map((name) => ({ name, country: null })) });
    out.set(a.id, checkPlan(plan, sets.get(a.fiscalYear)!));
  }
  return out;
}
