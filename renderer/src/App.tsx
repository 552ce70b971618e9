import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { transport } from './api/client.ts';
import { setLanguage, type UiLang } from './i18n/index.ts';
import { ApplicationsPage } from './pages/applications/ApplicationsPage.tsx';
import { ChartsPage } from './pages/charts/ChartsPage.tsx';
import { Home } from './pages/Home.tsx';
import { InstitutionsPage } from './pages/institutions/InstitutionsPage.tsx';
import { ParticipantsPage } from './pages/programs/ParticipantsPage.tsx';
import { ProgramsPage } from './pages/programs/ProgramsPage.tsx';
import { ResultsPage } from './pages/results/ResultsPage.tsx';
import { ReviewPage } from './pages/review/ReviewPage.tsx';
import { SettingsPage } from './pages/settings/SettingsPage.tsx';
import { RecoveryScreen } from './pages/backup/RecoveryScreen.tsx';
import { AuditScreen } from './pages/backup/AuditScreen.tsx';
import { BackupsScreen } from './pages/backup/BackupsScreen.tsx';
import { currentFiscalYear } from './calendar.ts';
import { useRoute } from './router.ts';
import { useApi } from './useApi.ts';

/** Five petals drawn in SVG: an emoji would depend on a colour-emoji font being installed. */
function SakuraMark() {
  return (
    <svg className="brand-mark" width="22" height="22" viewBox="-12 -12 24 24" aria-hidden="true">
      {[0, 72, 144, 216, 288].map((a) => (
        <ellipse key={a} cx="0" cy="-6" rx="4.2" ry="6" fill="#f4a7bf" stroke="#d6336c" strokeWidth="0.8" transform={`rotate(${a})`} />
      ))}
      <circle r="2.2" fill="#d6336c" />
    </svg>
  );
}

/** The product's areas in the order staff meet them during a fiscal year. */
const NAV = ['home', 'applications', 'review', 'programs', 'participants', 'results', 'charts', 'institutions', 'settings'] as const;
type Area = (typeof NAV)[number];

function Page({ area, route }: { area: Area; route: string[] }) {
  switch (area) {
    case 'home':
      return <Home />;
    case 'applications':
      return <ApplicationsPage route={route} />;
    case 'institutions':
      return <InstitutionsPage route={route} />;
    case 'settings':
      return <SettingsPage route={route} screens={{ backups: <BackupsScreen />, history: <AuditScreen /> }} />;
    case 'review':
      return <ReviewPage route={route} />;
    case 'programs':
      return <ProgramsPage route={route} />;
    case 'participants':
      return <ParticipantsPage route={route} />;
    case 'results':
      return <ResultsPage route={route} />;
    case 'charts':
      return <ChartsPage route={route} />;
  }
}

const WORK_QUEUES = ['eligibility', 'assignment', 'outstanding', 'ready'] as const;

/**
 * The review queues that hold work, with their counts, under 審査 in the navigation: staff see
 * what waits without opening the review screen. Refreshed on every navigation.
 */
function ReviewQueueNav({ routeKey, active }: { routeKey: string; active: string | undefined }) {
  const { t } = useTranslation();
  const counts = useApi('review/queueCounts', { fiscalYear: currentFiscalYear() });
  const reload = counts.reload;
  useEffect(() => reload(), [routeKey, reload]);
  return (
    <ul className="subnav" data-testid="nav-review-queues">
      {WORK_QUEUES.map((q) => (
        <li key={q}>
          <a href={`#/review/${q}`} className={active === q ? 'active' : undefined} data-testid={`nav-queue-${q}`}>
            <span>{t(`review.tabs.${q}`)}</span>
            <span className={`nav-count${(counts.data?.[q] ?? 0) > 0 ? ' nonzero' : ''}`}>{counts.data?.[q] ?? '…'}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

function StatusLine() {
  const { t } = useTranslation();
  const info = useApi('app/info', {});
  return (
    <footer className="status-line" data-testid="status-line">
      <span>{t(transport === 'electron' ? 'status.electron' : 'status.web')}</span>
      <span title={info.data?.dbPath}>
        {t('status.db')}: <code data-testid="db-path">{info.data?.dbPath ?? '…'}</code>
      </span>
      {info.data && (
        <span data-testid="db-engine" title={info.data.server ?? undefined}>
          {info.data.engine === 'postgres' ? `${t('team.server')}: ${info.data.server ?? ''}` : t('team.local')}
        </span>
      )}
      <span>
        {t('status.schema')}: {info.data?.schemaVersion ?? '…'}
      </span>
      <span>
        {t('status.user')}: {info.data?.user ?? '…'}
      </span>
      <span className="version">v{info.data?.appVersion ?? ''}</span>
    </footer>
  );
}

export function App() {
  const { t, i18n } = useTranslation();
  const route = useRoute();
  const area: Area = (NAV as readonly string[]).includes(route[0] ?? '') ? (route[0] as Area) : 'home';
  const lang = (i18n.language === 'en' ? 'en' : 'ja') as UiLang;
  // A database that did not open gets its own screen (its sentence, and a restore when damaged).
  const startup = useApi('startup/status', {});
  if (startup.data && !startup.data.ok) return <RecoveryScreen status={startup.data} />;
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <SakuraMark />
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-sub">{t('app.subtitle')}</span>
        </div>
        <label className="lang-switch">
          {t('lang.label')}{' '}
          <select data-testid="lang-select" value={lang} onChange={(e) => setLanguage(e.target.value as UiLang)}>
            <option value="ja">{t('lang.ja')}</option>
            <option value="en">{t('lang.en')}</option>
          </select>
        </label>
      </header>
      <nav className="sidenav" aria-label={t('app.name')}>
        <ul>
          {NAV.map((a) => (
            <li key={a}>
              <a href={`#/${a}`} className={a === area ? 'active' : undefined} aria-current={a === area ? 'page' : undefined} data-testid={`nav-${a}`}>
                {t(`nav.${a}`)}
              </a>
              {a === 'review' && <ReviewQueueNav routeKey={route.join('/')} active={area === 'review' ? route[1] : undefined} />}
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <Page area={area} route={route.slice(1)} />
      </main>
      <StatusLine />
    </div>
  );
}
