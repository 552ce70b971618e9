// The two bulk actions of the queues: decide (採択・不採択・補欠) and assign reviewers.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../../shared/api/index.ts';
import { forEachPage, PAGE_MAX } from '../../../../shared/api/page.ts';
import type { Decision } from '../../../../shared/review/rubric.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { useDebounced } from '../../ui/suggest.ts';
import { useApi } from '../../useApi.ts';
import { Modal } from '../../ui/Modal.tsx';

interface Ineligible {
  applicationNo: string;
  violations: { code: string; message: string; messageEn: string }[];
}

/** A whole queue decided at once can break the rules hundreds of times: the dialog names the first fifty. */
const MAX_INELIGIBLE_SHOWN = 50;

/** The plans the eligibility gate refused, from the error's details (shared/review/gate.ts). */
function ineligibleOf(e: unknown): Ineligible[] | null {
  const list = (e as { details?: { ineligible?: Ineligible[] } } | null)?.details?.ineligible;
  return Array.isArray(list) && list.length ? list : null;
}

export function DecideDialog({
  ids,
  decision,
  onClose,
  onDone,
}: {
  ids: string[];
  decision: Decision;
  onClose: () => void;
  onDone: (n: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const [comment, setComment] = useState('');
  const [override, setOverride] = useState('');
  const [ineligible, setIneligible] = useState<Ineligible[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (ineligible && !override.trim()) return;
    setBusy(true);
    try {
      const r = await call('review/decide', { applicationIds: ids, decision, comment: comment.trim() || null, override: ineligible ? override.trim() : null });
      onDone(r.decided);
    } catch (e) {
      // Refused by the eligibility gate: ask for the reason here instead of showing an error.
      const list = ineligibleOf(e);
      if (list && !ineligible) {
        setIneligible(list);
        setError(null);
      } else setError(e);
      setBusy(false);
    }
  };
  return (
    <Modal
      title={ineligible ? t('selection.overrideTitle') : t('review.decideTitle', { count: ids.length, decision: t(`review.decide.${decision}`) })}
      onClose={onClose}
      testId="decide-dialog"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="rv-field">
          {t('review.decideComment')}
          {/* One line, so Enter confirms: the whole decision can be taken from the keyboard. */}
          <input autoFocus={!ineligible} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} data-testid="decide-comment" />
        </label>
        {ineligible && (
          <div className="rv-override" data-testid="decide-override-panel">
            <p className="apps-modal-intro">{t('selection.overrideIntro')}</p>
            <ul className="rv-violations" data-testid="decide-violations">
              {ineligible.slice(0, MAX_INELIGIBLE_SHOWN).map((i) => (
                <li key={i.applicationNo}>
                  <strong>{i.applicationNo}</strong>
                  <ul>
                    {i.violations.map((v) => (
                      <li key={v.code}>
                        <code>{v.code}</code> {en ? v.messageEn : v.message}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
            {ineligible.length > MAX_INELIGIBLE_SHOWN && (
              <p className="muted" data-testid="decide-violations-more">
                {t('selection.overrideMore', { n: ineligible.length - MAX_INELIGIBLE_SHOWN })}
              </p>
            )}
            <label className="rv-field">
              {t('selection.overrideReason')}
              <textarea autoFocus required rows={2} value={override} onChange={(e) => setOverride(e.target.value)} maxLength={2000} data-testid="decide-override" />
            </label>
          </div>
        )}
        <ErrorBox error={error} />
        <div className="apps-modal-actions">
          <button type="submit" className="primary" disabled={busy || (!!ineligible && !override.trim())} data-testid="decide-confirm">
            {ineligible ? t('selection.overrideConfirm') : t('review.decideConfirm')}
          </button>
          <button type="button" onClick={onClose}>
            {t('actions.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

type Conflicts = CallOutput<'review/listConflicts'>['items'];
/** Reviewers a picker lists at once; typing narrows the rest. */
const PICK_LIMIT = 200;

export function AssignDialog({
  applicationIds,
  fiscalYear,
  onClose,
  onDone,
}: {
  applicationIds: string[];
  fiscalYear: number;
  onClose: () => void;
  onDone: (r: { batchId: string; added: number }) => void;
}) {
  const { t } = useTranslation();
  // Searched on the server: with every year's reviewers on file the list is typed down, not scrolled.
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 200);
  const reviewers = useApi('review/listReviewers', { fiscalYear, active: true, ...(q ? { q } : {}), limit: PICK_LIMIT });
  const shownReviewers = reviewers.data?.items ?? [];
  const [conflicts, setConflicts] = useState<Conflicts>([]);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [dueOn, setDueOn] = useState('');
  const [error, setError] = useState<unknown>(null);
  const key = applicationIds.join(',');
  useEffect(() => {
    let live = true;
    // The selection's conflicts in one paged call (not one call per application): the reasons
    // shown beside the reviewers, so the list is kept whole, but read a page at a time.
    const found: Conflicts = [];
    forEachPage(
      (p) => call('review/listConflicts', { applicationIds: key.split(','), ...p }),
      (items) => void found.push(...items),
      PAGE_MAX,
    ).then(
      () => live && setConflicts(found),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [key]);
  const reasons = new Map<string, string[]>();
  for (const c of conflicts) reasons.set(c.reviewerId, [...(reasons.get(c.reviewerId) ?? []), `${c.applicationNo}: ${c.reason}`]);
  const submit = async () => {
    try {
      const r = await call('review/assign', { applicationIds, reviewerIds: [...picked], dueOn: dueOn || null });
      onDone(r);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal title={t('review.assignTitle', { count: applicationIds.length })} onClose={onClose} wide testId="assign-dialog">
      <p className="apps-modal-intro">{t('review.assignHelp')}</p>
      <div className="toolbar">
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('review.reviewers.pickSearch')}
          aria-label={t('review.reviewers.pickSearch')}
          data-testid="assign-search"
        />
        {reviewers.data && reviewers.data.total > shownReviewers.length && (
          <span className="muted">{t('review.reviewers.pickMore', { shown: shownReviewers.length, total: reviewers.data.total })}</span>
        )}
      </div>
      <div className="rv-reviewer-pick">
        {shownReviewers
          .map((r) => {
            const why = reasons.get(r.id);
            return (
              <label key={r.id} className={why ? 'blocked' : undefined} data-testid="assign-reviewer">
                <input
                  type="checkbox"
                  disabled={!!why}
                  checked={picked.has(r.id)}
                  onChange={(e) => {
                    const next = new Set(picked);
                    if (e.target.checked) next.add(r.id);
                    else next.delete(r.id);
                    setPicked(next);
                  }}
                />{' '}
                {r.name} <span className="muted">{r.institution ?? ''}（{r.load}）</span>
                {why && <span className="rv-reason">{why.join(' / ')}</span>}
              </label>
            );
          })}
      </div>
      <label className="rv-field" style={{ marginTop: 10, maxWidth: 220 }}>
        {t('review.dueOn')}
        <input type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
      </label>
      <ErrorBox error={error} />
      <div className="apps-modal-actions">
        <button type="button" className="primary" disabled={picked.size === 0} onClick={() => void submit()} data-testid="assign-confirm">
          {t('review.assign')}
        </button>
        <button type="button" onClick={onClose}>
          {t('actions.cancel')}
        </button>
      </div>
    </Modal>
  );
}
