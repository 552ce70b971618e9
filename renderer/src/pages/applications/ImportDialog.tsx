// 取り込み: a spreadsheet goes to main as base64 in one call; progress comes back as events; the
// answer is either the counts or every problem with its row and column (and nothing written).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportProblem } from '../../../../shared/api/applications.ts';
import { ApiError } from '../../../../shared/errors.ts';
import { call, on } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { formatNumber, uiLang } from '../../ui/format.ts';
import { Modal } from '../../ui/Modal.tsx';

type Outcome =
  | { kind: 'done'; added: number; updated: number; rows: number }
  | { kind: 'rejected'; problems: ImportProblem[] }
  | { kind: 'error'; error: unknown };

/**
 * A file with thousands of bad rows is one mistake repeated; the first hundred show it (and keep
 * the dialog's DOM small: the rows wrap their messages, so they are not virtualised).
 */
const MAX_PROBLEMS_SHOWN = 100;

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function isProblemList(x: unknown): x is ImportProblem[] {
  return Array.isArray(x) && x.every((p) => typeof p === 'object' && p !== null && 'message' in p);
}

export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const [file, setFile] = useState<File | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ phase: string; done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [templateBusy, setTemplateBusy] = useState(false);
  const [templateError, setTemplateError] = useState<unknown>(null);
  const jobRef = useRef<string | null>(null);
  // Subscribed while the dialog is open, so the event stream is connected before a job starts.
  useEffect(
    () =>
      on('job/progress', (p) => {
        if (p.jobId === jobRef.current) setProgress({ phase: p.phase, done: p.done, total: p.total });
      }),
    [],
  );

  const start = async () => {
    if (!file || running) return;
    setRunning(true);
    setOutcome(null);
    setProgress({ phase: 'start', done: 0, total: 0 });
    const jobId = crypto.randomUUID();
    jobRef.current = jobId;
    try {
      let dataBase64: string;
      try {
        dataBase64 = await readAsBase64(file);
      } catch {
        setOutcome({ kind: 'error', error: new Error(t('applications.import.readFailed')) });
        return;
      }
      const r = await call('applications/import', { fileName: file.name, dataBase64, jobId });
      setOutcome({ kind: 'done', added: r.added, updated: r.updated, rows: r.rows });
      onImported();
    } catch (e) {
      const problems = e instanceof ApiError ? e.details.problems : undefined;
      if (e instanceof ApiError && e.code === 'IMPORT_REJECTED' && isProblemList(problems)) {
        setOutcome({ kind: 'rejected', problems });
      } else {
        setOutcome({ kind: 'error', error: e });
      }
    } finally {
      jobRef.current = null;
      setRunning(false);
      setProgress(null);
    }
  };

  const downloadTemplate = async () => {
    setTemplateBusy(true);
    setTemplateError(null);
    try {
      const f = await call('applications/template', {});
      const blob = new Blob([base64ToBytes(f.dataBase64)], {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = f.fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setTemplateError(e);
    } finally {
      setTemplateBusy(false);
    }
  };

  const phaseText = (phase: string) => t(`applications.import.phase.${phase}`, { defaultValue: phase });
  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : null;

  return (
    <Modal title={t('applications.import.title')} onClose={() => !running && onClose()} wide testId="import-dialog">
      <p className="apps-modal-intro">{t('applications.import.intro')}</p>
      <div className="apps-import-row">
        <span className="apps-file-label">{t('applications.import.file')}</span>
        <label className={`button apps-file-button${running ? ' disabled' : ''}`}>
          {t('applications.import.choose')}
          <input
            type="file"
            className="apps-vh"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            disabled={running}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setOutcome(null);
            }}
            data-testid="import-file"
          />
        </label>
        <span className={`apps-file-name${file ? '' : ' muted'}`} data-testid="import-file-name">
          {file ? file.name : t('applications.import.noFile')}
        </span>
        <button type="button" className="primary" disabled={!file || running} onClick={() => void start()} data-testid="import-start">
          {running ? t('applications.import.running') : t('applications.import.start')}
        </button>
      </div>

      {progress && (
        <div className="apps-progress" data-testid="import-progress">
          <progress max={100} value={pct ?? undefined} aria-label={phaseText(progress.phase)} />
          <span>
            {progress.total > 0
              ? t('applications.import.progress', {
                  phase: phaseText(progress.phase),
                  done: formatNumber(progress.done, lang),
                  total: formatNumber(progress.total, lang),
                })
              : phaseText(progress.phase)}
          </span>
        </div>
      )}

      {outcome?.kind === 'done' && (
        <div className="apps-import-ok" role="status" data-testid="import-summary">
          {t('applications.import.done', { added: formatNumber(outcome.added, lang), updated: formatNumber(outcome.updated, lang) })}
        </div>
      )}
      {outcome?.kind === 'rejected' && (
        <div className="apps-import-rejected" data-testid="import-problems">
          <p className="apps-import-bad" role="alert">
            <strong>{t('applications.import.rejected')}</strong>{' '}
            <span>{t('applications.import.problemsCount', { n: formatNumber(outcome.problems.length, lang) })}</span>
          </p>
          <div className="apps-problems-scroll">
            <table className="grid apps-problems">
              <thead>
                <tr>
                  <th className="num">{t('applications.import.row')}</th>
                  <th>{t('applications.import.column')}</th>
                  <th>{t('applications.import.message')}</th>
                </tr>
              </thead>
              <tbody>
                {outcome.problems.slice(0, MAX_PROBLEMS_SHOWN).map((p, i) => (
                  <tr key={i} data-testid="import-problem">
                    <td className="num">{p.row ?? '—'}</td>
                    <td>{p.column ?? t('applications.import.fileLevel')}</td>
                    <td>{lang === 'en' ? p.messageEn : p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {outcome.problems.length > MAX_PROBLEMS_SHOWN && (
            <p className="muted apps-small" data-testid="import-problems-more">
              {t('applications.import.more', {
                shown: formatNumber(MAX_PROBLEMS_SHOWN, lang),
                rest: formatNumber(outcome.problems.length - MAX_PROBLEMS_SHOWN, lang),
              })}
            </p>
          )}
        </div>
      )}
      {outcome?.kind === 'error' &&
        (outcome.error instanceof ApiError ? (
          <ErrorBox error={outcome.error} />
        ) : (
          <div className="error-box" role="alert">
            {outcome.error instanceof Error ? outcome.error.message : t('errors.loadFailed')}
          </div>
        ))}
      <ErrorBox error={templateError} />

      <div className="apps-modal-actions">
        <button type="button" onClick={() => void downloadTemplate()} disabled={templateBusy} data-testid="import-template">
          {templateBusy ? t('applications.import.templateBusy') : t('applications.import.template')}
        </button>
        <span className="apps-spacer" />
        <button type="button" onClick={onClose} disabled={running} data-testid="import-close">
          {t('applications.dialog.close')}
        </button>
      </div>
    </Modal>
  );
}
