// 日程表エディタ: one row per day of the stay, each a timeline of its slots coloured by kind, so a
// 21-day plan reads at a glance. Slots are moved by drag and drop (onto another day and time) or
// from the keyboard (Alt+↑/↓ a day, Alt+←/→ 15 minutes), edited in the side panel, and a whole day
// can be copied. The checks run on every change, in the page, with the same shared code main/ uses.
import { memo, useCallback, useDeferredValue, useMemo, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgramDetail } from '../../../../shared/api/programs.ts';
import { SLOT_KINDS, minutesOf, timeOf, type SlotInput, type SlotKind } from '../../../../shared/programs.ts';
import { checkItinerary, holidayOn, sortSlots, stayDates, weekdayLabel, weekdayOf } from '../../../../shared/rules/itinerary.ts';
import type { Finding } from '../../../../shared/rules/types.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { ConflictReload } from '../../ui/ConflictReload.tsx';
import { formatDate, uiLang } from '../../ui/format.ts';
import { Findings } from './common.tsx';

/** A slot being edited: `key` is its server id, or "new-N" until the first save. */
export interface Draft extends SlotInput {
  key: string;
}

const STEP = 15;
let newCounter = 0;
const newKey = () => `new-${++newCounter}`;

function toDrafts(d: ProgramDetail): Draft[] {
  return d.slots.map((s) => ({ ...s, key: s.id }));
}

function lanes(slots: Draft[]): Map<string, number> {
  // Overlapping slots get their own lane so neither hides the other.
  const ends: number[] = [];
  const lane = new Map<string, number>();
  for (const s of sortSlots(slots.map((x) => ({ ...x, id: x.key })))) {
    const start = minutesOf(s.start);
    let i = ends.findIndex((e) => e <= start);
    if (i === -1) i = ends.push(0) - 1;
    ends[i] = minutesOf(s.end);
    lane.set(s.id, i);
  }
  return lane;
}

interface DayProps {
  date: string;
  index: number;
  inStay: boolean;
  beyond: boolean;
  slots: Draft[];
  range: [number, number];
  selected: string | null;
  flagged: ReadonlySet<string>;
  otherDates: string[];
  onSelect: (key: string) => void;
  onMove: (key: string, date: string, start: number | null) => void;
  onKey: (key: string, e: KeyboardEvent) => void;
  onAdd: (date: string) => void;
  onCopy: (from: string, to: string) => void;
}

