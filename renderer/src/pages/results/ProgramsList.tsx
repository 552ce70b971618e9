// Programs (adopted applications) of a fiscal year with where their results stand.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso } from '../../../../shared/dates.ts';
import { fiscalYearOf } from '../../../../shared/domain.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import type { ProgramRow } from '../../../../shared/api/results.ts';
import { usePaged, useVirtualRows } from '../../ui/paged.ts';
import { VirtualTbody } from '../../ui/VirtualTbody.tsx';
import { useApi } from '../../useApi.ts';
import { uiLang } from '../../ui/format.ts';
import { formatDate, formatYen } from './format.ts';

// Two lines a row (title, then host institution).
const ROW_HEIGHT = 52;

export function ProgramsList() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const years = useApi('stats/years', {});
  // The current fiscal year first: "all years" is 20 years of programs on a laptop that keeps
  // every year, so it is a choice, not the default.
  const [fy, setFy] = useState<number | 'all'>(() => fiscalYearOf(todayIso()));
  // Paged on the server, newest year first: "all years" costs a window, not twenty years of rows.
  const list = usePaged<ProgramRow, 'results/programs'>('results/programs', { fiscalYear: fy });
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useVirtualRows(list.total, scrollRef, ROW_HEIGHT, list.show);
  const yearOptions = [...new Set([...(years.data ?? []), fiscalYearOf(todayIso())])].sort((a, b) => b - a);
  const received = (d: string | null | undefined) =>
    d ? <span className="badge ok">{t('results.received', { date: formatDate(d, lang) })}</span> : <span className="badge warn">{t('results.notReceived')}</span>;

  return (
    <>
      <div className="toolbar">
        <label>
          {t('results.fy')}{' '}
          <select value={fy} onChange={(e) => setFy(e.target.value === 'all' ? 'all' : Number(e.target.value))} data-testid="results-fy">
            <option value="all">{t('results.allYears')}</option>
            {yearOptions.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" data-testid="results-count" data-total={list.total}>
          {list.loaded ? t('results.count', { count: list.total }) : t('loading')}
        </span>
      </div>
      <ErrorBox error={list.error} />
      {list.loaded && list.total === 0 && <p className="notice">{t('results.empty')}</p>}
      {list.total > 0 && (
        <div className="vt-scroll" ref={scrollRef} data-testid="results-scroll">
        <table className="grid results-list" data-testid="results-programs">
          <thead>
            <tr>
              <th>{t('results.col.no')}</th>
              <th>{t('results.col.title')}</th>
              <th>{t('results.col.status')}</th>
              <th>{t('results.col.actual')}</th>
              <th className="num nowrap">{t('results.col.invitees')}</th>
              <th>{t('results.col.report')}</th>
              <th>{t('results.col.opinions')}</th>
              <th className="num">{t('results.col.spent')}</th>
            </tr>
          </thead>
          <VirtualTbody
            rows={rows}
            rowAt={list.rowAt}
            columns={8}
            rowHeight={ROW_HEIGHT}
            renderRow={(p) => {
              const r = p.result;
              return (
                <tr key={p.programId} data-testid={`results-row-${p.applicationNo}`} className="results-row" style={{ height: ROW_HEIGHT }}>
                  <td className="nowrap">
                    <a href={`#/results/program/${encodeURIComponent(p.programId)}`}>{p.applicationNo}</a>
                  </td>
                  <td className="vt-ellipsis" title={`${p.title}\n${p.hostInstitution}`}>
                    <a href={`#/results/program/${encodeURIComponent(p.programId)}`}>{p.title}</a>
                    <div className="muted vt-line">{p.hostInstitution}</div>
                  </td>
                  <td className="nowrap">{t(`appStatus.${p.status}`)}</td>
                  <td>
                    {r?.actualArrival ? (
                      `${formatDate(r.actualArrival, lang)} – ${formatDate(r.actualDeparture, lang)}`
                    ) : (
                      <span className="muted">
                        {t('results.notRecorded')} ({formatDate(p.plannedArrival, lang)} – {formatDate(p.plannedDeparture, lang)})
                      </span>
                    )}
                  </td>
                  <td className="num">{r?.actualInvitees ?? <span className="muted">({p.plannedInvitees})</span>}</td>
                  <td>{p.status === 'reported' && !r ? <span className="badge ok">{t('appStatus.reported')}</span> : received(r?.reportReceivedOn)}</td>
                  <td>{received(r?.opinionReportsReceivedOn)}</td>
                  <td className="num">{formatYen(r?.spentYen ?? null, lang)}</td>
                </tr>
              );
            }}
          />
        </table>
        </div>
      )}
    </>
  );
}
