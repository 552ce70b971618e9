// One program's results (実施結果): actual dates and numbers, reports received, amounts, summary;
// and its invitees, each linking to their follow-up page.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgramResult as Result, ProgramRow, ResultInput } from '../../../../shared/api/results.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { ConflictReload } from '../../ui/ConflictReload.tsx';
import { useApi } from '../../useApi.ts';
import { uiLang } from '../../ui/format.ts';
import { VirtualRowsTable } from '../../ui/VirtualRowsTable.tsx';
import { formatDate, formatYen, parseWhole } from './format.ts';

type Draft = Record<'actualArrival' | 'actualDeparture' | 'reportReceivedOn' | 'opinionReportsReceivedOn' | 'summary' | 'actualInvitees' | 'actualEscorts' | 'spentYen' | 'refundedYen', string>;
const NUMBER_FIELDS = ['actualInvitees', 'actualEscorts', 'spentYen', 'refundedYen'] as const;
/** Fixed row height: the invitees table only renders the rows in view. */
const ROW_HEIGHT = 37;
const DATE_FIELDS = ['actualArrival', 'actualDeparture', 'reportReceivedOn', 'opinionReportsReceivedOn'] as const;

function toDraft(r: Result | null): Draft {
  const n = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return {
    actualArrival: r?.actualArrival ?? '',
    actualDeparture: r?.actualDeparture ?? '',
    reportReceivedOn: r?.reportReceivedOn ?? '',
    opinionReportsReceivedOn: r?.opinionReportsReceivedOn ?? '',
    summary: r?.summary ?? '',
    actualInvitees: n(r?.actualInvitees),
    actualEscorts: n(r?.actualEscorts),
    spentYen: n(r?.spentYen),
    refundedYen: n(r?.refundedYen),
  };
}

function ResultForm({
  program,
  onSaved,
  onReload,
  justSaved,
}: {
  program: ProgramRow;
  onSaved: (updatedAt: string) => void;
  onReload: () => void;
  justSaved: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const [draft, setDraft] = useState<Draft>(() => toDraft(program.result));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(justSaved);
  const bad = Object.fromEntries(NUMBER_FIELDS.map((f) => [f, parseWhole(draft[f]) === undefined])) as Record<(typeof NUMBER_FIELDS)[number], boolean>;
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => {
    setSaved(false);
    setDraft({ ...draft, [k]: e.target.value });
  };

  const save = async () => {
    setError(null);
    const data: ResultInput = {
      actualArrival: draft.actualArrival || null,
      actualDeparture: draft.actualDeparture || null,
      reportReceivedOn: draft.reportReceivedOn || null,
      opinionReportsReceivedOn: draft.opinionReportsReceivedOn || null,
      summary: draft.summary,
      actualInvitees: parseWhole(draft.actualInvitees) ?? null,
      actualEscorts: parseWhole(draft.actualEscorts) ?? null,
      spentYen: parseWhole(draft.spentYen) ?? null,
      refundedYen: parseWhole(draft.refundedYen) ?? null,
    };
    try {
      // The version the form started from (0: no result yet): another officer's save is not overwritten.
      const r = await call('results/save', { programId: program.programId, data, expectedVersion: program.result?.version ?? 0 });
      setSaved(true);
      onSaved(r.result?.updatedAt ?? '');
    } catch (e) {
      setError(e);
    }
  };

  return (
    <form
      className="results-form"
      data-testid="result-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {DATE_FIELDS.map((f) => (
        <label key={f}>
          {t(`results.form.${f}`)}
          <input type="date" value={draft[f]} onChange={set(f)} data-testid={`result-${f}`} />
        </label>
      ))}
      {NUMBER_FIELDS.map((f) => (
        <label key={f}>
          {t(`results.form.${f}`)}
          <input value={draft[f]} onChange={set(f)} inputMode="numeric" aria-invalid={bad[f]} data-testid={`result-${f}`} />
          {bad[f] && <span className="field-error">{t('results.form.badNumber')}</span>}
          {!bad[f] && f.endsWith('Yen') && draft[f] && <span>{formatYen(parseWhole(draft[f]) ?? null, lang)}</span>}
        </label>
      ))}
      <label className="wide">
        {t('results.form.summary')}
        <textarea rows={4} value={draft.summary} onChange={set('summary')} maxLength={4000} data-testid="result-summary" />
      </label>
      <p className="wide muted">{t('results.form.statusNote')}</p>
      <div className="results-actions">
        <button type="submit" className="primary" disabled={Object.values(bad).some(Boolean)} data-testid="result-save">
          {t('actions.save')}
        </button>
        {saved && <span className="results-saved">{t('results.form.saved')}</span>}
      </div>
      <div className="wide">
        <ErrorBox error={error} />
        <ConflictReload error={error} onReload={onReload} testId="result-reload" />
      </div>
    </form>
  );
}

