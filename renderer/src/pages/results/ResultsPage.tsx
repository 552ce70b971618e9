// 実績・報告: #/results (program results), #/results/overdue (the reminder queue),
// #/results/program/<id> (one program's results and its invitees), and
// #/results/participant/<id> (a participant's follow-up outcomes).
import { useTranslation } from 'react-i18next';
import { useApi } from '../../useApi.ts';
import { OverdueQueue } from './OverdueQueue.tsx';
import { ParticipantFollowUps } from './ParticipantFollowUps.tsx';
import { ProgramResult } from './ProgramResult.tsx';
import { ProgramsList } from './ProgramsList.tsx';
import './results.css';

export function ResultsPage({ route }: { route: string[] }) {
  const { t } = useTranslation();
  const [view, id] = route;
  // The tab's count and the overdue setting: one COUNT, no rows (the queue pages its own).
  const overdue = useApi('results/overdue', { limit: 1 });
  if (view === 'program' && id) return <ProgramResult programId={id} />;
  if (view === 'participant' && id) return <ParticipantFollowUps participantId={id} />;
  const tab = view === 'overdue' ? 'overdue' : 'programs';
  const n = overdue.data?.total ?? 0;
  return (
    <section className="page">
      <h1>{t('results.title')}</h1>
      <nav className="results-tabs" role="tablist">
        <a role="tab" aria-selected={tab === 'programs'} className={tab === 'programs' ? 'on' : undefined} href="#/results" data-testid="results-tab-programs">
          {t('results.tabs.programs')}
        </a>
        <a role="tab" aria-selected={tab === 'overdue'} className={tab === 'overdue' ? 'on' : undefined} href="#/results/overdue" data-testid="results-tab-overdue">
          {t('results.tabs.overdue')}
          {n > 0 && <span className="count">{n}</span>}
        </a>
      </nav>
      {tab === 'programs' ? <ProgramsList /> : <OverdueQueue data={overdue.data} error={overdue.error} reload={overdue.reload} />}
    </section>
  );
}
