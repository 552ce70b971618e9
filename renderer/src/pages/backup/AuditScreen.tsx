// 設定 › 操作履歴: every audit event, filtered by what, who, since when and application number,
// paged on the server (limit/offset with the total).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditTable, Pager } from '../../components/HistoryPanel.tsx';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { useApi } from '../../useApi.ts';

const ENTITIES = ['application', 'program', 'reviewer', 'institution', 'ruleset', 'call', 'assignment', 'review', 'review-sheet', 'followup', 'setting', 'backup'];
const PAGE = 50;

export function AuditScreen() {
  const { t } = useTranslation();
  const [entity, setEntity] = useState('');
  const [since, setSince] = useState('');
  const [user, setUser] = useState('');
  const [applicationNo, setApplicationNo] = useState('');
  const [offset, setOffset] = useState(0);
  const list = useApi('audit/list', {
    ...(entity ? { entity } : {}),
    // The start of the chosen day on this laptop, as an instant.
    ...(since ? { since: new Date(`${since}T00:00:00`).toISOString() } : {}),
    ...(user.trim() ? { user: user.trim() } : {}),
    ...(applicationNo.trim() ? { applicationNo: applicationNo.trim() } : {}),
    limit: PAGE,
    offset,
  });
  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setOffset(0);
  };
  return (
    <section className="audit-screen" data-testid="audit-screen">
      <p className="muted">{t('audit.intro')}</p>
      <div className="filters audit-filters">
        <label>
          {t('audit.filter.entity')}{' '}
          <select value={entity} onChange={(e) => reset(setEntity)(e.target.value)} data-testid="audit-filter-entity">
            <option value="">{t('audit.filter.all')}</option>
            {ENTITIES.map((k) => (
              <option key={k} value={k}>
                {t(`audit.entities.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.filter.since')} <input type="date" value={since} onChange={(e) => reset(setSince)(e.target.value)} data-testid="audit-filter-since" />
        </label>
        <label>
          {t('audit.filter.user')} <input value={user} onChange={(e) => reset(setUser)(e.target.value)} data-testid="audit-filter-user" />
        </label>
        <label>
          {t('audit.filter.applicationNo')} <input value={applicationNo} onChange={(e) => reset(setApplicationNo)(e.target.value)} data-testid="audit-filter-app" />
        </label>
      </div>
      {list.error && <ErrorBox error={list.error} />}
      {list.data && (
        <>
          <AuditTable items={list.data.items} showEntity />
          <Pager offset={offset} size={PAGE} total={list.data.total} onChange={setOffset} />
        </>
      )}
    </section>
  );
}
