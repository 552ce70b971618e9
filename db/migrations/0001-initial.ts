// Frozen: never edit once landed. Add a new numbered file instead.
// Kysely<any>: a migration must not change meaning when today's Database types change.
import type { CreateTableBuilder, Kysely } from 'kysely';

/** Every row carries its creation and last-change times (ISO 8601 UTC text). */
function stamps<T extends string, C extends string>(t: CreateTableBuilder<T, C>) {
  return t.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());
}

export async function up(db: Kysely<any>): Promise<void> {
  await stamps(
    db.schema
      .createTable('call_round')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('fiscal_year', 'integer', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('opens_on', 'text')
      .addColumn('closes_on', 'text')
      .addColumn('budget_yen', 'bigint')
      .addUniqueConstraint('call_round_fy_number', ['fiscal_year', 'number']),
  ).execute();

  await stamps(
    db.schema
      .createTable('rule_set')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('fiscal_year', 'integer', (c) => c.notNull().unique())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('values_json', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull()),
  ).execute();

  await db.schema
    .createTable('rule_set_change')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('values_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('rule_set_change_fy_version', ['fiscal_year', 'version'])
    .execute();

  await stamps(
    db.schema
      .createTable('institution')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name_ja', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text')
      .addColumn('normalized_name', 'text', (c) => c.notNull())
      .addColumn('country', 'text')
      .addColumn('kind', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('institution_normalized').on('institution').column('normalized_name').execute();

  await stamps(
    db.schema
      .createTable('application')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('fiscal_year', 'integer', (c) => c.notNull())
      .addColumn('application_no', 'text', (c) => c.notNull())
      .addColumn('call_number', 'integer')
      .addColumn('program', 'text', (c) => c.notNull())
      .addColumn('course', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('host_institution_id', 'text', (c) => c.notNull().references('institution.id'))
      .addColumn('applicant', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('invitees', 'integer', (c) => c.notNull())
      .addColumn('escorts', 'integer', (c) => c.notNull())
      .addColumn('arrival', 'text', (c) => c.notNull())
      .addColumn('departure', 'text', (c) => c.notNull())
      .addColumn('requested_amount', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      // Codes found by the last check, space-separated, so list filters need no re-check.
      .addColumn('violation_codes', 'text', (c) => c.notNull())
      .addColumn('warning_codes', 'text', (c) => c.notNull())
      .addUniqueConstraint('application_fy_no', ['fiscal_year', 'application_no']),
  ).execute();
  await db.schema.createIndex('application_status').on('application').columns(['fiscal_year', 'status']).execute();
  await db.schema.createIndex('application_host').on('application').column('host_institution_id').execute();

  await db.schema
    .createTable('application_sending')
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addPrimaryKeyConstraint('application_sending_pk', ['application_id', 'position'])
    .execute();
  await db.schema.createIndex('application_sending_inst').on('application_sending').column('institution_id').execute();

  await db.schema
    .createTable('application_country')
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_country_pk', ['application_id', 'position'])
    .execute();
  await db.schema.createIndex('application_country_code').on('application_country').column('country').execute();

  await db.schema
    .createTable('application_status_change')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id').onDelete('cascade'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_status_change_app')
    .on('application_status_change')
    .column('application_id')
    .execute();

  // これまでの実績: the official record from the source document, shipped as built-in history.
  await db.schema
    .createTable('track_record')
    .addColumn('fiscal_year', 'integer', (c) => c.primaryKey())
    .addColumn('applications', 'integer', (c) => c.notNull())
    .addColumn('adoptions', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  const record: [number, number, number][] = [
    [2014, 574, 283],
    [2015, 636, 391],
    [2016, 631, 454],
    [2017, 608, 492],
    [2018, 688, 502],
    [2019, 704, 557],
  ];
  await db
    .insertInto('track_record')
    .values(
      record.map(([fiscal_year, applications, adoptions]) => ({
        fiscal_year,
        applications,
        adoptions,
        source: 'さくらサイエンスプログラムとは（これまでの実績）',
      })),
    )
    .execute();
}
