import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COURSES, courseProgram, type Course } from '../../../../shared/domain.ts';
import type { Lang } from '../../../../shared/errors.ts';
import { courseLabel } from '../../../../shared/rules/eligibility.ts';
import { defaultRuleValues, ruleSetDisplayName, type RuleSet } from '../../../../shared/rules/ruleset.ts';
import { call } from '../../api/client.ts';
import { useApi } from '../../useApi.ts';
import { ApiErrorNotice } from './ApiErrorNotice.tsx';
import { formatDateTime } from './format.ts';
import { HISTORY_PAGE, RuleHistory } from './RuleHistory.tsx';
import { COURSE_FIELDS, parseDraft, pathLabel, toDraft, type CourseField, type RuleDraft } from './ruleForm.ts';
import { HistoryPanel } from '../../components/HistoryPanel.tsx';
import { ConflictReload } from '../../ui/ConflictReload.tsx';

function courseCode(course: Course, lang: Lang): string {
  if (courseProgram(course) !== 'open-call') return '';
  return lang === 'ja' ? `${course}コース` : `Course ${course}`;
}

/** Loads the year's rule set and its history; the form below is remounted for each saved version. Keyed by year. */
export function RuleSetEditor({ fiscalYear }: { fiscalYear: number }) {
  const { t } = useTranslation();
  // Not live: another officer's save must not replace a draft; a stale save gets CONFLICT instead.
  const ruleSet = useApi('rulesets/get', { fiscalYear }, { live: false });
  // A page of the history, and the entry after it: the oldest shown is diffed against that one.
  const [historyOffset, setHistoryOffset] = useState(0);
  const history = useApi('rulesets/history', { fiscalYear, limit: HISTORY_PAGE + 1, offset: historyOffset });
  // The answer of the last save wins over a reload still in flight.
  const [saved, setSaved] = useState<RuleSet | null>(null);
  const loaded = ruleSet.data && (!saved || ruleSet.data.version > saved.version) ? ruleSet.data : saved;

  if (ruleSet.error && !saved) return <ApiErrorNotice error={ruleSet.error} />;
  if (!loaded) return <p className="muted">{t('loading')}</p>;
  return (
    <div className="ruleset" data-testid="ruleset-editor">
      <RuleSetForm
        key={`${loaded.version}-${loaded.updatedAt ?? ''}`}
        fiscalYear={fiscalYear}
        base={loaded}
        savedName={saved && saved.version === loaded.version ? saved.name : null}
        onSaved={(rs) => {
          setSaved(rs);
          ruleSet.reload();
          // The new version heads the history: show the first page, where it is.
          setHistoryOffset(0);
          history.reload();
        }}
        onReload={() => {
          setSaved(null);
          ruleSet.reload();
          history.reload();
        }}
      />
      <h3>{t('settings.history.title')}</h3>
      <RuleHistory fiscalYear={fiscalYear} loaded={history} offset={historyOffset} onOffset={setHistoryOffset} />
      <HistoryPanel filter={{ entity: 'ruleset', entityId: String(fiscalYear) }} />
    </div>
  );
}

