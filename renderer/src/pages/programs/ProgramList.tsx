// 実施プログラム一覧: adopted applications of a fiscal year, with the roster counts and the checks
// of each. `target` decides where a row leads: the itinerary planner or the roster.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { useApi } from '../../useApi.ts';
import { formatDate, uiLang } from '../applications/format.ts';
import { CodeBadges } from './common.tsx';

export function ProgramList({ target }: { target: 'programs' | 'participants' }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const [fy, setFy] = useState<number | 'all'>('all');
  const all = useApi('programs/list', {});
  const items = (all.data?.items ?? []).filter((p) => fy === 'all' || p.fiscalYear === fy);
  const years = [...new Set((all.data?.items ?? []).map((p) => p.fiscalYear))].sort((a, b) => b - a);
  return (
    <section className="page prg-page" data-testid={`${target}-list`}>
      <h1>{t(target === 'programs' ? 'prog.list.title' : 'prog.list.rosterTitle')}</h1>
      <p className="muted">{t('prog.list.intro')}</p>
      <div className="toolbar">
        <label>
          {t('prog.list.fy')}{' '}
          <select value={String(fy)} onChange={(e) => setFy(e.target.value === 'all' ? 'all' : Number(e.target.value))}>
            <option value="all">{t('prog.list.allYears')}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {t('prog.fy', { fy: y })}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">{t('prog.list.count', { count: items.length })}</span>
      </div>
      <ErrorBox error={all.error} />
      {all.data && items.length === 0 && <div className="notice">{t('prog.list.empty')}</div>}
      {items.length > 0 && (
        <table className="grid prg-list">
          <thead>
            <tr>
              <th>{t('prog.col.applicationNo')}</th>
              <th>{t('prog.col.course')}</th>
              <th>{t('prog.col.title')}</th>
              <th>{t('prog.col.host')}</th>
              <th>{t('prog.col.dates')}</th>
              <th>{t('prog.col.people')}</th>
              <th>{t('prog.col.slots')}</th>
              <th>{t('prog.col.checks')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id} data-testid="program-row">
                <td>{p.applicationNo}</td>
                <td>{p.course.length === 1 ? p.course : t(`prog.courseName.${p.course}`)}</td>
                <td>
                  <a href={`#/${target}/${encodeURIComponent(p.id)}`}>{p.title}</a>
                </td>
                <td>{p.hostInstitution}</td>
                <td className="nowrap">
                  {formatDate(p.arrival, lang)} – {formatDate(p.departure, lang)}
                </td>
                <td className="num nowrap">{t('prog.list.peopleShort', { invitees: p.invitees, escorts: p.escorts })}</td>
                <td className="num">{p.slots}</td>
                <td>
                  <CodeBadges violations={p.violations} warnings={p.warnings} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