export function ProgramResult({ programId }: { programId: string }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  // Not live: another officer's save must not replace a draft; a stale save gets CONFLICT instead.
  const data = useApi('results/program', { programId }, { live: false });
  const p = data.data?.program;
  // The form is re-created from the stored record after a save; this carries "saved" across.
  const [savedAt, setSavedAt] = useState<string | null>(null);
  return (
    <section className="page">
      <a className="back-link" href="#/results">
        {t('results.form.back')}
      </a>
      <ErrorBox error={data.error} />
      {p && (
        <>
          <h1>
            {p.applicationNo} {p.title}
          </h1>
          <p className="results-plan">
            {p.hostInstitution} ・ {t(`appStatus.${p.status}`)} ・{' '}
            {t('results.form.plan', {
              from: formatDate(p.plannedArrival, lang),
              to: formatDate(p.plannedDeparture, lang),
              invitees: p.plannedInvitees,
              escorts: p.plannedEscorts,
              amount: formatYen(p.requestedAmount, lang),
            })}
          </p>
          <h2>{t('results.form.title')}</h2>
          {/* Keyed by the saved version, so a reload after saving starts the form from what was stored. */}
          <ResultForm
            key={`${p.result?.version ?? 0}-${p.result?.updatedAt ?? 'new'}`}
            onReload={() => data.reload()}
            program={p}
            justSaved={savedAt !== null && savedAt === p.result?.updatedAt}
            onSaved={(at) => {
              setSavedAt(at);
              data.reload();
            }}
          />
          <h2>{t('results.participants.title')}</h2>
          {data.data!.participants.length === 0 ? (
            <p className="notice">{t('results.participants.none')}</p>
          ) : (
            // A 20-year stress program can hold hundreds of invitees: a screenful of rows in the DOM.
            <VirtualRowsTable
              className="grid results-list"
              testId="result-participants"
              rows={data.data!.participants}
              rowHeight={ROW_HEIGHT}
              columns={5}
              head={
                <tr>
                  <th>{t('results.participants.name')}</th>
                  <th>{t('results.participants.role')}</th>
                  <th>{t('results.participants.affiliation')}</th>
                  <th className="num">{t('results.participants.followUps')}</th>
                  <th />
                </tr>
              }
              renderRow={(x) => (
                <tr key={x.id} data-testid="result-participant" style={{ height: ROW_HEIGHT }}>
                  <td className="vt-ellipsis" title={x.nativeName ? `${x.name} (${x.nativeName})` : x.name}>
                    {x.name}
                    {x.nativeName ? <span className="muted"> ({x.nativeName})</span> : null}
                  </td>
                  <td>{t(`results.participants.${x.role}`)}</td>
                  <td className="vt-ellipsis" title={x.affiliation ?? undefined}>
                    {x.affiliation ?? ''}
                  </td>
                  <td className="num">{x.followUps}</td>
                  <td>
                    {x.role === 'invitee' && (
                      <a href={`#/results/participant/${encodeURIComponent(x.id)}`} data-testid={`followups-link-${x.id}`}>
                        {t('results.participants.open')}
                      </a>
                    )}
                  </td>
                </tr>
              )}
            />
          )}
        </>
      )}
    </section>
  );
}
