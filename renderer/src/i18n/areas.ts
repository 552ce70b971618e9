// Every area's text file, merged into one catalogue. Add an area's file here.
import { aliases } from './aliases.ts';
import { applications } from './applications.ts';
import { auditFields } from './audit-fields.ts';
import { backup } from './backup.ts';
import { common } from './common.ts';
import { institutions } from './institutions.ts';
import { jobs } from './jobs.ts';
import { programs } from './programs.ts';
import { results } from './results.ts';
import { review } from './review.ts';
import { selection } from './selection.ts';
import { settings } from './settings.ts';
import { startup } from './startup.ts';
import { status } from './status.ts';
import { store } from './store.ts';
import { team } from './team.ts';

export const areas: { ja: Record<string, unknown>; en: Record<string, unknown> }[] = [
  common,
  applications,
  settings,
  institutions,
  review,
  programs,
  results,
  selection,
  team,
  backup,
  aliases,
  store,
  status,
  startup,
  auditFields,
  jobs,
];
