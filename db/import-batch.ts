// The journal of an import written in chunks (migration 0013). Each chunk commits its rows and
// their journal entries in one transaction, so at every instant the journal names exactly what
// the import has changed so far: an undo (after a failure, or at the next open when the process
// died) deletes what it added and restores what it updated, and the import stays all or nothing
// for staff even though other writes go between its chunks.
import { hostname } from 'node:os';
import { sql } from 'kysely';
import { insertAuditEvent } from './audit.ts';
import { engineOf } from './engine.ts';
import { newId, nowIso } from './ids.ts';
import type { DB } from './open.ts';
import type { ApplicationRow } from './schema.ts';

/** Runs one short transaction's worth of work as this process's only writer (the write gate). */
export type Step = <T>(fn: () => Promise<T>) => Promise<T>;
const direct: Step = (fn) => fn();

/** The batch a writeApplications call journals into; `seen` holds the ids journaled so far. */
export interface Journal {
  batchId: string;
  seen: Set<string>;
}

export interface ApplicationBefore {
  app: ApplicationRow;
  sending: { position: number; institution_id: string }[];
  countries: { position: number; country: string; fiscal_year: number | null }[];
}

export interface InstitutionBefore {
  country: string | null;
  row_version: number;
  updated_by: string | null;
  updated_at: string;
}

export interface UndoReport {
  removed: number;
  restored: number;
  /** Rows left as they are because someone changed them after the import did. */
  kept: { entity: 'application' | 'institution'; id: string; label: string; why: 'edited' | 'in-use' }[];
}

const PAGE = 200; // ids per IN list and journal rows per undo transaction

export const thisOwner = () => `${hostname()}:${process.pid}`;

export async function startBatch(db: DB, o: { kind: string; fileName: string; actor: string }): Promise<string> {
  const id = newId();
  await db
    .insertInto('import_batch')
    .values({ id, kind: o.kind, file_name: o.fileName, actor: o.actor, owner: thisOwner(), state: 'running', started_at: nowIso(), finished_at: null })
    .execute();
  return id;
}

/** Before-images of these applications with their sending and country rows (ids not yet journaled). */
export async function captureApplications(db: DB, ids: readonly string[]): Promise<Map<string, ApplicationBefore>> {
  const out = new Map<string, ApplicationBefore>();
  for (let i = 0; i < ids.length; i += PAGE) {
    const chunk = ids.slice(i, i + PAGE);
    for (const app of await db.selectFrom('application').selectAll().where('id', 'in', chunk).execute()) out.set(app.id, { app, sending: [], countries: [] });
    const sending = await db.selectFrom('application_sending').select(['application_id', 'position', 'institution_id']).where('application_id', 'in', chunk).execute();
    for (const s of sending) out.get(s.application_id)?.sending.push({ position: s.position, institution_id: s.institution_id });
    const countries = await db.selectFrom('application_country').select(['application_id', 'position', 'country', 'fiscal_year']).where('application_id', 'in', chunk).execute();
    for (const c of countries) out.get(c.application_id)?.countries.push({ position: c.position, country: c.country, fiscal_year: c.fiscal_year });
  }
  return out;
}

/**
 * Journals what one chunk changed, in the chunk's transaction: each row with the version the
 * import left it at (read back, so a later edit by anyone shows as a different version).
 */
export async function recordChanges(
  db: DB,
  journal: Journal,
  entity: 'application' | 'institution',
  changes: { id: string; action: 'added' | 'updated'; before: unknown }[],
): Promise<void> {
  const table = entity === 'application' ? 'application' : 'institution';
  for (let i = 0; i < changes.length; i += PAGE) {
    const chunk = changes.slice(i, i + PAGE);
    const versions = new Map<string, number>();
    // A row this chunk inserted is at the column's default version (1, migration 0008): only the
    // updated ones (and rows written twice) are read back.
    const unknown = chunk.filter((c) => c.action !== 'added' || journal.seen.has(`${entity}\u0000${c.id}`)).map((c) => c.id);
    for (const c of chunk) if (c.action === 'added') versions.set(c.id, 1);
    if (unknown.length) for (const r of await db.selectFrom(table).select(['id', 'row_version']).where('id', 'in', unknown).execute()) versions.set(r.id, Number(r.row_version));
    const fresh: { batch_id: string; entity: string; entity_id: string; action: string; before_json: string | null; after_version: number }[] = [];
    for (const c of chunk) {
      const v = versions.get(c.id) ?? 0;
      const key = `${entity}\u0000${c.id}`;
      if (journal.seen.has(key)) {
        // Written twice by this import: the first entry (added, or the image before the import)
        // stands; only the version the import leaves moves on.
        await db.updateTable('import_batch_row').set({ after_version: v }).where('batch_id', '=', journal.batchId).where('entity', '=', entity).where('entity_id', '=', c.id).execute();
        continue;
      }
      journal.seen.add(key);
      fresh.push({ batch_id: journal.batchId, entity, entity_id: c.id, action: c.action, before_json: c.before === null ? null : JSON.stringify(c.before), after_version: v });
    }
    if (fresh.length) await db.insertInto('import_batch_row').values(fresh).execute();
  }
}

