import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Institution } from '../../../../shared/api/reference.ts';
import { countryName } from '../../../../shared/countries.ts';
import { INSTITUTION_KINDS, type InstitutionKind } from '../../../../shared/domain.ts';
import type { Lang } from '../../../../shared/errors.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { navigate } from '../../router.ts';
import { usePaged, useVirtualRows } from '../../ui/paged.ts';
import { useDebounced } from '../../ui/suggest.ts';
import { VirtualTbody } from '../../ui/VirtualTbody.tsx';

export type SortKey = 'name' | 'country' | 'kind' | 'hosted' | 'sent';
export interface ListState {
  q: string;
  kind: InstitutionKind | '';
  sort: SortKey;
  desc: boolean;
}

const ROW_HEIGHT = 37;

export function InstitutionList({ state, onState }: { state: ListState; onState: (s: ListState) => void }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  const q = useDebounced(state.q.trim(), 200);
  // Filtered and sorted on the server, a window at a time; only the rows in view are drawn.
  const list = usePaged<Institution, 'institutions/list'>('institutions/list', {
    ...(q ? { q } : {}),
    ...(state.kind ? { kind: state.kind } : {}),
    sort: state.sort,
    dir: state.desc ? 'desc' : 'asc',
  });
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useVirtualRows(list.total, scrollRef, ROW_HEIGHT, list.show);

  const header = (key: SortKey, label: string, num = false) => {
    const active = state.sort === key;
    return (
      <th className={num ? 'num' : undefined} aria-sort={active ? (state.desc ? 'descending' : 'ascending') : undefined}>
        <button
          type="button"
          className="sort-button"
          onClick={() => onState({ ...state, sort: key, desc: active ? !state.desc : key === 'hosted' || key === 'sent' })}
        >
          {label}
          <span className="sort-mark" aria-hidden="true">
            {active ? (state.desc ? '▼' : '▲') : ''}
          </span>
        </button>
      </th>
    );
  };

  return (
    <div data-testid="inst-list">
      <div className="toolbar">
        <label className="search">
          <span className="visually-hidden">{t('institutions.search')}</span>
          <input
            type="search"
            value={state.q}
            placeholder={t('institutions.searchPlaceholder')}
            onChange={(e) => onState({ ...state, q: e.target.value })}
            data-testid="inst-search"
          />
        </label>
        <select
          value={state.kind}
          onChange={(e) => onState({ ...state, kind: e.target.value as InstitutionKind | '' })}
          aria-label={t('institutions.col.kind')}
          data-testid="inst-kind-filter"
        >
          <option value="">
            {t('institutions.col.kind')}: —
          </option>
          {INSTITUTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`institutions.kind.${k}`)}
            </option>
          ))}
        </select>
        <span className="muted" data-testid="inst-count" data-total={list.total}>
          {list.loaded ? t('institutions.count', { n: list.total }) : t('loading')}
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => navigate('institutions', 'new')} data-testid="inst-add">
          {t('institutions.add')}
        </button>
      </div>
      <ErrorBox error={list.error} />
      {list.loaded && list.total === 0 ? (
        <p className="notice" data-testid="inst-empty">
          {q || state.kind ? t('institutions.noMatch', { q: q || t(`institutions.kind.${state.kind || 'other'}`) }) : t('institutions.empty')}
        </p>
      ) : (
        <div className="vt-scroll" ref={scrollRef} data-testid="inst-scroll">
        <table className="grid inst-table" data-testid="inst-table">
          <thead>
            <tr>
              {header('name', t('institutions.col.nameJa'))}
              <th>{t('institutions.col.nameEn')}</th>
              {header('country', t('institutions.col.country'))}
              {header('kind', t('institutions.col.kind'))}
              {header('hosted', t('institutions.col.hosted'), true)}
              {header('sent', t('institutions.col.sent'), true)}
            </tr>
          </thead>
          <VirtualTbody
            rows={rows}
            rowAt={list.rowAt}
            columns={6}
            rowHeight={ROW_HEIGHT}
            renderRow={(i) => (
              <tr key={i.id} className="clickable" data-testid="inst-row" style={{ height: ROW_HEIGHT }} onClick={() => navigate('institutions', i.id)}>
                <td className="vt-ellipsis" title={i.nameJa}>
                  <a href={`#/institutions/${encodeURIComponent(i.id)}`} onClick={(e) => e.stopPropagation()} data-testid="inst-name">
                    {i.nameJa}
                  </a>
                </td>
                <td className="vt-ellipsis" title={i.nameEn ?? undefined}>{i.nameEn ?? <span className="muted">—</span>}</td>
                <td className="nowrap">{i.country ? countryName(i.country, lang) : <span className="muted">{t('institutions.noCountry')}</span>}</td>
                <td className="nowrap">{t(`institutions.kind.${i.kind}`)}</td>
                <td className="num" data-testid="inst-hosted">
                  {i.hostedCount}
                </td>
                <td className="num" data-testid="inst-sent">
                  {i.sentCount}
                </td>
              </tr>
            )}
          />
        </table>
        </div>
      )}
    </div>
  );
}
