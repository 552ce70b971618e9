// The problems of a rejected import, each with its row and column, in the UI's language.
import { useTranslation } from 'react-i18next';
import type { ImportProblem } from '../../../../shared/api/applications.ts';
import { ApiError } from '../../../../shared/errors.ts';

export function Problems({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!(error instanceof ApiError) || !Array.isArray(error.details.problems)) return null;
  const problems = error.details.problems as ImportProblem[];
  return (
    <div className="rv-problems" data-testid="import-problems">
      <strong>{t('review.sheets.problems')}</strong>
      <ul>
        {problems.slice(0, 300).map((p, i) => (
          <li key={i}>
            {[p.row !== null ? t('review.sheets.row', { row: p.row }) : null, p.column ? `「${p.column}」` : null].filter(Boolean).join(' ')}{' '}
            {i18n.language === 'en' ? p.messageEn : p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