/** The batch is complete: its audit event commits with this, and its journal is cleared after. */
export async function finishBatch(db: DB, batchId: string): Promise<void> {
  await db.updateTable('import_batch').set({ state: 'done', finished_at: nowIso() }).where('id', '=', batchId).execute();
}

/** Deletes a finished batch's journal a page at a time (each its own short transaction). */
export async function clearJournal(db: DB, batchId: string, step: Step = direct): Promise<void> {
  for (;;) {
    const n = await step(() =>
      db.transaction().execute(async (trx) => {
        const ids = await trx.selectFrom('import_batch_row').select(['entity', 'entity_id']).where('batch_id', '=', batchId).limit(2000).execute();
        for (const entity of ['application', 'institution']) {
          const of = ids.filter((r) => r.entity === entity).map((r) => r.entity_id);
          for (let i = 0; i < of.length; i += 500) {
            await trx.deleteFrom('import_batch_row').where('batch_id', '=', batchId).where('entity', '=', entity).where('entity_id', 'in', of.slice(i, i + 500)).execute();
          }
        }
        return ids.length;
      }),
    );
    if (n === 0) break;
  }
  await step(() => db.deleteFrom('import_batch').where('id', '=', batchId).where('state', '=', 'done').execute());
}

const DEPENDENTS = ['participant', 'itinerary_slot', 'program_result', 'reviewer_conflict', 'review_assignment', 'review'] as const;

/** One page of the undo, in one transaction: returns how many journal rows it settled. */
async function undoPage(trx: DB, batchId: string, entity: 'application' | 'institution', report: UndoReport): Promise<number> {
  const rows = await trx
    .selectFrom('import_batch_row')
    .select(['entity_id', 'action', 'before_json', 'after_version'])
    .where('batch_id', '=', batchId)
    .where('entity', '=', entity)
    .orderBy('entity_id')
    .limit(PAGE)
    .execute();
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => r.entity_id);
  if (entity === 'application') {
    const now = new Map<string, { v: number; no: string; fy: number }>();
    for (const r of await trx.selectFrom('application').select(['id', 'row_version', 'application_no', 'fiscal_year']).where('id', 'in', ids).execute()) {
      now.set(r.id, { v: Number(r.row_version), no: r.application_no, fy: r.fiscal_year });
    }
    // Anything recorded against an added application since (a review, a roster, a status change)
    // makes it someone's work: it stays.
    const used = new Set<string>();
    for (const t of DEPENDENTS) for (const r of await trx.selectFrom(t).select('application_id').where('application_id', 'in', ids).execute()) used.add(r.application_id);
    const changes = await trx.selectFrom('application_status_change').select(['application_id']).select((eb) => eb.fn.countAll<number>().as('n')).where('application_id', 'in', ids).groupBy('application_id').execute();
    for (const c of changes) if (Number(c.n) > 1) used.add(c.application_id);
    const remove: string[] = [];
    for (const r of rows) {
      const cur = now.get(r.entity_id);
      if (!cur) continue; // deleted by someone since: nothing to undo
      const label = `FY${cur.fy} ${cur.no}`;
      if (cur.v !== Number(r.after_version)) {
        report.kept.push({ entity, id: r.entity_id, label, why: 'edited' });
        continue;
      }
      if (r.action === 'added') {
        if (used.has(r.entity_id)) report.kept.push({ entity, id: r.entity_id, label, why: 'in-use' });
        else remove.push(r.entity_id);
        continue;
      }
      const b = JSON.parse(r.before_json!) as ApplicationBefore;
      const { id, ...columns } = b.app;
      // The data goes back, the version goes on: reusing the before-image's version would let a form
      // opened on the imported data (or a stored program check keyed on it) pass for current.
      await trx.updateTable('application').set({ ...columns, row_version: cur.v + 1 }).where('id', '=', id).execute();
      await trx.deleteFrom('application_sending').where('application_id', '=', id).execute();
      await trx.deleteFrom('application_country').where('application_id', '=', id).execute();
      if (b.sending.length) await trx.insertInto('application_sending').values(b.sending.map((s) => ({ application_id: id, ...s }))).execute();
      if (b.countries.length) await trx.insertInto('application_country').values(b.countries.map((c) => ({ application_id: id, ...c }))).execute();
      report.restored++;
    }
    // Their sending, country and first status rows go with them (ON DELETE CASCADE).
    if (remove.length) await trx.deleteFrom('application').where('id', 'in', remove).execute();
    report.removed += remove.length;
  } else {
    const now = new Map<string, { v: number; name: string }>();
    for (const r of await trx.selectFrom('institution').select(['id', 'row_version', 'name_ja']).where('id', 'in', ids).execute()) now.set(r.id, { v: Number(r.row_version), name: r.name_ja });
    const used = new Set<string>();
    for (const r of await trx.selectFrom('application').select('host_institution_id as id').where('host_institution_id', 'in', ids).execute()) used.add(r.id);
    for (const r of await trx.selectFrom('application_sending').select('institution_id as id').where('institution_id', 'in', ids).execute()) used.add(r.id);
    for (const r of await trx.selectFrom('reviewer').select('institution_id as id').where('institution_id', 'in', ids).execute()) if (r.id) used.add(r.id);
    for (const r of await trx.selectFrom('institution_alias').select('institution_id as id').where('institution_id', 'in', ids).execute()) used.add(r.id);
    for (const r of rows) {
      const cur = now.get(r.entity_id);
      if (!cur) continue;
      if (cur.v !== Number(r.after_version)) {
        report.kept.push({ entity, id: r.entity_id, label: cur.name, why: 'edited' });
        continue;
      }
      if (r.action === 'added') {
        if (used.has(r.entity_id)) {
          report.kept.push({ entity, id: r.entity_id, label: cur.name, why: 'in-use' });
          continue;
        }
        await trx.deleteFrom('institution').where('id', '=', r.entity_id).execute();
        report.removed++;
      } else {
        const b = JSON.parse(r.before_json!) as InstitutionBefore;
        await trx.updateTable('institution').set({ ...b, row_version: cur.v + 1 }).where('id', '=', r.entity_id).execute();
        report.restored++;
      }
    }
  }
  for (let i = 0; i < ids.length; i += PAGE) {
    await trx.deleteFrom('import_batch_row').where('batch_id', '=', batchId).where('entity', '=', entity).where('entity_id', 'in', ids.slice(i, i + PAGE)).execute();
  }
  return rows.length;
}

