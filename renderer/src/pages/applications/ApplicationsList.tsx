// 応募一覧: search, filters and sorting run in SQL and the rows arrive a window at a time, with
// only the visible rows in the DOM, so twenty years of applications stay instant.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { usePaged } from '../../ui/paged.ts';
import { useTranslation } from 'react-i18next';
import type { ApplicationSummary } from '../../../../shared/api/applications.ts';
import { countryName } from '../../../../shared/countries.ts';
import { COURSES, STATUSES, type Course, type Status } from '../../../../shared/domain.ts';
import { courseLabel } from '../../../../shared/rules/eligibility.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { navigate } from '../../router.ts';
import { useApi } from '../../useApi.ts';
import { EligibilityBadge, StatusBadge } from '../../ui/EligibilityBadge.tsx';
import { formatDate, formatNumber, formatYen, uiLang } from '../../ui/format.ts';
import { currentFiscalYear } from '../../calendar.ts';
import { clearFlash, peekFlash } from './flash.ts';
import { ImportDialog } from './ImportDialog.tsx';
import { useNoticeText, type Notice } from '../../ui/notice.ts';
import { PAGE_MAX } from '../../../../shared/api/page.ts';

const ROW_HEIGHT = 36;

type SortKey =
  | 'applicationNo'
  | 'fiscalYear'
  | 'course'
  | 'title'
  | 'hostInstitution'
  | 'countries'
  | 'invitees'
  | 'arrival'
  | 'requestedAmount'
  | 'status'
  | 'eligibility';

interface Filters {
  year: number | 'all';
  q: string;
  call: string; // '' all, 'none', or the number
  course: Course | '';
  status: Status | '';
  country: string;
  violations: '' | 'yes' | 'no';
  sort: SortKey;
  dir: 1 | -1;
}

const EMPTY_FILTERS: Omit<Filters, 'year' | 'sort' | 'dir'> = {
  q: '',
  call: '',
  course: '',
  status: '',
  country: '',
  violations: '',
};

// Kept for the session, so coming back from a form shows the list as it was left.
let remembered: Filters = { year: 'all', ...EMPTY_FILTERS, sort: 'fiscalYear', dir: -1 };
const knownYears = new Set<number>();

const COLUMNS: { key: SortKey; numeric?: boolean }[] = [
  { key: 'applicationNo' },
  { key: 'fiscalYear', numeric: true },
  { key: 'course' },
  { key: 'title' },
  { key: 'hostInstitution' },
  { key: 'countries' },
  { key: 'invitees', numeric: true },
  { key: 'arrival' },
  { key: 'requestedAmount', numeric: true },
  { key: 'status' },
  { key: 'eligibility' },
];


