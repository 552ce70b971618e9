// Print views (印刷プレビュー): the roster (参加者名簿) and the itinerary (日程表) laid out for A4.
// The same route serves the web mode's window.print() and the Electron shell's printToPDF: the
// preview toolbar is hidden in print, the app shell is hidden whenever a print document is on the
// page (see print.css), the program's title, host and dates are printed in every page's top margin
// and "page / pages" in the bottom margin (CSS page-margin boxes), table headers repeat on each
// page (thead as table-header-group) and rows never split (break-inside: avoid).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ROSTER_COLUMNS, type ProgramDetail, type RosterColumn } from '../../../../shared/api/programs.ts';
import { countryName } from '../../../../shared/countries.ts';
import { ageOn, isIsoDate } from '../../../../shared/dates.ts';
import { SLOT_KIND_WORDS, type Participant } from '../../../../shared/programs.ts';
import { holidayOn, sortSlots, stayDates, weekdayLabel } from '../../../../shared/rules/itinerary.ts';
import { navigate } from '../../router.ts';
import { formatDate, uiLang } from '../../ui/format.ts';
import './print.css';

/** A CSS string literal: quotes and backslashes escaped, line breaks dropped. */
const cssString = (s: string) => `"${s.replace(/[\\"]/g, '\\$&').replace(/[\r\n]+/g, ' ')}"`;

/** @page rules carry the running header (title, host, dates) and the page numbers. */
function PageStyle({ detail, doc, landscape }: { detail: ProgramDetail; doc: string; landscape: boolean }) {
  const p = detail.program;
  const left = `${p.title}`;
  const right = `${doc}\u3000${p.hostInstitution}\u3000${p.arrival.replaceAll('-', '/')}〜${p.departure.replaceAll('-', '/')}`;
  const css = `@page {
  size: A4 ${landscape ? 'landscape' : 'portrait'};
  margin: 16mm 12mm 14mm 12mm;
  @top-left { content: ${cssString(left)}; font-size: 8.5pt; color: #333; vertical-align: bottom; padding-bottom: 2mm; }
  @top-right { content: ${cssString(right)}; font-size: 8.5pt; color: #333; vertical-align: bottom; padding-bottom: 2mm; }
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; }
}`;
  return <style>{css}</style>;
}

function DocHeader({ detail, doc, extra }: { detail: ProgramDetail; doc: string; extra?: string }) {
  const { t } = useTranslation();
  const p = detail.program;
  return (
    <div className="pv-doc-header">
      <h1>
        {doc}
        <span className="pv-appno">{p.applicationNo}</span>
      </h1>
      <h2>{p.title}</h2>
      <div className="pv-doc-meta">
        <span>
          {t('prog.pv.host')}: {p.hostInstitution}
        </span>
        <span>
          {t('prog.pv.period')}: {p.arrival.replaceAll('-', '/')} 〜 {p.departure.replaceAll('-', '/')}
        </span>
        <span>
          {t('prog.course')}: {t(`prog.courseName.${p.course}`)}
        </span>
        {extra && <span>{extra}</span>}
      </div>
    </div>
  );
}

function Toolbar({ detail, children }: { detail: ProgramDetail; children?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="pv-toolbar" data-testid="print-toolbar">
      <button type="button" onClick={() => window.history.length > 1 ? window.history.back() : navigate('programs', detail.program.id)}>
        {t('prog.pv.back')}
      </button>
      {children}
      <button type="button" className="primary" onClick={() => window.print()} data-testid="print-now">
        {t('prog.pv.print')}
      </button>
      <span className="muted">{t('prog.pv.hint')}</span>
    </div>
  );
}

export const DEFAULT_PRINT_COLUMNS: RosterColumn[] = ROSTER_COLUMNS.filter((c) => c !== 'email');

function cell(p: Participant, i: number, c: RosterColumn, arrival: string, t: (k: string) => string, lang: 'ja' | 'en'): React.ReactNode {
  switch (c) {
    case 'no':
      return i + 1;
    case 'name':
      return (
        <>
          <span className="pv-family">{p.familyName.toUpperCase()}</span> {p.givenName}
        </>
      );
    case 'nativeName':
      return p.nativeName;
    case 'sex':
      return p.sex ? t(`prog.sex.${p.sex}`) : '';
    case 'birthDate':
      return p.birthDate ? formatDate(p.birthDate, lang) : '';
    case 'age':
      return p.birthDate && isIsoDate(p.birthDate) && isIsoDate(arrival) ? ageOn(p.birthDate, arrival) : '';
    case 'nationality':
      return p.nationality ? countryName(p.nationality, lang) : '';
    case 'affiliation':
      return p.affiliation;
    case 'position':
      return p.positionTitle ? p.positionTitle : p.position ? t(`prog.position.${p.position}`) : '';
    case 'role':
      return t(`prog.role.${p.role}`);
    case 'email':
      return p.email;
  }
}

