// 履歴: the audit events of one thing (an application, a program, a reviewer…), newest first, with
// who and when and, for edits, each field before → after. The settings screen reuses the table.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput, CallOutput } from '../../../shared/api/index.ts';
import { useApi } from '../useApi.ts';
import { ErrorBox } from './ErrorBox.tsx';
import { auditFieldKey } from '../i18n/audit-fields.ts';
import '../pages/backup/backup.css';

type Event = CallOutput<'audit/list'>['items'][number];

export function formatWhen(iso: string, lang: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP', { dateStyle: 'medium', timeStyle: 'short' });
}

function value(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The summary as lines a person reads: "title: 旧 → 新", or the counts of a bulk write. */
function Summary({ s }: { s: unknown }) {
  const { t } = useTranslation();
  const o = (s ?? {}) as Record<string, unknown>;
  if (o.changes && typeof o.changes === 'object') {
    const entries = Object.entries(o.changes as Record<string, { before: unknown; after: unknown }>);
    return (
      <ul className="audit-changes">
        {entries.map(([k, c]) => (
          <li key={k}>
            <span className="audit-field" title={k} data-field={k}>
              {t(auditFieldKey(k), { defaultValue: k })}
            </span>
            : <span className="before">{value(c.before)}</span> → <span className="after">{value(c.after)}</span>
          </li>
        ))}
      </ul>
    );
  }
  if (o.created) return <span>{t('audit.created')}</span>;
  if (o.deleted) return <span>{t('audit.deleted')}</span>;
  return <span className="audit-summary">{Object.entries(o).map(([k, v]) => `${k}: ${value(v)}`).join(' · ')}</span>;
}

/** Narrow panels: one block per event, the when/who line above what changed. */
function AuditList({ items }: { items: Event[] }) {
  const { i18n } = useTranslation();
  return (
    <ol className="audit-list" data-testid="audit-list">
      {items.map((e) => (
        <li key={e.id} data-testid="audit-row">
          <div className="audit-head">
            <span className="nowrap">{formatWhen(e.at, i18n.language)}</span>
            <strong data-testid="audit-user">{e.user}</strong>
            <code>{e.action}</code>
          </div>
          <Summary s={e.summary} />
        </li>
      ))}
    </ol>
  );
}

export function AuditTable({ items, showEntity, compact }: { items: Event[]; showEntity?: boolean; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return <p className="muted">{t('audit.empty')}</p>;
  if (compact) return <AuditList items={items} />;
  return (
    <table className="grid audit-table" data-testid="audit-table">
      <thead>
        <tr>
          <th>{t('audit.col.at')}</th>
          <th>{t('audit.col.user')}</th>
          <th>{t('audit.col.action')}</th>
          {showEntity && <th>{t('audit.col.entity')}</th>}
          <th>{t('audit.col.summary')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <tr key={e.id} data-testid="audit-row">
            <td className="nowrap">{formatWhen(e.at, i18n.language)}</td>
            <td data-testid="audit-user">{e.user}</td>
            <td>
              <code>{e.action}</code>
            </td>
            {showEntity && <td>{t(`audit.entities.${e.entity}`, { defaultValue: e.entity })}</td>}
            <td>
              <Summary s={e.summary} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const PAGE = 20;

/** The 履歴 panel placed on a detail view; folded by default so it never pushes the form away. */
export function HistoryPanel({ filter }: { filter: Omit<CallInput<'audit/list'>, 'limit' | 'offset'> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details className="history-panel" data-testid="history-panel" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('audit.panel')}</summary>
      {open && <HistoryList filter={filter} />}
    </details>
  );
}

function HistoryList({ filter }: { filter: Omit<CallInput<'audit/list'>, 'limit' | 'offset'> }) {
  const [offset, setOffset] = useState(0);
  const list = useApi('audit/list', { ...filter, limit: PAGE, offset });
  if (list.error) return <ErrorBox error={list.error} />;
  if (!list.data) return <p className="muted">…</p>;
  return (
    <>
      <AuditTable items={list.data.items} compact />
      <Pager offset={offset} size={PAGE} total={list.data.total} onChange={setOffset} />
    </>
  );
}

export function Pager({ offset, size, total, onChange }: { offset: number; size: number; total: number; onChange: (o: number) => void }) {
  const { t } = useTranslation();
  if (total <= size) return null;
  return (
    <div className="pager" data-testid="audit-pager">
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - size))}>
        {t('audit.prev')}
      </button>
      <span>{t('audit.paging', { from: offset + 1, to: Math.min(total, offset + size), total })}</span>
      <button type="button" disabled={offset + size >= total} onClick={() => onChange(offset + size)}>
        {t('audit.next')}
      </button>
    </div>
  );
}
