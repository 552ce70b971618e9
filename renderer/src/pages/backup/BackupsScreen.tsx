// 設定 › バックアップ: the list of backups, "back up now" with progress, restore after a
// confirmation (the current database is kept first; the app then reloads on the restored data),
// and how long backups are kept.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../../shared/api/index.ts';
import { ApiError } from '../../../../shared/errors.ts';
import { call, on } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { formatWhen } from '../../components/HistoryPanel.tsx';
import { useApi } from '../../useApi.ts';
import { Modal } from '../../ui/Modal.tsx';
import { VirtualRowsTable } from '../../ui/VirtualRowsTable.tsx';
import { reasonLabel, sizeLabel } from './reason.ts';

type Backup = CallOutput<'backup/list'>['items'][number];

const ROW_HEIGHT = 41;

export function BackupsScreen() {
  const { t, i18n } = useTranslation();
  const list = useApi('backup/list', {});
  // Team mode: the copies are this computer's pg_dump of the server, and the texts say so.
  const info = useApi('app/info', {});
  const team = info.data?.engine === 'postgres';
  const [progress, setProgress] = useState<number | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<Backup | null>(null);
  const [restoring, setRestoring] = useState(false);

  const makeNow = async () => {
    const jobId = `backup-${Date.now()}`;
    setError(null);
    setNote(null);
    setProgress(0);
    const off = on('job/progress', (p) => {
      if (p.jobId === jobId && p.total > 0) setProgress(Math.round((p.done / p.total) * 100));
    });
    try {
      const info = await call('backup/create', { jobId });
      setNote(t('backup.made', { file: info.file }));
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      off();
      setProgress(null);
    }
  };

  const restore = async (b: Backup) => {
    setRestoring(true);
    setError(null);
    try {
      await call('backup/restore', { file: b.file });
      setNote(t('backup.restored', { at: formatWhen(b.createdAt, i18n.language) }));
      setConfirming(null);
      // Every screen reads afresh from the restored database.
      setTimeout(() => window.location.reload(), 800);
    } catch (e) {
      setConfirming(null);
      setError(e instanceof ApiError ? e : e);
    } finally {
      setRestoring(false);
    }
  };

  return (
    <section className="backups-screen" data-testid="backups-screen">
      <p className="muted" data-testid="backup-intro">
        {team ? t('backup.team.intro', { server: info.data?.server ?? '' }) : t('backup.intro')}
      </p>
      {list.data && <p className="muted small">{t('backup.folder', { folder: list.data.folder })}</p>}
      <div className="backup-actions">
        <button type="button" className="primary" disabled={progress !== null} onClick={() => void makeNow()} data-testid="backup-now">
          {t('backup.makeNow')}
        </button>
        {progress !== null && (
          <span className="backup-progress" data-testid="backup-progress">
            <progress max={100} value={progress} /> {t('backup.making', { pct: progress })}
          </span>
        )}
      </div>
      {note && (
        <p className="notice ok" role="status" data-testid="backup-note">
          {note}
        </p>
      )}
      <ErrorBox error={error} />
      {list.error && <ErrorBox error={list.error} />}
      {list.data && list.data.items.length === 0 && <p className="muted">{t('backup.empty')}</p>}
      {list.data && list.data.items.length > 0 && (
        // Thirty days of backups before every import and restore can be hundreds: a screenful in the DOM.
        <VirtualRowsTable
          className="grid backups-table"
          testId="backups-table"
          rows={list.data.items}
          rowHeight={ROW_HEIGHT}
          columns={6}
          head={
            <tr>
              <th>{t('backup.col.createdAt')}</th>
              <th>{t('backup.col.reason')}</th>
              <th>{t('backup.col.size')}</th>
              <th>{t('backup.col.schema')}</th>
              <th>{t('backup.col.app')}</th>
              <th />
            </tr>
          }
          renderRow={(b) => (
            <tr key={b.file} data-testid="backup-row" title={b.file} style={{ height: ROW_HEIGHT }}>
              <td className="nowrap">{formatWhen(b.createdAt, i18n.language)}</td>
              <td data-testid="backup-reason">{reasonLabel(t, b.reason)}</td>
              <td className="num">{sizeLabel(b.sizeBytes)}</td>
              <td className="num">{b.schemaVersion}</td>
              <td>{b.appVersion}</td>
              <td>
                {/* A team server's pg_dump is restored by its administrator (README), not from here. */}
                {b.file.endsWith('.dump') ? (
                  <span className="muted small" data-testid="backup-team-restore">
                    {t('store.restoreOnServer')}
                  </span>
                ) : (
                  <button type="button" onClick={() => setConfirming(b)} data-testid="backup-restore">
                    {t('backup.restore')}
                  </button>
                )}
              </td>
            </tr>
          )}
        />
      )}
      {/* Keyed by the saved values: a reload shows what is stored. */}
      {list.data && <RotationSettings key={JSON.stringify(list.data.settings)} initial={list.data.settings} team={team} />}
      {confirming && (
        <Modal title={t('backup.confirmTitle')} onClose={() => setConfirming(null)} testId="restore-confirm">
          <p>{t('backup.confirmBody', { at: formatWhen(confirming.createdAt, i18n.language) })}</p>
          <p className="muted small">{confirming.file}</p>
          <div className="modal-actions">
            <button type="button" onClick={() => setConfirming(null)}>
              {t('backup.cancel')}
            </button>
            <button type="button" className="primary" disabled={restoring} onClick={() => void restore(confirming)} data-testid="restore-confirm-yes">
              {t('backup.confirm')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}

function RotationSettings({ initial, team }: { initial: CallOutput<'backup/list'>['settings']; team: boolean }) {
  const { t } = useTranslation();
  const [s, setS] = useState(initial);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const field = (k: keyof typeof s) => (
    <label className="rotation-field">
      <span>{t(`backup.${k}`)}</span>
      <input type="number" min={1} value={s[k]} onChange={(e) => setS({ ...s, [k]: Number(e.target.value) })} data-testid={`rotation-${k}`} />
    </label>
  );
  return (
    <div className="settings-card rotation" data-testid="rotation-settings">
      <h3>{t(team ? 'backup.team.settingsTitle' : 'backup.settingsTitle')}</h3>
      {team && (
        <p className="muted small" data-testid="rotation-team-note">
          {t('backup.team.settingsNote')}
        </p>
      )}
      {field('dailyKeepDays')}
      {field('operationKeepDays')}
      {field('maxTotalMb')}
      <button
        type="button"
        onClick={() =>
          void call('backup/saveSettings', s).then(
            (v) => (setS(v), setSaved(true), setError(null)),
            (e: unknown) => setError(e),
          )
        }
        data-testid="rotation-save"
      >
        {t('backup.saveSettings')}
      </button>
      {saved && <span className="muted small"> {t('backup.settingsSaved')}</span>}
      <ErrorBox error={error} />
    </div>
  );
}
