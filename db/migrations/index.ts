// A static record, not a folder read at run time: bundled code has no migrations folder (Kysely
// docs). Names sort in order; add new files at the end, never edit or reorder landed ones.
import type { Migration } from 'kysely';
import * as m0001 from './0001-initial.ts';

export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
};

export const LATEST_SCHEMA_VERSION = Object.keys(migrations).length;
