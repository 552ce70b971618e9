// The application statuses' names, in one place: built from shared/status.ts (the owner of the
// life cycle, whose labels the CLI and exports use too), so a status cannot be named two ways.
// Screens say t(`appStatus.${status}`); no area file keeps its own copy (test/unit/status-labels.test.ts).
import { STATUSES, type Status } from '../../../shared/domain.ts';
import type { Lang } from '../../../shared/errors.ts';
import { STATUS_LABELS } from '../../../shared/status.ts';

function labels(lang: Lang): Record<Status, string> {
  return Object.fromEntries(STATUSES.map((s) => [s, STATUS_LABELS[s][lang]])) as Record<Status, string>;
}

export const status = {
  ja: { appStatus: labels('ja') },
  en: { appStatus: labels('en') },
};
