// The review form (rubric) of the application's call: each criterion 1–5 with a comment, an
// overall recommendation and a confidence. Scores are radio groups, so digits and arrows work.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../../shared/api/index.ts';
import type { Assignment } from '../../../../shared/api/review.ts';
import { CONFIDENCES, RECOMMENDATIONS, type Recommendation } from '../../../../shared/review/rubric.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { ConflictReload } from '../../ui/ConflictReload.tsx';
import { useApi } from '../../useApi.ts';
import { Modal } from '../../ui/Modal.tsx';

type Existing = CallOutput<'review/getReview'>;

/** Waits for the saved review (if any), then opens the form with it as the starting values. */
export function ReviewForm(props: { assignment: Assignment; onClose: () => void; onSaved: () => void }) {
  // Not live: another officer's save must not change the version under a draft; a stale save gets CONFLICT.
  const existing = useApi('review/getReview', { assignmentId: props.assignment.id }, { live: false });
  if (existing.data === undefined && !existing.error) return null;
  // Remounted on a reload, so the form restarts from the stored review.
  return <ReviewFormBody key={existing.data?.version ?? 0} {...props} existing={existing.data ?? null} onReload={existing.reload} />;
}

function ReviewFormBody({
  assignment,
  onClose,
  onSaved,
  onReload,
  existing,
}: {
  assignment: Assignment;
  onClose: () => void;
  onSaved: () => void;
  onReload: () => void;
  existing: Existing;
}) {
  const { t, i18n } = useTranslation();
  const rubric = useApi('review/getRubric', { fiscalYear: assignment.fiscalYear, call: assignment.call });
  const [scores, setScores] = useState<Record<string, { score: number | null; comment: string }>>(() =>
    Object.fromEntries((existing?.scores ?? []).map((s) => [s.criterion, { score: s.score, comment: s.comment }])),
  );
  const [recommendation, setRecommendation] = useState<Recommendation | ''>(existing?.recommendation ?? '');
  const [confidence, setConfidence] = useState(existing?.confidence ?? 2);
  const [comment, setComment] = useState(existing?.comment ?? '');
  const [error, setError] = useState<unknown>(null);
  const criteria = rubric.data?.criteria ?? [];
  const complete = criteria.length > 0 && criteria.every((c) => scores[c.key]?.score) && recommendation !== '';
  const save = async () => {
    try {
      await call('review/saveReview', {
        assignmentId: assignment.id,
        scores: criteria.map((c) => ({ criterion: c.key, score: scores[c.key]!.score!, comment: scores[c.key]!.comment })),
        recommendation: recommendation as Recommendation,
        confidence,
        comment,
        expectedVersion: existing?.version ?? 0,
      });
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal title={t('review.form.title', { reviewer: assignment.reviewer })} onClose={onClose} wide testId="review-form">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (complete) void save();
        }}
      >
        {criteria.map((c, ci) => (
          <div className="rv-score-row" key={c.key}>
            <span>{i18n.language === 'en' && c.labelEn ? c.labelEn : c.label}</span>
            <span className="rv-scores" role="radiogroup" aria-label={c.label}>
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n}>
                  <input
                    type="radio"
                    name={`score-${c.key}`}
                    value={n}
                    autoFocus={ci === 0 && n === 1}
                    checked={scores[c.key]?.score === n}
                    onChange={() => setScores({ ...scores, [c.key]: { comment: scores[c.key]?.comment ?? '', score: n } })}
                    data-testid={`score-${c.key}-${n}`}
                  />
                  {n}
                </label>
              ))}
            </span>
            <input
              placeholder={t('review.form.comment')}
              value={scores[c.key]?.comment ?? ''}
              onChange={(e) => setScores({ ...scores, [c.key]: { score: scores[c.key]?.score ?? null, comment: e.target.value } })}
              maxLength={4000}
            />
          </div>
        ))}
        <div className="rv-grid" style={{ marginTop: 10 }}>
          <label className="rv-field">
            {t('review.form.recommendation')}
            <select value={recommendation} onChange={(e) => setRecommendation(e.target.value as Recommendation)} data-testid="review-recommendation">
              <option value="">—</option>
              {RECOMMENDATIONS.map((r) => (
                <option key={r} value={r}>
                  {t(`review.form.rec.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="rv-field">
            {t('review.form.confidence')}
            <select value={confidence} onChange={(e) => setConfidence(Number(e.target.value))} data-testid="review-confidence">
              {CONFIDENCES.map((c) => (
                <option key={c} value={c}>
                  {t(`review.form.conf.${c}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="rv-field" style={{ marginTop: 8 }}>
          {t('review.form.overall')}
          <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={4000} />
        </label>
        <ErrorBox error={rubric.error ?? error} />
        <ConflictReload error={error} onReload={onReload} testId="review-reload" />
        <div className="apps-modal-actions">
          <button type="submit" className="primary" disabled={!complete} data-testid="review-save">
            {t('review.form.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('actions.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
