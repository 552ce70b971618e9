import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../shared/errors.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';

interface Issue {
  path?: string;
  ja?: string;
  en?: string;
}

/**
 * An API error in the UI's language (ApiError.localized). A validation error from main lists each
 * field on its own line, with the field named by `label` where the form knows it.
 */
export function ApiErrorNotice({ error, label }: { error: unknown; label?: (path: string) => string | null }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const issues = error instanceof ApiError && error.code === 'VALIDATION' && Array.isArray(error.details.issues) ? (error.details.issues as Issue[]) : [];
  if (issues.length === 0) return <ErrorBox error={error} />;
  return (
    <div className="error-box" role="alert" data-testid="api-error">
      <strong>{t('errors.title')}:</strong> {(error as ApiError).localized(lang).split(':')[0]}
      <ul className="issue-list">
        {issues.map((issue, i) => {
          const text = (lang === 'en' ? issue.en : issue.ja) ?? '';
          // Main prefixes each message with the raw field path; show the form's own label instead.
          const path = (issue.path ?? '').replace(/^values\./, '');
          const named = label?.(path);
          const body = issue.path && text.startsWith(`${issue.path}: `) ? text.slice(issue.path.length + 2) : text;
          // main's schema messages are English today; in Japanese say what is wrong and keep the detail.
          const readable = lang === 'ja' && !/[\u3000-\u9fff]/.test(body) ? `${t('settings.validation.invalid')}（${body}）` : body;
          return <li key={i}>{named ? `${named}: ${readable}` : text}</li>;
        })}
      </ul>
    </div>
  );
}
