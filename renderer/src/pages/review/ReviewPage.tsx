import { NotBuilt } from '../NotBuilt.tsx';

export function ReviewPage(_props: { route: string[] }) {
  return <NotBuilt areaKey="review" />;
}
