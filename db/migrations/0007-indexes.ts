// Frozen: never edit once landed. Add a new numbered file instead.
// Indexes that keep calls scoped to one fiscal year from reading the whole history (issue 12).
// Each one is checked by an EXPLAIN QUERY PLAN test (test/unit/query-plans.test.ts).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The country filter: a country's applications straight from the index, ids included.
  await db.schema.createIndex('application_country_country_app').on('application_country').columns(['country', 'application_id']).execute();
  // Programs by planned arrival within a year and status (the programs list's order).
  await db.schema.createIndex('application_fy_status_arrival').on('application').columns(['fiscal_year', 'status', 'arrival']).execute();
  // Outcome statistics: invitees counted per program from the index alone, and follow-ups by
  // person and kind without touching the follow_up rows.
  await db.schema.createIndex('participant_app_role').on('participant').columns(['application_id', 'role']).execute();
  await db.schema.createIndex('follow_up_participant_kind').on('follow_up').columns(['participant_id', 'kind']).execute();
  // Conflicts are looked up by application (assignment checks, the application's review page).
  await db.schema.createIndex('reviewer_conflict_application').on('reviewer_conflict').column('application_id').execute();
  // Reviews per application with their score, for queue means and rankings from the index.
  await db.schema.createIndex('review_application_score').on('review').columns(['application_id', 'score']).execute();
}
