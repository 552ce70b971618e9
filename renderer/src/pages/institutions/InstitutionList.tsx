import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Institution } from '../../../../shared/api/reference.ts';
import { countryName } from '../../../../shared/countries.ts';
import { INSTITUTION_KINDS, type InstitutionKind } from '../../../../shared/domain.ts';
import type { Lang } from '../../../../shared/errors.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { navigate } from '../../router.ts';
import { useApi } from '../../useApi.ts';

export type SortKey = 'name' | 'country' | 'kind' | 'hosted' | 'sent';
export interface ListState {
  q: string;
  kind: InstitutionKind | '';
  sort: SortKey;
  desc: boolean;
}

/** The search box waits for a pause in typing before asking main. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export function InstitutionList({ state, onState }: { state: ListState; onState: (s: ListState) => void }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  const q = useDebounced(state.q.trim(), 200);
  const list = useApi('institutions/list', q ? { q } : {});

  const rows = useMemo(() => {
    const collator = new Intl.Collator(lang);
    const items = (list.data ?? []).filter((i) => !state.kind || i.kind === state.kind);
    const key = (i: Institution): string | number => {
      switch (state.sort) {
        case 'hosted':
          return i.hostedCount;
        case 'sent':
          return i.sentCount;
        case 'country':
          return i.country ? countryName(i.country, lang) : '';
        case 'kind':
          return INSTITUTION_KINDS.indexOf(i.kind);
        default:
          return i.nameJa;
      }
    };
    const sorted = [...items].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return c !== 0 ? c : collator.compare(a.nameJa, b.nameJa);
    });
    return state.desc ? sorted.reverse() : sorted;
  }, [list.data, state.kind, state.sort, state.desc, lang]);

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
        <span className="muted" data-testid="inst-count">
          {list.data ? t('institutions.count', { n: rows.length }) : t('loading')}
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => navigate('institutions', 'new')} data-testid="inst-add">
          {t('institutions.add')}
        </button>
      </div>
      <ErrorBox error={list.error} />
      {list.data && rows.length === 0 ? (
        <p className="notice" data-testid="inst-empty">
          {q || state.kind ? t('institutions.noMatch', { q: q || t(`institutions.kind.${state.kind || 'other'}`) }) : t('institutions.empty')}
        </p>
      ) : (
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
          <tbody>
            {rows.map((i) => (
              <tr key={i.id} className="clickable" data-testid="inst-row" onClick={() => navigate('institutions', i.id)}>
                <td>
                  <a href={`#/institutions/${encodeURIComponent(i.id)}`} onClick={(e) => e.stopPropagation()} data-testid="inst-name">
                    {i.nameJa}
                  </a>
                </td>
                <td>{i.nameEn ?? <span className="muted">—</span>}</td>
                <td className="nowrap">{i.country ? countryName(i.country, lang) : <span className="muted">{t('institutions.noCountry')}</span>}</td>
                <td className="nowrap">{t(`institutions.kind.${i.kind}`)}</td>
                <td className="num" data-testid="inst-hosted">
                  {i.hostedCount}
                </td>
                <td className="num" data-testid="inst-sent">
                  {i.sentCount}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