/**
 * Undoes a batch that did not complete, one short transaction per page (applications first, then
 * the institutions they named), and audits the undo with what it kept. Idempotent: a crash in the
 * middle of an undo leaves the rest of the journal for the next attempt.
 */
export async function undoBatch(db: DB, batchId: string, o: { step?: Step; actor: string; reason: string }): Promise<UndoReport> {
  const step = o.step ?? direct;
  const report: UndoReport = { removed: 0, restored: 0, kept: [] };
  for (const entity of ['application', 'institution'] as const) {
    while ((await step(() => db.transaction().execute((trx) => undoPage(trx, batchId, entity, report)))) > 0);
  }
  await step(() =>
    db.transaction().execute(async (trx) => {
      const batch = await trx.selectFrom('import_batch').select(['file_name', 'actor']).where('id', '=', batchId).executeTakeFirst();
      await trx.updateTable('import_batch').set({ state: 'undone', finished_at: nowIso() }).where('id', '=', batchId).execute();
      await insertAuditEvent(trx, {
        at: nowIso(),
        actor: o.actor,
        action: 'applications/import-undone',
        entity: 'application',
        entityId: null,
        applicationId: null,
        summary: { fileName: batch?.file_name ?? null, importedBy: batch?.actor ?? null, reason: o.reason, removed: report.removed, restored: report.restored, kept: report.kept.slice(0, 50), keptCount: report.kept.length },
      });
    }),
  );
  return report;
}

/** Undoes this process's running imports: after its worker thread died (imports here run one at a time). */
export async function undoOwnRunning(db: DB, step: Step, actor: string): Promise<string[]> {
  const mine = await db.selectFrom('import_batch').select('id').where('state', '=', 'running').where('owner', '=', thisOwner()).execute();
  for (const b of mine) await undoBatch(db, b.id, { step, actor, reason: 'worker failed' });
  return mine.map((b) => b.id);
}

function ownerAlive(owner: string): boolean {
  const [host, pid] = [owner.slice(0, owner.lastIndexOf(':')), Number(owner.slice(owner.lastIndexOf(':') + 1))];
  // A file on a laptop is written by that laptop only: another host's batch is a stale one.
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * At open: imports whose process died mid-way are undone, and journals of completed ones that were
 * not yet cleared are cleared. On PostgreSQL every running import holds the advisory lock
 * 'applications/import' for its whole length (main/jobs/import-applications.ts), so when this
 * session can take it, no import is running anywhere and every 'running' batch is abandoned.
 */
export async function recoverImportBatches(db: DB): Promise<{ undone: string[] }> {
  const pending = await db.selectFrom('import_batch').select(['id', 'state', 'owner']).where('state', 'in', ['running', 'done']).execute();
  if (pending.length === 0) return { undone: [] };
  const undone: string[] = [];
  const settle = async (on: DB, abandoned: (owner: string) => boolean) => {
    for (const b of pending) {
      if (b.state === 'done') await clearJournal(on, b.id);
      else if (abandoned(b.owner)) {
        await undoBatch(on, b.id, { actor: 'system', reason: 'unfinished at open' });
        undone.push(b.id);
      }
    }
  };
  if (engineOf(db) !== 'postgres') {
    await settle(db, (owner) => owner === thisOwner() ? false : !ownerAlive(owner));
    return { undone };
  }
  await db.connection().execute(async (conn) => {
    const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(hashtext('applications/import'), hashtext('0')) as ok`.execute(conn);
    if (!got.rows[0]?.ok) return;
    try {
      await settle(conn, () => true);
    } finally {
      await sql`select pg_advisory_unlock(hashtext('applications/import'), hashtext('0'))`.execute(conn);
    }
  });
  return { undone };
}
