// Decisions with the eligibility gate: adopting a plan with open violations is refused (with every
// violation listed) unless staff give a reason, which is kept in the status history.
import type { Decision } from '../../shared/review/rubric.ts';
import { assertAdoptable, overrideReason } from '../../shared/review/gate.ts';
import { listApplications } from '../../db/applications.ts';
import type { DB } from '../../db/open.ts';
import { decide } from '../../db/review.ts';
import { liveEligibility } from './eligibility.ts';

export async function decideWithGate(
  db: DB,
  applicationIds: readonly string[],
  decision: Decision,
  comment: string | null,
  override: string | null | undefined,
  user: string,
): Promise<number> {
  const reason = overrideReason(override);
  const ineligible = new Set<string>();
  if (decision === 'adopted') {
    // Already adopted plans were gated when adopted; recording a note on them needs no new reason.
    const apps = (await listApplications(db, { ids: [...applicationIds] })).filter((a) => a.status !== 'adopted');
    const checks = await liveEligibility(db, apps);
    const items = apps.map((a) => ({ applicationId: a.id, applicationNo: a.applicationNo, violations: checks.get(a.id)!.violations }));
    assertAdoptable(items, reason);
    for (const i of items) if (i.violations.length) ineligible.add(i.applicationId);
  }
  // The reason is recorded only where it was needed, so the history says which plans were overridden.
  return decide(
    db,
    applicationIds.map((id) => ({ applicationId: id, overrideReason: ineligible.has(id) ? reason : null })),
    decision,
    comment,
    user,
  );
}
