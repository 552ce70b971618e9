// The problems of a rejected import, each with its row and column, in the UI's language.
import { useTranslation } from 'react-i18next';
import type { ImportProblem } from '../../../../shared/api/applications.ts';
import { ApiError } from '../../../../shared/errors.ts';

/** A file with thousands of bad rows is one mistake repeated: the first hundred show it, in a small DOM. */
export const MAX_PROBLEMS_SHOWN = 100;

export function Problems({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!(error instanceof ApiError) || !Array.isArray(error.details.problems)) return null;
  const problems = error.details.problems as ImportProblem[];
  return (
    <div className="rv-problems" data-testid="import-problems">
      <strong>{t('review.sheets.problems')}</strong>
      <ul>
        {problems.slice(0, MAX_PROBLEMS_SHOWN).map((p, i) => (
          <li key={i}>
            {[p.row !== null ? t('review.sheets.row', { row: p.row }) : null, p.column ? `「${p.column}」` : null].filter(Boolean).join(' ')}{' '}
            {i18n.language === 'en' ? p.messageEn : p.message}
          </li>
        ))}
      </ul>
      {problems.length > MAX_PROBLEMS_SHOWN && (
        <p className="muted" data-testid="import-problems-more">
          {t('review.sheets.problemsMore', { shown: MAX_PROBLEMS_SHOWN, rest: problems.length - MAX_PROBLEMS_SHOWN })}
        </p>
      )}
    </div>
  );
}
