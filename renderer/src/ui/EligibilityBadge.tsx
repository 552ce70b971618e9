import { useTranslation } from 'react-i18next';

/**
 * 違反 n / 注意 n / OK for a list row. The stored codes carry no numbers, so the tooltip names each
 * code with its general meaning; the form shows the full sentences with the numbers.
 */
export function EligibilityBadge({ violations, warnings }: { violations: string[]; warnings: string[] }) {
  const { t } = useTranslation();
  const describe = (codes: string[]) => codes.map((c) => `${c}: ${t(`applications.codes.${c}`, { defaultValue: c })}`);
  if (violations.length === 0 && warnings.length === 0) {
    return (
      <span className="badge ok" data-testid="elig-badge" data-kind="ok">
        {t('applications.badge.ok')}
      </span>
    );
  }
  return (
    <span className="apps-badges">
      {violations.length > 0 && (
        <span className="badge bad" data-testid="elig-badge" data-kind="violations" title={describe(violations).join('\n')}>
          {t('applications.badge.violations', { count: violations.length })}
        </span>
      )}
      {warnings.length > 0 && (
        <span className="badge warn" data-testid="elig-badge" data-kind="warnings" title={describe(warnings).join('\n')}>
          {t('applications.badge.warnings', { count: warnings.length })}
        </span>
      )}
    </span>
  );
}

const STATUS_TONE: Record<string, string> = {
  draft: 'draft',
  received: 'received',
  'under-review': 'review',
  adopted: 'adopted',
  rejected: 'rejected',
  waitlisted: 'review',
  withdrawn: 'withdrawn',
  implemented: 'adopted',
  reported: 'adopted',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`apps-status tone-${STATUS_TONE[status] ?? 'draft'}`} data-testid="status-badge">
      {t(`appStatus.${status}`, { defaultValue: status })}
    </span>
  );
}
