import { NotBuilt } from '../NotBuilt.tsx';

export function ParticipantsPage(_props: { route: string[] }) {
  return <NotBuilt areaKey="participants" />;
}
