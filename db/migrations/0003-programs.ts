// Frozen: never edit once landed. Add a new numbered file instead.
// Adopted plans become programs to run: their participants (参加者名簿) and itinerary (日程表).
// A program is identified by its application's id: one adopted plan, one program.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('participant')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('native_name', 'text')
    .addColumn('sex', 'text')
    .addColumn('birth_date', 'text')
    .addColumn('nationality', 'text')
    .addColumn('affiliation', 'text')
    .addColumn('position_title', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('participant_application').on('participant').columns(['application_id', 'position']).execute();

  await db.schema
    .createTable('itinerary_slot')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // Course A counts lecture days "at the host institution": whether the slot is held there.
    .addColumn('at_host', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('place', 'text')
    .addColumn('person_in_charge', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('itinerary_slot_application').on('itinerary_slot').columns(['application_id', 'date', 'start_time']).execute();
}
