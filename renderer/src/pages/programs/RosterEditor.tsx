// 参加者名簿エディタ: a table-like editor (one input per cell, Tab moves along the row as in Excel),
// import of the host's .xlsx/.csv, export, and the checks on every change: ages on arrival and
// invitee counts by the same eligibility engine as applications, plus duplicates.
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportProblem } from '../../../../shared/api/applications.ts';
import type { ProgramDetail } from '../../../../shared/api/programs.ts';
import { allCountries, countryName, parseCountry } from '../../../../shared/countries.ts';
import { ageOn, isIsoDate } from '../../../../shared/dates.ts';
import { ApiError } from '../../../../shared/errors.ts';
import { parseDate } from '../../../../shared/parse.ts';
import { POSITIONS, SEXES, type ParticipantInput, type Position, type Role, type Sex } from '../../../../shared/programs.ts';
import { checkPlan } from '../../../../shared/rules/eligibility.ts';
import { duplicateFindings, rosterPlan } from '../../../../shared/rules/program.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { ConflictReload } from '../../ui/ConflictReload.tsx';
import { navigate } from '../../router.ts';
import { uiLang } from '../../ui/format.ts';
import { JobProgress, useJobProgress } from '../../ui/JobProgress.tsx';
import { bodyParts, withKept } from '../../ui/virtualGaps.ts';
import { downloadFile, Findings, readFileBase64, XLSX_MIME } from './common.tsx';

interface Row extends ParticipantInput {
  key: string;
  /** What staff typed in the date and country cells, kept until it parses. */
  birthText: string;
  countryText: string;
}

let counter = 0;

/** Fixed row height: the table only renders the rows in view (500-person rosters stay instant). */
const ROW_HEIGHT = 34;
const COL_WIDTHS = [44, 110, 120, 140, 60, 100, 44, 120, 190, 104, 104, 210, 36];

function toRows(d: ProgramDetail, lang: 'ja' | 'en'): Row[] {
  return d.participants.map((p) => ({
    ...p,
    key: p.id,
    birthText: p.birthDate ?? '',
    countryText: p.nationality ? countryName(p.nationality, lang) : '',
  }));
}

function blankRow(): Row {
  return {
    key: `new-${++counter}`,
    id: null,
    familyName: '',
    givenName: '',
    nativeName: null,
    sex: null,
    birthDate: null,
    nationality: null,
    affiliation: null,
    position: null,
    positionTitle: null,
    role: 'invitee',
    email: null,
    birthText: '',
    countryText: '',
  };
}

interface RowProps {
  r: Row;
  index: number;
  flag: string | undefined;
  arrival: string;
  onEdit: (key: string, patch: Partial<Row>) => void;
  onRemove: (key: string) => void;
}

