import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { useApi } from '../../useApi.ts';
import { pageRequest, yearPage } from './yearPages.ts';

/**
 * Programs per page. A large host has a thousand programs over twenty years: the list pages on
 * the server (newest first) rather than growing, so the DOM holds one page of rows at most.
 */
export const PAGE = 100;

/** 実施機関リスト: the institution's programs, grouped by 年度 (newest first), as host or sender. */
export function ProgramsByYear({ id }: { id: string }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const answer = useApi('institutions/programs', { id, ...pageRequest(offset, PAGE) });
  const page = answer.data ? yearPage(offset, PAGE, answer.data.items) : null;
  const programs = { ...answer, data: page?.shown };
  if (programs.error) return <ErrorBox error={programs.error} />;
  if (!programs.data) return <p className="muted">{t('loading')}</p>;
  if (programs.data.length === 0)
    return (
      <p className="muted" data-testid="inst-programs-empty">
        {t('institutions.programs.empty')}
      </p>
    );
  const years = new Map<number, typeof programs.data>();
  for (const p of programs.data) years.set(p.fiscalYear, [...(years.get(p.fiscalYear) ?? []), p]);
  const ordered = [...years.entries()].sort((a, b) => b[0] - a[0]);
  return (
    <div data-testid="inst-programs">
      {ordered.map(([fy, items]) => (
        <section key={fy} className="fy-group" data-testid={`inst-programs-fy-${fy}`}>
          <h4>
            {t('institutions.programs.fy', { fy })} <span className="muted">{t('institutions.programs.fyCount', { n: items.length })}</span>
            {page?.fromPrev === fy && (
              <span className="muted" data-testid="inst-programs-from-prev">
                {' '}
                {t('institutions.programs.fromPrev')}
              </span>
            )}
            {page?.toNext === fy && (
              <span className="muted" data-testid="inst-programs-to-next">
                {' '}
                {t('institutions.programs.toNext')}
              </span>
            )}
          </h4>
          <table className="grid programs-table">
            <thead>
              <tr>
                <th>{t('institutions.programs.applicationNo')}</th>
                <th>{t('institutions.programs.programTitle')}</th>
                <th>{t('institutions.programs.role')}</th>
                <th>{t('institutions.programs.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items
                .slice()
                .sort((a, b) => a.applicationNo.localeCompare(b.applicationNo, 'ja', { numeric: true }))
                .map((p) => (
                  <tr key={`${p.applicationId}-${p.role}`} data-testid="inst-program-row">
                    <td className="nowrap">
                      <a href={`#/applications/${encodeURIComponent(p.applicationId)}`}>{p.applicationNo}</a>
                    </td>
                    <td className="title-cell">{p.title}</td>
                    <td className="nowrap">
                      <span className={`badge role-${p.role}`}>{t(`institutions.role.${p.role}`)}</span>
                    </td>
                    <td className="nowrap">{t(`appStatus.${p.status}`, { defaultValue: p.status })}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
      {answer.data && answer.data.total > PAGE && (
        <p className="toolbar" data-testid="inst-programs-pager">
          <button type="button" disabled={answer.loading || offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))} data-testid="inst-programs-prev">
            {t('institutions.programs.prev')}
          </button>
          <span className="muted" data-testid="inst-programs-paging" data-total={answer.data.total}>
            {t('institutions.programs.paging', { from: offset + 1, to: offset + programs.data.length, total: answer.data.total })}
          </span>
          <button
            type="button"
            disabled={answer.loading || offset + PAGE >= answer.data.total}
            onClick={() => setOffset(offset + PAGE)}
            data-testid="inst-programs-next"
          >
            {t('institutions.programs.next')}
          </button>
        </p>
      )}
    </div>
  );
}
