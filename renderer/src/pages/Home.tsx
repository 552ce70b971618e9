import { useTranslation } from 'react-i18next';
import { useApi } from '../useApi.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';

export function Home() {
  const { t, i18n } = useTranslation();
  const stats = useApi('stats/byYear', {});
  const apps = useApi('applications/list', {});
  const nf = new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'ja-JP');
  const builtIn = stats.data?.filter((s) => s.builtIn) ?? [];
  return (
    <section className="page">
      <h1>{t('home.title')}</h1>
      <p>{t('home.welcome')}</p>
      <ErrorBox error={stats.error ?? apps.error} />
      <div className="cards">
        <div className="card">
          <div className="card-label">{t('home.appCount')}</div>
          <div className="card-value" data-testid="home-app-count">
            {apps.data ? nf.format(apps.data.total) : '…'}
          </div>
        </div>
      </div>
      <h2>{t('home.trackRecord')}</h2>
      <table className="grid" data-testid="track-record">
        <thead>
          <tr>
            <th>{t('home.fy')}</th>
            {builtIn.map((s) => (
              <th key={s.fiscalYear}>{s.fiscalYear}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th>{t('home.applications')}</th>
            {builtIn.map((s) => (
              <td key={s.fiscalYear} className="num">{nf.format(s.applications)}</td>
            ))}
          </tr>
          <tr>
            <th>{t('home.adoptions')}</th>
            {builtIn.map((s) => (
              <td key={s.fiscalYear} className="num">{nf.format(s.adoptions)}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </section>
  );
}
