// Programs (adopted applications) of a fiscal year with where their results stand.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso } from '../../../../shared/dates.ts';
import { fiscalYearOf } from '../../../../shared/domain.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { useApi } from '../../useApi.ts';
import { uiLang } from '../charts/theme.tsx';
import { formatDate, formatYen } from './format.ts';

export function ProgramsList() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const years = useApi('stats/years', {});
  // The current fiscal year first: "all years" is 20 years of programs on a laptop that keeps
  // every year, so it is a choice, not the default.
  const [fy, setFy] = useState<number | 'all'>(() => fiscalYearOf(todayIso()));
  const list = useApi('results/programs', fy === 'all' ? {} : { fiscalYear: fy });
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
      </div>
      <ErrorBox error={list.error} />
      {list.data && list.data.length === 0 && <p className="notice">{t('results.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <table className="grid results-list" data-testid="results-programs">
          <thead>
            <tr>
              <th>{t('results.col.no')}</th>
              <th>{t('results.col.title')}</th>
              <th>{t('results.col.status')}</th>
              <th>{t('results.col.actual')}</th>
              <th className="num">{t('results.col.invitees')}</th>
              <th>{t('results.col.report')}</th>
              <th>{t('results.col.opinions')}</th>
              <th className="num">{t('results.col.spent')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((p) => {
              const r = p.result;
              return (
                <tr key={p.programId} data-testid={`results-row-${p.applicationNo}`}>
                  <td className="nowrap">
                    <a href={`#/results/program/${encodeURIComponent(p.programId)}`}>{p.applicationNo}</a>
                  </td>
                  <td>
                    <a href={`#/results/program/${encodeURIComponent(p.programId)}`}>{p.title}</a>
                    <div className="muted">{p.hostInstitution}</div>
                  </td>
                  <td className="nowrap">{t(`results.status.${p.status}`)}</td>
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
                  <td>{p.status === 'reported' && !r ? <span className="badge ok">{t('results.status.reported')}</span> : received(r?.reportReceivedOn)}</td>
                  <td>{received(r?.opinionReportsReceivedOn)}</td>
                  <td className="num">{formatYen(r?.spentYen ?? null, lang)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
