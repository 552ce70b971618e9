import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../../shared/errors.ts';
import { call } from '../../api/client.ts';
import { useApi } from '../../useApi.ts';
import { ApiErrorNotice } from './ApiErrorNotice.tsx';
import { formatDate, formatYen } from './format.ts';
import type { CallOutput } from '../../../../shared/api/index.ts';
import { ConflictReload } from '../../ui/ConflictReload.tsx';
import { MAX_CALLS_PER_YEAR } from '../../../../shared/api/reference.ts';

type CallRound = CallOutput<'calls/list'>['items'][number];

interface CallForm {
  /** null: adding a new call; a number: editing that call (its number is its key). */
  editing: number | null;
  number: string;
  opensOn: string;
  closesOn: string;
  budget: string;
  /** The call's version when the form opened (0: a new number): a save after another officer's is refused. */
  version: number;
}

/** "５０,０００,０００円", "¥50,000,000", "50000000" → 50000000; '' → null; anything else → NaN. */
export function parseYen(text: string): number | null {
  const s = text.normalize('NFKC').replace(/[\s,¥￥円]/g, '').replace(/^\\/, '');
  if (s === '') return null;
  return /^\d+$/.test(s) ? Number(s) : Number.NaN;
}

const API_LABELS: Record<string, string> = {
  number: 'settings.calls.number',
  opensOn: 'settings.calls.opensOn',
  closesOn: 'settings.calls.closesOn',
  budgetYen: 'settings.calls.budget',
};

function formOf(c: CallRound): CallForm {
  return {
    editing: c.number,
    number: String(c.number),
    opensOn: c.opensOn ?? '',
    closesOn: c.closesOn ?? '',
    budget: c.budgetYen === null ? '' : formatYen(c.budgetYen, 'ja'),
    version: c.version,
  };
}

