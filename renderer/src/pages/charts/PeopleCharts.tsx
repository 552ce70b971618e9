// People invited per fiscal year (actual numbers from the implementation records) and the
// follow-up outcomes of those years' invitees.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { FOLLOW_UP_KINDS, percent } from '../../../../shared/stats/aggregate.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { useApi } from '../../useApi.ts';
import { ChartCard, type Mode } from './ChartCard.tsx';
import { fillOf, fmt, fmtPercent, Patterns, SERIES, uiLang } from './theme.tsx';

/** Invitees per program with one decimal (a ratio, shown in 率 mode). */
const perProgram = (invitees: number, programs: number) => (programs > 0 ? Math.round((invitees / programs) * 10) / 10 : null);

export function PeopleChart() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const prefix = `p${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [mode, setMode] = useState<Mode>('count');
  const data = useApi('stats/people', {});
  const rows = (data.data ?? []).map((r) => ({ ...r, label: String(r.fiscalYear), per: perProgram(r.invitees, r.programs) }));
  const names = { invitees: t('charts.invitees'), escorts: t('charts.escorts'), per: t('charts.perProgram') };
  const legend =
    mode === 'count'
      ? [
          { label: names.invitees, style: SERIES[0]!, fill: fillOf(prefix, 0), kind: 'bar' as const },
          { label: names.escorts, style: SERIES[1]!, fill: fillOf(prefix, 1), kind: 'bar' as const },
        ]
      : [{ label: names.per, style: SERIES[2]!, fill: fillOf(prefix, 2), kind: 'bar' as const }];

  const chart = rows.length ? (
    <ResponsiveContainer width="100%" height={300}>
      <BarChart data={rows} margin={{ top: 16, right: 16, bottom: 8, left: 8 }}>
        <Patterns prefix={prefix} />
        <CartesianGrid stroke="#e3e7ec" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} label={{ value: t('charts.fy'), position: 'insideBottomRight', offset: -4, fontSize: 12 }} />
        <YAxis tickFormatter={(v: number) => fmt(v, lang)} tick={{ fontSize: 12 }} />
        <Tooltip formatter={(v, name) => [fmt(Number(v), lang), String(name)]} labelFormatter={(l) => t('charts.fyLabel', { fy: l })} />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {mode === 'count' ? (
          [
            <Bar key="i" dataKey="invitees" name={names.invitees} fill={fillOf(prefix, 0)} stroke={SERIES[0]!.ink} isAnimationActive={false} />,
            <Bar key="e" dataKey="escorts" name={names.escorts} fill={fillOf(prefix, 1)} stroke={SERIES[1]!.ink} isAnimationActive={false} />,
          ]
        ) : (
          <Bar dataKey="per" name={names.per} fill={fillOf(prefix, 2)} stroke={SERIES[2]!.ink} isAnimationActive={false} />
        )}
      </BarChart>
    </ResponsiveContainer>
  ) : (
    <p className="muted chart-empty">{t('charts.peopleEmpty')}</p>
  );

  const table = (
    <table className="grid chart-data" data-testid="chart-people-table">
      <thead>
        <tr>
          <th>{t('charts.fy')}</th>
          <th className="num">{t('charts.programs')}</th>
          <th className="num">{t('charts.invitees')}</th>
          <th className="num">{t('charts.escorts')}</th>
          <th className="num">{t('charts.perProgram')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.fiscalYear}>
            <th>{r.fiscalYear}</th>
            <td className="num">{fmt(r.programs, lang)}</td>
            <td className="num">{fmt(r.invitees, lang)}</td>
            <td className="num">{fmt(r.escorts, lang)}</td>
            <td className="num">{r.per === null ? '–' : fmt(r.per, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <>
      <ErrorBox error={data.error} />
      <ChartCard
        testId="chart-people"
        title={t('charts.peopleTitle')}
        fileBase="sakura-people-by-year"
        mode={mode}
        onMode={setMode}
        legend={legend}
        xlsx={{ chart: 'people' }}
        chart={chart}
        table={table}
      />
    </>
  );
}

export function OutcomesChart() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const prefix = `o${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [mode, setMode] = useState<Mode>('count');
  const data = useApi('stats/outcomes', {});
  const rows = (data.data ?? []).map((r) => ({
    label: String(r.fiscalYear),
    fiscalYear: r.fiscalYear,
    invitees: r.invitees,
    anyOutcome: r.anyOutcome,
    ...Object.fromEntries(FOLLOW_UP_KINDS.map((k) => [k, mode === 'count' ? r.counts[k] : percent(r.counts[k], r.invitees)])),
    counts: r.counts,
  }));
  const legend = FOLLOW_UP_KINDS.map((k, i) => ({ label: t(`charts.outcomes.${k}`), style: SERIES[i]!, fill: fillOf(prefix, i), kind: 'bar' as const }));

  const chart = rows.length ? (
    <ResponsiveContainer width="100%" height={320}>
      <BarChart data={rows} margin={{ top: 16, right: 16, bottom: 8, left: 8 }}>
        <Patterns prefix={prefix} />
        <CartesianGrid stroke="#e3e7ec" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} label={{ value: t('charts.fy'), position: 'insideBottomRight', offset: -4, fontSize: 12 }} />
        <YAxis
          tickFormatter={(v: number) => (mode === 'rate' ? `${v}%` : fmt(v, lang))}
          tick={{ fontSize: 12 }}
          allowDecimals={false}
          label={{ value: t(mode === 'rate' ? 'charts.axisRate' : 'charts.invitees'), angle: -90, position: 'insideLeft', fontSize: 12 }}
        />
        <Tooltip
          formatter={(v, name) => [mode === 'rate' ? fmtPercent(typeof v === 'number' ? v : null, lang) : fmt(Number(v), lang), String(name)]}
          labelFormatter={(l) => t('charts.fyLabel', { fy: l })}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {FOLLOW_UP_KINDS.map((k, i) => (
          <Bar
            key={k}
            dataKey={k}
            name={t(`charts.outcomes.${k}`)}
            // Counts stack (people per year); rates stand side by side (each is its own share).
            stackId={mode === 'count' ? 'o' : undefined}
            fill={fillOf(prefix, i)}
            stroke={SERIES[i]!.ink}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  ) : (
    <p className="muted chart-empty">{t('charts.outcomesEmpty')}</p>
  );

  const table = (
    <table className="grid chart-data" data-testid="chart-outcomes-table">
      <thead>
        <tr>
          <th>{t('charts.fy')}</th>
          <th className="num">{t('charts.roster')}</th>
          {FOLLOW_UP_KINDS.map((k) => (
            <th key={k} className="num">
              {t(`charts.outcomes.${k}`)}
            </th>
          ))}
          <th className="num">{t('charts.anyOutcome')}</th>
          <th className="num">{t('charts.outcomeRate')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.fiscalYear}>
            <th>{r.fiscalYear}</th>
            <td className="num">{fmt(r.invitees, lang)}</td>
            {FOLLOW_UP_KINDS.map((k) => (
              <td key={k} className="num">
                {fmt(r.counts[k], lang)}
              </td>
            ))}
            <td className="num">{fmt(r.anyOutcome, lang)}</td>
            <td className="num">{fmtPercent(percent(r.anyOutcome, r.invitees), lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <>
      <ErrorBox error={data.error} />
      <ChartCard
        testId="chart-outcomes"
        title={t('charts.outcomesTitle')}
        fileBase="sakura-follow-up-outcomes"
        mode={mode}
        onMode={setMode}
        legend={legend}
        xlsx={{ chart: 'followups' }}
        chart={chart}
        table={table}
      />
    </>
  );
}
