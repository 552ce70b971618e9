// Shown instead of the app when the database did not open: the start-up's own sentence (busy,
// read-only, full disk, damaged…), and, when there is one, the newest backup that passes its check.
// The file that would not open is moved aside by the restore, never overwritten or deleted.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../../shared/api/index.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { formatWhen } from '../../components/HistoryPanel.tsx';
import { Modal } from '../../ui/Modal.tsx';
import { reasonLabel } from './reason.ts';
import { StoreChooser } from '../../ui/StoreChooser.tsx';
import { RetryStartup } from '../../ui/RetryStartup.tsx';
import { canRetryStartup } from '../../../../shared/startup.ts';
import '../../ui/cards.css';

/** A team server that would not let us in: the way out is another connection or this PC's file. */
const STORE_FAILURES = new Set(['DB_UNREACHABLE', 'DB_AUTH', 'DB_NO_DATABASE']);

type Status = CallOutput<'startup/status'>;

export function RecoveryScreen({ status }: { status: Status }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const newest = status.newestGoodBackup;
  const messages = status.error?.details.messages;
  const restore = async () => {
    if (!newest) return;
    try {
      await call('backup/restore', { file: newest.file });
      window.location.reload();
    } catch (e) {
      setConfirming(false);
      setError(e);
    }
  };
  return (
    <section className="page recovery-screen" data-testid="recovery-screen">
      <h1>{t('recovery.title')}</h1>
      <p className="error-box" role="alert" data-testid="recovery-reason">
        {messages?.[lang] ?? status.error?.message}
      </p>
      <p className="muted small">
        <code>{status.dbPath}</code>
      </p>
      <ErrorBox error={error} />
      {canRetryStartup(status.error?.code) && <RetryStartup />}
      {status.error?.code === 'DB_DAMAGED' || status.error?.code === 'DB_EMPTY' || status.error?.code === 'DB_NOT_SQLITE' ? (
        newest ? (
          <div className="settings-card">
            <p data-testid="recovery-newest">{t('recovery.newest', { at: formatWhen(newest.createdAt, i18n.language), reason: reasonLabel(t, newest.reason) })}</p>
            <p className="muted small">{t('recovery.kept')}</p>
            <button type="button" className="primary" onClick={() => setConfirming(true)} data-testid="recovery-restore">
              {t('recovery.restoreNewest')}
            </button>
          </div>
        ) : (
          <p>{t('recovery.noBackup')}</p>
        )
      ) : null}
      {status.error && STORE_FAILURES.has(status.error.code) && (
        <div className="settings-card" data-testid="recovery-store">
          <h2>{t('store.title')}</h2>
          <StoreChooser onSwitched={() => window.location.reload()} />
        </div>
      )}
      {confirming && newest && (
        <Modal title={t('backup.confirmTitle')} onClose={() => setConfirming(false)} testId="recovery-confirm">
          <p>{t('backup.confirmBody', { at: formatWhen(newest.createdAt, i18n.language) })}</p>
          <div className="modal-actions">
            <button type="button" onClick={() => setConfirming(false)}>
              {t('backup.cancel')}
            </button>
            <button type="button" className="primary" onClick={() => void restore()} data-testid="recovery-confirm-yes">
              {t('backup.confirm')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
