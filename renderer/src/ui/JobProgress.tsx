// A long job's progress bar: the job/progress events of one jobId (read, parse, check, write with
// done / total), as an import started from any screen reports them. Subscribed while the screen is
// mounted, so the event stream is connected before the job starts.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { on } from '../api/client.ts';
import { formatNumber, uiLang } from './format.ts';
import './job-progress.css';

export interface JobProgressState {
  phase: string;
  done: number;
  total: number;
}

/**
 * `begin()` gives a new jobId to pass to the call and shows "starting"; `end()` hides the bar.
 * Events of other jobs (another screen's import) are ignored.
 */
export function useJobProgress() {
  const [progress, setProgress] = useState<JobProgressState | null>(null);
  const job = useRef<string | null>(null);
  useEffect(
    () =>
      on('job/progress', (p) => {
        if (p.jobId === job.current) setProgress({ phase: p.phase, done: p.done, total: p.total });
      }),
    [],
  );
  const begin = useCallback(() => {
    const jobId = crypto.randomUUID();
    job.current = jobId;
    setProgress({ phase: 'start', done: 0, total: 0 });
    return jobId;
  }, []);
  const end = useCallback(() => {
    job.current = null;
    setProgress(null);
  }, []);
  return { progress, begin, end };
}

/** The bar and its sentence ("Reading the file: 1,000 / 5,000 rows"); nothing when idle. */
export function JobProgress({ progress, unit = 'rows', testId }: { progress: JobProgressState | null; unit?: 'rows' | 'files'; testId: string }) {
  const { t, i18n } = useTranslation();
  if (!progress) return null;
  const lang = uiLang(i18n.language);
  const phase = t(`job.phase.${progress.phase}`, { defaultValue: progress.phase });
  // The review sheets count files while they are opened and checked, rows (reviews) when written.
  const counted = unit === 'files' && progress.phase !== 'write' ? 'files' : 'rows';
  const pct = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : undefined;
  return (
    <div className="job-progress" data-testid={testId} data-phase={progress.phase} role="status">
      <progress max={100} value={pct} aria-label={phase} />
      <span>
        {progress.total > 0 && progress.phase !== 'read'
          ? t(`job.${counted}`, { phase, done: formatNumber(progress.done, lang), total: formatNumber(progress.total, lang) })
          : phase}
      </span>
    </div>
  );
}
