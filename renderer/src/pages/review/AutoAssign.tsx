// Automatic balanced assignment: preview first (nothing written), then apply, then undo if needed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../../shared/api/index.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { useApi } from '../../useApi.ts';
import { notice, useNoticeText, type Notice } from '../../ui/notice.ts';
import { MAX_CALLS_PER_YEAR } from '../../../../shared/api/reference.ts';
import { VirtualRowsTable } from '../../ui/VirtualRowsTable.tsx';

type Plan = CallOutput<'review/previewAutoAssign'>;

const ROW_HEIGHT = 37;

export function AutoAssign({ fiscalYear, onChanged }: { fiscalYear: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const calls = useApi('calls/list', { fiscalYear, limit: MAX_CALLS_PER_YEAR });
  const [callNo, setCallNo] = useState('');
  const [per, setPer] = useState(3);
  const [maxLoad, setMaxLoad] = useState('');
  const [plan, setPlan] = useState<Plan | null>(null);
  const [applied, setApplied] = useState<{ batchId: string; added: number } | null>(null);
  const [message, setMessage] = useState<Notice | null>(null);
  const noticeText = useNoticeText();
  const [error, setError] = useState<unknown>(null);
  const input = { fiscalYear, call: callNo ? Number(callNo) : null, perApplication: per, maxLoad: maxLoad ? Number(maxLoad) : null };
  const run = async (fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="rv-panel" data-testid="auto-assign">
      <p className="muted">{t('review.auto.intro')}</p>
      <div className="toolbar">
        <label className="rv-field">
          {t('review.auto.call')}
          <select value={callNo} onChange={(e) => setCallNo(e.target.value)}>
            <option value="">{t('review.auto.allCalls')}</option>
            {(calls.data?.items ?? []).map((c) => (
              <option key={c.id} value={c.number}>
                {c.number}
              </option>
            ))}
          </select>
        </label>
        <label className="rv-field">
          {t('review.auto.perApplication')}
          <input type="number" min={1} max={20} value={per} onChange={(e) => setPer(Math.max(1, Number(e.target.value) || 1))} data-testid="auto-per" />
        </label>
        <label className="rv-field">
          {t('review.auto.maxLoad')}
          <input type="number" min={1} value={maxLoad} onChange={(e) => setMaxLoad(e.target.value)} data-testid="auto-max" />
        </label>
        <button type="button" onClick={() => void run(async () => setPlan(await call('review/previewAutoAssign', input)))} data-testid="auto-preview">
          {t('review.auto.preview')}
        </button>
        {plan && plan.added.length > 0 && (
          <button
            type="button"
            className="primary"
            data-testid="auto-apply"
            onClick={() =>
              void run(async () => {
                const r = await call('review/autoAssign', input);
                setApplied({ batchId: r.batchId, added: r.added.length });
                setMessage(notice('review.auto.applied', { added: r.added.length }));
                setPlan(null);
                onChanged();
              })
            }
          >
            {t('review.auto.apply')}
          </button>
        )}
        {applied && (
          <button
            type="button"
            data-testid="auto-undo"
            onClick={() =>
              void run(async () => {
                const r = await call('review/undoBatch', { batchId: applied.batchId });
                setMessage(notice('review.undone', { removed: r.removed }));
                setApplied(null);
                onChanged();
              })
            }
          >
            {t('review.undo')}
          </button>
        )}
      </div>
      {message && (
        <p className="rv-ok" role="status" data-testid="auto-message">
          {noticeText(message)}
        </p>
      )}
      <ErrorBox error={error} />
      {plan && (
        <div data-testid="auto-plan">
          <p>
            {plan.added.length === 0
              ? t('review.auto.nothing')
              : t('review.auto.summary', { apps: plan.applications, reviewers: plan.reviewers, added: plan.added.length, matched: plan.matched })}{' '}
            {/* Never "balanced" while applications are short: the shortage line below says what is missing. */}
            {!plan.shortage && <strong>{t(plan.balanced ? 'review.auto.balanced' : 'review.auto.notBalanced')}</strong>}
          </p>
          {plan.shortage && (
            <p className="error-box" data-testid="auto-shortage">
              {t('selection.shortage', { apps: plan.shortage.applications, reviews: plan.shortage.reviews })}{' '}
              {[
                plan.shortage.raiseCapsBy !== null ? t('selection.raiseCaps', { n: plan.shortage.raiseCapsBy }) : null,
                t('selection.addReviewers', { n: plan.shortage.addReviewers }),
              ]
                .filter(Boolean)
                .join(t('selection.fixJoin'))}
              {t('selection.fixEnd')}
            </p>
          )}
          {plan.short.length > 0 && (
            <p className="error-box">
              {t('review.auto.short')}: {plan.short.map((s) => t('review.auto.shortItem', { no: s.applicationNo, have: s.have })).join('、')}
            </p>
          )}
          {/* One row per reviewer (about 300 a year): a screenful of them in the DOM. */}
          <VirtualRowsTable
            className="grid"
            testId="auto-loads"
            rows={plan.loads}
            rowHeight={ROW_HEIGHT}
            columns={4}
            head={
              <tr>
                <th>{t('review.col.reviewer')}</th>
                <th className="num">{t('review.col.before')}</th>
                <th className="num">{t('review.col.after')}</th>
                <th className="num">{t('review.col.cap')}</th>
              </tr>
            }
            renderRow={(l) => (
              <tr key={l.reviewerId} data-testid="auto-load" style={{ height: ROW_HEIGHT }}>
                <td>{l.reviewer}</td>
                <td className="num">{l.before}</td>
                <td className="num">{l.after}</td>
                <td className="num">{l.cap ?? '—'}</td>
              </tr>
            )}
          />
        </div>
      )}
    </div>
  );
}
