// One chart with what every chart has: a title, the 件数/率 switch, PNG/SVG/Excel export and the
// data table beneath it. The chart itself and its table are the caller's.
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput } from '../../../../shared/api/index.ts';
import { ApiError } from '../../../../shared/errors.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { base64ToBlob, buildSvg, download, pngBlob, svgBlob, type LegendEntry } from './exportChart.ts';

export type Mode = 'count' | 'rate';

export function ModeSwitch({ mode, onChange, testId }: { mode: Mode; onChange: (m: Mode) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="chart-mode" role="group" aria-label={t('charts.mode')} data-testid={`${testId}-mode`}>
      {(['count', 'rate'] as const).map((m) => (
        <button key={m} type="button" aria-pressed={mode === m} className={mode === m ? 'on' : undefined} onClick={() => onChange(m)} data-testid={`${testId}-mode-${m}`}>
          {t(`charts.${m}`)}
        </button>
      ))}
    </div>
  );
}

export function ChartCard(props: {
  testId: string;
  title: string;
  note?: string;
  fileBase: string;
  mode: Mode;
  onMode: (m: Mode) => void;
  legend: LegendEntry[];
  xlsx: CallInput<'stats/export'>;
  controls?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async (what: 'png' | 'svg' | 'xlsx') => {
    setBusy(true);
    setError(null);
    try {
      if (what === 'xlsx') {
        const f = await call('stats/export', props.xlsx);
        download(base64ToBlob(f.dataBase64, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), f.fileName);
        return;
      }
      if (!box.current) return;
      const s = buildSvg(box.current, props.title, props.legend);
      const blob = what === 'svg' ? svgBlob(s.svg) : await pngBlob(s.svg, s.width, s.height);
      download(blob, `${props.fileBase}.${what}`);
    } catch (e) {
      setError(e instanceof ApiError ? e : 'failed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="chart-card" data-testid={props.testId}>
      <header className="chart-head">
        <h2>{props.title}</h2>
        <div className="chart-tools">
          {props.controls}
          <ModeSwitch mode={props.mode} onChange={props.onMode} testId={props.testId} />
          <div className="chart-export">
            <button type="button" disabled={busy} onClick={() => void run('png')} data-testid={`${props.testId}-png`}>
              {t('charts.exportPng')}
            </button>
            <button type="button" disabled={busy} onClick={() => void run('svg')} data-testid={`${props.testId}-svg`}>
              {t('charts.exportSvg')}
            </button>
            <button type="button" disabled={busy} onClick={() => void run('xlsx')} data-testid={`${props.testId}-xlsx`}>
              {t('charts.exportXlsx')}
            </button>
          </div>
        </div>
      </header>
      {error === 'failed' ? (
        <div className="error-box" role="alert">
          {t('charts.exportFailed')}
        </div>
      ) : (
        <ErrorBox error={error} />
      )}
      {props.note ? <p className="chart-note muted">{props.note}</p> : null}
      <div className="chart-box" ref={box} data-testid={`${props.testId}-chart`}>
        {props.chart}
      </div>
      <details className="chart-table" open>
        <summary>{t('charts.table')}</summary>
        {props.table}
      </details>
    </section>
  );
}
