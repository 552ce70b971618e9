// "もう一度試す" on the recovery screen, for start-up failures that can pass (shared/startup.ts):
// staff close the other program, free disk space or wait for the server, then try again without
// restarting the app. On success the page reloads into the app; otherwise the new sentence shows.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../shared/api/index.ts';
import { call } from '../api/client.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';

type Status = CallOutput<'startup/retry'>;

export function RetryStartup({ onOpened = () => window.location.reload() }: { onOpened?: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const [busy, setBusy] = useState(false);
  // The failure as a value (both languages), so a language switch re-words it.
  const [still, setStill] = useState<Status['error']>(null);
  const [error, setError] = useState<unknown>(null);
  const retry = async () => {
    setBusy(true);
    setError(null);
    try {
      const s = await call('startup/retry', {});
      if (s.ok) {
        onOpened();
        return;
      }
      setStill(s.error);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="settings-card" data-testid="recovery-retry">
      <p className="muted small">{t('startupRetry.help')}</p>
      <button type="button" className="primary" onClick={() => void retry()} disabled={busy} data-testid="recovery-retry-button">
        {busy ? t('startupRetry.busy') : t('startupRetry.button')}
      </button>
      {still && (
        <p className="error-box" role="alert" data-testid="recovery-retry-still">
          <strong>{t('startupRetry.still')}</strong> {still.details.messages[lang] ?? still.message}
        </p>
      )}
      <ErrorBox error={error} />
    </div>
  );
}
