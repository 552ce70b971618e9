import './applications.css';
import { ApplicationForm } from './ApplicationForm.tsx';
import { ApplicationsList } from './ApplicationsList.tsx';

/** #/applications → list; #/applications/new → empty form; #/applications/<id> → that application. */
export function ApplicationsPage({ route }: { route: string[] }) {
  const [first] = route;
  if (!first) return <ApplicationsList />;
  if (first === 'new') return <ApplicationForm key="new" id={null} />;
  return <ApplicationForm key={first} id={first} />;
}
