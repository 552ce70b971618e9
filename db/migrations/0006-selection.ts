// Frozen: never edit once landed. Add a new numbered file instead.
// Issue 9 (selection you can trust):
// - institution_alias: every other name an institution is known by (Japanese, English, an
//   abbreviation, or the name of an institution merged into it), so conflict checks, duplicate
//   detection, import and search recognise 東大, The University of Tokyo and 国立大学法人東京大学 alike;
// - application_status_change.override_reason: the reason staff gave when adopting a plan with
//   open violations, kept beside who and when in the status history.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('institution_alias')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // 'ja' | 'en' | 'abbr' | 'merged'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('institution_alias_institution').on('institution_alias').columns(['institution_id', 'name']).unique().execute();
  await db.schema.alterTable('application_status_change').addColumn('override_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('application_status_change').dropColumn('override_reason').execute();
  await db.schema.dropTable('institution_alias').execute();
}
