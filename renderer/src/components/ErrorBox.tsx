import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/errors.ts';

/** An API error as a sentence in the UI's language; never a stack trace. */
export function ErrorBox({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const text = error instanceof ApiError ? error.localized(lang) : t('errors.loadFailed');
  return (
    <div className="error-box" role="alert">
      <strong>{t('errors.title')}:</strong> {text}
    </div>
  );
}
