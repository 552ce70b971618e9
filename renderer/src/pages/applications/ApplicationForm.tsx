// 応募の登録・編集: every field of an application, the eligibility check re-run locally on each
// keystroke with the fiscal year's rule set, save, status with history, delete (after confirming).
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../shared/api/applications.ts';
import { allCountries, countryName } from '../../../../shared/countries.ts';
import { COURSES, courseProgram, FIELDS, MODES, type Status } from '../../../../shared/domain.ts';
import { TRANSITIONS } from '../../../../shared/status.ts';
import { ApiError, type Lang } from '../../../../shared/errors.ts';
import { checkPlan, courseLabel, stayDays } from '../../../../shared/rules/eligibility.ts';
import { ruleSetDisplayName, type RuleSet } from '../../../../shared/rules/ruleset.ts';
import type { EligibilityResult, Finding } from '../../../../shared/rules/types.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { navigate } from '../../router.ts';
import { useInstitutionSuggestions } from '../../ui/suggest.ts';
import { useApi } from '../../useApi.ts';
import {
  draftCountries,
  draftFiscalYear,
  draftFromDetail,
  draftPlan,
  draftSignature,
  emptyDraft,
  newSendingRow,
  validateDraft,
  type Draft,
  type FieldName,
  type Problem,
} from './draft.ts';
import { StatusBadge } from '../../ui/EligibilityBadge.tsx';
import { clearFlash, peekFlash, setFlash } from './flash.ts';
import { formatDate, formatDateTime, formatYen, parseYen, uiLang } from '../../ui/format.ts';
import { currentFiscalYear } from '../../calendar.ts';
import { Modal } from '../../ui/Modal.tsx';
import { HistoryPanel } from '../../components/HistoryPanel.tsx';
import { ConflictReload } from '../../ui/ConflictReload.tsx';
import { notice, useNoticeText, type Notice } from '../../ui/notice.ts';
import { MAX_CALLS_PER_YEAR } from '../../../../shared/api/reference.ts';

// Rule sets by fiscal year for this session: switching the year back and forth shows the check at
// once, and each visit to the form fetches again in case a year's rule set was edited.
const ruleSetCache = new Map<number, RuleSet>();

function useRuleSet(fiscalYear: number | null): { ruleSet: RuleSet | null; error: unknown } {
  const [state, setState] = useState<{ fy: number | null; ruleSet: RuleSet | null; error: unknown }>({
    fy: null,
    ruleSet: null,
    error: null,
  });
  useEffect(() => {
    if (fiscalYear === null) return;
    let live = true;
    call('rulesets/get', { fiscalYear }).then(
      (rs) => {
        ruleSetCache.set(fiscalYear, rs);
        if (live) setState({ fy: fiscalYear, ruleSet: rs, error: null });
      },
      (e: unknown) => live && setState({ fy: fiscalYear, ruleSet: null, error: e }),
    );
    return () => {
      live = false;
    };
  }, [fiscalYear]);
  if (fiscalYear === null) return { ruleSet: null, error: null };
  if (state.fy === fiscalYear) return { ruleSet: state.ruleSet ?? ruleSetCache.get(fiscalYear) ?? null, error: state.error };
  return { ruleSet: ruleSetCache.get(fiscalYear) ?? null, error: null };
}