const DayRow = memo(function DayRow(p: DayProps) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const holiday = holidayOn(p.date);
  const wd = weekdayOf(p.date);
  const laneOf = lanes(p.slots);
  const laneCount = Math.max(1, ...[...laneOf.values()].map((l) => l + 1));
  const [from, to] = p.range;
  const span = to - from;
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    const key = e.dataTransfer.getData('text/plain');
    if (!key) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const grab = Number(e.dataTransfer.getData('application/x-grab-offset') || 0);
    const x = Math.min(Math.max(e.clientX - rect.left - grab, 0), rect.width);
    const start = Math.round((from + (x / rect.width) * span) / STEP) * STEP;
    p.onMove(key, p.date, start);
  };
  const cls = ['prg-day', holiday ? 'holiday' : wd === 0 || wd === 6 ? 'weekend' : '', p.beyond ? 'beyond' : '', p.inStay ? '' : 'outside']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cls} data-testid="day" data-date={p.date}>
      <div className="prg-day-head">
        <div className="prg-day-date">
          <strong>{formatDate(p.date, lang)}</strong> ({weekdayLabel(p.date, lang)})
        </div>
        <div className="prg-day-sub">
          {p.inStay ? t('prog.it.dayN', { n: p.index + 1 }) : t('prog.it.outside')}
          {holiday && <span className="prg-holiday"> {lang === 'en' ? holiday.en : holiday.ja}</span>}
          {p.beyond && <span className="badge bad">{t('prog.it.beyond')}</span>}
        </div>
        <div className="prg-day-actions">
          <button type="button" onClick={() => p.onAdd(p.date)} data-testid="add-slot" aria-label={t('prog.it.addOn', { date: p.date })}>
            ＋
          </button>
          <select
            value=""
            aria-label={t('prog.it.copyDay')}
            title={t('prog.it.copyDay')}
            data-testid="copy-day"
            disabled={p.slots.length === 0}
            onChange={(e) => e.target.value && p.onCopy(p.date, e.target.value)}
          >
            <option value="">{t('prog.it.copyTo')}</option>
            {p.otherDates.map((d) => (
              <option key={d} value={d}>
                {formatDate(d, lang)} ({weekdayLabel(d, lang)})
              </option>
            ))}
          </select>
        </div>
      </div>
      <div
        className="prg-track"
        style={{ height: laneCount * 30 + 6 }}
        onDragOver={(e) => e.preventDefault()}
        onDrop={onDrop}
        data-testid="track"
      >
        {p.slots.map((s) => {
          const left = ((minutesOf(s.start) - from) / span) * 100;
          const width = Math.max(((minutesOf(s.end) - minutesOf(s.start)) / span) * 100, 1.5);
          return (
            <button
              type="button"
              key={s.key}
              className={`prg-slot kind-${s.kind}${p.selected === s.key ? ' selected' : ''}${p.flagged.has(s.key) ? ' flagged' : ''}`}
              style={{ left: `${left}%`, width: `${width}%`, top: 3 + (laneOf.get(s.key) ?? 0) * 30 }}
              draggable
              onDragStart={(e) => {
                e.dataTransfer.setData('text/plain', s.key);
                e.dataTransfer.setData('application/x-grab-offset', String(e.clientX - e.currentTarget.getBoundingClientRect().left));
                e.dataTransfer.effectAllowed = 'move';
              }}
              onClick={() => p.onSelect(s.key)}
              onKeyDown={(e) => p.onKey(s.key, e)}
              title={`${s.start}–${s.end} ${s.activity}${s.place ? ` @ ${s.place}` : ''}\n${t('prog.it.keys')}`}
              data-testid="slot"
              data-key={s.key}
            >
              <span className="prg-slot-time">{s.start}</span> {s.activity}
            </button>
          );
        })}
      </div>
    </div>
  );
});

