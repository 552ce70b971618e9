// One application under review: its key facts, reviewers (add, remove, conflicts), reviews typed
// in, the scores so far and the decision. a / r / w decide from the keyboard; Esc goes back.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countryName } from '../../../../shared/countries.ts';
import { courseLabel } from '../../../../shared/rules/eligibility.ts';
import type { Decision } from '../../../../shared/review/rubric.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { SUGGESTIONS, useDebounced } from '../../ui/suggest.ts';
import { useApi } from '../../useApi.ts';
import { StatusBadge } from '../../ui/EligibilityBadge.tsx';
import { ShownOf } from '../../ui/Pager.tsx';
import { formatDate, formatDateTime, formatYen, uiLang } from '../../ui/format.ts';
import { AssignDialog, DecideDialog } from './dialogs.tsx';
import { score } from './files.ts';
import { ReviewForm } from './ReviewForm.tsx';

const KEYS: Record<string, Decision> = { a: 'adopted', r: 'rejected', w: 'waitlisted' };
/** Conflicts listed at once (an application has a handful; a bound keeps the DOM small regardless). */
const CONFLICTS_SHOWN = 100;

export function ApplicationReview({ id, onChanged, onBack }: { id: string; onChanged: () => void; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const app = useApi('applications/get', { id });
  const assignments = useApi('review/listAssignments', { applicationId: id });
  // One application's conflicts: a handful; the page bound keeps a pathological one to a screenful.
  const conflicts = useApi('review/listConflicts', { applicationId: id, limit: CONFLICTS_SHOWN });
  // The reviewer to declare a conflict for is searched, not picked from every reviewer on file.
  const [reviewerSearch, setReviewerSearch] = useState('');
  const reviewerQ = useDebounced(reviewerSearch.trim(), 200);
  const reviewers = useApi('review/listReviewers', { ...(reviewerQ ? { q: reviewerQ } : {}), limit: SUGGESTIONS });
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [declare, setDeclare] = useState({ reviewerId: '', reason: '' });
  const [error, setError] = useState<unknown>(null);
  const reload = () => {
    app.reload();
    assignments.reload();
    conflicts.reload();
    onChanged();
  };

  const modal = deciding !== null || assigning || editing !== null;
  useEffect(() => {
    if (modal) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      const tag = (e.target as HTMLElement | null)?.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || e.altKey || e.ctrlKey || e.metaKey) return;
      if (KEYS[e.key]) {
        e.preventDefault();
        setDeciding(KEYS[e.key]!);
      } else if (e.key === 'Escape' || e.key === 'Backspace') {
        e.preventDefault();
        onBack();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [modal, onBack]);

  const a = app.data;
  // One application's assignments: a handful, so every row (no limit).
  const list = assignments.data?.items ?? [];
  const scores = list.filter((x) => x.score !== null).map((x) => x.score!);
  const sorted = [...scores].sort((x, y) => x - y);
  const median = sorted.length ? (sorted.length % 2 ? sorted[sorted.length >> 1]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2) : null;
  const editingAssignment = list.find((x) => x.id === editing);

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div data-testid="review-app">
      <div className="toolbar">
        <button type="button" onClick={onBack} data-testid="review-back">
          ← {t('review.back')}
        </button>
        {(['adopted', 'rejected', 'waitlisted'] as const).map((d) => (
          <button key={d} type="button" onClick={() => setDeciding(d)} data-testid={`app-decide-${d}`}>
            {t(`review.decide.${d}`)} <kbd>{Object.keys(KEYS).find((k) => KEYS[k] === d)}</kbd>
          </button>
        ))}
      </div>
      <ErrorBox error={app.error ?? error} />
      {a && (
        <div className="rv-panel">
          <h2>
            {a.applicationNo} {a.title} <StatusBadge status={a.status} />{' '}
            <a href={`#/applications/${encodeURIComponent(a.id)}`} style={{ fontSize: 13, fontWeight: 400 }} data-testid="app-open-application">
              {t('review.app.openApplication')}
            </a>
          </h2>
          <dl className="rv-facts">
            <dt>{t('review.col.course')}</dt>
            <dd>
              {t(`applications.courseShort.${a.course}`)} {courseLabel(a.course, lang)}
            </dd>
            <dt>{t('review.budget.byCountry')}</dt>
            <dd>{a.countries.map((c) => countryName(c, lang)).join(lang === 'ja' ? '、' : ', ') || '—'}</dd>
            <dt>{t('review.col.host')}</dt>
            <dd>{a.hostInstitution}</dd>
            <dt>{t('applications.form.sendingInstitutions')}</dt>
            <dd>{a.sendingInstitutions.join(lang === 'ja' ? '、' : ', ')}</dd>
            <dt>{t('review.col.amount')}</dt>
            <dd>{formatYen(a.requestedAmount, lang)}</dd>
            <dt>{t('review.col.violations')}</dt>
            <dd>{a.violations.length ? a.violations.join(', ') : '—'}</dd>
          </dl>
        </div>
      )}
      <div className="rv-panel">
        <h2>{t('review.app.assignments')}</h2>
        <div className="toolbar">
          <button type="button" onClick={() => setAssigning(true)} data-testid="app-add-reviewer">
            {t('review.app.addReviewer')}
          </button>
          <span className="muted" data-testid="app-aggregate">
            {t('review.col.n')} {scores.length} · {t('review.col.mean')} {score(scores.length ? scores.reduce((s, x) => s + x, 0) / scores.length : null)} · {t('review.col.median')}{' '}
            {score(median)} · {t('review.col.spread')} {score(scores.length ? sorted[sorted.length - 1]! - sorted[0]! : null)}
          </span>
        </div>
        {list.length === 0 ? (
          <p className="muted">{t('review.app.noAssignments')}</p>
        ) : (
          <table className="grid rv-table">
            <thead>
              <tr>
                <th>{t('review.col.reviewer')}</th>
                <th>{t('review.col.institution')}</th>
                <th>{t('review.col.due')}</th>
                <th>{t('review.col.status')}</th>
                <th className="num">{t('review.col.mean')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((x) => (
                <tr key={x.id} data-testid="app-assignment">
                  <td>{x.reviewer}</td>
                  <td>{x.reviewerInstitution ?? '—'}</td>
                  <td>
                    {x.dueOn ? formatDate(x.dueOn, lang) : '—'} {x.overdue && <span className="badge bad">{t('review.overdue')}</span>}
                  </td>
                  <td>
                    <span className={`badge ${x.status === 'submitted' ? 'ok' : 'warn'}`}>{t(`review.app.${x.status === 'submitted' ? 'submitted' : 'pending'}`)}</span>
                  </td>
                  <td className="num">{score(x.score)}</td>
                  <td>
                    <button type="button" onClick={() => setEditing(x.id)} data-testid="app-enter-review">
                      {t(x.status === 'submitted' ? 'review.app.editReview' : 'review.app.enterReview')}
                    </button>{' '}
                    {x.status === 'assigned' && (
                      <button type="button" className="danger" onClick={() => void act(() => call('review/unassign', { assignmentIds: [x.id] }))}>
                        {t('review.app.remove')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="rv-panel">
        <h2>{t('review.app.conflicts')}</h2>
        {(conflicts.data?.items ?? []).length === 0 ? (
          <p className="muted">{t('review.app.noConflicts')}</p>
        ) : (
          <ul data-testid="app-conflicts">
            {(conflicts.data?.items ?? []).map((c) => (
              <li key={c.id}>
                {c.reviewerName}: <span className="badge bad">{t(`review.app.conflictKind.${c.kind}`)}</span> {c.reason}{' '}
                {c.kind === 'declared' && (
                  <button type="button" onClick={() => void act(() => call('review/removeConflict', { id: c.id }))}>
                    {t('review.app.remove')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {conflicts.data && <ShownOf shown={conflicts.data.items.length} total={conflicts.data.total} />}
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            void act(async () => {
              await call('review/declareConflict', { applicationId: id, reviewerId: declare.reviewerId, reason: declare.reason });
              setDeclare({ reviewerId: '', reason: '' });
            });
          }}
        >
          <input
            type="search"
            value={reviewerSearch}
            onChange={(e) => setReviewerSearch(e.target.value)}
            placeholder={t('review.reviewers.pickSearch')}
            aria-label={t('review.reviewers.pickSearch')}
            data-testid="declare-search"
          />
          <select value={declare.reviewerId} onChange={(e) => setDeclare({ ...declare, reviewerId: e.target.value })} aria-label={t('review.col.reviewer')}>
            <option value="">—</option>
            {(reviewers.data?.items ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
          <input placeholder={t('review.app.reason')} value={declare.reason} onChange={(e) => setDeclare({ ...declare, reason: e.target.value })} maxLength={1000} />
          <button type="submit" disabled={!declare.reviewerId || !declare.reason.trim()}>
            {t('review.app.declare')}
          </button>
        </form>
      </div>
      {a && (
        <div className="rv-panel">
          <h2>{t('review.app.history')}</h2>
          <ul data-testid="app-history">
            {a.history.map((h) => (
              <li key={h.id}>
                {formatDateTime(h.changedAt, lang)} {h.fromStatus ? t(`appStatus.${h.fromStatus}`) : '—'} → {t(`appStatus.${h.toStatus}`)} ({h.changedBy})
                {h.comment ? `: ${h.comment}` : ''}
                {h.overrideReason ? ` ⚠ ${t('selection.overrideReason')}: ${h.overrideReason}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {deciding && (
        <DecideDialog
          ids={[id]}
          decision={deciding}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            reload();
          }}
        />
      )}
      {assigning && a && (
        <AssignDialog
          applicationIds={[id]}
          fiscalYear={a.fiscalYear}
          onClose={() => setAssigning(false)}
          onDone={() => {
            setAssigning(false);
            reload();
          }}
        />
      )}
      {editingAssignment && (
        <ReviewForm
          assignment={editingAssignment}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </div>
  );
}
