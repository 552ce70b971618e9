// 審査: the queues (with counts in the tab bar), one application's review, automatic assignment,
// ranking and budget, reviewers, and the Excel review sheets. Routes: #/review/<tab>[/<id>].
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../router.ts';
import { useApi } from '../../useApi.ts';
import { currentFiscalYear } from '../../calendar.ts';
import { ApplicationReview } from './ApplicationReview.tsx';
import { AutoAssign } from './AutoAssign.tsx';
import { QueueView, type Queue } from './QueueView.tsx';
import { Ranking } from './Ranking.tsx';
import { Reviewers } from './Reviewers.tsx';
import { Sheets } from './Sheets.tsx';
import './review.css';

const QUEUES: Queue[] = ['eligibility', 'assignment', 'outstanding', 'ready', 'decided'];
const TOOLS = ['auto', 'ranking', 'reviewers', 'sheets'] as const;
type Tab = Queue | (typeof TOOLS)[number] | 'app';

// The year chosen stays for the session, across screens.
let rememberedFy: number | null = null;

export function ReviewPage({ route }: { route: string[] }) {
  const { t } = useTranslation();
  const tab = ([...QUEUES, ...TOOLS, 'app'] as string[]).includes(route[0] ?? '') ? (route[0] as Tab) : 'assignment';
  const stats = useApi('stats/byYear', {});
  const years = [...new Set([currentFiscalYear(), ...(stats.data ?? []).filter((s) => !s.builtIn).map((s) => s.fiscalYear)])].sort((a, b) => b - a);
  const [fy, setFyState] = useState<number>(rememberedFy ?? currentFiscalYear());
  const setFy = (v: number) => {
    rememberedFy = v;
    setFyState(v);
  };
  // Counts refresh whenever the route changes, and after a decision, an assignment, an import.
  const counts = useApi('review/queueCounts', { fiscalYear: fy });
  const where = route.join('/');
  const reloadCounts = counts.reload;
  useEffect(() => reloadCounts(), [where, reloadCounts]);
  const refresh = () => counts.reload();

  return (
    <div data-testid="review-page">
      <div className="rv-head">
        <h1>{t('review.title')}</h1>
        <label className="rv-field" style={{ flexDirection: 'row', alignItems: 'center', gap: 6 }}>
          {t('review.fiscalYear')}
          <select value={fy} onChange={(e) => setFy(Number(e.target.value))} data-testid="review-fy">
            {years.map((y) => (
              <option key={y} value={y}>
                {t('review.fyValue', { fy: y })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <nav className="rv-tabs" aria-label={t('review.title')}>
        {QUEUES.map((q) => {
          const n = counts.data?.[q];
          return (
            <a key={q} href={`#/review/${q}`} className={tab === q ? 'active' : undefined} aria-current={tab === q ? 'page' : undefined} data-testid={`queue-tab-${q}`}>
              {t(`review.tabs.${q}`)}
              <span className={`rv-count${n ? '' : ' zero'}`} data-testid={`queue-count-${q}`}>
                {n ?? '…'}
              </span>
            </a>
          );
        })}
        <span className="rv-sep" />
        {TOOLS.map((x) => (
          <a key={x} href={`#/review/${x}`} className={tab === x ? 'active' : undefined} data-testid={`review-tab-${x}`}>
            {t(`review.tabs.${x}`)}
          </a>
        ))}
      </nav>
      {tab === 'app' && route[1] ? (
        <ApplicationReview id={route[1]} onChanged={refresh} onBack={() => navigate('review', route[2] ?? 'assignment')} />
      ) : tab === 'auto' ? (
        <AutoAssign fiscalYear={fy} onChanged={refresh} />
      ) : tab === 'ranking' ? (
        <Ranking fiscalYear={fy} onChanged={refresh} />
      ) : tab === 'reviewers' ? (
        <Reviewers fiscalYear={fy} />
      ) : tab === 'sheets' ? (
        <Sheets fiscalYear={fy} onChanged={refresh} />
      ) : tab !== 'app' ? (
        <QueueView key={tab} queue={tab} fiscalYear={fy} onChanged={refresh} />
      ) : null}
    </div>
  );
}