function FormField({
  label,
  problem,
  hint,
  children,
  id,
  className,
}: {
  label: string;
  problem?: Problem | undefined;
  hint?: ReactNode;
  children: ReactNode;
  id: string;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className={`apps-field${problem ? ' invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {problem && (
        <div className="apps-field-error" id={`${id}-err`} data-testid="field-error">
          {t(`applications.valid.${problem.key}`, problem.params)}
        </div>
      )}
      {hint && !problem && <div className="apps-field-hint">{hint}</div>}
    </div>
  );
}

function FindingList({ items, kind, lang }: { items: Finding[]; kind: 'violation' | 'warning'; lang: Lang }) {
  return (
    <ul className={`apps-findings ${kind}`}>
      {items.map((f, i) => (
        <li key={`${f.code}-${i}`} data-testid={kind} data-code={f.code}>
          <code>{f.code}</code>
          <span>{lang === 'en' ? f.messageEn : f.message}</span>
        </li>
      ))}
    </ul>
  );
}

function EligibilityPanel({
  result,
  ruleSetError,
  loading,
  needYear,
  datesMissing,
  lang,
}: {
  result: EligibilityResult | null;
  ruleSetError: unknown;
  loading: boolean;
  needYear: boolean;
  datesMissing: boolean;
  lang: Lang;
}) {
  const { t, i18n } = useTranslation();
  return (
    <section className="apps-card apps-check" data-testid="eligibility-panel" aria-live="polite">
      <h2>{t('applications.check.title')}</h2>
      {needYear ? (
        <p className="muted">{t('applications.check.needYear')}</p>
      ) : ruleSetError ? (
        <ErrorBox error={ruleSetError} />
      ) : !result ? (
        <p className="muted">{loading ? t('applications.check.loadingRuleSet') : t('loading')}</p>
      ) : (
        <>
          <div className="apps-ruleset" data-testid="ruleset-name">
            {t('applications.check.ruleSet', { name: ruleSetDisplayName(result.ruleSet, i18n.language === 'en' ? 'en' : 'ja') })}
          </div>
          {result.violations.length === 0 ? (
            <p className="apps-check-ok" data-testid="eligibility-ok">
              ✓ {t('applications.check.ok')}
            </p>
          ) : (
            <>
              <h3 className="bad">{t('applications.check.violations', { count: result.violations.length })}</h3>
              <FindingList items={result.violations} kind="violation" lang={lang} />
            </>
          )}
          {datesMissing && <p className="muted apps-small">{t('applications.check.needDates')}</p>}
          {result.warnings.length > 0 && (
            <>
              <h3 className="warn">{t('applications.check.warnings', { count: result.warnings.length })}</h3>
              <FindingList items={result.warnings} kind="warning" lang={lang} />
            </>
          )}
          <p className="muted apps-small">{t('applications.check.live')}</p>
        </>
      )}
    </section>
  );
}

function StatusPanel({ detail, onChanged }: { detail: ApplicationDetail; onChanged: (d: ApplicationDetail) => void }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const [next, setNext] = useState<Status>(detail.status);
  const [comment, setComment] = useState('');
  const [override, setOverride] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Notice | null>(null);
  const noticeText = useNoticeText();
  const ids = useId();
  // Adopting a plan with open violations was refused by the gate: the reason is asked for here.
  const needsReason = !!(error as { details?: { ineligible?: unknown } } | null)?.details?.ineligible && next === 'adopted';
  const apply = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const d = await call('applications/setStatus', { id: detail.id, status: next, comment: comment.trim() || null, override: override.trim() || null });
      onChanged(d);
      setComment('');
      setOverride('');
      setDone(notice('applications.statusPanel.changed', undefined, { status: `appStatus.${d.status}` }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const history = [...detail.history].sort((a, b) => (a.changedAt < b.changedAt ? 1 : a.changedAt > b.changedAt ? -1 : 0));
  return (
    <section className="apps-card apps-status-panel" data-testid="status-panel">
      <h2>{t('applications.statusPanel.title')}</h2>
      <div className="apps-status-now">
        {t('applications.statusPanel.current')}: <StatusBadge status={detail.status} />
      </div>
      <div className="apps-status-change">
        <label htmlFor={`${ids}-s`}>{t('applications.statusPanel.change')}</label>
        <select id={`${ids}-s`} value={next} onChange={(e) => setNext(e.target.value as Status)} data-testid="status-select">
          {/* Only what the life cycle allows from here (shared/status.ts); the same status records a comment. */}
          {[detail.status, ...TRANSITIONS[detail.status]].map((s) => (
            <option key={s} value={s}>
              {t(`appStatus.${s}`, { defaultValue: s })}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-c`}>{t('applications.statusPanel.comment')}</label>
        <textarea id={`${ids}-c`} rows={2} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} data-testid="status-comment" />
        {(needsReason || override) && (
          <>
            <label htmlFor={`${ids}-o`}>{t('selection.overrideReason')}</label>
            <textarea id={`${ids}-o`} rows={2} value={override} maxLength={2000} onChange={(e) => setOverride(e.target.value)} data-testid="status-override" />
          </>
        )}
        <button type="button" onClick={() => void apply()} disabled={busy || (next === detail.status && !comment.trim())} data-testid="status-apply">
          {t('applications.statusPanel.apply')}
        </button>
      </div>
      {done && (
        <div className="apps-notice apps-small" role="status">
          {noticeText(done)}
        </div>
      )}
      <ErrorBox error={error} />
      <h3>{t('applications.statusPanel.history')}</h3>
      <table className="grid apps-history" data-testid="status-history">
        <thead>
          <tr>
            <th>{t('applications.statusPanel.when')}</th>
            <th>{t('applications.statusPanel.change_')}</th>
            <th>{t('applications.statusPanel.who')}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr key={h.id}>
              <td className="apps-nowrap">{formatDateTime(h.changedAt, lang)}</td>
              <td>
                {h.fromStatus ? `${t(`appStatus.${h.fromStatus}`, { defaultValue: h.fromStatus })} → ` : ''}
                <strong>{t(`appStatus.${h.toStatus}`, { defaultValue: h.toStatus })}</strong>
                {h.comment && <div className="apps-history-comment">{h.comment}</div>}
                {h.overrideReason && <div className="apps-history-comment" data-testid="history-override">⚠ {t('selection.overrideReason')}: {h.overrideReason}</div>}
              </td>
              <td>{h.changedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ApplicationForm({ id }: { id: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const ids = useId();
  const fid = (name: string) => `${ids}-${name}`;

  const [detail, setDetail] = useState<ApplicationDetail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [draft, setDraft] = useState<Draft | null>(() => (id === null ? emptyDraft(currentFiscalYear()) : null));
  const [baseline, setBaseline] = useState<string>(() => (draft ? draftSignature(draft) : ''));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [shown, setNotice] = useState<Notice | null>(() => peekFlash());
  const noticeText = useNoticeText();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const [countryToAdd, setCountryToAdd] = useState('');
  // Team mode: "load the latest" after another officer's save made this form stale.
  const [reloads, setReloads] = useState(0);

  useEffect(() => clearFlash(), []);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    call('applications/get', { id }).then(
      (d) => {
        if (!live) return;
        const dr = draftFromDetail(d);
        setDetail(d);
        setDraft(dr);
        setBaseline(draftSignature(dr));
        setSaveError(null);
        setTouched(new Set());
      },
      (e: unknown) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [id, reloads]);

  const fiscalYear = draft ? draftFiscalYear(draft) : null;
  const { ruleSet, error: ruleSetError } = useRuleSet(fiscalYear);
  const calls = useApi('calls/list', { fiscalYear: fiscalYear ?? 0, limit: MAX_CALLS_PER_YEAR });
  // Suggestions for what is being typed (the dictionary holds thousands of names): the host field's
  // text, and the sending row last typed in.
  const [sendingQ, setSendingQ] = useState('');
  const hostSuggestions = useInstitutionSuggestions(draft?.hostInstitution ?? '');
  const sendingSuggestions = useInstitutionSuggestions(sendingQ);
  const countries = useMemo(() => allCountries(lang), [lang]);

  const validation = useMemo(() => (draft ? validateDraft(draft) : null), [draft]);
  const datesMissing = !!draft && (draft.arrival === '' || draft.departure === '');
  const check = useMemo(() => {
    if (!draft || fiscalYear === null || !ruleSet || ruleSet.fiscalYear !== fiscalYear) return null;
    const r = checkPlan(draftPlan(draft, fiscalYear), ruleSet);
    // An empty date is reported beside its field; "「」 is not a date" in the panel would only be noise.
    const violations = r.violations.filter((v) => !(v.code === 'DATES_INVALID' && v.params.value === ''));
    return { ...r, violations, ok: violations.length === 0 };
  }, [draft, fiscalYear, ruleSet]);

  if (loadError) {
    const notFound = loadError instanceof ApiError && loadError.code === 'NOT_FOUND';
    return (
      <section className="page apps-form-page">
        <a href="#/applications" className="apps-back">
          {t('applications.backToList')}
        </a>
        {notFound ? (
          <div className="notice" data-testid="app-not-found">
            {t('applications.form.notFound')}
          </div>
        ) : (
          <ErrorBox error={loadError} />
        )}
      </section>
    );
  }
  if (!draft || !validation) {
    return (
      <section className="page apps-form-page">
        <p className="muted">{t('loading')}</p>
      </section>
    );
  }

  const dirty = draftSignature(draft) !== baseline;
  const update = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const touch = (name: string) => setTouched((s) => (s.has(name) ? s : new Set(s).add(name)));
  const problemOf = (name: FieldName): Problem | undefined =>
    submitted || touched.has(name) ? validation.problems[name] : undefined;
  const inputProps = (name: FieldName) => ({
    id: fid(name),
    onBlur: () => touch(name),
    'aria-invalid': problemOf(name) ? true : undefined,
    'aria-describedby': problemOf(name) ? `${fid(name)}-err` : undefined,
  });

  const derivedCountries = draftCountries({ ...draft, extraCountries: [] });
  const allSelected = draftCountries(draft);
  const hostNames = hostSuggestions.filter((i) => i.country === 'JP' || i.country === null);
  const sendingNames = sendingSuggestions.filter((i) => i.country !== 'JP');
  const callNumbers = [...new Set([1, 2, 3, 4, ...(calls.data?.items ?? []).map((c) => c.number), ...(draft.call ? [Number(draft.call)] : [])])].sort(
    (a, b) => a - b,
  );
  const chosenCall = (calls.data?.items ?? []).find((c) => String(c.number) === draft.call && c.fiscalYear === fiscalYear);
  const days = stayDays(draft.arrival, draft.departure);
  const amount = parseYen(draft.requestedAmount);
  const online = draft.mode === 'online';
  const problemCount = Object.keys(validation.problems).length;

  const save = async () => {
    setSubmitted(true);
    setNotice(null);
    setSaveError(null);
    if (!validation.input) return;
    setSaving(true);
    try {
      // The version this form was loaded at: a save after another officer's is refused, not merged.
      const d = await call('applications/save', { id, data: validation.input, ...(detail ? { expectedVersion: detail.version } : {}) });
      if (id === null) {
        setFlash('applications.form.saved');
        navigate('applications', d.id);
        return;
      }
      const dr = draftFromDetail(d);
      setDetail(d);
      setDraft(dr);
      setBaseline(draftSignature(dr));
      setSubmitted(false);
      setTouched(new Set());
      setNotice(notice('applications.form.saved'));
    } catch (e) {
      setSaveError(e);
    } finally {
      setSaving(false);
    }
  };

  const doDelete = async () => {
    if (!detail) return;
    setDeleting(true);
    setDeleteError(null);
    try {
      await call('applications/delete', { id: detail.id, expectedVersion: detail.version });
      setFlash('applications.list.deleted');
      navigate('applications');
    } catch (e) {
      setDeleteError(e);
      setDeleting(false);
    }
  };

  return (
    <section className="page apps-form-page" data-testid="application-form">
      <a href="#/applications" className="apps-back">
        {t('applications.backToList')}
      </a>
      <div className="apps-form-head">
        <h1>{detail ? t('applications.editTitle', { no: detail.applicationNo }) : t('applications.newTitle')}</h1>
        {detail && <StatusBadge status={detail.status} />}
        {dirty && (
          <span className="apps-dirty" data-testid="dirty">
            {t('applications.form.unsaved')}
          </span>
        )}
      </div>
      {shown && (
        <div className="apps-notice" role="status" data-testid="form-notice">
          {noticeText(shown)}
        </div>
      )}

      <div className="apps-form-layout">
        <form
          className="apps-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <fieldset>
            <legend>{t('applications.form.sectionBasics')}</legend>
            <div className="apps-row">
              <FormField label={t('applications.form.fiscalYear')} id={fid('fiscalYear')} problem={problemOf('fiscalYear')} className="apps-w-year">
                <input
                  {...inputProps('fiscalYear')}
                  inputMode="numeric"
                  value={draft.fiscalYear}
                  onChange={(e) => update({ fiscalYear: e.target.value })}
                  data-testid="f-fiscalYear"
                />
              </FormField>
              <FormField label={t('applications.form.applicationNo')} id={fid('applicationNo')} problem={problemOf('applicationNo')} className="apps-w-no">
                <input
                  {...inputProps('applicationNo')}
                  value={draft.applicationNo}
                  onChange={(e) => update({ applicationNo: e.target.value })}
                  data-testid="f-applicationNo"
                />
              </FormField>
              <FormField
                label={t('applications.form.call')}
                id={fid('call')}
                hint={chosenCall?.opensOn && chosenCall.closesOn ? t('applications.form.callDates', { from: formatDate(chosenCall.opensOn, lang), to: formatDate(chosenCall.closesOn, lang) }) : undefined}
                className="apps-w-call"
              >
                <select id={fid('call')} value={draft.call} onChange={(e) => update({ call: e.target.value })} data-testid="f-call">
                  <option value="">{t('applications.form.noCall')}</option>
                  {callNumbers.map((n) => (
                    <option key={n} value={String(n)}>
                      {t('applications.callN', { n })}
                    </option>
                  ))}
                </select>
              </FormField>
            </div>
            <div className="apps-row">
              <FormField label={t('applications.form.course')} id={fid('course')} className="apps-w-course">
                <select id={fid('course')} value={draft.course} onChange={(e) => update({ course: e.target.value as Draft['course'] })} data-testid="f-course">
                  {COURSES.map((c) => (
                    <option key={c} value={c}>
                      {t('applications.courseOption', { short: t(`applications.courseShort.${c}`), name: courseLabel(c, lang) })}
                    </option>
                  ))}
                </select>
              </FormField>
              <div className="apps-field apps-w-program">
                <span className="apps-label">{t('applications.form.program')}</span>
                <div className="apps-readonly" data-testid="f-program">
                  {t(`applications.program.${courseProgram(draft.course)}`)}
                </div>
                <div className="apps-field-hint">{t('applications.form.programDerived')}</div>
              </div>
            </div>
            <FormField label={t('applications.form.title')} id={fid('title')} problem={problemOf('title')}>
              <input {...inputProps('title')} value={draft.title} onChange={(e) => update({ title: e.target.value })} data-testid="f-title" />
            </FormField>
          </fieldset>

          <fieldset>
            <legend>{t('applications.form.sectionInstitutions')}</legend>
            <div className="apps-row">
              <FormField label={t('applications.form.hostInstitution')} id={fid('hostInstitution')} problem={problemOf('hostInstitution')} className="apps-grow">
                <input
                  {...inputProps('hostInstitution')}
                  list={fid('hosts')}
                  value={draft.hostInstitution}
                  onChange={(e) => update({ hostInstitution: e.target.value })}
                  data-testid="f-hostInstitution"
                />
                <datalist id={fid('hosts')}>
                  {hostNames.map((i) => (
                    <option key={i.id} value={i.nameJa} />
                  ))}
                </datalist>
              </FormField>
              <FormField label={t('applications.form.applicant')} id={fid('applicant')} problem={problemOf('applicant')} className="apps-w-applicant">
                <input {...inputProps('applicant')} value={draft.applicant} onChange={(e) => update({ applicant: e.target.value })} data-testid="f-applicant" />
              </FormField>
            </div>

            <div className="apps-field">
              <span className="apps-label">{t('applications.form.sendingInstitutions')}</span>
              <datalist id={fid('senders')}>
                {sendingNames.map((i) => (
                  <option key={i.id} value={i.nameJa} />
                ))}
              </datalist>
              <div className="apps-sending" data-testid="sending-rows">
                {draft.sending.map((s, i) => {
                  const name = `sending.${i}` as const;
                  const problem = problemOf(name);
                  const setRow = (patch: Partial<typeof s>) =>
                    update({ sending: draft.sending.map((x) => (x.key === s.key ? { ...x, ...patch } : x)) });
                  return (
                    <div key={s.key} className={`apps-sending-row${problem ? ' invalid' : ''}`} data-testid="sending-row">
                      <span className="apps-sending-n">{i + 1}</span>
                      <input
                        aria-label={`${t('applications.form.sendingName')} ${i + 1}`}
                        list={fid('senders')}
                        value={s.name}
                        onBlur={() => touch(name)}
                        aria-invalid={problem ? true : undefined}
                        onChange={(e) => {
                          const v = e.target.value;
                          setSendingQ(v);
                          // Picking a known institution fills in its country when none is chosen yet.
                          const known = !s.country ? sendingNames.find((x) => x.nameJa === v && x.country) : undefined;
                          setRow(known?.country ? { name: v, country: known.country } : { name: v });
                        }}
                        data-testid="f-sending-name"
                      />
                      <select
                        aria-label={`${t('applications.form.sendingCountry')} ${i + 1}`}
                        value={s.country}
                        onChange={(e) => setRow({ country: e.target.value })}
                        data-testid="f-sending-country"
                      >
                        <option value="">{t('applications.form.countryNone')}</option>
                        {countries.map((c) => (
                          <option key={c.code} value={c.code}>
                            {c.name}
                          </option>
                        ))}
                      </select>
                      <button
                        type="button"
                        className="apps-icon-button"
                        aria-label={t('applications.form.removeSendingLabel', { n: i + 1 })}
                        title={t('applications.form.removeSending')}
                        disabled={draft.sending.length === 1 && !s.name && !s.country}
                        onClick={() => {
                          const rest = draft.sending.filter((x) => x.key !== s.key);
                          update({ sending: rest.length ? rest : [newSendingRow()] });
                        }}
                      >
                        ✕
                      </button>
                      {problem && <div className="apps-field-error">{t(`applications.valid.${problem.key}`, problem.params)}</div>}
                    </div>
                  );
                })}
              </div>
              <button type="button" className="apps-add" onClick={() => update({ sending: [...draft.sending, newSendingRow()] })} data-testid="add-sending">
                {t('applications.form.addSending')}
              </button>
            </div>

            <div className="apps-field">
              <label htmlFor={fid('addCountry')}>{t('applications.form.countries')}</label>
              <div className="apps-chips" data-testid="countries">
                {allSelected.length === 0 && <span className="muted">{t('applications.form.noCountries')}</span>}
                {allSelected.map((c) => {
                  const derived = derivedCountries.includes(c);
                  const name = countryName(c, lang);
                  return (
                    <span key={c} className={`apps-chip${derived ? ' derived' : ''}`} data-testid="country-chip" data-code={c}>
                      {name}
                      {derived ? (
                        <small>{t('applications.form.fromInstitutions')}</small>
                      ) : (
                        <button
                          type="button"
                          aria-label={t('applications.form.removeCountry', { name })}
                          onClick={() => update({ extraCountries: draft.extraCountries.filter((x) => x !== c) })}
                        >
                          ✕
                        </button>
                      )}
                    </span>
                  );
                })}
                <select
                  id={fid('addCountry')}
                  value={countryToAdd}
                  onChange={(e) => {
                    const c = e.target.value;
                    setCountryToAdd('');
                    if (c && !allSelected.includes(c)) update({ extraCountries: [...draft.extraCountries, c] });
                  }}
                  data-testid="f-add-country"
                >
                  <option value="">{t('applications.form.addCountry')}</option>
                  {countries
                    .filter((c) => !allSelected.includes(c.code))
                    .map((c) => (
                      <option key={c.code} value={c.code}>
                        {c.name}
                      </option>
                    ))}
                </select>
              </div>
              <div className="apps-field-hint">{t('applications.form.countriesHint')}</div>
            </div>
          </fieldset>

          <fieldset>
            <legend>{t('applications.form.sectionPlan')}</legend>
            <div className="apps-row">
              <div className="apps-field">
                <span className="apps-label" id={fid('field-l')}>
                  {t('applications.form.field')}
                </span>
                <div className="apps-radios" role="radiogroup" aria-labelledby={fid('field-l')}>
                  {FIELDS.map((f) => (
                    <label key={f}>
                      <input type="radio" name={fid('field')} value={f} checked={draft.field === f} onChange={() => update({ field: f })} data-testid={`f-field-${f}`} />
                      {t(`applications.field.${f}`)}
                    </label>
                  ))}
                </div>
              </div>
              <div className="apps-field">
                <span className="apps-label" id={fid('mode-l')}>
                  {t('applications.form.mode')}
                </span>
                <div className="apps-radios" role="radiogroup" aria-labelledby={fid('mode-l')}>
                  {MODES.map((m) => (
                    <label key={m}>
                      <input type="radio" name={fid('mode')} value={m} checked={draft.mode === m} onChange={() => update({ mode: m })} data-testid={`f-mode-${m}`} />
                      {t(`applications.mode.${m}`)}
                    </label>
                  ))}
                </div>
              </div>
            </div>
            <div className="apps-row">
              <FormField label={t('applications.form.invitees')} id={fid('invitees')} problem={problemOf('invitees')} className="apps-w-count">
                <input
                  {...inputProps('invitees')}
                  inputMode="numeric"
                  value={draft.invitees}
                  onChange={(e) => update({ invitees: e.target.value })}
                  data-testid="f-invitees"
                />
              </FormField>
              <FormField
                label={t('applications.form.escorts')}
                id={fid('escorts')}
                problem={problemOf('escorts')}
                className="apps-w-count"
              >
                <input
                  {...inputProps('escorts')}
                  inputMode="numeric"
                  value={draft.escorts}
                  onChange={(e) => update({ escorts: e.target.value })}
                  data-testid="f-escorts"
                />
              </FormField>
            </div>
            {ruleSet && !ruleSet.values.escortsCount && <div className="apps-row-hint">{t('applications.form.escortsHint')}</div>}
            <div className="apps-row">
              <FormField
                label={t(online ? 'applications.form.arrivalOnline' : 'applications.form.arrival')}
                id={fid('arrival')}
                problem={problemOf('arrival')}
                className="apps-w-date"
              >
                <input {...inputProps('arrival')} type="date" value={draft.arrival} onChange={(e) => update({ arrival: e.target.value })} data-testid="f-arrival" />
              </FormField>
              <FormField
                label={t(online ? 'applications.form.departureOnline' : 'applications.form.departure')}
                id={fid('departure')}
                problem={problemOf('departure')}
                className="apps-w-date"
              >
                <input
                  {...inputProps('departure')}
                  type="date"
                  value={draft.departure}
                  onChange={(e) => update({ departure: e.target.value })}
                  data-testid="f-departure"
                />
              </FormField>
              {days !== null && (
                <div className="apps-stay" data-testid="stay-days">
                  {t('applications.form.stayDays', { days })}
                </div>
              )}
            </div>
            <FormField
              label={t('applications.form.requestedAmount')}
              id={fid('requestedAmount')}
              problem={problemOf('requestedAmount')}
              className="apps-w-amount"
              hint={amount !== null ? formatYen(amount, lang) : undefined}
            >
              <input
                {...inputProps('requestedAmount')}
                inputMode="numeric"
                value={draft.requestedAmount}
                onChange={(e) => update({ requestedAmount: e.target.value })}
                data-testid="f-requestedAmount"
              />
            </FormField>
          </fieldset>

          <div className="apps-form-actions">
            <button type="submit" className="primary" disabled={saving} data-testid="save">
              {saving ? t('applications.form.saving') : t('applications.form.save')}
            </button>
            {submitted && problemCount > 0 && (
              <span className="apps-form-errors" role="alert" data-testid="form-errors">
                {t('applications.form.hasErrors', { count: problemCount })}
              </span>
            )}
            <span className="apps-spacer" />
            {detail && (
              <button type="button" className="danger" onClick={() => setConfirmDelete(true)} data-testid="delete">
                {t('applications.form.delete')}
              </button>
            )}
          </div>
          <ErrorBox error={saveError} />
          <ConflictReload error={saveError} onReload={() => setReloads((n) => n + 1)} testId="app-reload" />
        </form>

        <aside className="apps-side">
          <EligibilityPanel
            result={check}
            ruleSetError={ruleSetError}
            loading={fiscalYear !== null && !ruleSet}
            needYear={fiscalYear === null}
            datesMissing={datesMissing}
            lang={lang}
          />
          {detail ? (
            <StatusPanel detail={detail} onChanged={(d) => setDetail((old) => (old ? { ...old, status: d.status, history: d.history, updatedAt: d.updatedAt, version: d.version, updatedBy: d.updatedBy } : d))} />
          ) : (
            <section className="apps-card">
              <h2>{t('applications.statusPanel.title')}</h2>
              <p className="muted">{t('applications.statusPanel.saveFirst')}</p>
            </section>
          )}
          {detail && <HistoryPanel filter={{ applicationId: detail.id }} />}
        </aside>
      </div>

      {confirmDelete && detail && (
        <Modal title={t('applications.form.confirmDeleteTitle')} onClose={() => !deleting && setConfirmDelete(false)} testId="confirm-delete">
          <p>{t('applications.form.confirmDeleteBody', { no: detail.applicationNo, title: detail.title })}</p>
          <ErrorBox error={deleteError} />
          <ConflictReload
            error={deleteError}
            onReload={() => {
              setConfirmDelete(false);
              setDeleteError(null);
              setReloads((n) => n + 1);
            }}
            testId="app-delete-reload"
          />
          <div className="apps-modal-actions">
            <span className="apps-spacer" />
            <button type="button" onClick={() => setConfirmDelete(false)} disabled={deleting} data-testid="confirm-cancel" autoFocus>
              {t('applications.dialog.cancel')}
            </button>
            <button type="button" className="apps-danger-solid" onClick={() => void doDelete()} disabled={deleting} data-testid="confirm-ok">
              {t('applications.form.confirmDelete')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
