// application → adoption → implementation → report for one fiscal year. 率 shows each stage as a
// share of the applications.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { percent } from '../../../../shared/stats/aggregate.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { useApi } from '../../useApi.ts';
import { ChartCard, type Mode } from './ChartCard.tsx';
import { fillOf, fmt, fmtPercent, Patterns, SERIES, uiLang } from './theme.tsx';

const STAGES = ['applications', 'adoptions', 'implemented', 'reported'] as const;

export function FunnelChart({ fiscalYear }: { fiscalYear: number }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const prefix = `f${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [mode, setMode] = useState<Mode>('count');
  const data = useApi('stats/funnel', { fiscalYear });
  const f = data.data;
  const rows = STAGES.map((s, i) => {
    const value = f ? f[s] : 0;
    const prev = f && i > 0 ? f[STAGES[i - 1]!] : null;
    return {
      stage: s,
      label: t(`charts.stages.${s}`),
      value,
      ofApps: f ? percent(value, f.applications) : null,
      ofPrev: prev === null ? null : percent(value, prev),
    };
  });
  const key = mode === 'count' ? 'value' : 'ofApps';
  const legend = rows.map((r, i) => ({ label: r.label, style: SERIES[i]!, fill: fillOf(prefix, i), kind: 'bar' as const }));

  const chart = (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 64, bottom: 8, left: 8 }}>
        <Patterns prefix={prefix} />
        <CartesianGrid stroke="#e3e7ec" horizontal={false} />
        <XAxis
          type="number"
          domain={mode === 'rate' ? [0, 100] : [0, 'auto']}
          tickFormatter={(v: number) => (mode === 'rate' ? `${v}%` : fmt(v, lang))}
          tick={{ fontSize: 12 }}
          allowDecimals={false}
        />
        <YAxis type="category" dataKey="label" width={90} tick={{ fontSize: 13 }} />
        <Tooltip formatter={(v) => [mode === 'rate' ? fmtPercent(typeof v === 'number' ? v : null, lang) : fmt(Number(v), lang), t(mode === 'rate' ? 'charts.ofApplications' : 'charts.count')]} />
        <Bar dataKey={key} isAnimationActive={false}>
          {rows.map((r, i) => (
            <Cell key={r.stage} fill={fillOf(prefix, i)} stroke={SERIES[i]!.ink} />
          ))}
          <LabelList
            dataKey={key}
            position="right"
            fontSize={12}
            formatter={(v: unknown) => (mode === 'rate' ? fmtPercent(typeof v === 'number' ? v : null, lang) : fmt(Number(v), lang))}
          />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );

  const table = (
    <table className="grid chart-data" data-testid="chart-funnel-table">
      <thead>
        <tr>
          <th>{t('charts.stage')}</th>
          <th className="num">{t('charts.count')}</th>
          <th className="num">{t('charts.ofApplications')}</th>
          <th className="num">{t('charts.ofPrevious')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.stage}>
            <th>{r.label}</th>
            <td className="num">{fmt(r.value, lang)}</td>
            <td className="num">{fmtPercent(r.ofApps, lang)}</td>
            <td className="num">{fmtPercent(r.ofPrev, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <>
      <ErrorBox error={data.error} />
      <ChartCard
        testId="chart-funnel"
        title={t('charts.funnelTitle', { fy: fiscalYear })}
        fileBase={`sakura-funnel-${fiscalYear}`}
        mode={mode}
        onMode={setMode}
        legend={legend}
        xlsx={{ chart: 'funnel', fiscalYear }}
        chart={chart}
        table={table}
      />
    </>
  );
}
