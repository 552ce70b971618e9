// Frozen once landed. Issue 12: the programs list within 1.5× of its same-answer SQL reference.
// The list's checks (roster through the eligibility engine, duplicates, itinerary) cost more than
// the rest of the call together, and they change only when what they read changes. So each
// program's last check is stored here with the key of everything it was computed from
// (shared/rules/program.ts programCheckKey: the application's row, roster and itinerary versions,
// the rule set's year and version, the rules' code revision). The list uses a stored result only
// when its key equals the key of the row as it is now; any other row is checked live, as before.
// A writer that forgets to refresh costs time, never a wrong answer.
// - Codes only, space-separated, as application.violation_codes: what the list shows.
// - ON DELETE CASCADE: a deleted application takes its stored check with it.
// - No NOTIFY trigger (0008 put one on every table that existed then): this is derived data,
//   written with the application change that already notifies, and a start-up backfill of it must
//   not make every officer's screens refresh.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('program_check')
    .addColumn('application_id', 'text', (c) => c.primaryKey().references('application.id').onDelete('cascade'))
    .addColumn('check_key', 'text', (c) => c.notNull())
    .addColumn('invitees', 'integer', (c) => c.notNull())
    .addColumn('escorts', 'integer', (c) => c.notNull())
    .addColumn('slots', 'integer', (c) => c.notNull())
    .addColumn('violations', 'text', (c) => c.notNull())
    .addColumn('warnings', 'text', (c) => c.notNull())
    .execute();
}
