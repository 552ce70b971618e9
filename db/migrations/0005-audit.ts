// Frozen: never edit once landed. Add a new numbered file instead.
// The audit trail: one row per write through the handler table, written in the same transaction as
// the write. `actor`, not `user`: USER is a reserved word on PostgreSQL.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    // The application a change belongs to (itself, its program, roster, review…), so that one
    // application's history is a plain indexed lookup. No foreign key: history outlives deletes.
    .addColumn('application_id', 'text')
    .addColumn('summary_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_event_at').on('audit_event').column('at').execute();
  await db.schema.createIndex('audit_event_entity').on('audit_event').columns(['entity', 'entity_id', 'at']).execute();
  await db.schema.createIndex('audit_event_application').on('audit_event').columns(['application_id', 'at']).execute();
}
