import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/errors.ts';

/** A save refused because another officer changed the record since the form loaded it (issue 14). */
export function isStaleSave(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'CONFLICT' && error.details.reload === true;
}

/**
 * The 再読み込み / Reload offer under a stale save's sentence (the form's error box shows the
 * sentence: who changed the record and when). Every edit form uses this one, so the offer and
 * its warning read the same everywhere.
 */
export function ConflictReload({ error, onReload, testId }: { error: unknown; onReload: () => void; testId: string }) {
  const { t } = useTranslation();
  if (!isStaleSave(error)) return null;
  return (
    <p className="conflict-reload">
      <button type="button" onClick={onReload} data-testid={testId}>
        {t('team.reload')}
      </button>{' '}
      <span className="muted">{t('team.reloadHint')}</span>
    </p>
  );
}
