import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Institution } from '../../../../shared/api/reference.ts';
import { allCountries } from '../../../../shared/countries.ts';
import { INSTITUTION_KINDS, type InstitutionKind } from '../../../../shared/domain.ts';
import type { Lang } from '../../../../shared/errors.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { navigate } from '../../router.ts';
import { useApi } from '../../useApi.ts';
import { AliasPanel } from './AliasPanel.tsx';
import { ProgramsByYear } from './ProgramsByYear.tsx';
import { HistoryPanel } from '../../components/HistoryPanel.tsx';
import { ConflictReload } from '../../ui/ConflictReload.tsx';
import { notice, useNoticeText, type Notice } from '../../ui/notice.ts';

interface Form {
  nameJa: string;
  nameEn: string;
  country: string;
  kind: InstitutionKind;
}

const EMPTY: Form = { nameJa: '', nameEn: '', country: '', kind: 'university' };

function toForm(i: Institution): Form {
  return { nameJa: i.nameJa, nameEn: i.nameEn ?? '', country: i.country ?? '', kind: i.kind };
}

/** One institution: its details (editable) and its programs over the years. `id` null = new. */
export function InstitutionDetail({ id }: { id: string | null }) {
  const { t } = useTranslation();
  // The one institution, through the list call filtered to its id (the dictionary is never fetched whole).
  // Not live: the form below is keyed by the stored values and would drop a draft on refresh.
  const all = useApi('institutions/list', { ids: id ? [id] : [] }, { live: false });
  const inst = id ? all.data?.items.find((i) => i.id === id) : undefined;
  const [savedName, setSavedName] = useState<string | null>(null);

  if (all.error) return <ErrorBox error={all.error} />;
  if (!all.data) return <p className="muted">{t('loading')}</p>;
  if (id && !inst) {
    return (
      <div>
        <BackLink />
        <div className="error-box" role="alert" data-testid="inst-not-found">
          {t('institutions.edit.notFound')}
        </div>
      </div>
    );
  }


  return (
    <div className="inst-detail" data-testid="inst-detail">
      <BackLink />
      <div className="detail-head">
        <h2 data-testid="inst-detail-name">{inst ? inst.nameJa : t('institutions.edit.newTitle')}</h2>
        {inst?.nameEn && <span className="muted">{inst.nameEn}</span>}
        {inst && (
          <span className="muted summary" data-testid="inst-summary">
            {t('institutions.programs.summary', { hosted: inst.hostedCount, sent: inst.sentCount })}
          </span>
        )}
      </div>
      {id && <DuplicateHint id={id} />}
      <div className="detail-grid">
        <InstitutionForm
          // A saved change, or a reload after another officer's, remounts the form with the stored values.
          key={inst ? `${inst.version}-${JSON.stringify(toForm(inst))}` : 'new'}
          id={id}
          version={inst?.version}
          initial={inst ? toForm(inst) : EMPTY}
          onReload={() => all.reload()}
          savedName={savedName}
          onSaved={(saved) => {
            setSavedName(saved.nameJa);
            all.reload();
            if (!id) navigate('institutions', saved.id);
          }}
        />
        {id && (
          <div className="inst-programs">
            <h3>{t('institutions.programs.title')}</h3>
            <ProgramsByYear id={id} />
          </div>
        )}
      </div>
      {id && <AliasPanel institutionId={id} />}
      {id && <HistoryPanel filter={{ entity: 'institution', entityId: id }} />}
    </div>
  );
}

function InstitutionForm(props: {
  id: string | null;
  /** The version the form started from, sent with the save (undefined: a new institution). */
  version: number | undefined;
  initial: Form;
  savedName: string | null;
  onSaved: (i: Institution) => void;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  const [form, setForm] = useState<Form>(props.initial);
  const [problem, setProblem] = useState<Notice | null>(null);
  const noticeText = useNoticeText();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const countries = useMemo(() => allCountries(lang), [lang]);
  const dirty = props.id === null || JSON.stringify(props.initial) !== JSON.stringify(form);

  const save = async () => {
    setSaveError(null);
    if (!form.nameJa.trim()) {
      setProblem(notice('institutions.edit.nameRequired'));
      return;
    }
    setProblem(null);
    setSaving(true);
    try {
      const saved = await call('institutions/save', {
        id: props.id,
        nameJa: form.nameJa.trim(),
        nameEn: form.nameEn.trim() || null,
        country: form.country || null,
        kind: form.kind,
        ...(props.version !== undefined ? { expectedVersion: props.version } : {}),
      });
      setSaving(false);
      props.onSaved(saved);
    } catch (e) {
      setSaveError(e);
      setSaving(false);
    }
  };

  return (
    <form
      className="inst-form"
      data-testid="inst-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{props.id ? t('institutions.edit.title') : t('institutions.edit.newTitle')}</h3>
      <label>
        <span className="field-label">
          {t('institutions.edit.nameJa')} <span className="required">*</span>
        </span>
        <input
          value={form.nameJa}
          maxLength={200}
          className={problem ? 'invalid' : undefined}
          onChange={(e) => setForm({ ...form, nameJa: e.target.value })}
          data-testid="inst-edit-nameJa"
        />
      </label>
      <label>
        <span className="field-label">{t('institutions.edit.nameEn')}</span>
        <input value={form.nameEn} maxLength={200} onChange={(e) => setForm({ ...form, nameEn: e.target.value })} data-testid="inst-edit-nameEn" />
      </label>
      <label>
        <span className="field-label">{t('institutions.edit.country')}</span>
        <select value={form.country} onChange={(e) => setForm({ ...form, country: e.target.value })} data-testid="inst-edit-country">
          <option value="">{t('institutions.noCountry')}</option>
          {/* Keep a stored code selectable even if the list ever lacks it. */}
          {form.country && !countries.some((c) => c.code === form.country) && <option value={form.country}>{form.country}</option>}
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="field-label">{t('institutions.edit.kind')}</span>
        <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as InstitutionKind })} data-testid="inst-edit-kind">
          {INSTITUTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`institutions.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {problem && (
        <div className="field-error" role="alert">
          {noticeText(problem)}
        </div>
      )}
      <ErrorBox error={saveError} />
      <ConflictReload error={saveError} onReload={props.onReload} testId="inst-reload" />
      <div className="toolbar">
        <button type="submit" className="primary" disabled={saving || !dirty} data-testid="inst-edit-save">
          {t('institutions.edit.save')}
        </button>
        {props.savedName && !dirty && (
          <span className="badge ok" role="status" data-testid="inst-saved">
            {t('institutions.edit.saved', { name: props.savedName })}
          </span>
        )}
      </div>
    </form>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <a className="back-link" href="#/institutions" data-testid="inst-back">
      ← {t('institutions.tabs.list')}
    </a>
  );
}

/** "Possibly the same as …": the duplicate group holding this institution only, not every group. */
function DuplicateHint({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  const group = useApi('institutions/duplicates', { institutionId: id, limit: 1 }).data?.items[0];
  const others = group?.filter((i) => i.id !== id) ?? [];
  if (others.length === 0) return null;
  return (
    <div className="dup-hint" role="note" data-testid="inst-dup-hint">
      {t('institutions.edit.duplicateHint', { names: others.map((o) => `「${o.nameJa}」`).join(lang === 'ja' ? '、' : ', ') })}{' '}
      <a href="#/institutions/duplicates">{t('institutions.tabs.duplicates')} →</a>
    </div>
  );
}
