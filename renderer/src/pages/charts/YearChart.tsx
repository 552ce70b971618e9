// Applications vs adoptions per fiscal year (bars) with the adoption rate (line): the official
// 2014–2019 record built in, every later year counted from the database. Used on the charts page
// and as the home dashboard's main chart.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { missingYearRuns, percent, totals } from '../../../../shared/stats/aggregate.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { useApi } from '../../useApi.ts';
import { ChartCard, type Mode } from './ChartCard.tsx';
import { fillOf, fmt, fmtPercent, Patterns, RATE_LINE, SERIES, uiLang } from './theme.tsx';

export function YearChart({ testId = 'chart-by-year', tableTestId }: { testId?: string; tableTestId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const prefix = `y${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [mode, setMode] = useState<Mode>('count');
  const stats = useApi('stats/byYear', {});
  const rows = (stats.data ?? []).map((s) => ({ ...s, rate: percent(s.adoptions, s.applications), label: String(s.fiscalYear) }));
  const builtIn = rows.filter((r) => r.builtIn);
  // Years with no record at all between the first and last (the official record stops at 2019).
  const missingText = missingYearRuns(rows.map((r) => r.fiscalYear))
    .map(([a, b]) => (a === b ? String(a) : `${a}–${b}`))
    .join(lang === 'ja' ? '、' : ', ');
  const sum = totals(builtIn);
  const names = { applications: t('charts.applications'), adoptions: t('charts.adoptions'), rate: t('charts.adoptionRate') };
  const legend = [
    ...(mode === 'count'
      ? [
          { label: names.applications, style: SERIES[0]!, fill: fillOf(prefix, 0), kind: 'bar' as const },
          { label: names.adoptions, style: SERIES[1]!, fill: fillOf(prefix, 1), kind: 'bar' as const },
        ]
      : []),
    { label: `${names.rate} (%)`, style: { ...SERIES[0]!, color: RATE_LINE.color, dash: RATE_LINE.dash }, fill: RATE_LINE.color, kind: 'line' as const },
  ];

  const chart = (
    <ResponsiveContainer width="100%" height={340}>
      <ComposedChart data={rows} margin={{ top: 24, right: 16, bottom: 8, left: 8 }}>
        <Patterns prefix={prefix} />
        <CartesianGrid stroke="#e3e7ec" vertical={false} />
        {builtIn.length > 0 && (
          <ReferenceArea
            x1={builtIn[0]!.label}
            x2={builtIn.at(-1)!.label}
            yAxisId="left"
            fill="#eef1f5"
            fillOpacity={0.8}
            ifOverflow="visible"
            label={{ value: t('charts.builtInArea'), position: 'insideTop', fontSize: 12, fill: '#5f6b7a' }}
          />
        )}
        <XAxis dataKey="label" tick={{ fontSize: 12 }} label={{ value: t('charts.fy'), position: 'insideBottomRight', offset: -4, fontSize: 12 }} />
        <YAxis
          yAxisId="left"
          hide={mode === 'rate'}
          tickFormatter={(v: number) => fmt(v, lang)}
          tick={{ fontSize: 12 }}
          label={{ value: t('charts.axisCount'), angle: -90, position: 'insideLeft', fontSize: 12 }}
        />
        <YAxis
          yAxisId="right"
          orientation={mode === 'rate' ? 'left' : 'right'}
          domain={[0, 100]}
          tickFormatter={(v: number) => `${v}%`}
          tick={{ fontSize: 12 }}
          label={{ value: t('charts.axisRate'), angle: mode === 'rate' ? -90 : 90, position: mode === 'rate' ? 'insideLeft' : 'insideRight', fontSize: 12 }}
        />
        <Tooltip
          formatter={(value, name) => [
            name === names.rate ? fmtPercent(typeof value === 'number' ? value : null, lang) : fmt(Number(value), lang),
            String(name),
          ]}
          labelFormatter={(label) => {
            const r = rows.find((x) => x.label === label);
            return `${t('charts.fyLabel', { fy: label })}${r?.builtIn ? `（${t('charts.builtIn')}）` : ''}`;
          }}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {mode === 'count' && (
          <Bar yAxisId="left" dataKey="applications" name={names.applications} fill={fillOf(prefix, 0)} stroke={SERIES[0]!.ink} isAnimationActive={false} />
        )}
        {mode === 'count' && (
          <Bar yAxisId="left" dataKey="adoptions" name={names.adoptions} fill={fillOf(prefix, 1)} stroke={SERIES[1]!.ink} isAnimationActive={false} />
        )}
        <Line
          yAxisId="right"
          dataKey="rate"
          name={names.rate}
          stroke={RATE_LINE.color}
          strokeWidth={2}
          strokeDasharray={RATE_LINE.dash}
          dot={{ r: 3, fill: '#fff', stroke: RATE_LINE.color }}
          isAnimationActive={false}
          connectNulls
        />
      </ComposedChart>
    </ResponsiveContainer>
  );

  const table = (
    <table className="grid chart-data" data-testid={tableTestId ?? `${testId}-table`}>
      <thead>
        <tr>
          <th>{t('charts.fy')}</th>
          <th className="num">{t('charts.applications')}</th>
          <th className="num">{t('charts.adoptions')}</th>
          <th className="num">{t('charts.adoptionRate')}</th>
          <th>{t('charts.source')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.fiscalYear} data-fy={r.fiscalYear}>
            <th>{r.fiscalYear}</th>
            <td className="num">{fmt(r.applications, lang)}</td>
            <td className="num">{fmt(r.adoptions, lang)}</td>
            <td className="num">{fmtPercent(r.rate, lang)}</td>
            <td>{r.builtIn ? t('charts.builtIn') : t('charts.counted')}</td>
          </tr>
        ))}
      </tbody>
      {builtIn.length > 0 && (
        <tfoot>
          <tr>
            <th>{t('charts.totalBuiltIn', { from: builtIn[0]!.fiscalYear, to: builtIn.at(-1)!.fiscalYear })}</th>
            <td className="num">{fmt(sum.applications, lang)}</td>
            <td className="num">{fmt(sum.adoptions, lang)}</td>
            <td className="num">{fmtPercent(percent(sum.adoptions, sum.applications), lang)}</td>
            <td>{t('charts.builtIn')}</td>
          </tr>
        </tfoot>
      )}
    </table>
  );

  return (
    <>
      <ErrorBox error={stats.error} />
      <ChartCard
        testId={testId}
        title={t('charts.byYearTitle')}
        note={missingText ? `${t('charts.byYearNote')} ${t('charts.noData', { years: missingText })}` : t('charts.byYearNote')}
        fileBase="sakura-applications-by-year"
        mode={mode}
        onMode={setMode}
        legend={legend}
        xlsx={{ chart: 'byYear' }}
        chart={stats.data ? chart : <p className="muted">…</p>}
        table={table}
      />
    </>
  );
}
