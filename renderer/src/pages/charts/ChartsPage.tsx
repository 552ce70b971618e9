// グラフ: one tab per kind of chart (#/charts/<tab>), a fiscal-year picker for the charts that
// are about one year.
import { useTranslation } from 'react-i18next';
import { navigate } from '../../router.ts';
import { useApi } from '../../useApi.ts';
import { BreakdownChart } from './BreakdownChart.tsx';
import './charts.css';
import { FunnelChart } from './FunnelChart.tsx';
import { OutcomesChart, PeopleChart } from './PeopleCharts.tsx';
import { YearChart } from './YearChart.tsx';

const TABS = ['byYear', 'breakdown', 'funnel', 'people'] as const;
type Tab = (typeof TABS)[number];

export function ChartsPage({ route }: { route: string[] }) {
  const { t } = useTranslation();
  const tab: Tab = (TABS as readonly string[]).includes(route[0] ?? '') ? (route[0] as Tab) : 'byYear';
  const years = useApi('stats/years', {});
  const list = years.data ?? [];
  const asked = Number(route[1]);
  const fy = list.includes(asked) ? asked : list.at(-1);
  const perYear = tab === 'breakdown' || tab === 'funnel';

  return (
    <section className="page charts-page">
      <h1>{t('charts.title')}</h1>
      <div className="charts-bar">
        <nav className="charts-tabs" role="tablist">
          {TABS.map((k) => (
            <a key={k} role="tab" aria-selected={k === tab} className={k === tab ? 'on' : undefined} href={`#/charts/${k}${fy && (k === 'breakdown' || k === 'funnel') ? `/${fy}` : ''}`} data-testid={`charts-tab-${k}`}>
              {t(`charts.tabs.${k}`)}
            </a>
          ))}
        </nav>
        {perYear && list.length > 0 && (
          <label className="charts-year">
            {t('charts.fy')}{' '}
            <select value={fy} onChange={(e) => navigate('charts', tab, e.target.value)} data-testid="charts-year">
              {list.map((y) => (
                <option key={y} value={y}>
                  {t('charts.fyLabel', { fy: y })}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {tab === 'byYear' && <YearChart />}
      {perYear && years.data && fy === undefined && <p className="notice">{t('charts.noYears')}</p>}
      {tab === 'breakdown' && fy !== undefined && <BreakdownChart fiscalYear={fy} />}
      {tab === 'funnel' && fy !== undefined && <FunnelChart fiscalYear={fy} />}
      {tab === 'people' && (
        <>
          <PeopleChart />
          <OutcomesChart />
        </>
      )}
    </section>
  );
}
