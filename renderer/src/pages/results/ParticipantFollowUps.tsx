// #/results/participant/<id>: a participant's follow-up outcomes over the years, with add, edit
// and delete. (The participants screens themselves belong to the participants area.)
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUp } from '../../../../shared/api/results.ts';
import { FOLLOW_UP_KINDS, type FollowUpKind } from '../../../../shared/stats/aggregate.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { ConflictReload } from '../../ui/ConflictReload.tsx';
import { useApi } from '../../useApi.ts';
import { uiLang } from '../../ui/format.ts';
import { formatDate } from './format.ts';

interface Draft {
  id: string | null;
  kind: FollowUpKind;
  occurredOn: string;
  note: string;
  /** The record's version when editing began (a new record has none). */
  version?: number;
}

const draftOf = (f: FollowUp): Draft => ({ id: f.id, kind: f.kind, occurredOn: f.occurredOn, note: f.note, version: f.version });

export function ParticipantFollowUps({ participantId }: { participantId: string }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const data = useApi('followups/participant', { participantId });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const v = data.data;

  const save = async () => {
    if (!draft) return;
    setError(null);
    try {
      await call('followups/save', {
        id: draft.id,
        participantId,
        kind: draft.kind,
        occurredOn: draft.occurredOn,
        note: draft.note,
        ...(draft.version !== undefined ? { expectedVersion: draft.version } : {}),
      });
      setDraft(null);
      data.reload();
    } catch (e) {
      setError(e);
    }
  };
  const remove = async (f: FollowUp) => {
    if (!window.confirm(t('results.followUps.confirmDelete'))) return;
    setError(null);
    try {
      await call('followups/delete', { id: f.id, expectedVersion: f.version });
      data.reload();
    } catch (e) {
      setError(e);
    }
  };

  // After a stale save or delete: the records as they are now; an open edit restarts from the stored one.
  const reload = async () => {
    setError(null);
    try {
      const fresh = await call('followups/participant', { participantId });
      const f = draft?.id ? fresh.followUps.find((x) => x.id === draft.id) : undefined;
      if (draft?.id) setDraft(f ? draftOf(f) : null);
    } catch (e) {
      setError(e);
    }
    data.reload();
  };

  return (
    <section className="page">
      {v && (
        <a className="back-link" href={`#/results/program/${encodeURIComponent(v.program.programId)}`}>
          {t('results.followUps.back')}
        </a>
      )}
      <ErrorBox error={data.error} />
      {v && (
        <>
          <h1 data-testid="followup-name">
            {t('results.followUps.title')}: {v.participant.name}
            {v.participant.nativeName ? ` (${v.participant.nativeName})` : ''}
          </h1>
          <p className="muted">
            {t('results.followUps.program', { fy: v.program.fiscalYear, no: v.program.applicationNo, title: v.program.title })}
            {v.participant.affiliation ? ` ・ ${v.participant.affiliation}` : ''}
          </p>
          {v.participant.role === 'escort' ? (
            <p className="notice">{t('results.followUps.escortNote')}</p>
          ) : (
            <div className="toolbar">
              <button
                type="button"
                className="primary"
                onClick={() => setDraft({ id: null, kind: 'returned-student', occurredOn: '', note: '' })}
                data-testid="followup-add"
              >
                {t('results.followUps.add')}
              </button>
            </div>
          )}
          {draft && (
            <form
              className="followup-form"
              data-testid="followup-form"
              onSubmit={(e) => {
                e.preventDefault();
                void save();
              }}
            >
              <label>
                {t('results.followUps.kind')}
                <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as FollowUpKind })} data-testid="followup-kind">
                  {FOLLOW_UP_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`charts.outcomes.${k}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('results.followUps.occurredOn')}
                <input type="date" required value={draft.occurredOn} onChange={(e) => setDraft({ ...draft, occurredOn: e.target.value })} data-testid="followup-date" />
              </label>
              <label className="note">
                {t('results.followUps.note')}
                <input value={draft.note} maxLength={2000} onChange={(e) => setDraft({ ...draft, note: e.target.value })} data-testid="followup-note" />
              </label>
              <button type="submit" className="primary" data-testid="followup-save">
                {t('results.followUps.save')}
              </button>
              <button type="button" onClick={() => setDraft(null)}>
                {t('results.followUps.cancel')}
              </button>
            </form>
          )}
          <ErrorBox error={error} />
          <ConflictReload error={error} onReload={() => void reload()} testId="followup-reload" />
          {v.followUps.length === 0 ? (
            <p className="muted">{t('results.followUps.none')}</p>
          ) : (
            <table className="grid results-list" data-testid="followup-list">
              <thead>
                <tr>
                  <th>{t('results.followUps.occurredOn')}</th>
                  <th>{t('results.followUps.kind')}</th>
                  <th>{t('results.followUps.note')}</th>
                  <th>{t('results.followUps.recordedBy')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {v.followUps.map((f) => (
                  <tr key={f.id}>
                    <td>{formatDate(f.occurredOn, lang)}</td>
                    <td>{t(`charts.outcomes.${f.kind}`)}</td>
                    <td>{f.note}</td>
                    <td>{f.recordedBy}</td>
                    <td>
                      <button type="button" onClick={() => setDraft(draftOf(f))}>
                        {t('results.followUps.edit')}
                      </button>{' '}
                      <button type="button" className="danger" onClick={() => void remove(f)}>
                        {t('results.followUps.delete')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
