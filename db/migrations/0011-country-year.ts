// Frozen once landed. Issue 12: the country filter within one fiscal year as one index range.
// application_country gets its application's fiscal year (copied, like the country itself, on
// every write of the application: saveApplications replaces an application's countries whenever
// it saves the row, so a changed year follows) and an index (country, fiscal_year,
// application_id). "FY2026 + Vietnam" then reads exactly that year's Vietnamese applications:
// the EXISTS probe it replaced walked the year's ~1,000 applications, and the IN list over
// (country, application_id) the country's whole history.
// Nullable because ALTER TABLE … ADD COLUMN cannot add a NOT NULL column without a default on
// SQLite; every writer sets it and the backfill below fills the rows written before.
// No new table, so 0008's NOTIFY triggers (one per table, statement level) already cover it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('application_country').addColumn('fiscal_year', 'integer').execute();
  // A correlated subquery: the same statement on SQLite and PostgreSQL (no UPDATE … FROM).
  await sql`update application_country set fiscal_year = (select a.fiscal_year from application a where a.id = application_country.application_id)`.execute(db);
  await db.schema.createIndex('application_country_country_fy_app').on('application_country').columns(['country', 'fiscal_year', 'application_id']).execute();
}
