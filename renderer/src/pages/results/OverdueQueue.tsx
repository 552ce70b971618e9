// The reminder queue: programs whose reports are overdue, with the number of days after which a
// report counts as overdue (a setting staff can change here).
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../../shared/api/index.ts';
import type { ApiError } from '../../../../shared/errors.ts';
import { call } from '../../api/client.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { useApi } from '../../useApi.ts';
import { ConflictReload } from '../../ui/ConflictReload.tsx';
import { usePaged, useVirtualRows } from '../../ui/paged.ts';
import { uiLang } from '../../ui/format.ts';
import { formatDate, parseWhole } from './format.ts';
import { VirtualTbody } from '../../ui/VirtualTbody.tsx';

type OverdueItem = CallOutput<'results/overdue'>['items'][number];
const ROW_HEIGHT = 37;

export function OverdueQueue({ data, error, reload }: { data: CallOutput<'results/overdue'> | undefined; error: ApiError | null; reload: () => void }) {
  const { t, i18n } = useTranslation();
  // Every year's overdue programs can be many: a window at a time, only the rows in view drawn.
  const list = usePaged<OverdueItem, 'results/overdue'>('results/overdue', {});
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useVirtualRows(list.total, scrollRef, ROW_HEIGHT, list.show);
  const lang = uiLang(i18n.language);
  const [days, setDays] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState<number | null>(null);
  // The setting as this form loaded it (not live): its version goes with the save, so a change
  // another officer made meanwhile is refused, not overwritten.
  const setting = useApi('results/settings', {}, { live: false });
  const shown = days ?? (setting.data ? String(setting.data.reportOverdueDays) : data ? String(data.days) : '');

  const save = async () => {
    setSaveError(null);
    setSaved(null);
    const n = parseWhole(shown);
    try {
      const r = await call('results/saveSettings', {
        reportOverdueDays: typeof n === 'number' ? n : -1,
        ...(setting.data ? { expectedVersion: setting.data.version } : {}),
      });
      setSaved(r.reportOverdueDays);
      setDays(null);
      setting.reload();
      reload();
      list.reload();
    } catch (e) {
      setSaveError(e);
    }
  };

  return (
    <>
      <form
        className="overdue-days"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          {t('results.overdue.days')}{' '}
          <input value={shown} onChange={(e) => setDays(e.target.value)} inputMode="numeric" data-testid="overdue-days" />
        </label>
        <button type="submit" data-testid="overdue-days-save">
          {t('results.overdue.saveDays')}
        </button>
        {saved !== null && <span className="results-saved">{t('results.overdue.daysSaved', { days: saved })}</span>}
      </form>
      <ErrorBox error={saveError ?? error} />
      <ConflictReload
        error={saveError}
        onReload={() => {
          setSaveError(null);
          setDays(null);
          setting.reload();
          reload();
        }}
        testId="overdue-days-reload"
      />
      {data && <p>{t('results.overdue.intro', { days: data.days })}</p>}
      {list.loaded && list.total === 0 && <p className="notice">{t('results.overdue.none')}</p>}
      {list.total > 0 && (
        <div className="vt-scroll" ref={scrollRef} data-testid="overdue-scroll">
        <table className="grid results-list" data-testid="overdue-list">
          <thead>
            <tr>
              <th>{t('results.col.no')}</th>
              <th>{t('results.col.title')}</th>
              <th>{t('results.col.host')}</th>
              <th>{t('results.col.endedOn')}</th>
              <th className="num">{t('results.col.daysSince')}</th>
              <th>{t('results.col.missing')}</th>
            </tr>
          </thead>
          <VirtualTbody
            rows={rows}
            rowAt={list.rowAt}
            columns={6}
            rowHeight={ROW_HEIGHT}
            renderRow={(i) => {
              return (
              <tr key={i.programId} data-testid={`overdue-row-${i.applicationNo}`} style={{ height: ROW_HEIGHT }}>
                <td>
                  <a href={`#/results/program/${encodeURIComponent(i.programId)}`}>{i.applicationNo}</a>
                </td>
                <td>{i.title}</td>
                <td>{i.hostInstitution}</td>
                <td>{formatDate(i.endedOn, lang)}</td>
                <td className="num">{t('results.overdue.daysValue', { days: i.daysSinceEnd })}</td>
                <td>
                  {i.missing.map((m) => (
                    <span key={m} className="badge bad" style={{ marginRight: 4 }}>
                      {t(`results.overdue.${m}`)}
                    </span>
                  ))}
                </td>
              </tr>
              );
            }}
          />
        </table>
        </div>
      )}
    </>
  );
}