/** The year's calls (公募回): application periods and budgets, added and edited in place. Keyed by year. */
export function CallsEditor({ fiscalYear }: { fiscalYear: number }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  // A year has at most MAX_CALLS_PER_YEAR calls: one page is the whole year.
  const calls = useApi('calls/list', { fiscalYear, limit: MAX_CALLS_PER_YEAR });
  const [form, setForm] = useState<CallForm | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState<number | null>(null);

  const list = (calls.data?.items ?? []).filter((c) => c.fiscalYear === fiscalYear).sort((a, b) => a.number - b.number);
  const total = list.reduce((sum, c) => sum + (c.budgetYen ?? 0), 0);

  const startAdd = () => {
    const next = Math.min(MAX_CALLS_PER_YEAR, (list.at(-1)?.number ?? 0) + 1);
    setForm({ editing: null, number: String(next), opensOn: '', closesOn: '', budget: '', version: 0 });
    setProblems([]);
    setSaveError(null);
    setSaved(null);
  };

  // A stale save: the form shows the call as it is now (another officer's change), drafts discarded.
  const reloadForm = async () => {
    if (!form) return;
    const number = form.editing ?? Number(form.number.normalize('NFKC').trim());
    try {
      const fresh = (await call('calls/list', { fiscalYear, limit: MAX_CALLS_PER_YEAR })).items.find((c) => c.number === number);
      setForm(fresh ? formOf(fresh) : { ...form, version: 0 });
      setSaveError(null);
      calls.reload();
    } catch (e) {
      setSaveError(e);
    }
  };

  const save = async () => {
    if (!form) return;
    const found: string[] = [];
    const numText = form.number.normalize('NFKC').trim();
    const number = /^\d+$/.test(numText) ? Number(numText) : Number.NaN;
    if (!Number.isInteger(number) || number < 1 || number > MAX_CALLS_PER_YEAR) found.push(t('settings.calls.numberInvalid'));
    else if (form.editing === null && list.some((c) => c.number === number)) found.push(t('settings.calls.numberTaken', { n: number }));
    if (form.opensOn && form.closesOn && form.closesOn < form.opensOn) found.push(t('settings.calls.datesOrder'));
    const budget = parseYen(form.budget);
    if (budget !== null && Number.isNaN(budget)) found.push(t('settings.calls.budgetInvalid'));
    setProblems(found);
    setSaveError(null);
    if (found.length > 0) return;
    setSaving(true);
    try {
      const r = await call('calls/save', {
        fiscalYear,
        number,
        opensOn: form.opensOn || null,
        closesOn: form.closesOn || null,
        budgetYen: budget,
        expectedVersion: form.version,
      });
      setSaved(r.number);
      setForm(null);
      calls.reload();
    } catch (e) {
      setSaveError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="calls" data-testid="calls-editor">
      <p className="muted small">{t('settings.calls.intro')}</p>
      {calls.error && <ApiErrorNotice error={calls.error} />}
      {calls.data && list.length === 0 && (
        <p className="muted" data-testid="calls-empty">
          {t('settings.calls.empty')}
        </p>
      )}
      {list.length > 0 && (
        <table className="grid calls-table" data-testid="calls-table">
          <thead>
            <tr>
              <th>{t('settings.calls.number')}</th>
              <th>{t('settings.calls.opensOn')}</th>
              <th>{t('settings.calls.closesOn')}</th>
              <th className="num">{t('settings.calls.budget')}</th>
              <th>{t('settings.calls.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id} data-testid={`call-row-${c.number}`} className={saved === c.number ? 'just-saved' : undefined}>
                <td className="nowrap">{t('settings.calls.numberValue', { n: c.number })}</td>
                <td className="nowrap">{c.opensOn ? formatDate(c.opensOn, lang) : <span className="muted">{t('settings.calls.notSet')}</span>}</td>
                <td className="nowrap">{c.closesOn ? formatDate(c.closesOn, lang) : <span className="muted">{t('settings.calls.notSet')}</span>}</td>
                <td className="num">{c.budgetYen === null ? <span className="muted">{t('settings.calls.notSet')}</span> : formatYen(c.budgetYen, lang)}</td>
                <td>
                  <button
                    type="button"
                    data-testid={`call-edit-${c.number}`}
                    onClick={() => {
                      setForm(formOf(c));
                      setProblems([]);
                      setSaveError(null);
                      setSaved(null);
                    }}
                  >
                    {t('settings.calls.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={3}>{t('settings.calls.total')}</th>
              <td className="num" data-testid="calls-total">
                <strong>{formatYen(total, lang)}</strong>
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      )}
      {saved !== null && !form && (
        <p className="badge ok" role="status" data-testid="call-saved">
          {t('settings.calls.saved', { n: saved })}
        </p>
      )}
      {!form && (
        <div className="toolbar">
          <button type="button" onClick={startAdd} data-testid="call-add">
            {t('settings.calls.add')}
          </button>
        </div>
      )}
      {form && (
        <form
          className="call-form"
          data-testid="call-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <h3>{form.editing === null ? t('settings.calls.addTitle') : t('settings.calls.editTitle', { n: form.editing })}</h3>
          <div className="call-form-fields">
            <label>
              <span className="field-label">{t('settings.calls.number')}</span>
              <span className="field-control">
                {lang === 'ja' ? '第' : ''}
                <input
                  className="num-input short"
                  inputMode="numeric"
                  value={form.number}
                  disabled={form.editing !== null}
                  data-testid="call-number"
                  onChange={(e) => setForm({ ...form, number: e.target.value })}
                />
                {lang === 'ja' ? '回' : ''}
              </span>
            </label>
            <label>
              <span className="field-label">{t('settings.calls.opensOn')}</span>
              <input type="date" value={form.opensOn} data-testid="call-opens" onChange={(e) => setForm({ ...form, opensOn: e.target.value })} />
            </label>
            <label>
              <span className="field-label">{t('settings.calls.closesOn')}</span>
              <input type="date" value={form.closesOn} data-testid="call-closes" onChange={(e) => setForm({ ...form, closesOn: e.target.value })} />
            </label>
            <label>
              <span className="field-label">{t('settings.calls.budget')}</span>
              <span className="field-control">
                <input
                  className="num-input wide"
                  inputMode="numeric"
                  value={form.budget}
                  placeholder="50,000,000"
                  data-testid="call-budget"
                  onChange={(e) => setForm({ ...form, budget: e.target.value })}
                  onBlur={() => {
                    const n = parseYen(form.budget);
                    if (n !== null && !Number.isNaN(n)) setForm({ ...form, budget: formatYen(n, 'ja') });
                  }}
                />
                <span className="unit">{t('settings.calls.yen')}</span>
              </span>
            </label>
          </div>
          {problems.length > 0 && (
            <div className="error-box" role="alert" data-testid="call-errors">
              <ul className="issue-list">
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          )}
          <ApiErrorNotice error={saveError} label={(path) => (API_LABELS[path] ? t(API_LABELS[path]) : null)} />
          <ConflictReload error={saveError} onReload={() => void reloadForm()} testId="call-reload" />
          <div className="toolbar">
            <button type="submit" className="primary" disabled={saving} data-testid="call-save">
              {t('settings.calls.save')}
            </button>
            <button type="button" disabled={saving} onClick={() => setForm(null)}>
              {t('actions.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
