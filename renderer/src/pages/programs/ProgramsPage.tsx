import { NotBuilt } from '../NotBuilt.tsx';

export function ProgramsPage(_props: { route: string[] }) {
  return <NotBuilt areaKey="programs" />;
}