// One roster line. Memoised: with 500 people, typing in one cell re-renders that line only.
const RosterRow = memo(function RosterRow({ r, index, flag, arrival, onEdit, onRemove }: RowProps) {
  const { t } = useTranslation();
  const age = r.birthDate && isIsoDate(r.birthDate) && isIsoDate(arrival) ? ageOn(r.birthDate, arrival) : null;
  const birthBad = r.birthText.trim() !== '' && !r.birthDate;
  const countryBad = r.countryText.trim() !== '' && !r.nationality;
  return (
    <tr className={flag ? 'flagged' : undefined} title={flag} data-testid="participant-row" data-key={r.key}>
      <td className="num">{index + 1}</td>
      <td>
        <input value={r.familyName} size={10} onChange={(e) => onEdit(r.key, { familyName: e.target.value })} aria-label={t('prog.ro.col.familyName')} />
      </td>
      <td>
        <input value={r.givenName} size={12} onChange={(e) => onEdit(r.key, { givenName: e.target.value })} aria-label={t('prog.ro.col.givenName')} />
      </td>
      <td>
        <input value={r.nativeName ?? ''} size={14} onChange={(e) => onEdit(r.key, { nativeName: e.target.value || null })} aria-label={t('prog.ro.col.nativeName')} />
      </td>
      <td>
        <select value={r.sex ?? ''} onChange={(e) => onEdit(r.key, { sex: (e.target.value || null) as Sex | null })} aria-label={t('prog.ro.col.sex')}>
          <option value="" />
          {SEXES.map((s) => (
            <option key={s} value={s}>
              {t(`prog.sex.${s}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          className={birthBad ? 'invalid' : undefined}
          value={r.birthText}
          placeholder="2000/04/01"
          size={10}
          onChange={(e) => {
            const p = parseDate(e.target.value);
            onEdit(r.key, { birthText: e.target.value, birthDate: e.target.value.trim() === '' ? null : p.ok ? p.value : null });
          }}
          onBlur={() => r.birthDate && r.birthText !== r.birthDate && onEdit(r.key, { birthText: r.birthDate })}
          aria-label={t('prog.ro.col.birthDate')}
        />
      </td>
      <td className="num">{age ?? ''}</td>
      <td>
        <input
          className={countryBad ? 'invalid' : undefined}
          list="prg-countries"
          value={r.countryText}
          size={11}
          onChange={(e) => onEdit(r.key, { countryText: e.target.value, nationality: parseCountry(e.target.value) })}
          aria-label={t('prog.ro.col.nationality')}
        />
      </td>
      <td>
        <input value={r.affiliation ?? ''} size={20} onChange={(e) => onEdit(r.key, { affiliation: e.target.value || null })} aria-label={t('prog.ro.col.affiliation')} />
      </td>
      <td>
        {/* Choosing a kind replaces the title the host typed (shown as the first option until then). */}
        <select
          value={r.positionTitle ? `title:${r.positionTitle}` : (r.position ?? '')}
          onChange={(e) => onEdit(r.key, { position: (e.target.value || null) as Position | null, positionTitle: null })}
          aria-label={t('prog.ro.col.position')}
        >
          <option value="" />
          {r.positionTitle ? <option value={`title:${r.positionTitle}`}>{r.positionTitle}</option> : null}
          {POSITIONS.map((p) => (
            <option key={p} value={p}>
              {t(`prog.position.${p}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select value={r.role} onChange={(e) => onEdit(r.key, { role: e.target.value as Role })} aria-label={t('prog.ro.col.role')}>
          <option value="invitee">{t('prog.role.invitee')}</option>
          <option value="escort">{t('prog.role.escort')}</option>
        </select>
      </td>
      <td>
        <input type="email" value={r.email ?? ''} size={24} onChange={(e) => onEdit(r.key, { email: e.target.value || null })} aria-label={t('prog.ro.col.email')} />
      </td>
      <td>
        <button type="button" className="danger" onClick={() => onRemove(r.key)} aria-label={t('prog.ro.remove')}>
          ×
        </button>
      </td>
    </tr>
  );
});

export function RosterEditor({ detail, onSaved }: { detail: ProgramDetail; onSaved: (d: ProgramDetail) => void }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const program = detail.program;
  const [rows, setRows] = useState<Row[]>(() => toRows(detail, lang));
  // The roster version these rows started from; `detail` may refresh under the editor, this may not.
  const [baseVersion, setBaseVersion] = useState(detail.rosterVersion.version);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<ImportProblem[] | null>(null);
  const [mode, setMode] = useState<'replace' | 'append'>('replace');
  const job = useJobProgress();
  const fileRef = useRef<HTMLInputElement>(null);

  const checkedRows = useDeferredValue(rows);
  const result = useMemo(() => {
    // Rows still being typed (no family name yet) are not people yet; `shown` maps the engine's
    // roster rows back to the table's rows so the right line is highlighted.
    const shown: number[] = [];
    const people = checkedRows.filter((r, i) => r.familyName.trim() !== '' && shown.push(i + 1) > 0);
    const r = checkPlan(rosterPlan(program, people), detail.ruleSet);
    return { violations: [...r.violations, ...duplicateFindings(people)], warnings: r.warnings, shown };
  }, [checkedRows, program, detail.ruleSet]);
  const flaggedRows = useMemo(() => {
    const s = new Map<number, string>();
    for (const f of result.violations) {
      const row = typeof f.params.row === 'number' ? result.shown[f.params.row - 1] : undefined;
      if (row !== undefined) s.set(row, lang === 'en' ? f.messageEn : f.message);
    }
    return s;
  }, [result, lang]);
  const invitees = rows.filter((r) => r.role === 'invitee' && r.familyName.trim()).length;
  // A date or country that does not parse would be saved as blank: staff fix it first.
  const unreadable = rows.filter((r) => (r.birthText.trim() !== '' && !r.birthDate) || (r.countryText.trim() !== '' && !r.nationality)).length;

  const edit = useCallback((key: string, patch: Partial<Row>) => {
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setDirty(true);
  }, []);
  const remove = useCallback((key: string) => {
    setRows((list) => list.filter((r) => r.key !== key));
    setDirty(true);
  }, []);

  const adopt = (d: ProgramDetail) => {
    setRows(toRows(d, lang));
    setBaseVersion(d.rosterVersion.version);
    setDirty(false);
    onSaved(d);
  };
  // After a stale save: the roster as another officer saved it, this editor's rows discarded.
  const reload = async () => {
    setError(null);
    try {
      adopt(await call('programs/get', { id: program.id }));
    } catch (e) {
      setError(e);
    }
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const participants: ParticipantInput[] = rows
        .filter((r) => r.familyName.trim() !== '' || r.givenName.trim() !== '')
        .map(({ key, birthText: _b, countryText: _c, ...p }) => ({ ...p, id: key.startsWith('new-') ? null : key }));
      adopt(await call('programs/saveParticipants', { id: program.id, participants, expectedVersion: baseVersion }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (file: File) => {
    setBusy(true);
    setError(null);
    setProblems(null);
    const jobId = job.begin();
    try {
      const r = await call('programs/importParticipants', {
        id: program.id,
        jobId,
        fileName: file.name,
        dataBase64: await readFileBase64(file),
        mode,
        // The roster this screen shows: an import over another officer's newer roster gets CONFLICT.
        expectedVersion: baseVersion,
      });
      adopt(r.detail);
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details.problems)) setProblems(e.details.problems as ImportProblem[]);
      setError(e);
    } finally {
      job.end();
      setBusy(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  const exportAs = async (format: 'xlsx' | 'csv') => {
    try {
      downloadFile(await call('programs/exportRoster', { id: program.id, format }), format === 'csv' ? 'text/csv' : XLSX_MIME);
    } catch (e) {
      setError(e);
    }
  };

  const countries = useMemo(() => allCountries(lang), [lang]);
  const wrapRef = useRef<HTMLDivElement>(null);
  // The row being edited stays mounted when it is scrolled out of view: its input keeps the focus
  // and the caret, and typing goes on into it, as in a spreadsheet.
  const [editingKey, setEditingKey] = useState<string | null>(null);
  const editingIndex = editingKey === null ? -1 : rows.findIndex((r) => r.key === editingKey);
  const keep = editingIndex < 0 ? null : editingIndex;
  const rangeExtractor = useCallback((range: Range) => withKept(defaultRangeExtractor(range), keep, range.count), [keep]);
  // Not compiled by React Compiler; the virtualizer re-renders this component on scroll.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => wrapRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12, rangeExtractor });
  const visible = virtual.getVirtualItems();
  const pendingFocus = useRef<string | null>(null);
  const addRow = () => {
    const row = blankRow();
    pendingFocus.current = row.key;
    setRows((l) => [...l, row]);
    setDirty(true);
  };
  // A new row is at the end of a possibly long, virtualised table: bring it into view and put the
  // cursor in its first cell, as a spreadsheet would.
  useEffect(() => {
    const key = pendingFocus.current;
    if (!key) return;
    const i = rows.findIndex((r) => r.key === key);
    if (i < 0) return;
    virtual.scrollToIndex(i, { align: 'end' });
    requestAnimationFrame(() => {
      const el = wrapRef.current?.querySelector<HTMLInputElement>(`tr[data-key="${CSS.escape(key)}"] input`);
      if (el) {
        el.focus();
        pendingFocus.current = null;
      }
    });
  }, [rows, virtual]);
  const parts = bodyParts(visible, virtual.getTotalSize());

  return (
    <div className="prg-roster" data-testid="roster-editor">
      <div className="toolbar prg-sticky">
        <button type="button" className="primary" disabled={!dirty || busy || unreadable > 0} onClick={() => void save()} data-testid="save-roster">
          {t('prog.save')}
        </button>
        {dirty && <span className="badge warn">{t('prog.unsaved')}</span>}
        {unreadable > 0 && (
          <span className="badge bad" data-testid="roster-unreadable">
            {t('prog.ro.unreadable', { count: unreadable })}
          </span>
        )}
        <button type="button" onClick={addRow} data-testid="add-participant">
          {t('prog.ro.add')}
        </button>
        <span className="prg-sep" />
        <label>
          <select value={mode} onChange={(e) => setMode(e.target.value as 'replace' | 'append')}>
            <option value="replace">{t('prog.ro.importReplace')}</option>
            <option value="append">{t('prog.ro.importAppend')}</option>
          </select>
        </label>
        <button type="button" disabled={busy} onClick={() => fileRef.current?.click()} data-testid="import-participants">
          {t('prog.ro.import')}
        </button>
        <input
          ref={fileRef}
          type="file"
          hidden
          accept=".xlsx,.csv,.tsv,.txt"
          data-testid="import-participants-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void importFile(f);
          }}
        />
        <button type="button" onClick={() => void exportAs('xlsx')} data-testid="export-roster-xlsx">
          {t('prog.ro.exportXlsx')}
        </button>
        <button type="button" onClick={() => void exportAs('csv')} data-testid="export-roster-csv">
          {t('prog.ro.exportCsv')}
        </button>
        <button type="button" onClick={() => navigate('programs', program.id, 'print', 'roster')} data-testid="print-roster">
          {t('prog.ro.print')}
        </button>
        <span className="muted">{t('prog.list.people', { invitees, escorts: rows.length - invitees })}</span>
      </div>
      <JobProgress progress={job.progress} testId="import-participants-progress" />
      <ErrorBox error={error} />
      <ConflictReload error={error} onReload={() => void reload()} testId="roster-reload" />
      {problems && (
        <ul className="prg-problems" data-testid="import-problems">
          {problems.slice(0, 100).map((p, i) => (
            <li key={i}>
              {p.row !== null && t('prog.ro.problemRow', { row: p.row })} {p.column && `「${p.column}」`} {lang === 'en' ? p.messageEn : p.message}
            </li>
          ))}
        </ul>
      )}
      <Findings violations={result.violations} warnings={result.warnings} testId="roster-findings" />
      <datalist id="prg-countries">
        {countries.map((c) => (
          <option key={c.code} value={c.name} />
        ))}
      </datalist>
      <div className="prg-table-wrap" ref={wrapRef} data-testid="roster-scroll">
        <table className="grid prg-roster-table">
          {/* Fixed column widths (table-layout: fixed), so scrolling in new rows never re-flows the columns. */}
          <colgroup>
            {COL_WIDTHS.map((w, i) => (
              <col key={i} style={{ width: w }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th>No.</th>
              <th>{t('prog.ro.col.familyName')}</th>
              <th>{t('prog.ro.col.givenName')}</th>
              <th>{t('prog.ro.col.nativeName')}</th>
              <th>{t('prog.ro.col.sex')}</th>
              <th>{t('prog.ro.col.birthDate')}</th>
              <th>{t('prog.ro.col.age')}</th>
              <th>{t('prog.ro.col.nationality')}</th>
              <th>{t('prog.ro.col.affiliation')}</th>
              <th>{t('prog.ro.col.position')}</th>
              <th>{t('prog.ro.col.role')}</th>
              <th>{t('prog.ro.col.email')}</th>
              <th />
            </tr>
          </thead>
          <tbody
            onFocus={(e) => setEditingKey((e.target as HTMLElement).closest('tr')?.dataset.key ?? null)}
            onBlur={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setEditingKey(null);
            }}
          >
            {parts.map((p) => {
              if (p.kind === 'pad') return <tr key={`pad-${p.at}`} aria-hidden="true" style={{ height: p.height }} />;
              const r = rows[p.index]!;
              return <RosterRow key={r.key} r={r} index={p.index} flag={flaggedRows.get(p.index + 1)} arrival={program.arrival} onEdit={edit} onRemove={remove} />;
            })}
          </tbody>
        </table>
        {rows.length === 0 && <div className="notice">{t('prog.ro.empty')}</div>}
      </div>
    </div>
  );
}
