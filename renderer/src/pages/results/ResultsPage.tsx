import { NotBuilt } from '../NotBuilt.tsx';

export function ResultsPage(_props: { route: string[] }) {
  return <NotBuilt areaKey="results" />;
}
