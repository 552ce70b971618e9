// Eligibility gates adoption: a plan with open violations is not adopted unless staff give a
// reason, and the refusal lists every violation so staff see what to fix. Pure, so the decision
// dialog, `decide`, the form and the simulator's commit all apply the same rule.
import { AppError } from '../errors.ts';
import type { Finding } from '../rules/types.ts';

export interface GateItem {
  applicationId: string;
  applicationNo: string;
  violations: readonly Pick<Finding, 'code' | 'message' | 'messageEn'>[];
}

/** The override reason as given, or null when none was given (blank counts as none). */
export function overrideReason(reason: string | null | undefined): string | null {
  const r = reason?.trim();
  return r ? r : null;
}

/** Throws the refusal when any plan has open violations and no reason was given. */
export function assertAdoptable(items: readonly GateItem[], reason: string | null | undefined): void {
  if (overrideReason(reason)) return;
  const blocked = items.filter((i) => i.violations.length > 0);
  if (!blocked.length) return;
  const ja = blocked.map((b) => `${b.applicationNo}: ${b.violations.map((v) => `[${v.code}] ${v.message}`).join(' ')}`).join(' / ');
  const en = blocked.map((b) => `${b.applicationNo}: ${b.violations.map((v) => `[${v.code}] ${v.messageEn}`).join(' ')}`).join(' / ');
  throw new AppError(
    'CONFLICT',
    {
      ja: `要件違反のある応募は採択できません（何も変更していません）。採択するには理由を入力してください。 ${ja}`,
      en: `Plans with open violations cannot be adopted (nothing was changed). To adopt anyway, give a reason. ${en}`,
    },
    {
      ineligible: blocked.map((b) => ({
        applicationId: b.applicationId,
        applicationNo: b.applicationNo,
        violations: b.violations.map((v) => ({ code: v.code, message: v.message, messageEn: v.messageEn })),
      })),
    },
  );
}
