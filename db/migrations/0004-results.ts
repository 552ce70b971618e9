// Frozen: never edit once landed. Add a new numbered file instead.
// Results after a visit (実施報告), follow-up of each invitee, and a small key/value settings table.
// A program is an adopted application, so a program's result hangs off application.id.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('program_result')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // One result per program: unique, and gone with its application.
    .addColumn('application_id', 'text', (c) => c.notNull().unique().references('application.id').onDelete('cascade'))
    .addColumn('actual_arrival', 'text')
    .addColumn('actual_departure', 'text')
    .addColumn('actual_invitees', 'integer')
    .addColumn('actual_escorts', 'integer')
    // 実施報告書 and 意見報告書: null until received, so "overdue" is a plain IS NULL test.
    .addColumn('report_received_on', 'text')
    .addColumn('opinion_reports_received_on', 'text')
    .addColumn('spent_yen', 'bigint')
    .addColumn('refunded_yen', 'bigint')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('follow_up')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    // 'returned-student' | 'returned-researcher' | 'joint-research' | 'joint-paper' | 'other'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('follow_up_participant').on('follow_up').columns(['participant_id', 'occurred_on']).execute();

  // Values as text: one table serves every small setting without a migration per setting.
  await db.schema
    .createTable('app_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
