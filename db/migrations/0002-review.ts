// Frozen: never edit once landed. Add a new numbered file instead.
// The review: reviewers, declared conflicts, assignments (grouped in batches so one can be
// undone), the review form per call, submitted reviews, and the Excel exports that returned sheets
// are matched against.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reviewer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('normalized_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.references('institution.id'))
    .addColumn('email', 'text')
    // Lists as JSON text: read whole with the reviewer, never queried inside.
    .addColumn('fields_json', 'text', (c) => c.notNull())
    .addColumn('countries_json', 'text', (c) => c.notNull())
    .addColumn('active_calls_json', 'text', (c) => c.notNull())
    .addColumn('max_load', 'integer')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reviewer_normalized').on('reviewer').column('normalized_name').execute();

  await db.schema
    .createTable('reviewer_conflict')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reviewer_id', 'text', (c) => c.notNull().references('reviewer.id').onDelete('cascade'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('declared_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reviewer_conflict_pair', ['reviewer_id', 'application_id'])
    .execute();

  await db.schema
    .createTable('review_assignment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'text', (c) => c.notNull().references('reviewer.id').onDelete('cascade'))
    .addColumn('batch_id', 'text')
    .addColumn('due_on', 'text')
    .addColumn('assigned_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('review_assignment_pair', ['application_id', 'reviewer_id'])
    .execute();
  await db.schema.createIndex('review_assignment_reviewer').on('review_assignment').column('reviewer_id').execute();
  await db.schema.createIndex('review_assignment_batch').on('review_assignment').column('batch_id').execute();

  // call_number 0 holds the year's form; 1… a call's own (0 rather than NULL keeps the key unique).
  await db.schema
    .createTable('review_rubric')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('call_number', 'integer', (c) => c.notNull())
    .addColumn('criteria_json', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('review_rubric_scope', ['fiscal_year', 'call_number'])
    .execute();

  await db.schema
    .createTable('review')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assignment_id', 'text', (c) => c.notNull().unique().references('review_assignment.id').onDelete('cascade'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'text', (c) => c.notNull().references('reviewer.id').onDelete('cascade'))
    // Each criterion with the label it had when scored, so a later change of the form keeps meaning.
    .addColumn('scores_json', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('recommendation', 'text', (c) => c.notNull())
    .addColumn('confidence', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_application').on('review').column('application_id').execute();

  await db.schema
    .createTable('review_export')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('call_number', 'integer')
    .addColumn('reviewer_id', 'text', (c) => c.notNull().references('reviewer.id').onDelete('cascade'))
    // The reviewer's assignment ids at export time, sorted: a returned sheet is refused when they
    // no longer match, since its rows could then belong to someone else's work.
    .addColumn('assignment_ids', 'text', (c) => c.notNull())
    .addColumn('exported_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
