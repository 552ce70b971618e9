import { NotBuilt } from '../NotBuilt.tsx';

export function ChartsPage(_props: { route: string[] }) {
  return <NotBuilt areaKey="charts" />;
}
