// One fiscal year's applications and adoptions by course, country/region (top N + その他), field
// or call. 率 shows the adoption rate of each group.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { countryName } from '../../../../shared/countries.ts';
import { OTHER_KEY, percent, topN, UNKNOWN_KEY, type BreakdownBy } from '../../../../shared/stats/aggregate.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { useApi } from '../../useApi.ts';
import { ChartCard, type Mode } from './ChartCard.tsx';
import { fillOf, fmt, fmtPercent, Patterns, SERIES, uiLang } from './theme.tsx';

const BYS: BreakdownBy[] = ['course', 'country', 'field', 'call'];

export function BreakdownChart({ fiscalYear }: { fiscalYear: number }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const prefix = `b${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [by, setBy] = useState<BreakdownBy>('course');
  const [n, setN] = useState(8);
  const [mode, setMode] = useState<Mode>('count');
  const data = useApi('stats/breakdown', { fiscalYear, by });
  const all = data.data ?? [];
  const rows = by === 'country' ? topN(all, n) : all;
  const totalApps = all.reduce((s, r) => s + r.applications, 0);

  const label = (key: string | number): string => {
    if (key === OTHER_KEY) return t('charts.keys.other');
    if (key === UNKNOWN_KEY) return t('charts.keys.unknown');
    if (by === 'course') return t(`charts.courses.${key}`);
    if (by === 'field') return t(`charts.fields.${key}`);
    if (by === 'call') return t('charts.keys.call', { n: key });
    return countryName(String(key), lang);
  };
  const chartRows = rows.map((r) => ({ ...r, label: label(r.key), rate: percent(r.adoptions, r.applications) }));
  const names = { applications: t('charts.applications'), adoptions: t('charts.adoptions'), rate: t('charts.adoptionRate') };
  const legend =
    mode === 'count'
      ? [
          { label: names.applications, style: SERIES[0]!, fill: fillOf(prefix, 0), kind: 'bar' as const },
          { label: names.adoptions, style: SERIES[1]!, fill: fillOf(prefix, 1), kind: 'bar' as const },
        ]
      : [{ label: `${names.rate} (%)`, style: SERIES[2]!, fill: fillOf(prefix, 2), kind: 'bar' as const }];
  const manyLabels = chartRows.length > 6;

  const controls = (
    <>
      <label>
        <select value={by} onChange={(e) => setBy(e.target.value as BreakdownBy)} data-testid="breakdown-by">
          {BYS.map((b) => (
            <option key={b} value={b}>
              {t(`charts.byKey.${b}`)}
            </option>
          ))}
        </select>
      </label>
      {by === 'country' && (
        <label>
          {t('charts.topN')}{' '}
          <select value={n} onChange={(e) => setN(Number(e.target.value))} data-testid="breakdown-top">
            {[5, 8, 10, 15, 20].map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );

  const chart = (
    <ResponsiveContainer width="100%" height={manyLabels ? 380 : 320}>
      <BarChart data={chartRows} margin={{ top: 16, right: 16, bottom: manyLabels ? 40 : 8, left: 8 }}>
        <Patterns prefix={prefix} />
        <CartesianGrid stroke="#e3e7ec" vertical={false} />
        <XAxis dataKey="label" interval={0} tick={{ fontSize: 12 }} angle={manyLabels ? -30 : 0} textAnchor={manyLabels ? 'end' : 'middle'} height={manyLabels ? 70 : 30} />
        {mode === 'count' ? (
          <YAxis tickFormatter={(v: number) => fmt(v, lang)} tick={{ fontSize: 12 }} allowDecimals={false} label={{ value: t('charts.axisCount'), angle: -90, position: 'insideLeft', fontSize: 12 }} />
        ) : (
          <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 12 }} label={{ value: t('charts.axisRate'), angle: -90, position: 'insideLeft', fontSize: 12 }} />
        )}
        <Tooltip formatter={(value, name) => [name === names.rate ? fmtPercent(typeof value === 'number' ? value : null, lang) : fmt(Number(value), lang), String(name)]} />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {mode === 'count' ? (
          [
            <Bar key="a" dataKey="applications" name={names.applications} fill={fillOf(prefix, 0)} stroke={SERIES[0]!.ink} isAnimationActive={false} />,
            <Bar key="d" dataKey="adoptions" name={names.adoptions} fill={fillOf(prefix, 1)} stroke={SERIES[1]!.ink} isAnimationActive={false} />,
          ]
        ) : (
          <Bar dataKey="rate" name={names.rate} fill={fillOf(prefix, 2)} stroke={SERIES[2]!.ink} isAnimationActive={false} />
        )}
      </BarChart>
    </ResponsiveContainer>
  );

  const table = (
    <table className="grid chart-data" data-testid="chart-breakdown-table">
      <thead>
        <tr>
          <th>{t(`charts.byKey.${by}`)}</th>
          <th className="num">{t('charts.applications')}</th>
          <th className="num">{t('charts.adoptions')}</th>
          <th className="num">{t('charts.adoptionRate')}</th>
          <th className="num">{t('charts.share')}</th>
        </tr>
      </thead>
      <tbody>
        {chartRows.map((r) => (
          <tr key={String(r.key)}>
            <th>{r.label}</th>
            <td className="num">{fmt(r.applications, lang)}</td>
            <td className="num">{fmt(r.adoptions, lang)}</td>
            <td className="num">{fmtPercent(r.rate, lang)}</td>
            <td className="num">{fmtPercent(percent(r.applications, totalApps), lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  const byWord = t(`charts.by.${by}`);
  return (
    <>
      <ErrorBox error={data.error} />
      <ChartCard
        testId="chart-breakdown"
        title={t('charts.breakdownTitle', { fy: fiscalYear, by: byWord })}
        note={by === 'country' ? t('charts.countryNote') : undefined}
        fileBase={`sakura-${by}-${fiscalYear}`}
        mode={mode}
        onMode={setMode}
        legend={legend}
        xlsx={{ chart: 'breakdown', by, fiscalYear }}
        controls={controls}
        chart={chart}
        table={table}
      />
    </>
  );
}
