// One queue as a keyboard-driven table: j/k or arrows move, Enter opens, x selects, a/r/w decide
// (the selection, or the row under the cursor when nothing is selected), g assigns reviewers.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { QueueItem } from '../../../../shared/api/review.ts';
import { useTranslation } from 'react-i18next';
import type { Status } from '../../../../shared/domain.ts';
import type { Decision } from '../../../../shared/review/rubric.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { navigate } from '../../router.ts';
import { usePaged, useVirtualRows } from '../../ui/paged.ts';
import { StatusBadge } from '../../ui/EligibilityBadge.tsx';
import { formatDate, formatYen, uiLang } from '../../ui/format.ts';
import { AssignDialog, DecideDialog } from './dialogs.tsx';
import { score } from './files.ts';
import { VirtualTbody } from '../../ui/VirtualTbody.tsx';

export type Queue = 'eligibility' | 'assignment' | 'outstanding' | 'ready' | 'decided';

const DECISION_KEYS: Record<string, Decision> = { a: 'adopted', r: 'rejected', w: 'waitlisted' };

const ROW_HEIGHT = 37;

// Where the cursor was, per queue, so coming back from an application lands on the same row.
const rememberedCursor = new Map<string, number>();

export function QueueView({ queue, fiscalYear, onChanged }: { queue: Queue; fiscalYear: number; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  // The queue arrives a window at a time and only the rows in view are drawn: the outstanding
  // queue of a busy year is thousands of rows.
  const items = usePaged<QueueItem, 'review/queue'>('review/queue', { queue, fiscalYear });
  const count = items.total;
  const rowAt = items.rowAt;
  const [cursor, setCursor] = useState(() => rememberedCursor.get(queue) ?? 0);
  // Selected rows by key, with what a decision needs, so a selection survives scrolling away.
  const [selected, setSelected] = useState<Map<string, { applicationId: string; status: Status }>>(new Map());
  const [deciding, setDeciding] = useState<{ ids: string[]; decision: Decision } | null>(null);
  const [assigning, setAssigning] = useState<string[] | null>(null);
  const [message, setMessage] = useState<{ text: string; batchId?: string; previous?: { id: string; status: Status }[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const at = Math.min(cursor, Math.max(0, count - 1));
  const virtual = useVirtualRows(count, scrollRef, ROW_HEIGHT, items.show);
  const { scrollToIndex } = virtual;

  useEffect(() => {
    rememberedCursor.set(queue, at);
  }, [queue, at]);
  useEffect(() => {
    if (items.loaded && !deciding && !assigning) tableRef.current?.focus({ preventScroll: true });
  }, [items.loaded, deciding, assigning]);
  useEffect(() => {
    if (count > 0) scrollToIndex(at);
  }, [at, count, scrollToIndex]);

  const rowKey = (i: number) => rowAt(i)?.assignmentId ?? rowAt(i)?.applicationId ?? '';
  const targetRows = () => (selected.size ? [...selected.values()] : rowAt(at) ? [{ applicationId: rowAt(at)!.applicationId, status: rowAt(at)!.status }] : []);
  const targetApps = () => [...new Set(targetRows().map((r) => r.applicationId))];
  const toggle = (i: number) => {
    const r = rowAt(i);
    if (!r) return;
    const k = rowKey(i);
    const next = new Map(selected);
    if (next.has(k)) next.delete(k);
    else next.set(k, { applicationId: r.applicationId, status: r.status });
    setSelected(next);
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const k = e.key;
    if (k === 'j' || k === 'ArrowDown') setCursor(Math.min(count - 1, at + 1));
    else if (k === 'k' || k === 'ArrowUp') setCursor(Math.max(0, at - 1));
    else if (k === 'Home') setCursor(0);
    else if (k === 'End') setCursor(count - 1);
    else if (k === 'Enter' && rowAt(at)) navigate('review', 'app', rowAt(at)!.applicationId, queue);
    else if (k === 'x' || k === ' ') {
      if (rowAt(at)) toggle(at);
    } else if (k === 'g' && queue === 'assignment') {
      const ids = targetApps();
      if (ids.length) setAssigning(ids);
    } else if (DECISION_KEYS[k]) {
      const ids = targetApps();
      if (ids.length) setDeciding({ ids, decision: DECISION_KEYS[k] });
    } else return;
    e.preventDefault();
  };

  // A decision is undone by putting each application back to the status it had, with a history entry.
  const undoDecision = async (previous: { id: string; status: Status }[]) => {
    try {
      for (const p of previous) await call('applications/setStatus', { id: p.id, status: p.status, comment: t('review.decisionUndone') });
      setMessage({ text: t('review.decisionUndoneCount', { count: previous.length }) });
      items.reload();
      onChanged();
    } catch (e) {
      setError(e);
    }
  };

  const undo = async (batchId: string) => {
    try {
      const r = await call('review/undoBatch', { batchId });
      setMessage({ text: t('review.undone', { removed: r.removed }) });
      items.reload();
      onChanged();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div data-testid={`queue-${queue}`}>
      <p className="rv-help">{t('review.queueHelp')}</p>
      <div className="toolbar">
        <span className="muted" data-testid="queue-selected">
          {t('review.selected', { count: selected.size })}
        </span>
        {queue === 'assignment' && (
          <button type="button" disabled={targetApps().length === 0} onClick={() => setAssigning(targetApps())} data-testid="queue-assign">
            {t('review.assignSelected')}
          </button>
        )}
        {(['adopted', 'rejected', 'waitlisted'] as const).map((d) => (
          <button key={d} type="button" disabled={targetApps().length === 0} onClick={() => setDeciding({ ids: targetApps(), decision: d })} data-testid={`queue-decide-${d}`}>
            {t(`review.decide.${d}`)}
          </button>
        ))}
        {message && (
          <span className="rv-ok" role="status" data-testid="queue-message">
            {message.text}{' '}
            {message.batchId && (
              <button type="button" onClick={() => void undo(message.batchId!)} data-testid="queue-undo">
                {t('review.undo')}
              </button>
            )}
            {message.previous && (
              <button type="button" onClick={() => void undoDecision(message.previous!)} data-testid="queue-undo-decision">
                {t('review.undo')}
              </button>
            )}
          </span>
        )}
      </div>
      <ErrorBox error={items.error ?? error} />
      {items.loaded && count === 0 && <p className="muted">{t('review.empty')}</p>}
      {count > 0 && (
        <div className="vt-scroll" ref={scrollRef} data-testid="queue-scroll">
        <table className="grid rv-table" tabIndex={0} ref={tableRef} onKeyDown={onKey} data-testid="queue-table" aria-activedescendant={`qrow-${at}`}>
          <thead>
            <tr>
              <th>{t('review.col.select')}</th>
              <th>{t('review.col.applicationNo')}</th>
              <th>{t('review.col.course')}</th>
              <th>{t('review.col.title')}</th>
              <th>{t('review.col.host')}</th>
              {queue === 'outstanding' ? (
                <>
                  <th>{t('review.col.reviewer')}</th>
                  <th>{t('review.col.due')}</th>
                </>
              ) : (
                <>
                  <th className="num">{t('review.col.reviewers')}</th>
                  <th className="num">{t('review.col.submitted')}</th>
                  <th className="num">{t('review.col.mean')}</th>
                </>
              )}
              {queue === 'eligibility' && <th>{t('review.col.violations')}</th>}
              <th className="num">{t('review.col.amount')}</th>
              <th>{t('review.col.status')}</th>
            </tr>
          </thead>
          <VirtualTbody
            rows={virtual}
            rowAt={rowAt}
            columns={10}
            rowHeight={ROW_HEIGHT}
            renderRow={(r, i) => {
              const k = rowKey(i);
              return (
                <tr
                  key={k}
                  id={`qrow-${i}`}
                  className={[i === at ? 'cursor' : '', selected.has(k) ? 'selected' : ''].join(' ').trim() || undefined}
                  onClick={() => setCursor(i)}
                  onDoubleClick={() => navigate('review', 'app', r.applicationId, queue)}
                  data-testid="queue-row"
                  data-app-no={r.applicationNo}
                  style={{ height: ROW_HEIGHT }}
                  aria-selected={i === at}
                >
                  <td>
                    <input type="checkbox" tabIndex={-1} checked={selected.has(k)} onChange={() => toggle(i)} aria-label={r.applicationNo} />
                  </td>
                  <td>
                    <a href={`#/review/app/${encodeURIComponent(r.applicationId)}/${queue}`} tabIndex={-1}>
                      {r.applicationNo}
                    </a>
                  </td>
                  <td>{t(`applications.courseShort.${r.course}`)}</td>
                  <td className="title" title={r.title}>
                    {r.title}
                  </td>
                  <td className="host">{r.hostInstitution}</td>
                  {queue === 'outstanding' ? (
                    <>
                      <td className="nowrap">{r.reviewer}</td>
                      <td className="nowrap">
                        {r.dueOn ? formatDate(r.dueOn, lang) : '—'} {r.overdue && <span className="badge bad">{t('review.overdue')}</span>}
                      </td>
                    </>
                  ) : (
                    <>
                      <td className="num">{r.reviewers}</td>
                      <td className="num">{r.submitted}</td>
                      <td className="num">{score(r.meanScore)}</td>
                    </>
                  )}
                  {queue === 'eligibility' && <td>{r.violations.join(', ')}</td>}
                  <td className="num">{formatYen(r.requestedAmount, lang)}</td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                </tr>
              );
            }}
          />
        </table>
        </div>
      )}
      {deciding && (
        <DecideDialog
          ids={deciding.ids}
          decision={deciding.decision}
          onClose={() => setDeciding(null)}
          onDone={(n) => {
            const ids = new Set(deciding.ids);
            const previous = [...new Map(targetRows().filter((r) => ids.has(r.applicationId)).map((r) => [r.applicationId, r.status])).entries()]
              .filter(([, status]) => status !== deciding.decision)
              .map(([id, status]) => ({ id, status }));
            setDeciding(null);
            setSelected(new Map());
            setMessage({ text: t('review.decided', { count: n }), previous });
            items.reload();
            onChanged();
          }}
        />
      )}
      {assigning && (
        <AssignDialog
          applicationIds={assigning}
          fiscalYear={fiscalYear}
          onClose={() => setAssigning(null)}
          onDone={(r) => {
            setAssigning(null);
            setSelected(new Map());
            setMessage({ text: t('review.assigned', { added: r.added }), batchId: r.batchId });
            items.reload();
            onChanged();
          }}
        />
      )}
    </div>
  );
}
