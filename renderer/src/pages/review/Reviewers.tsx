// Reviewers: the list with loads, add/edit in a dialog, import a list, delete with confirmation.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reviewer } from '../../../../shared/api/review.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { usePaged, useVirtualRows } from '../../ui/paged.ts';
import { useDebounced, useInstitutionSuggestions } from '../../ui/suggest.ts';
import { VirtualTbody } from '../../ui/VirtualTbody.tsx';
import { Modal } from '../../ui/Modal.tsx';
import { readAsBase64 } from './files.ts';
import { Problems } from './Problems.tsx';
import { HistoryPanel } from '../../components/HistoryPanel.tsx';
import { ConflictReload } from '../../ui/ConflictReload.tsx';
import { JobProgress, useJobProgress } from '../../ui/JobProgress.tsx';
import { notice, useNoticeText, type Notice } from '../../ui/notice.ts';

// A row holds the edit and delete buttons.
const ROW_HEIGHT = 42;
const split = (s: string) => s.split(/[;；、\n]+/).map((x) => x.trim()).filter(Boolean);

function ReviewerDialog({
  reviewer,
  onClose,
  onSaved,
  onReload,
}: {
  reviewer: Reviewer | null;
  onClose: () => void;
  onSaved: () => void;
  /** After a stale save: show the reviewer as another officer saved it. */
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState({
    name: reviewer?.name ?? '',
    kind: reviewer?.kind ?? 'committee',
    institution: reviewer?.institution ?? '',
    email: reviewer?.email ?? '',
    fields: (reviewer?.fields ?? []).join('; '),
    countries: (reviewer?.countries ?? []).join('; '),
    maxLoad: reviewer?.maxLoad?.toString() ?? '',
    activeCalls: (reviewer?.activeCalls ?? []).join('; '),
    active: reviewer?.active ?? true,
  });
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    try {
      await call('review/saveReviewer', {
        id: reviewer?.id ?? null,
        data: {
          name: f.name,
          kind: f.kind,
          institution: f.institution.trim() || null,
          email: f.email.trim() || null,
          fields: split(f.fields),
          countries: split(f.countries).map((c) => c.toUpperCase()),
          maxLoad: f.maxLoad ? Number(f.maxLoad) : null,
          activeCalls: split(f.activeCalls),
          active: f.active,
        },
        // The version the dialog opened on: another officer's save since is not overwritten.
        ...(reviewer ? { expectedVersion: reviewer.version } : {}),
      });
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  // The institutions dictionary offered as suggestions: picking one avoids a near-duplicate entry.
  const institutions = useInstitutionSuggestions(f.institution);
  const text = (key: keyof typeof f, label: string, type = 'text') => (
    <label className="rv-field">
      {label}
      <input
        type={type}
        value={String(f[key])}
        onChange={(e) => setF({ ...f, [key]: e.target.value })}
        list={key === 'institution' ? 'rv-institutions' : undefined}
        data-testid={`reviewer-${key}`}
      />
    </label>
  );
  return (
    <Modal title={reviewer ? reviewer.name : t('review.reviewers.add')} onClose={onClose} wide testId="reviewer-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="rv-grid">
          {text('name', t('review.reviewers.name'))}
          <label className="rv-field">
            {t('review.col.kind')}
            <select value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as 'committee' | 'external' })}>
              <option value="committee">{t('review.reviewers.kinds.committee')}</option>
              <option value="external">{t('review.reviewers.kinds.external')}</option>
            </select>
          </label>
          {text('institution', t('review.reviewers.institution'))}
          {text('email', t('review.reviewers.email'), 'email')}
          {text('fields', t('review.reviewers.fields'))}
          {text('countries', t('review.reviewers.countries'))}
          {text('maxLoad', t('review.reviewers.maxLoad'), 'number')}
          {text('activeCalls', t('review.reviewers.activeCalls'))}
          <label>
            <input type="checkbox" checked={f.active} onChange={(e) => setF({ ...f, active: e.target.checked })} /> {t('review.reviewers.active')}
          </label>
        </div>
        <datalist id="rv-institutions">
          {institutions.map((i) => (
            <option key={i.id} value={i.nameJa}>
              {i.nameEn ?? ''}
            </option>
          ))}
        </datalist>
        <ErrorBox error={error} />
        <ConflictReload error={error} onReload={onReload} testId="reviewer-reload" />
        {reviewer && <HistoryPanel filter={{ entity: 'reviewer', entityId: reviewer.id }} />}
        <div className="apps-modal-actions">
          <button type="submit" className="primary" disabled={!f.name.trim()} data-testid="reviewer-save">
            {t('actions.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('actions.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function Reviewers({ fiscalYear }: { fiscalYear: number }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 200);
  // Paged on the server (loads counted for the window's reviewers only); only rows in view drawn.
  const list = usePaged<Reviewer, 'review/listReviewers'>('review/listReviewers', { fiscalYear, ...(q ? { q } : {}) });
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useVirtualRows(list.total, scrollRef, ROW_HEIGHT, list.show);
  const [editing, setEditing] = useState<Reviewer | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<Notice | null>(null);
  const noticeText = useNoticeText();
  const job = useJobProgress();
  const importFile = async (file: File) => {
    setError(null);
    setMessage(null);
    const jobId = job.begin();
    try {
      const r = await call('review/importReviewers', { fileName: file.name, dataBase64: await readAsBase64(file), jobId });
      setMessage(notice('review.reviewers.imported', r));
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      job.end();
    }
  };
  return (
    <div data-testid="reviewers">
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="reviewer-add">
          {t('review.reviewers.add')}
        </button>
        <label className="button">
          {t('review.reviewers.import')}
          <input
            type="file"
            accept=".xlsx,.csv,.tsv,.txt"
            style={{ display: 'none' }}
            disabled={job.progress !== null}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
            data-testid="reviewer-import"
          />
        </label>
        <span className="muted">{t('review.reviewers.headers')}</span>
        {message && <span className="rv-ok">{noticeText(message)}</span>}
      </div>
      <JobProgress progress={job.progress} testId="reviewer-import-progress" />
      <div className="toolbar">
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="rv-search"
          placeholder={t('review.reviewers.search')}
          aria-label={t('review.reviewers.search')}
          data-testid="reviewer-search"
        />
        <span className="muted" data-testid="reviewer-count" data-total={list.total}>
          {list.loaded ? t('review.reviewers.count', { count: list.total }) : t('loading')}
        </span>
      </div>
      <ErrorBox error={list.error ?? error} />
      <ConflictReload
        error={error}
        onReload={() => {
          setError(null);
          list.reload();
        }}
        testId="reviewers-reload"
      />
      <Problems error={error} />
      {list.loaded && list.total === 0 && <p className="muted">{q ? t('review.reviewers.noMatch') : t('review.reviewers.empty')}</p>}
      {list.total > 0 && (
        <div className="vt-scroll" ref={scrollRef} data-testid="reviewer-scroll">
        <table className="grid rv-table">
          <thead>
            <tr>
              <th>{t('review.reviewers.name')}</th>
              <th>{t('review.col.kind')}</th>
              <th>{t('review.col.institution')}</th>
              <th>{t('review.col.fields')}</th>
              <th className="num">{t('review.col.load')}</th>
              <th className="num">{t('review.col.outstanding')}</th>
              <th className="num">{t('review.col.maxLoad')}</th>
              <th />
            </tr>
          </thead>
          <VirtualTbody
            rows={rows}
            rowAt={list.rowAt}
            columns={8}
            rowHeight={ROW_HEIGHT}
            renderRow={(r) => (
              <tr key={r.id} data-testid="reviewer-row" className={r.active ? undefined : 'muted'} style={{ height: ROW_HEIGHT }}>
                <td className="vt-ellipsis" title={r.name}>{r.name}</td>
                <td>{t(`review.reviewers.kinds.${r.kind}`)}</td>
                <td className="vt-ellipsis" title={r.institution ?? undefined}>{r.institution ?? '—'}</td>
                <td className="vt-ellipsis" title={r.fields.join('、')}>{r.fields.join('、')}</td>
                <td className="num">{r.load}</td>
                <td className="num">{r.outstanding}</td>
                <td className="num">{r.maxLoad ?? '—'}</td>
                <td>
                  <button type="button" onClick={() => setEditing(r)}>
                    {t('review.reviewers.edit')}
                  </button>{' '}
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      if (!window.confirm(t('review.reviewers.confirmDelete', { name: r.name }))) return;
                      call('review/deleteReviewer', { id: r.id, expectedVersion: r.version }).then(
                        () => list.reload(),
                        (e: unknown) => setError(e),
                      );
                    }}
                  >
                    {t('review.reviewers.delete')}
                  </button>
                </td>
              </tr>
            )}
          />
        </table>
        </div>
      )}
      {editing && (
        <ReviewerDialog
          key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
          reviewer={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onReload={() => {
            if (editing === 'new') return;
            // The one reviewer, fresh: a page of the list would not hold it once the list pages.
            call('review/listReviewers', { fiscalYear, ids: [editing.id], limit: 1 }).then(
              (fresh) => setEditing(fresh.items[0] ?? null),
              (e: unknown) => setError(e),
            );
            list.reload();
          }}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
    </div>
  );
}
