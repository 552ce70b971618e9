// ホーム: the current fiscal year and call, what needs attention (one card per queue, each a link
// to where it is dealt with), and the main chart with the official record in its data table.
import { useTranslation } from 'react-i18next';
import { currentFiscalYear } from '../calendar.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useApi } from '../useApi.ts';
import './charts/charts.css';
import { fmt, uiLang } from './charts/theme.tsx';
import { YearChart } from './charts/YearChart.tsx';
import './results/results.css';

function QueueCard({ label, value, href, testId, alert }: { label: string; value: number | null | undefined; href?: string; testId: string; alert?: boolean }) {
  const { t, i18n } = useTranslation();
  const body = (
    <>
      <div className="card-label">{label}</div>
      {value === null ? (
        <div className="card-gap">{t('dashboard.notAvailable')}</div>
      ) : (
        <div className={`card-value${alert && value ? ' alert' : ''}`} data-testid={testId}>
          {value === undefined ? '…' : fmt(value, uiLang(i18n.language))}
        </div>
      )}
    </>
  );
  return href && value !== null ? (
    <a className="card card-link" href={href}>
      {body}
    </a>
  ) : (
    <div className={`card${value === null ? ' card-missing' : ''}`} data-testid={value === null ? `${testId}-gap` : undefined}>
      {body}
    </div>
  );
}

export function Home() {
  const { t, i18n } = useTranslation();
  const date = (iso: string | null) => (iso === null ? '—' : uiLang(i18n.language) === 'ja' ? iso.replaceAll('-', '/') : iso);
  const d = useApi('stats/dashboard', {});
  // Review queues belong to the review area; if its call fails, the cards say so instead of 0.
  const rq = useApi('review/queueCounts', { fiscalYear: currentFiscalYear() });
  const review = rq.error ? null : rq.data;
  const v = d.data;
  const call = v?.call;
  const callText = !v
    ? '…'
    : !call
      ? t('dashboard.noCall')
      : t(call.state === 'open' ? 'dashboard.callOpen' : call.state === 'upcoming' ? 'dashboard.callUpcoming' : 'dashboard.callClosed', {
          n: call.number,
          from: date(call.opensOn),
          to: date(call.closesOn),
        });
  return (
    <section className="page home-page">
      <h1>{t('dashboard.title')}</h1>
      <p>{t('home.welcome')}</p>
      <ErrorBox error={d.error} />
      <div className="cards">
        <div className="card">
          <div className="card-label">{t('dashboard.fiscalYear')}</div>
          <div className="card-value" data-testid="home-fy">
            {v ? t('dashboard.fyValue', { fy: v.fiscalYear }) : '…'}
          </div>
        </div>
        <div className="card card-wide">
          <div className="card-label">{t('dashboard.call')}</div>
          <div className="card-text" data-testid="home-call">
            {callText}
          </div>
        </div>
      </div>
      <h2>{t('dashboard.queues')}</h2>
      <div className="cards">
        <QueueCard label={t('dashboard.applications')} value={v?.applications} href="#/applications" testId="home-app-count" />
        <QueueCard label={t('dashboard.problems')} value={v?.applicationsWithProblems} href="#/applications" testId="home-problems" alert />
        <QueueCard label={t('dashboard.reviews')} value={review === null ? null : review?.outstanding} href="#/review/outstanding" testId="home-reviews" alert />
        <QueueCard label={t('dashboard.decisions')} value={review === null ? null : review?.ready} href="#/review/ready" testId="home-decisions" alert />
        <QueueCard label={t('dashboard.overdue')} value={v?.reportsOverdue} href="#/results/overdue" testId="home-overdue" alert />
      </div>
      <h2>{t('dashboard.mainChart')}</h2>
      {/* The chart's data table carries the official record, so it keeps the track-record id. */}
      <YearChart testId="home-chart" tableTestId="track-record" />
    </section>
  );
}