function SlotForm({ draft, dates, onChange, onDelete, onDuplicate }: {
  draft: Draft;
  dates: string[];
  onChange: (patch: Partial<Draft>) => void;
  onDelete: () => void;
  onDuplicate: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const text = (k: 'place' | 'personInCharge' | 'note') => ({
    value: draft[k] ?? '',
    onChange: (e: { target: { value: string } }) => onChange({ [k]: e.target.value === '' ? null : e.target.value }),
  });
  return (
    <form className="prg-slot-form" data-testid="slot-form" onSubmit={(e) => e.preventDefault()}>
      <h3>{t('prog.it.editSlot')}</h3>
      <label>
        {t('prog.it.f.date')}
        <select value={draft.date} onChange={(e) => onChange({ date: e.target.value })} data-testid="slot-date">
          {dates.map((d) => (
            <option key={d} value={d}>
              {formatDate(d, lang)} ({weekdayLabel(d, lang)})
            </option>
          ))}
        </select>
      </label>
      <div className="prg-row2">
        <label>
          {t('prog.it.f.start')}
          <input type="time" step={300} value={draft.start} onChange={(e) => onChange({ start: e.target.value })} data-testid="slot-start" />
        </label>
        <label>
          {t('prog.it.f.end')}
          <input type="time" step={300} value={draft.end === '24:00' ? '23:59' : draft.end} onChange={(e) => onChange({ end: e.target.value })} data-testid="slot-end" />
        </label>
      </div>
      <label>
        {t('prog.it.f.activity')}
        <input value={draft.activity} onChange={(e) => onChange({ activity: e.target.value })} data-testid="slot-activity" required />
      </label>
      <label>
        {t('prog.it.f.kind')}
        <select value={draft.kind} onChange={(e) => onChange({ kind: e.target.value as SlotKind })} data-testid="slot-kind">
          {SLOT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`prog.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="prg-check">
        <input type="checkbox" checked={draft.atHost} onChange={(e) => onChange({ atHost: e.target.checked })} /> {t('prog.it.f.atHost')}
      </label>
      <label>
        {t('prog.it.f.place')}
        <input {...text('place')} />
      </label>
      <label>
        {t('prog.it.f.person')}
        <input {...text('personInCharge')} />
      </label>
      <label>
        {t('prog.it.f.note')}
        <textarea rows={2} {...text('note')} />
      </label>
      <div className="toolbar">
        <button type="button" onClick={onDuplicate}>
          {t('prog.it.duplicate')}
        </button>
        <button type="button" className="danger" onClick={onDelete} data-testid="slot-delete">
          {t('prog.it.delete')}
        </button>
      </div>
    </form>
  );
}

export function ItineraryEditor({ detail, onSaved }: { detail: ProgramDetail; onSaved: (d: ProgramDetail) => void }) {
  const { t } = useTranslation();
  const program = detail.program;
  const [drafts, setDrafts] = useState<Draft[]>(() => toDrafts(detail));
  // The itinerary version these drafts started from; `detail` may refresh under the editor, this may not.
  const [baseVersion, setBaseVersion] = useState(detail.itineraryVersion.version);
  const [selected, setSelected] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // Checks follow the edits one render behind when typing fast, never blocking the input.
  const checked = useDeferredValue(drafts);
  const result = useMemo(
    () => checkItinerary(program, checked.map((d) => ({ ...d, id: d.key })), detail.ruleSet),
    [checked, program, detail.ruleSet],
  );
  const flagged = useMemo(() => {
    const s = new Set<string>();
    for (const f of [...result.violations, ...result.warnings] as Finding[]) {
      if (typeof f.params.slotId === 'string') s.add(f.params.slotId);
      if (typeof f.params.otherSlotId === 'string') s.add(f.params.otherSlotId);
    }
    return s;
  }, [result]);

  const stay = useMemo(() => stayDates(program.arrival, program.departure), [program.arrival, program.departure]);
  const limit = detail.ruleSet.values.courses[program.course].maxStayDays;
  const byDate = useMemo(() => {
    const m = new Map<string, Draft[]>();
    for (const d of drafts) m.set(d.date, [...(m.get(d.date) ?? []), d]);
    return m;
  }, [drafts]);
  const days = useMemo(() => [...new Set([...stay, ...byDate.keys()])].sort(), [stay, byDate]);
  const range = useMemo<[number, number]>(() => {
    let from = 8 * 60;
    let to = 20 * 60;
    for (const d of drafts) {
      const s = minutesOf(d.start);
      const e = minutesOf(d.end);
      if (!Number.isNaN(s)) from = Math.min(from, Math.floor(s / 60) * 60);
      if (!Number.isNaN(e)) to = Math.max(to, Math.ceil(e / 60) * 60);
    }
    return [from, to];
  }, [drafts]);

  const update = useCallback((fn: (list: Draft[]) => Draft[]) => {
    setDrafts(fn);
    setDirty(true);
  }, []);

  const onMove = useCallback(
    (key: string, date: string, start: number | null) =>
      update((list) =>
        list.map((d) => {
          if (d.key !== key) return d;
          if (start === null) return { ...d, date };
          const len = minutesOf(d.end) - minutesOf(d.start);
          const s = Math.max(0, Math.min(start, 24 * 60 - len));
          return { ...d, date, start: timeOf(s), end: timeOf(s + len) };
        }),
      ),
    [update],
  );

  const onKey = useCallback(
    (key: string, e: KeyboardEvent) => {
      if (e.key === 'Delete') {
        e.preventDefault();
        update((list) => list.filter((d) => d.key !== key));
        setSelected(null);
        return;
      }
      if (!e.altKey) return;
      const d = drafts.find((x) => x.key === key);
      if (!d) return;
      const i = days.indexOf(d.date);
      if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
        const next = days[i + (e.key === 'ArrowUp' ? -1 : 1)];
        if (next) onMove(key, next, null);
      } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        onMove(key, d.date, minutesOf(d.start) + (e.key === 'ArrowLeft' ? -STEP : STEP));
      } else return;
      e.preventDefault();
      // Keep the focus on the moved slot: it is re-rendered in another row.
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus());
    },
    [drafts, days, onMove, update],
  );

  const onAdd = useCallback(
    (date: string) => {
      const same = drafts.filter((d) => d.date === date);
      const last = Math.max(9 * 60, ...same.map((d) => minutesOf(d.end)).filter((n) => !Number.isNaN(n)));
      const start = Math.min(last, 23 * 60);
      const key = newKey();
      const activity = t('prog.it.newActivity');
      update((list) => [
        ...list,
        { key, id: null, date, start: timeOf(start), end: timeOf(start + 60), activity, kind: 'lecture', atHost: true, place: null, personInCharge: null, note: null },
      ]);
      setSelected(key);
    },
    [drafts, t, update],
  );

  const onCopy = useCallback(
    (from: string, to: string) =>
      update((list) => [...list, ...list.filter((d) => d.date === from).map((d) => ({ ...d, key: newKey(), id: null, date: to }))]),
    [update],
  );

  const sel = drafts.find((d) => d.key === selected) ?? null;
  // Slots the server would refuse (no activity text, a time that is not HH:MM): fixed before saving.
  const incomplete = drafts.filter((d) => d.activity.trim() === '' || Number.isNaN(minutesOf(d.start)) || Number.isNaN(minutesOf(d.end))).length;

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const slots: SlotInput[] = drafts.map(({ key, ...s }) => ({ ...s, id: key.startsWith('new-') ? null : key }));
      adopt(await call('programs/saveItinerary', { id: program.id, slots, expectedVersion: baseVersion }));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  const adopt = (d: ProgramDetail) => {
    setDrafts(toDrafts(d));
    setBaseVersion(d.itineraryVersion.version);
    setSelected(null);
    setDirty(false);
    onSaved(d);
  };
  // After a stale save: the itinerary as another officer saved it, these drafts discarded.
  const reload = async () => {
    setError(null);
    try {
      adopt(await call('programs/get', { id: program.id }));
    } catch (e) {
      setError(e);
    }
  };

  const hours: number[] = [];
  for (let h = range[0]; h <= range[1]; h += 60) hours.push(h);

  return (
    <div className="prg-itinerary" data-testid="itinerary-editor">
      <div className="toolbar prg-sticky">
        <button type="button" className="primary" disabled={!dirty || saving || incomplete > 0} onClick={() => void save()} data-testid="save-itinerary">
          {saving ? t('prog.saving') : t('prog.save')}
        </button>
        {dirty && <span className="badge warn">{t('prog.unsaved')}</span>}
        {incomplete > 0 && (
          <span className="badge bad" data-testid="itinerary-incomplete">
            {t('prog.it.incomplete', { count: incomplete })}
          </span>
        )}
        <span className="muted">
          {t('prog.it.summary', { days: stay.length, limit, slots: drafts.length })}
        </span>
        <span className="prg-legend">
          {SLOT_KINDS.map((k) => (
            <span key={k} className={`prg-legend-item kind-${k}`}>
              {t(`prog.kind.${k}`)}
            </span>
          ))}
        </span>
      </div>
      <ErrorBox error={error} />
      <ConflictReload error={error} onReload={() => void reload()} testId="itinerary-reload" />
      <Findings violations={result.violations} warnings={result.warnings} testId="itinerary-findings" />
      <div className="prg-planner">
        <div className="prg-days">
          <div className="prg-hours" aria-hidden="true">
            {hours.map((h) => (
              <span key={h} style={{ left: `${((h - range[0]) / (range[1] - range[0])) * 100}%` }}>
                {timeOf(h)}
              </span>
            ))}
          </div>
          {days.map((date) => {
            const index = stay.indexOf(date);
            return (
              <DayRow
                key={date}
                date={date}
                index={index}
                inStay={index >= 0}
                beyond={index + 1 > limit}
                slots={byDate.get(date) ?? EMPTY}
                range={range}
                selected={selected}
                flagged={flagged}
                otherDates={stay}
                onSelect={setSelected}
                onMove={onMove}
                onKey={onKey}
                onAdd={onAdd}
                onCopy={onCopy}
              />
            );
          })}
        </div>
        <aside className="prg-side">
          {sel ? (
            <SlotForm
              key={sel.key}
              draft={sel}
              dates={days}
              onChange={(patch) => update((list) => list.map((d) => (d.key === sel.key ? { ...d, ...patch } : d)))}
              onDelete={() => {
                update((list) => list.filter((d) => d.key !== sel.key));
                setSelected(null);
              }}
              onDuplicate={() => {
                const key = newKey();
                update((list) => [...list, { ...sel, key, id: null }]);
                setSelected(key);
              }}
            />
          ) : (
            <p className="muted">{t('prog.it.hint')}</p>
          )}
        </aside>
      </div>
    </div>
  );
}

const EMPTY: Draft[] = [];
