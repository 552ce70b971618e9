// A static record, not a folder read at run time: bundled code has no migrations folder (Kysely
// docs). Names sort in order; add new files at the end, never edit or reorder landed ones.
import type { Migration } from 'kysely';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-review.ts';
import * as m0003 from './0003-programs.ts';
import * as m0004 from './0004-results.ts';
import * as m0005 from './0005-audit.ts';
import * as m0006 from './0006-selection.ts';
import * as m0007 from './0007-indexes.ts';
import * as m0008 from './0008-team.ts';
import * as m0009 from './0009-covering-indexes.ts';
import * as m0010 from './0010-edit-versions.ts';
import * as m0011 from './0011-country-year.ts';
import * as m0012 from './0012-program-checks.ts';
import * as m0013 from './0013-import-batch.ts';

export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-review': m0002,
  '0003-programs': m0003,
  '0004-results': m0004,
  '0005-audit': m0005,
  '0006-selection': m0006,
  '0007-indexes': m0007,
  '0008-team': m0008,
  '0009-covering-indexes': m0009,
  '0010-edit-versions': m0010,
  '0011-country-year': m0011,
  '0012-program-checks': m0012,
  '0013-import-batch': m0013,
};

export const LATEST_SCHEMA_VERSION = Object.keys(migrations).length;
