import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../useApi.ts';
import { DuplicateGroups } from './DuplicateGroups.tsx';
import { InstitutionDetail } from './InstitutionDetail.tsx';
import { InstitutionList, type ListState } from './InstitutionList.tsx';
import './institutions.css';

/**
 * 実施機関リスト. Routes: `#/institutions` (list), `#/institutions/duplicates`,
 * `#/institutions/new`, `#/institutions/<id>` (one institution and its programs).
 */
export function InstitutionsPage({ route }: { route: string[] }) {
  const { t } = useTranslation();
  const view = route[0] ?? '';
  // The tab's count only: a COUNT of the groups (the groups themselves are paged on their tab).
  const duplicates = useApi('institutions/duplicates', { limit: 1 });
  // Kept here so the search survives a visit to an institution and back.
  const [listState, setListState] = useState<ListState>({ q: '', kind: '', sort: 'name', desc: false });
  const dupCount = duplicates.data?.total ?? 0;
  const tab = view === 'duplicates' ? 'duplicates' : 'list';

  return (
    <section className="page institutions-page" data-testid="institutions-page">
      <h1>{t('institutions.title')}</h1>
      <p className="muted intro">{t('institutions.intro')}</p>
      <div className="tabs" role="tablist">
        <a href="#/institutions" role="tab" aria-selected={tab === 'list'} className={tab === 'list' ? 'tab active' : 'tab'} data-testid="inst-tab-list">
          {t('institutions.tabs.list')}
        </a>
        <a
          href="#/institutions/duplicates"
          role="tab"
          aria-selected={tab === 'duplicates'}
          className={tab === 'duplicates' ? 'tab active' : 'tab'}
          data-testid="inst-tab-duplicates"
        >
          {t('institutions.tabs.duplicates')}
          {dupCount > 0 && (
            <span className="badge warn tab-count" data-testid="inst-dup-count">
              {dupCount}
            </span>
          )}
        </a>
      </div>
      <div className="tab-body">
        {view === 'duplicates' ? (
          <DuplicateGroups />
        ) : view === '' ? (
          <InstitutionList state={listState} onState={setListState} />
        ) : (
          <InstitutionDetail key={view} id={view === 'new' ? null : view} />
        )}
      </div>
    </section>
  );
}
