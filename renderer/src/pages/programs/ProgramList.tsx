// 実施プログラム一覧: one fiscal year's adopted applications (the current year first), with the
// roster counts and the checks of each. The server pages them and only the rows in view are in the
// DOM, so twenty years of programs cost one screenful. `target` decides where a row leads.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgramSummary } from '../../../../shared/api/programs.ts';
import { currentFiscalYear } from '../../calendar.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { usePaged, useVirtualRows } from '../../ui/paged.ts';
import { useApi } from '../../useApi.ts';
import { formatDate, uiLang } from '../../ui/format.ts';
import { CodeBadges } from './common.tsx';
import { VirtualTbody } from '../../ui/VirtualTbody.tsx';

const ROW_HEIGHT = 37;
// Kept for the session, so coming back from a program shows the same year.
let rememberedYear: number | 'all' = currentFiscalYear();

export function ProgramList({ target }: { target: 'programs' | 'participants' }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const [fy, setFyState] = useState<number | 'all'>(rememberedYear);
  const setFy = (v: number | 'all') => setFyState((rememberedYear = v));
  const [q, setQ] = useState('');
  // 120 rows a window: each program's roster and itinerary are checked on the server, so the
  // window is kept to a few screens.
  const list = usePaged<ProgramSummary, 'programs/list'>('programs/list', { fiscalYear: fy, ...(q.trim() ? { q: q.trim() } : {}) }, 120);
  const yearsApi = useApi('stats/years', {});
  const years = [...new Set([...(yearsApi.data ?? []), currentFiscalYear(), ...(fy === 'all' ? [] : [fy])])].sort((a, b) => b - a);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useVirtualRows(list.total, scrollRef, ROW_HEIGHT, list.show);
  return (
    <section className="page prg-page" data-testid={`${target}-list`}>
      <h1>{t(target === 'programs' ? 'prog.list.title' : 'prog.list.rosterTitle')}</h1>
      <p className="muted">{t('prog.list.intro')}</p>
      <div className="toolbar">
        <label>
          {t('prog.list.fy')}{' '}
          <select value={String(fy)} onChange={(e) => setFy(e.target.value === 'all' ? 'all' : Number(e.target.value))} data-testid="programs-fy">
            {years.map((y) => (
              <option key={y} value={y}>
                {t('prog.fy', { fy: y })}
              </option>
            ))}
            <option value="all">{t('prog.list.allYears')}</option>
          </select>
        </label>
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('prog.list.search')} aria-label={t('prog.list.search')} data-testid="programs-search" />
        <span className="muted" data-testid="programs-count" data-total={list.total}>
          {list.loaded ? t('prog.list.count', { count: list.total }) : t('loading')}
        </span>
      </div>
      <ErrorBox error={list.error} />
      {list.loaded && list.total === 0 && <div className="notice">{t('prog.list.empty')}</div>}
      {list.total > 0 && (
        <div className="vt-scroll" ref={scrollRef} data-testid="programs-scroll">
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
            <VirtualTbody
              rows={rows}
              rowAt={list.rowAt}
              columns={8}
              rowHeight={ROW_HEIGHT}
              renderRow={(p) => {
                return (
                  <tr key={p.id} data-testid="program-row" style={{ height: ROW_HEIGHT }}>
                    <td className="nowrap">{p.applicationNo}</td>
                    <td>{p.course.length === 1 ? p.course : t(`prog.courseName.${p.course}`)}</td>
                    <td className="vt-ellipsis" title={p.title}>
                      <a href={`#/${target}/${encodeURIComponent(p.id)}`}>{p.title}</a>
                    </td>
                    <td className="vt-ellipsis" title={p.hostInstitution}>{p.hostInstitution}</td>
                    <td className="nowrap">
                      {formatDate(p.arrival, lang)} – {formatDate(p.departure, lang)}
                    </td>
                    <td className="num nowrap">{t('prog.list.peopleShort', { invitees: p.invitees, escorts: p.escorts })}</td>
                    <td className="num">{p.slots}</td>
                    <td className="nowrap">
                      <CodeBadges violations={p.violations} warnings={p.warnings} />
                    </td>
                  </tr>
                );
              }}
            />
          </table>
        </div>
      )}
    </section>
  );
}