export function ApplicationsList() {
  const { t, i18n } = useTranslation();
  const [flash] = useState<Notice | null>(() => peekFlash());
  const noticeText = useNoticeText();
  const notice = noticeText(flash);
  useEffect(() => clearFlash(), []);
  const lang = uiLang(i18n.language);
  const [filters, setFiltersState] = useState<Filters>(remembered);
  const setFilters = (patch: Partial<Filters>) =>
    setFiltersState((f) => {
      remembered = { ...f, ...patch };
      return remembered;
    });
  const [importOpen, setImportOpen] = useState(false);

  // Filters and sorting run in SQL; the list arrives a window at a time (renderer/src/ui/paged.ts),
  // so every year of history costs one window of JSON and a screenful of rows.
  const q = useDeferredValue(filters.q.trim());
  const scope = filters.year === 'all' ? {} : { fiscalYear: filters.year };
  const listInput = {
    ...scope,
    ...(filters.call === 'none' ? { noCall: true } : filters.call !== '' ? { call: Number(filters.call) } : {}),
    ...(filters.course ? { course: filters.course } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.country ? { country: filters.country } : {}),
    ...(filters.violations ? { hasViolations: filters.violations === 'yes' } : {}),
    ...(q ? { q } : {}),
    sort: filters.sort,
    dir: filters.dir === 1 ? ('asc' as const) : ('desc' as const),
  };
  const list = usePaged<ApplicationSummary, 'applications/list'>('applications/list', listInput);
  // Two COUNTs beside the page: the year's total, and how many of the shown rows break a rule.
  const yearTotal = useApi('applications/list', { ...scope, limit: 1 });
  const violatingApi = useApi('applications/list', { ...listInput, hasViolations: true, limit: 1 });
  const stats = useApi('stats/byYear', {});
  const years = useApi('stats/years', {});
  // Every year's calls (a few a year) fit one page of the most a call returns.
  const calls = useApi('calls/list', { ...scope, limit: PAGE_MAX });
  const countryYear = filters.year === 'all' ? currentFiscalYear() : filters.year;
  const countriesApi = useApi('stats/breakdown', { fiscalYear: countryYear, by: 'country' });

  const yearOptions = useMemo(() => {
    for (const y of years.data ?? []) knownYears.add(y);
    for (const s of stats.data ?? []) if (!s.builtIn) knownYears.add(s.fiscalYear);
    const fy = currentFiscalYear();
    const all = new Set([...knownYears, fy, fy + 1]);
    if (filters.year !== 'all') all.add(filters.year);
    return [...all].sort((a, b) => b - a);
  }, [years.data, stats.data, filters.year]);

  const callOptions = useMemo(() => {
    const numbers = [...new Set((calls.data?.items ?? []).map((c) => c.number))].sort((a, b) => a - b);
    return { numbers, none: true };
  }, [calls.data]);

  const countryOptions = useMemo(() => {
    const set = new Set<string>((countriesApi.data ?? []).map((r) => String(r.key)).filter((k) => k && k !== '—'));
    if (filters.country) set.add(filters.country);
    const collator = new Intl.Collator(lang);
    return [...set].map((code) => ({ code, name: countryName(code, lang) })).sort((a, b) => collator.compare(a.name, b.name));
  }, [countriesApi.data, filters.country, lang]);

  const shownCount = list.total;
  const violating = filters.violations === 'no' ? 0 : (violatingApi.data?.total ?? 0);

  const scrollRef = useRef<HTMLDivElement>(null);
  // The component is not compiled by React Compiler; it re-renders on scroll through the virtualizer.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shownCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const visible = virtualizer.getVirtualItems();
  const firstVisible = visible[0]?.index ?? 0;
  const lastVisible = visible.at(-1)?.index ?? 0;
  const { show } = list;
  useEffect(() => {
    if (shownCount > 0) show(firstVisible, lastVisible);
  }, [firstVisible, lastVisible, shownCount, show]);

  const sortBy = (key: SortKey) => {
    if (filters.sort === key) setFilters({ dir: filters.dir === 1 ? -1 : 1 });
    else setFilters({ sort: key, dir: key === 'fiscalYear' || key === 'requestedAmount' || key === 'eligibility' ? -1 : 1 });
  };

  const filtersActive =
    filters.q !== '' || filters.call !== '' || filters.course !== '' || filters.status !== '' || filters.country !== '' || filters.violations !== '';

  return (
    <section className="page apps-list-page" data-testid="applications-list">
      <div className="apps-head">
        <h1>{t('applications.title')}</h1>
        <input
          type="search"
          className="apps-search"
          value={filters.q}
          aria-label={t('applications.list.search')}
          placeholder={t('applications.list.searchPlaceholder')}
          onChange={(e) => setFilters({ q: e.target.value })}
          data-testid="apps-search"
        />
        <div className="apps-head-actions">
          <button type="button" onClick={() => setImportOpen(true)} data-testid="open-import">
            {t('applications.list.import')}
          </button>
          <button type="button" className="primary" onClick={() => navigate('applications', 'new')} data-testid="new-application">
            {t('applications.list.new')}
          </button>
        </div>
      </div>
      {notice && (
        <div className="apps-notice" role="status" data-testid="list-notice">
          {notice}
        </div>
      )}
      <div className="apps-filters" role="group" aria-label={t('applications.list.search')}>
        <select
          aria-label={t('applications.list.year')}
          title={t('applications.list.year')}
          value={filters.year === 'all' ? 'all' : String(filters.year)}
          onChange={(e) => setFilters({ year: e.target.value === 'all' ? 'all' : Number(e.target.value), call: '' })}
          className={filters.year !== 'all' ? 'active' : undefined}
          data-testid="filter-year"
        >
          <option value="all">{t('applications.list.allYears')}</option>
          {yearOptions.map((y) => (
            <option key={y} value={y}>
              {t('applications.fy', { year: y })}
            </option>
          ))}
        </select>
        <select
          aria-label={t('applications.list.call')}
          title={t('applications.list.call')}
          value={filters.call}
          onChange={(e) => setFilters({ call: e.target.value })}
          className={filters.call ? 'active' : undefined}
          data-testid="filter-call"
        >
          <option value="">{t('applications.list.allCalls')}</option>
          {callOptions.numbers.map((n) => (
            <option key={n} value={String(n)}>
              {t('applications.callN', { n })}
            </option>
          ))}
          {callOptions.none && <option value="none">{t('applications.list.noCall')}</option>}
        </select>
        <select
          aria-label={t('applications.list.course')}
          title={t('applications.list.course')}
          value={filters.course}
          onChange={(e) => setFilters({ course: e.target.value as Course | '' })}
          className={filters.course ? 'active' : undefined}
          data-testid="filter-course"
        >
          <option value="">{t('applications.list.allCourses')}</option>
          {COURSES.map((c) => (
            <option key={c} value={c}>
              {t('applications.courseOption', { short: t(`applications.courseShort.${c}`), name: courseLabel(c, lang) })}
            </option>
          ))}
        </select>
        <select
          aria-label={t('applications.list.statusFilter')}
          title={t('applications.list.statusFilter')}
          value={filters.status}
          onChange={(e) => setFilters({ status: e.target.value as Status | '' })}
          className={filters.status ? 'active' : undefined}
          data-testid="filter-status"
        >
          <option value="">{t('applications.list.allStatuses')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`appStatus.${s}`, { defaultValue: s })}
            </option>
          ))}
        </select>
        <select
          aria-label={t('applications.list.country')}
          title={t('applications.list.country')}
          value={filters.country}
          onChange={(e) => setFilters({ country: e.target.value })}
          className={filters.country ? 'active' : undefined}
          data-testid="filter-country"
        >
          <option value="">{t('applications.list.allCountries')}</option>
          {countryOptions.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <select
          aria-label={t('applications.list.violations')}
          title={t('applications.list.violations')}
          value={filters.violations}
          onChange={(e) => setFilters({ violations: e.target.value as Filters['violations'] })}
          className={filters.violations ? 'active' : undefined}
          data-testid="filter-violations"
        >
          <option value="">{t('applications.list.violationsAll')}</option>
          <option value="yes">{t('applications.list.withViolations')}</option>
          <option value="no">{t('applications.list.withoutViolations')}</option>
        </select>
        {filtersActive && (
          <button type="button" className="apps-clear" onClick={() => setFilters(EMPTY_FILTERS)} data-testid="filters-clear">
            {t('applications.list.clear')}
          </button>
        )}
      </div>
      <div className="apps-count" aria-live="polite" data-testid="apps-count">
        {list.loaded && yearTotal.data ? (
          <>
            <span data-testid="apps-count-shown" data-shown={shownCount} data-total={yearTotal.data.total}>
              {t('applications.list.count', { shown: formatNumber(shownCount, lang), total: formatNumber(yearTotal.data.total, lang) })}
            </span>
            {violating > 0 && <span className="apps-count-bad">{t('applications.list.countViolations', { n: formatNumber(violating, lang) })}</span>}
          </>
        ) : (
          <span className="muted">{t('loading')}</span>
        )}
      </div>
      <ErrorBox error={list.error} />

      <div className="apps-grid-scroll" ref={scrollRef} role="table" aria-rowcount={shownCount + 1} data-testid="apps-grid">
        <div className="apps-grid-row apps-grid-header" role="row" aria-rowindex={1}>
          {COLUMNS.map((c) => {
            const active = filters.sort === c.key;
            return (
              <span
                key={c.key}
                role="columnheader"
                className={c.numeric ? 'num' : undefined}
                aria-sort={active ? (filters.dir === 1 ? 'ascending' : 'descending') : 'none'}
              >
                <button
                  type="button"
                  className={`apps-sort${active ? ' active' : ''}`}
                  onClick={() => sortBy(c.key)}
                  title={t('applications.list.sortBy', { column: t(`applications.col.${c.key}`) })}
                  data-testid={`sort-${c.key}`}
                >
                  {t(`applications.col.${c.key}`)}
                  <span className="apps-sort-mark" aria-hidden="true">
                    {active ? (filters.dir === 1 ? '▲' : '▼') : ''}
                  </span>
                </button>
              </span>
            );
          })}
        </div>
        <div className="apps-grid-body" style={{ height: virtualizer.getTotalSize() }}>
          {visible.map((v) => {
            const app = list.rowAt(v.index);
            if (!app) {
              return (
                <div key={`pending-${v.index}`} className="apps-grid-row apps-pending" role="row" aria-rowindex={v.index + 2} style={{ transform: `translateY(${v.start}px)` }}>
                  <span role="cell">…</span>
                </div>
              );
            }
            const countryText = app.countries.map((c) => countryName(c, lang)).join('、');
            return (
              <a
                key={app.id}
                href={`#/applications/${encodeURIComponent(app.id)}`}
                className={`apps-grid-row${app.violations.length ? ' has-violations' : ''}`}
                role="row"
                aria-rowindex={v.index + 2}
                style={{ transform: `translateY(${v.start}px)` }}
                data-testid="app-row"
                data-app-no={app.applicationNo}
              >
                <span role="cell" className="mono">{app.applicationNo}</span>
                <span role="cell" className="num">{app.fiscalYear}</span>
                <span role="cell" title={courseLabel(app.course, lang)}>
                  {t(`applications.courseShort.${app.course}`)}
                </span>
                <span role="cell" title={app.title}>{app.title}</span>
                <span role="cell" title={app.hostInstitution}>{app.hostInstitution}</span>
                <span role="cell" title={countryText}>{countryText}</span>
                <span role="cell" className="num">{formatNumber(app.invitees, lang)}</span>
                <span role="cell">{formatDate(app.arrival, lang)}</span>
                <span role="cell" className="num">{formatYen(app.requestedAmount, lang)}</span>
                <span role="cell">
                  <StatusBadge status={app.status} />
                </span>
                <span role="cell">
                  <EligibilityBadge violations={app.violations} warnings={app.warnings} />
                </span>
              </a>
            );
          })}
        </div>
        {list.loaded && shownCount === 0 && (
          <div className="apps-empty" data-testid="apps-empty">
            {yearTotal.data?.total === 0 && filters.year === 'all' ? t('applications.list.emptyDb') : t('applications.list.empty')}
          </div>
        )}
      </div>

      {importOpen && (
        <ImportDialog
          onClose={() => setImportOpen(false)}
          onImported={() => {
            list.reload();
            yearTotal.reload();
            violatingApi.reload();
            stats.reload();
            years.reload();
          }}
        />
      )}
    </section>
  );
}
