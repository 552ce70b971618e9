// #/programs → adopted programs; #/programs/<id> → itinerary planner;
// #/programs/<id>/print/roster[/<columns>] and #/programs/<id>/print/itinerary[/<days per page>] →
// print previews (the routes the Electron shell loads for printToPDF).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROSTER_COLUMNS, type ProgramDetail, type RosterColumn } from '../../../../shared/api/programs.ts';
import { ErrorBox } from '../../components/ErrorBox.tsx';
import { useApi } from '../../useApi.ts';
import { ProgramHeading } from './common.tsx';
import { ItineraryEditor } from './ItineraryEditor.tsx';
import { DEFAULT_PRINT_COLUMNS, ItineraryPrint, RosterPrint } from './PrintViews.tsx';
import { ProgramList } from './ProgramList.tsx';
import './programs.css';
import { HistoryPanel } from '../../components/HistoryPanel.tsx';

/** Loads a program once; children keep their own edits and hand back what the server saved. */
export function WithProgram({ id, children }: { id: string; children: (d: ProgramDetail, onSaved: (d: ProgramDetail) => void) => React.ReactNode }) {
  const { t } = useTranslation();
  const loaded = useApi('programs/get', { id });
  const [saved, setSaved] = useState<ProgramDetail | null>(null);
  const detail = saved && saved.program.id === id ? saved : loaded.data;
  if (loaded.error) return <ErrorBox error={loaded.error} />;
  if (!detail) return <p className="muted">{t('prog.loading')}</p>;
  return <>{children(detail, setSaved)}</>;
}

function parseColumns(s: string | undefined): RosterColumn[] {
  if (!s) return DEFAULT_PRINT_COLUMNS;
  const cols = s.split(',').filter((c): c is RosterColumn => (ROSTER_COLUMNS as readonly string[]).includes(c));
  return cols.includes('name') ? cols : ['name', ...cols];
}

export function ProgramsPage({ route }: { route: string[] }) {
  const { t } = useTranslation();
  const [id, sub, what, arg] = route;
  if (!id) return <ProgramList target="programs" />;
  if (sub === 'print') {
    return (
      <WithProgram id={id}>
        {(d) =>
          what === 'itinerary' ? (
            <ItineraryPrint detail={d} daysPerPage={arg === undefined ? 1 : Math.max(0, Number(arg) || 0)} />
          ) : (
            <RosterPrint detail={d} columns={parseColumns(arg)} />
          )
        }
      </WithProgram>
    );
  }
  return (
    <section className="page prg-page">
      <WithProgram id={id}>
        {(d, onSaved) => (
          <>
            <ProgramHeading program={d.program} what={t('prog.tabs.itinerary')} tab="itinerary" />
            <ItineraryEditor key={d.program.id} detail={d} onSaved={onSaved} />
            <HistoryPanel filter={{ entity: 'program', entityId: d.program.id }} />
          </>
        )}
      </WithProgram>
    </section>
  );
}
