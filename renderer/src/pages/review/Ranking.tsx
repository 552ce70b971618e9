// Ranking (mean, z-score or Borda) with disagreements flagged and reviewer leniency, and the
// budget simulator: adopt in rank order within the budget, see the result, then commit.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../../shared/api/index.ts';
import { countryName } from '../../../../shared/countries.ts';
import { COURSES } from '../../../../shared/domain.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { VirtualRowsTable } from '../../ui/VirtualRowsTable.tsx';
import { useApi } from '../../useApi.ts';
import { StatusBadge } from '../../ui/EligibilityBadge.tsx';
import { formatYen, uiLang } from '../../ui/format.ts';
import { download, score } from './files.ts';
import { notice, useNoticeText, type Notice } from '../../ui/notice.ts';

/** ✓ when the plan has no open violations, else its violation codes. */
function EligibilityCell({ eligible, violations }: { eligible: boolean; violations: string[] }) {
  const { t } = useTranslation();
  return eligible ? (
    <span className="rv-eligible">✓ {t('selection.eligible')}</span>
  ) : (
    <span className="rv-ineligible" title={violations.join(' ')}>
      ⚠ {t('selection.ineligible')}
      <code>{violations.join(' ')}</code>
    </span>
  );
}

type Method = 'mean' | 'zscore' | 'borda';
// Rows of a year's ranking and of a simulation: hundreds, drawn a screenful at a time.
const ROW_HEIGHT = 37;
type Sim = CallOutput<'review/simulateBudget'>;

