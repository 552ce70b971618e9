import { useTranslation } from 'react-i18next';
import { transport } from './api/client.ts';
import { setLanguage, type UiLang } from './i18n/index.ts';
import { ApplicationsPage } from './pages/applications/ApplicationsPage.tsx';
import { Home } from './pages/Home.tsx';
import { InstitutionsPage } from './pages/institutions/InstitutionsPage.tsx';
import { NotBuilt } from './pages/NotBuilt.tsx';
import { SettingsPage } from './pages/settings/SettingsPage.tsx';
import { useRoute } from './router.ts';
import { useApi } from './useApi.ts';

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
      return <SettingsPage route={route} />;
    default:
      return <NotBuilt areaKey={area} />;
  }
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
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">🌸</span>
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
