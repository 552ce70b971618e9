// #/participants → programs to pick a roster from; #/participants/<id> → that program's roster;
// #/participants/<id>/print → its print preview.
import { useTranslation } from 'react-i18next';
import { ProgramHeading } from './common.tsx';
import { RosterPrint, DEFAULT_PRINT_COLUMNS } from './PrintViews.tsx';
import { ProgramList } from './ProgramList.tsx';
import { WithProgram } from './ProgramsPage.tsx';
import './programs.css';
import { RosterEditor } from './RosterEditor.tsx';

export function ParticipantsPage({ route }: { route: string[] }) {
  const { t } = useTranslation();
  const [id, sub] = route;
  if (!id) return <ProgramList target="participants" />;
  if (sub === 'print') return <WithProgram id={id}>{(d) => <RosterPrint detail={d} columns={DEFAULT_PRINT_COLUMNS} />}</WithProgram>;
  return (
    <section className="page prg-page">
      <WithProgram id={id}>
        {(d, onSaved) => (
          <>
            <ProgramHeading program={d.program} what={t('prog.tabs.participants')} tab="participants" />
            <RosterEditor key={d.program.id} detail={d} onSaved={onSaved} />
          </>
        )}
      </WithProgram>
    </section>
  );
}