function Breakdown({ title, rows, lang, label }: { title: string; rows: Sim['byCourse']; lang: 'ja' | 'en'; label?: (key: string) => string }) {
  const { t } = useTranslation();
  return (
    <table className="grid">
      <caption style={{ textAlign: 'left', fontWeight: 600 }}>{title}</caption>
      <thead>
        <tr>
          <th>{t('review.col.key')}</th>
          <th className="num">{t('review.col.count')}</th>
          <th className="num">{t('review.col.amount')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{label ? label(r.key) : r.key}</td>
            <td className="num">{r.count}</td>
            <td className="num">{formatYen(r.amount, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Ranking({ fiscalYear, onChanged }: { fiscalYear: number; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const [method, setMethod] = useState<Method>('mean');
  const [threshold, setThreshold] = useState(1.5);
  const ranking = useApi('review/ranking', { fiscalYear, method, disagreementThreshold: threshold });
  const [budget, setBudget] = useState('');
  const [minReviews, setMinReviews] = useState(3);
  const [quotas, setQuotas] = useState<Record<string, string>>({});
  const [sim, setSim] = useState<Sim | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<Notice | null>(null);
  const noticeText = useNoticeText();
  const simInput = {
    fiscalYear,
    method,
    disagreementThreshold: threshold,
    budgetYen: budget ? Number(budget) : null,
    quotas: Object.fromEntries(Object.entries(quotas).filter(([, v]) => v !== '').map(([k, v]) => [k, Number(v)])),
    minReviews,
  };
  const course = (c: string) => t(`applications.courseShort.${c}`);
  const country = (c: string) => (c === '—' ? c : countryName(c, lang));
  const run = async (fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div data-testid="ranking">
      <div className="toolbar">
        <label className="rv-field">
          {t('review.ranking.method')}
          <select value={method} onChange={(e) => setMethod(e.target.value as Method)} data-testid="rank-method">
            {(['mean', 'zscore', 'borda'] as const).map((m) => (
              <option key={m} value={m}>
                {t(`review.ranking.methods.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="rv-field">
          {t('review.ranking.threshold')}
          <input type="number" step={0.5} min={0} max={4} value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} />
        </label>
        <button type="button" onClick={() => void run(async () => download(await call('review/exportSummary', { fiscalYear, method, disagreementThreshold: threshold })))}>
          {t('review.ranking.exportSummary')}
        </button>
      </div>
      <ErrorBox error={ranking.error ?? error} />
      <VirtualRowsTable
        className="grid rv-table rv-rank"
        testId="rank-table"
        rows={ranking.data?.rows ?? []}
        rowHeight={ROW_HEIGHT}
        columns={14}
        head={
          <tr>
            <th className="num">{t('review.col.rank')}</th>
            <th>{t('review.col.applicationNo')}</th>
            <th>{t('review.col.course')}</th>
            <th>{t('review.col.title')}</th>
            <th className="num">{t('selection.reviews')}</th>
            <th>{t('selection.eligibility')}</th>
            <th className="num">{t('review.col.mean')}</th>
            <th className="num">{t('review.col.median')}</th>
            <th className="num">{t('review.col.spread')}</th>
            <th className="num">{t('review.col.z')}</th>
            <th className="num">{t('review.col.borda')}</th>
            <th>{t('review.col.flag')}</th>
            <th className="num">{t('review.col.amount')}</th>
            <th>{t('review.col.status')}</th>
          </tr>
        }
        renderRow={(r) => (
          <tr key={r.applicationId} data-testid="rank-row" style={{ height: ROW_HEIGHT }}>
            <td className="num">{r.rank}</td>
            <td>
              <a href={`#/review/app/${encodeURIComponent(r.applicationId)}/ranking`}>{r.applicationNo}</a>
            </td>
            <td>{course(r.course)}</td>
            <td className="title" title={r.title}>
              {r.title}
            </td>
            <td className="num" data-testid="rank-reviews">
              {r.n}
            </td>
            <td data-testid="rank-eligibility">
              <EligibilityCell eligible={r.eligible} violations={r.violations} />
            </td>
            <td className="num">{score(r.mean)}</td>
            <td className="num">{score(r.median)}</td>
            <td className="num">{score(r.spread)}</td>
            <td className="num">{score(r.zMean)}</td>
            <td className="num">{score(r.borda)}</td>
            <td>{r.disagreement && <span className="rv-flag">⚑ {t('review.col.flag')}</span>}</td>
            <td className="num">{formatYen(r.requestedAmount, lang)}</td>
            <td>
              <StatusBadge status={r.status} />
            </td>
          </tr>
        )}
      />
      <h2>{t('review.ranking.leniency')}</h2>
      <VirtualRowsTable
        className="grid"
        testId="leniency-table"
        rows={ranking.data?.reviewers ?? []}
        rowHeight={ROW_HEIGHT}
        columns={4}
        head={
          <tr>
            <th>{t('review.col.reviewer')}</th>
            <th className="num">{t('review.col.n')}</th>
            <th className="num">{t('review.col.mean')}</th>
            <th className="num">{t('review.col.leniency')}</th>
          </tr>
        }
        renderRow={(r) => (
          <tr key={r.reviewerId} style={{ height: ROW_HEIGHT }}>
            <td>{r.reviewer}</td>
            <td className="num">{r.n}</td>
            <td className="num">{score(r.mean)}</td>
            <td className="num">{(r.leniency > 0 ? '+' : '') + score(r.leniency)}</td>
          </tr>
        )}
      />
      <div className="rv-panel" style={{ marginTop: 16 }} data-testid="budget">
        <h2>{t('review.budget.title')}</h2>
        <div className="toolbar">
          <label className="rv-field">
            {t('review.budget.budget')}
            <input type="number" min={0} value={budget} onChange={(e) => setBudget(e.target.value)} data-testid="budget-yen" />
          </label>
          <span className="rv-field">
            {t('review.budget.quotas')}
            <span className="toolbar" style={{ margin: 0 }}>
              {COURSES.map((c) => (
                <label key={c}>
                  {course(c)}{' '}
                  <input type="number" min={0} style={{ width: 64 }} value={quotas[c] ?? ''} onChange={(e) => setQuotas({ ...quotas, [c]: e.target.value })} />
                </label>
              ))}
            </span>
          </span>
          <label className="rv-field">
            {t('selection.minReviews')}
            <input type="number" min={0} max={20} style={{ width: 64 }} value={minReviews} onChange={(e) => setMinReviews(Number(e.target.value))} data-testid="budget-min-reviews" />
          </label>
          <button type="button" onClick={() => void run(async () => setSim(await call('review/simulateBudget', simInput)))} data-testid="budget-simulate">
            {t('review.budget.simulate')}
          </button>
        </div>
        {message && <p className="rv-ok">{noticeText(message)}</p>}
        {sim && (
          <div data-testid="budget-result">
            <p>{t('review.budget.result', { budget: formatYen(sim.budgetYen, lang), spent: formatYen(sim.spent, lang), count: sim.adopted.length })}</p>
            <VirtualRowsTable
              className="grid"
              testId="budget-adopted"
              rows={sim.adopted}
              rowHeight={ROW_HEIGHT}
              columns={6}
              head={
                <tr>
                  <th className="num">{t('review.col.rank')}</th>
                  <th>{t('review.col.applicationNo')}</th>
                  <th>{t('review.col.course')}</th>
                  <th className="num">{t('selection.reviews')}</th>
                  <th>{t('selection.eligibility')}</th>
                  <th className="num">{t('review.col.amount')}</th>
                </tr>
              }
              renderRow={(a) => (
                <tr key={a.applicationId} style={{ height: ROW_HEIGHT }}>
                  <td className="num">{a.rank}</td>
                  <td>{a.applicationNo}</td>
                  <td>{course(a.course)}</td>
                  <td className="num">{a.n}</td>
                  <td>
                    <EligibilityCell eligible={a.eligible} violations={a.violations} />
                  </td>
                  <td className="num">{formatYen(a.requestedAmount, lang)}</td>
                </tr>
              )}
            />
            {sim.passed.length > 0 && (
              <VirtualRowsTable
                className="grid"
                testId="budget-passed"
                caption={<caption style={{ textAlign: 'left', fontWeight: 600 }}>{t('selection.passedTitle')}</caption>}
                rows={sim.passed}
                rowHeight={ROW_HEIGHT}
                columns={4}
                head={
                  <tr>
                    <th>{t('review.col.applicationNo')}</th>
                    <th>{t('selection.passedTitle')}</th>
                    <th className="num">{t('selection.reviews')}</th>
                    <th>{t('selection.eligibility')}</th>
                  </tr>
                }
                renderRow={(p) => (
                  <tr key={p.applicationId} data-testid="budget-passed-row" style={{ height: ROW_HEIGHT }}>
                    <td>{p.applicationNo}</td>
                    <td data-reason={p.reason}>{t(`selection.reason.${p.reason}`)}</td>
                    <td className="num">{p.n}</td>
                    <td>{p.eligible ? t('selection.eligible') : t('selection.ineligible')}</td>
                  </tr>
                )}
              />
            )}
            <div className="rv-breakdowns">
              <Breakdown title={t('review.budget.byCourse')} rows={sim.byCourse} lang={lang} label={course} />
              <Breakdown title={t('review.budget.byCountry')} rows={sim.byCountry} lang={lang} label={country} />
              <Breakdown title={t('review.budget.byHost')} rows={sim.byHost} lang={lang} />
            </div>
            {sim.adopted.length > 0 && (
              <button
                type="button"
                className="primary"
                style={{ marginTop: 10 }}
                data-testid="budget-commit"
                onClick={() => {
                  if (!window.confirm(t('review.budget.confirm', { count: sim.adopted.length }))) return;
                  void run(async () => {
                    // Main runs the simulation again and adopts only if it still gives this result.
                    const r = await call('review/commitBudget', { ...simInput, applicationIds: sim.adopted.map((a) => a.applicationId), comment: t('review.budget.title') });
                    setMessage(notice('review.decided', { count: r.decided }));
                    setSim(null);
                    ranking.reload();
                    onChanged();
                  });
                }}
              >
                {t('review.budget.commit', { count: sim.adopted.length })}
              </button>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
