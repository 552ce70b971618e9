// Frozen once landed. Issue 12: the applications import writes in short transactions (so a save
// made meanwhile waits milliseconds, not the whole import), and stays all or nothing through a
// journal. import_batch is one import; import_batch_row is what it changed so far, written in the
// same transaction as each chunk: an added row (deleted on undo) or the before-image of an
// updated one (restored on undo), and the row_version the import left, so an undo never clobbers
// a row someone edited since. A batch still 'running' when the app opens again is undone then.
// No NOTIFY trigger (0008): no screen shows these tables.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_batch')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    // host:pid of the process writing it: a batch whose process is gone is abandoned.
    .addColumn('owner', 'text', (c) => c.notNull())
    // 'running' | 'done' (its journal may still be being cleared) | 'undone'
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createTable('import_batch_row')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('import_batch.id').onDelete('cascade'))
    // 'application' | 'institution'
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    // 'added' | 'updated'
    .addColumn('action', 'text', (c) => c.notNull())
    // JSON of the row (and an application's sending and country rows) before the import; null when added.
    .addColumn('before_json', 'text')
    .addColumn('after_version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_batch_row_pk', ['batch_id', 'entity', 'entity_id'])
    .execute();
  await db.schema.createIndex('import_batch_state').on('import_batch').column('state').execute();
}
