// Queries for the audit trail (migration 0005). The table's type is added to Database here, by
// module augmentation, so the shared schema file needs no edit.
import type { Selectable } from 'kysely';
import { newId } from './ids.ts';
import type { DB } from './open.ts';

export interface AuditEventTable {
  id: string;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  application_id: string | null;
  summary_json: string;
}

declare module './schema.ts' {
  interface Database {
    audit_event: AuditEventTable;
  }
}

export type AuditEventRow = Selectable<AuditEventTable>;

export interface NewAuditEvent {
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  applicationId: string | null;
  summary: unknown;
}

export async function insertAuditEvent(db: DB, e: NewAuditEvent): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      id: newId(),
      at: e.at,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      application_id: e.applicationId,
      summary_json: JSON.stringify(e.summary ?? {}),
    })
    .execute();
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  applicationIds?: string[];
  since?: string;
  actor?: string;
  action?: string;
  limit: number;
  offset: number;
}

/** Newest first; `total` counts every match so the screen can page. */
export async function listAuditEvents(db: DB, f: AuditFilter): Promise<{ rows: AuditEventRow[]; total: number }> {
  let q = db.selectFrom('audit_event');
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.applicationIds) {
    const ids = f.applicationIds;
    if (ids.length === 0) return { rows: [], total: 0 };
    q = q.where((eb) => eb.or([eb('application_id', 'in', ids), eb.and([eb('entity', '=', 'application'), eb('entity_id', 'in', ids)])]));
  }
  if (f.since) q = q.where('at', '>=', f.since);
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.action) q = q.where('action', '=', f.action);
  const totalRow = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  // id breaks ties: UUIDv7 sorts by creation time, so two events in one millisecond keep their order.
  const rows = await q.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
  return { rows, total: Number(totalRow.n) };
}