function RuleSetForm({
  fiscalYear,
  base,
  savedName: savedNameProp,
  onSaved,
  onReload,
}: {
  fiscalYear: number;
  base: RuleSet;
  savedName: string | null;
  onSaved: (rs: RuleSet) => void;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  const [draft, setDraft] = useState<RuleDraft>(() => toDraft(base.values));
  const [note, setNote] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const [noteMissing, setNoteMissing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [touched, setTouched] = useState(false);
  const savedName = touched ? null : savedNameProp;

  const parsed = useMemo(() => parseDraft(draft, t, lang), [draft, t, lang]);
  const original = useMemo(() => toDraft(base.values), [base]);
  const changed = useMemo(() => {
    const set = new Set<string>();
    for (const c of COURSES)
      for (const f of COURSE_FIELDS) if (draft.courses[c][f].trim() !== original.courses[c][f]) set.add(`courses.${c}.${f}`);
    for (const k of ['escortsCount', 'maxAge', 'humanitiesEligible', 'onlineAllowed', 'courseALectureDayShare', 'visitEndsBeforeMonthDay', 'eligibleCountries'] as const) {
      const a = draft[k];
      const b = original[k];
      if ((typeof a === 'string' ? a.trim() : a) !== b) set.add(k);
    }
    return set;
  }, [draft, original]);

  const errors = parsed.errors;
  const shownError = (path: string) => (showErrors || changed.has(path) ? errors.get(path) : undefined);

  const setCourse = (c: Course, f: CourseField, value: string) => {
    setTouched(true);
    setDraft({ ...draft, courses: { ...draft.courses, [c]: { ...draft.courses[c], [f]: value } } });
  };
  const set = <K extends keyof RuleDraft>(k: K, value: RuleDraft[K]) => {
    setTouched(true);
    setDraft({ ...draft, [k]: value });
  };

  const save = async () => {
    setShowErrors(true);
    setSaveError(null);
    if (!parsed.values) return;
    if (!note.trim()) {
      setNoteMissing(true);
      return;
    }
    setSaving(true);
    try {
      // The version this form started from: a save after another officer's is refused, not merged.
      onSaved(await call('rulesets/save', { fiscalYear, values: parsed.values, note: note.trim(), expectedVersion: base.version }));
    } catch (e) {
      setSaveError(e);
      setSaving(false);
    }
  };

  const numberCell = (c: Course, f: CourseField, optional: boolean) => {
    const path = `courses.${c}.${f}`;
    const err = shownError(path);
    return (
      <td className={`num${changed.has(path) ? ' changed' : ''}`}>
        <input
          className={`num-input${err ? ' invalid' : ''}`}
          inputMode="numeric"
          value={draft.courses[c][f]}
          placeholder={optional ? t('settings.rules.noLimit') : ''}
          aria-label={`${courseCode(c, lang) || courseLabel(c, lang)} ${pathLabel(path, t, lang)}`}
          aria-invalid={err ? true : undefined}
          title={err}
          data-testid={`rule-${c}-${f}`}
          onChange={(e) => setCourse(c, f, e.target.value)}
        />
        <span className="unit">{f === 'maxStayDays' ? t('settings.rules.days') : t('settings.rules.persons')}</span>
      </td>
    );
  };

  const visibleErrors = [...errors.entries()].filter(([path]) => shownError(path));

  return (
    <>
      <div className="ruleset-head">
        <span className="badge ok">{t('settings.rules.inUse')}</span>{' '}
        <strong data-testid="ruleset-name">{ruleSetDisplayName(base, i18n.language === 'en' ? 'en' : 'ja')}</strong>{' '}
        <span className="badge version" data-testid="ruleset-version">
          v{base.version}
        </span>
        <span className="muted ruleset-meta" data-testid="ruleset-meta">
          {base.version === 0 || !base.updatedAt
            ? t('settings.rules.defaultNote')
            : t('settings.rules.changedBy', { by: base.updatedBy ?? '—', at: formatDateTime(base.updatedAt, lang) })}
        </span>
      </div>
      <p className="muted small">{t('settings.rules.intro')}</p>

      <h3>{t('settings.rules.coursesTitle')}</h3>
      <div className="table-scroll">
        <table className="grid rules-table" data-testid="rules-courses">
          <thead>
            <tr>
              <th>{t('settings.rules.course')}</th>
              <th className="num" title={t('settings.rules.maxStayDaysHelp')}>
                {t('settings.rules.maxStayDays')}
              </th>
              <th className="num">{t('settings.rules.single')}</th>
              <th className="num">{t('settings.rules.multiInstitution')}</th>
              <th className="num">{t('settings.rules.multiCountry')}</th>
            </tr>
          </thead>
          <tbody>
            {COURSES.map((c) => {
              const open = courseProgram(c) === 'open-call';
              return (
                <tr key={c} data-testid={`rules-row-${c}`}>
                  <th className="course-cell">
                    <span className="program-tag">{t(open ? 'settings.rules.openCall' : 'settings.rules.jstDirect')}</span>
                    {open && <strong>{courseCode(c, lang)} </strong>}
                    <span>{courseLabel(c, lang)}</span>
                  </th>
                  {numberCell(c, 'maxStayDays', false)}
                  {numberCell(c, 'maxInviteesSingleInstitution', true)}
                  {numberCell(c, 'maxInviteesMultiInstitution', true)}
                  {numberCell(c, 'maxInviteesMultiCountry', true)}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ul className="muted small notes">
        <li>
          {t('settings.rules.maxStayDays')}: {t('settings.rules.maxStayDaysHelp')}
        </li>
        <li>{t('settings.rules.limitsHelp')}</li>
      </ul>

      <h3>{t('settings.rules.otherTitle')}</h3>
      <div className="rule-fields">
        <BoolField
          id="escortsCount"
          label={t('settings.rules.escortsCount')}
          help={t('settings.rules.escortsCountHelp')}
          value={draft.escortsCount}
          changed={changed.has('escortsCount')}
          onChange={(v) => set('escortsCount', v)}
        />
        <TextField
          id="maxAge"
          label={t('settings.rules.maxAge')}
          help={t('settings.rules.maxAgeHelp')}
          unit={t('settings.rules.ageUnit')}
          value={draft.maxAge}
          error={shownError('maxAge')}
          changed={changed.has('maxAge')}
          onChange={(v) => set('maxAge', v)}
        />
        <BoolField
          id="humanitiesEligible"
          label={t('settings.rules.humanitiesEligible')}
          help={t('settings.rules.humanitiesEligibleHelp')}
          value={draft.humanitiesEligible}
          changed={changed.has('humanitiesEligible')}
          onChange={(v) => set('humanitiesEligible', v)}
        />
        <BoolField
          id="onlineAllowed"
          label={t('settings.rules.onlineAllowed')}
          help={t('settings.rules.onlineAllowedHelp')}
          value={draft.onlineAllowed}
          changed={changed.has('onlineAllowed')}
          onChange={(v) => set('onlineAllowed', v)}
        />
        <TextField
          id="courseALectureDayShare"
          label={t('settings.rules.lectureShare')}
          help={t('settings.rules.lectureShareHelp')}
          unit={t('settings.rules.lectureShareUnit')}
          value={draft.courseALectureDayShare}
          error={shownError('courseALectureDayShare')}
          changed={changed.has('courseALectureDayShare')}
          onChange={(v) => set('courseALectureDayShare', v)}
        />
        <TextField
          id="visitEndsBeforeMonthDay"
          label={t('settings.rules.visitEnds')}
          help={t('settings.rules.visitEndsHelp')}
          value={draft.visitEndsBeforeMonthDay}
          placeholder="03-15"
          error={shownError('visitEndsBeforeMonthDay')}
          changed={changed.has('visitEndsBeforeMonthDay')}
          onChange={(v) => set('visitEndsBeforeMonthDay', v)}
        />
        <TextField
          id="eligibleCountries"
          label={t('selection.countries')}
          help={t('selection.countriesHelp')}
          value={draft.eligibleCountries}
          placeholder={t('selection.allCountries')}
          error={shownError('eligibleCountries')}
          changed={changed.has('eligibleCountries')}
          onChange={(v) => set('eligibleCountries', v)}
        />
      </div>

      {visibleErrors.length > 0 && (
        <div className="error-box" role="alert" data-testid="rule-errors">
          <strong>{t('settings.rules.fixErrors')}</strong>
          <ul className="issue-list">
            {visibleErrors.map(([path, message]) => (
              <li key={path}>{message}</li>
            ))}
          </ul>
        </div>
      )}

      <div className="save-panel">
        <label className="note-field">
          <span className="field-label">
            {t('settings.rules.note')} <span className="required">*</span>
          </span>
          <textarea
            rows={2}
            value={note}
            placeholder={t('settings.rules.notePlaceholder')}
            className={noteMissing && !note.trim() ? 'invalid' : undefined}
            data-testid="rule-note"
            maxLength={1000}
            onChange={(e) => {
              setNote(e.target.value);
              setNoteMissing(false);
            }}
          />
        </label>
        {noteMissing && !note.trim() && (
          <div className="field-error" role="alert" data-testid="rule-note-error">
            {t('settings.rules.noteRequired')}
          </div>
        )}
        <div className="toolbar">
          <button type="button" className="primary" disabled={saving || changed.size === 0} onClick={() => void save()} data-testid="rule-save">
            {saving ? t('settings.rules.saving') : t('settings.rules.save')}
          </button>
          <button
            type="button"
            disabled={saving || changed.size === 0}
            onClick={() => {
              setDraft(toDraft(base.values));
              setShowErrors(false);
              setNoteMissing(false);
            }}
            data-testid="rule-discard"
          >
            {t('settings.rules.discard')}
          </button>
          <button
            type="button"
            disabled={saving}
            title={t('settings.rules.resetDefaultHelp')}
            onClick={() => {
              setTouched(true);
              setDraft(toDraft(defaultRuleValues(fiscalYear)));
            }}
            data-testid="rule-defaults"
          >
            {t('settings.rules.resetDefault')}
          </button>
          <span className="muted" data-testid="rule-dirty">
            {changed.size === 0 ? t('settings.rules.unchanged') : t('settings.rules.changedCount', { n: changed.size })}
          </span>
          {savedName && (
            <span className="badge ok" role="status" data-testid="rule-saved">
              {t('settings.rules.saved', { name: savedName })}
            </span>
          )}
        </div>
        <ApiErrorNotice error={saveError} label={(path) => (path ? pathLabel(path, t, lang) : null)} />
        <ConflictReload error={saveError} onReload={onReload} testId="rule-reload" />
      </div>

    </>
  );
}

function BoolField(props: { id: string; label: string; help: string; value: boolean; changed: boolean; onChange: (v: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <div className={`rule-field${props.changed ? ' changed' : ''}`}>
      <span className="field-label" id={`lbl-${props.id}`}>
        {props.label}
      </span>
      <div className="field-control" role="radiogroup" aria-labelledby={`lbl-${props.id}`}>
        <label className="choice">
          <input type="radio" name={props.id} checked={props.value} onChange={() => props.onChange(true)} data-testid={`rule-${props.id}-yes`} />
          {t('settings.rules.yes')}
        </label>
        <label className="choice">
          <input type="radio" name={props.id} checked={!props.value} onChange={() => props.onChange(false)} data-testid={`rule-${props.id}-no`} />
          {t('settings.rules.no')}
        </label>
      </div>
      <span className="field-help muted">{props.help}</span>
    </div>
  );
}

function TextField(props: {
  id: string;
  label: string;
  help: string;
  unit?: string;
  value: string;
  placeholder?: string;
  error: string | undefined;
  changed: boolean;
  onChange: (v: string) => void;
}) {
  return (
    <div className={`rule-field${props.changed ? ' changed' : ''}`}>
      <label className="field-label" htmlFor={`rule-${props.id}`}>
        {props.label}
      </label>
      <div className="field-control">
        <input
          id={`rule-${props.id}`}
          className={`num-input${props.error ? ' invalid' : ''}`}
          value={props.value}
          placeholder={props.placeholder}
          aria-invalid={props.error ? true : undefined}
          title={props.error}
          data-testid={`rule-${props.id}`}
          onChange={(e) => props.onChange(e.target.value)}
        />
        {props.unit && <span className="unit">{props.unit}</span>}
      </div>
      <span className="field-help muted">{props.help}</span>
    </div>
  );
}