export function RosterPrint({ detail, columns }: { detail: ProgramDetail; columns: RosterColumn[] }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const cols = ROSTER_COLUMNS.filter((c) => columns.includes(c));
  const doc = t('prog.pv.roster');
  const invitees = detail.participants.filter((p) => p.role === 'invitee').length;
  const setCols = (next: RosterColumn[]) => navigate('programs', detail.program.id, 'print', 'roster', next.join(','));
  return (
    <div className="pv" data-testid="print-roster">
      <PageStyle detail={detail} doc={doc} landscape={cols.length > 7} />
      <Toolbar detail={detail}>
        <fieldset className="pv-columns" data-testid="column-choice">
          <legend>{t('prog.pv.columns')}</legend>
          {ROSTER_COLUMNS.map((c) => (
            <label key={c}>
              <input
                type="checkbox"
                checked={cols.includes(c)}
                disabled={c === 'name'}
                data-testid={`col-${c}`}
                onChange={(e) => setCols(e.target.checked ? [...cols, c] : cols.filter((x) => x !== c))}
              />
              {t(`prog.ro.col.${c}`)}
            </label>
          ))}
        </fieldset>
      </Toolbar>
      <article className="print-doc">
        <DocHeader detail={detail} doc={doc} extra={t('prog.list.people', { invitees, escorts: detail.participants.length - invitees })} />
        <table className="pv-table">
          <thead>
            <tr>
              {cols.map((c) => (
                <th key={c} className={`c-${c}`}>
                  {t(`prog.ro.col.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {detail.participants.map((p, i) => (
              <tr key={p.id}>
                {cols.map((c) => (
                  <td key={c} className={`c-${c}`}>
                    {cell(p, i, c, detail.program.arrival, t, lang)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {detail.participants.length === 0 && <p>{t('prog.ro.empty')}</p>}
      </article>
    </div>
  );
}

export function ItineraryPrint({ detail, daysPerPage }: { detail: ProgramDetail; daysPerPage: number }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const doc = t('prog.pv.itinerary');
  const p = detail.program;
  const days = useMemo(() => {
    const byDate = new Map<string, ProgramDetail['slots']>();
    for (const s of sortSlots(detail.slots)) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);
    const all = [...new Set([...stayDates(p.arrival, p.departure), ...byDate.keys()])].sort();
    return all.map((date) => ({ date, slots: byDate.get(date) ?? [] }));
  }, [detail.slots, p.arrival, p.departure]);
  // 0 = as many days as fit ("continuous"); otherwise a page break after every N days.
  const groups: (typeof days)[] = [];
  if (daysPerPage > 0) for (let i = 0; i < days.length; i += daysPerPage) groups.push(days.slice(i, i + daysPerPage));
  else groups.push(days);
  return (
    <div className="pv" data-testid="print-itinerary">
      <PageStyle detail={detail} doc={doc} landscape={false} />
      <Toolbar detail={detail}>
        <label>
          {t('prog.pv.daysPerPage')}{' '}
          <select
            value={daysPerPage}
            data-testid="days-per-page"
            onChange={(e) => navigate('programs', p.id, 'print', 'itinerary', e.target.value)}
          >
            {[1, 2, 3, 7, 0].map((n) => (
              <option key={n} value={n}>
                {n === 0 ? t('prog.pv.continuous') : t('prog.pv.nDays', { count: n })}
              </option>
            ))}
          </select>
        </label>
      </Toolbar>
      <article className="print-doc">
        {groups.map((g, gi) => (
          <section key={g[0]?.date ?? gi} className={gi < groups.length - 1 ? 'pv-page-group' : undefined}>
            {gi === 0 && <DocHeader detail={detail} doc={doc} />}
            {g.map(({ date, slots }) => {
              const hol = holidayOn(date);
              return (
                <div className="pv-day" key={date}>
                  <table className="pv-table pv-itinerary">
                    {/* Widths on <col>: with a fixed layout the first row (the day title) spans them all. */}
                    <colgroup>
                      {['c-time', 'c-activity', 'c-kind', 'c-place', 'c-person', 'c-note'].map((c) => (
                        <col key={c} className={c} />
                      ))}
                    </colgroup>
                    <thead>
                      <tr className="pv-day-title">
                        <th colSpan={6}>
                          {formatDate(date, lang)}（{weekdayLabel(date, lang)}）
                          {hol && <span className="pv-holiday"> {lang === 'en' ? hol.en : hol.ja}</span>}
                        </th>
                      </tr>
                      <tr>
                        <th className="c-time">{t('prog.pv.time')}</th>
                        <th className="c-activity">{t('prog.it.f.activity')}</th>
                        <th className="c-kind">{t('prog.it.f.kind')}</th>
                        <th className="c-place">{t('prog.it.f.place')}</th>
                        <th className="c-person">{t('prog.it.f.person')}</th>
                        <th className="c-note">{t('prog.it.f.note')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {slots.map((s) => (
                        <tr key={s.id}>
                          <td className="c-time">
                            {s.start}〜{s.end}
                          </td>
                          <td className="c-activity">{s.activity}</td>
                          <td className="c-kind">{lang === 'en' ? SLOT_KIND_WORDS[s.kind].en : SLOT_KIND_WORDS[s.kind].ja}</td>
                          <td className="c-place">{s.place}</td>
                          <td className="c-person">{s.personInCharge}</td>
                          <td className="c-note">{s.note}</td>
                        </tr>
                      ))}
                      {slots.length === 0 && (
                        <tr>
                          <td colSpan={6} className="muted">
                            {t('prog.pv.noSlots')}
                          </td>
                        </tr>
                      )}
                    </tbody>
                  </table>
                </div>
              );
            })}
          </section>
        ))}
      </article>
    </div>
  );
}
