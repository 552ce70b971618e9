// Frozen once landed. Issue 14, the rest of "every edit form carries the version it started
// from": 0008 gave applications, reviewers and institutions a row_version; this gives one to every
// other record staff edit in a form, so a stale save there is refused too.
// - row_version on calls, rubrics, results (実績), follow-ups, reviews and shared settings;
//   updated_by on calls, the one of them with no column naming its last editor (follow-ups have
//   recorded_by, reviews submitted_by, both set by every save).
// - a roster and an itinerary are saved whole, as lists: their version, editor and time live on
//   the program's application row (one row per program, so one version per list).
// No new table, so 0008's NOTIFY triggers already cover every table touched here.
import type { Kysely } from 'kysely';

const ROW_VERSION = ['call_round', 'review_rubric', 'program_result', 'follow_up', 'review', 'app_setting'] as const;
const NEEDS_UPDATED_BY = ['call_round'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ROW_VERSION) {
    await db.schema.alterTable(table).addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  }
  for (const table of NEEDS_UPDATED_BY) await db.schema.alterTable(table).addColumn('updated_by', 'text').execute();
  for (const list of ['roster', 'itinerary']) {
    await db.schema.alterTable('application').addColumn(`${list}_version`, 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('application').addColumn(`${list}_updated_by`, 'text').execute();
    await db.schema.alterTable('application').addColumn(`${list}_updated_at`, 'text').execute();
  }
}
