// Excel review sheets out and back, the committee summary, and the review form's criteria.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Criterion } from '../../../../shared/review/rubric.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { ConflictReload } from '../../ui/ConflictReload.tsx';
import { JobProgress, useJobProgress } from '../../ui/JobProgress.tsx';
import { useApi } from '../../useApi.ts';
import { download, readAsBase64 } from './files.ts';
import { Problems } from './Problems.tsx';
import { notice, useNoticeText, type Notice } from '../../ui/notice.ts';
import { MAX_CALLS_PER_YEAR } from '../../../../shared/api/reference.ts';

function RubricEditor({ fiscalYear }: { fiscalYear: number }) {
  const { t } = useTranslation();
  const [callNo, setCallNo] = useState<number | null>(null);
  const rubric = useApi('review/getRubric', { fiscalYear, call: callNo }, { live: false });
  const calls = useApi('calls/list', { fiscalYear, limit: MAX_CALLS_PER_YEAR });
  const loaded = rubric.data;
  return (
    <div className="rv-panel" data-testid="rubric">
      <h2>{t('review.sheets.rubricTitle')}</h2>
      <div className="toolbar">
        <select value={callNo ?? ''} onChange={(e) => setCallNo(e.target.value ? Number(e.target.value) : null)}>
          <option value="">{t('review.fyValue', { fy: fiscalYear })}</option>
          {(calls.data?.items ?? []).map((c) => (
            <option key={c.id} value={c.number}>
              {t('review.auto.call')} {c.number}
            </option>
          ))}
        </select>
        {loaded && <span className="muted">{t(`review.sheets.rubricSource.${loaded.source}`)}</span>}
      </div>
      {/* Keyed by what was loaded, so the editor starts from it and restarts when it changes. */}
      {loaded && (
        <CriteriaTable
          key={`${fiscalYear}-${callNo}-${loaded.version}-${JSON.stringify(loaded.criteria)}`}
          fiscalYear={fiscalYear}
          callNo={callNo}
          initial={loaded.criteria}
          version={loaded.version}
          onSaved={rubric.reload}
        />
      )}
    </div>
  );
}

function CriteriaTable({
  fiscalYear,
  callNo,
  initial,
  version,
  onSaved,
}: {
  fiscalYear: number;
  callNo: number | null;
  initial: Criterion[];
  /** This scope's saved form when the table loaded (0: none of its own yet). */
  version: number;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [criteria, setCriteria] = useState<Criterion[]>(initial);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const set = (i: number, patch: Partial<Criterion>) => setCriteria(criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <>
      <table className="grid">
        <thead>
          <tr>
            <th>{t('review.sheets.keyName')}</th>
            <th>{t('review.sheets.label')}</th>
            <th>{t('review.sheets.labelEn')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {criteria.map((c, i) => (
            <tr key={i}>
              <td>
                <input value={c.key} onChange={(e) => set(i, { key: e.target.value })} size={12} />
              </td>
              <td>
                <input value={c.label} onChange={(e) => set(i, { label: e.target.value })} size={28} data-testid="rubric-label" />
              </td>
              <td>
                <input value={c.labelEn} onChange={(e) => set(i, { labelEn: e.target.value })} size={32} />
              </td>
              <td>
                <button type="button" className="danger" disabled={criteria.length <= 1} onClick={() => setCriteria(criteria.filter((_, j) => j !== i))}>
                  {t('actions.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar" style={{ marginTop: 8 }}>
        <button type="button" onClick={() => setCriteria([...criteria, { key: `c${criteria.length + 1}`, label: '', labelEn: '' }])}>
          {t('review.sheets.addCriterion')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setSaved(false);
            setError(null);
            call('review/saveRubric', { fiscalYear, call: callNo, criteria, expectedVersion: version }).then(
              () => {
                setSaved(true);
                onSaved();
              },
              (e: unknown) => setError(e),
            );
          }}
        >
          {t('review.sheets.saveRubric')}
        </button>
        {saved && <span className="rv-ok">{t('review.sheets.rubricSaved')}</span>}
      </div>
      <ErrorBox error={error} />
      {/* A reload re-reads the form: the table remounts on the new version. */}
      <ConflictReload error={error} onReload={onSaved} testId="rubric-reload" />
    </>
  );
}

export function Sheets({ fiscalYear, onChanged }: { fiscalYear: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const [layout, setLayout] = useState<'per-reviewer' | 'one-workbook'>('one-workbook');
  const [files, setFiles] = useState<File[]>([]);
  const [message, setMessage] = useState<Notice | null>(null);
  const noticeText = useNoticeText();
  const [error, setError] = useState<unknown>(null);
  const job = useJobProgress();
  const run = async (fn: () => Promise<void>) => {
    setError(null);
    setMessage(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div data-testid="sheets">
      <div className="rv-panel">
        <h2>{t('review.sheets.exportTitle')}</h2>
        <div className="toolbar">
          <label className="rv-field">
            {t('review.sheets.layout')}
            <select value={layout} onChange={(e) => setLayout(e.target.value as typeof layout)}>
              <option value="one-workbook">{t('review.sheets.layouts.one-workbook')}</option>
              <option value="per-reviewer">{t('review.sheets.layouts.per-reviewer')}</option>
            </select>
          </label>
          <button
            type="button"
            className="primary"
            data-testid="sheets-export"
            onClick={() =>
              void run(async () => {
                const r = await call('review/exportSheets', { fiscalYear, layout });
                r.files.forEach(download);
                setMessage(notice('review.sheets.exported', { count: r.files.length }));
              })
            }
          >
            {t('review.sheets.export')}
          </button>
        </div>
      </div>
      <div className="rv-panel">
        <h2>{t('review.sheets.importTitle')}</h2>
        <p className="muted">{t('review.sheets.importHelp')}</p>
        <div className="toolbar">
          <input type="file" multiple accept=".xlsx" onChange={(e) => setFiles([...(e.target.files ?? [])])} data-testid="sheets-files" />
          <button
            type="button"
            className="primary"
            disabled={files.length === 0 || job.progress !== null}
            data-testid="sheets-import"
            onClick={() =>
              void run(async () => {
                const jobId = job.begin();
                try {
                  const payload = await Promise.all(files.map(async (f) => ({ fileName: f.name, dataBase64: await readAsBase64(f) })));
                  const r = await call('review/importSheets', { files: payload, jobId });
                  setMessage(notice('review.sheets.imported', r));
                  onChanged();
                } finally {
                  job.end();
                }
              })
            }
          >
            {t('review.sheets.import')}
          </button>
        </div>
        <JobProgress progress={job.progress} unit="files" testId="sheets-import-progress" />
      </div>
      {message && (
        <p className="rv-ok" role="status" data-testid="sheets-message">
          {noticeText(message)}
        </p>
      )}
      <ErrorBox error={error} />
      <Problems error={error} />
      <RubricEditor fiscalYear={fiscalYear} />
    </div>
  );
}
