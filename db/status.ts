// The one writer of application statuses. Every status change in db/ goes through here, inside the
// caller's transaction, and each one asks the life cycle in shared/status.ts first: an illegal
// change throws (and the caller's transaction writes nothing), the same status again records its
// comment in the history instead of dropping it.
import { sql } from 'kysely';
import type { Status } from '../shared/domain.ts';
import { planTransition } from '../shared/status.ts';
import { ADOPTED_STATUSES } from '../shared/domain.ts';
import { refreshProgramChecks } from './program-checks.ts';
import { newId, nowIso } from './ids.ts';
import type { DB } from './open.ts';

export interface StatusChange {
  id: string;
  from: Status;
  to: Status;
  comment: string | null;
  /** Why staff adopted a plan with open violations; kept in the history. */
  overrideReason?: string | null;
}

/**
 * Checks every change against the life cycle first (all or nothing), then writes the new statuses
 * and one history row per change. Returns how many rows changed status (notes do not count).
 */
export async function applyStatusChanges(trx: DB, changes: readonly StatusChange[], user: string): Promise<{ changed: number; noted: number }> {
  const kinds = changes.map((c) => planTransition(c.from, c.to, c.comment));
  const now = nowIso();
  const byTarget = new Map<Status, string[]>();
  changes.forEach((c, i) => {
    if (kinds[i] !== 'change') return;
    (byTarget.get(c.to) ?? byTarget.set(c.to, []).get(c.to)!).push(c.id);
  });
  for (const [to, ids] of byTarget) {
    for (let i = 0; i < ids.length; i += 500) {
      // The row's version moves too, so an edit form opened before this change gets CONFLICT (0008).
      await trx
        .updateTable('application')
        .set({ status: to, updated_at: now, updated_by: user, row_version: sql<number>`row_version + 1` })
        .where('id', 'in', ids.slice(i, i + 500)).execute();
    }
  }
  const rows = changes.map((c) => ({
    id: newId(),
    application_id: c.id,
    from_status: c.from,
    to_status: c.to,
    comment: c.comment,
    changed_by: user,
    changed_at: now,
    override_reason: c.overrideReason ?? null,
  }));
  for (let i = 0; i < rows.length; i += 200) await trx.insertInto('application_status_change').values(rows.slice(i, i + 200)).execute();
  // The version moved, so a stored program check of these rows is stale: store the fresh one of
  // every row that is (still) a program, in this transaction (migration 0012).
  const programs = [...byTarget].filter(([to]) => (ADOPTED_STATUSES as readonly Status[]).includes(to)).flatMap(([, ids]) => ids);
  if (programs.length) await refreshProgramChecks(trx, programs);
  const changed = kinds.filter((k) => k === 'change').length;
  return { changed, noted: kinds.length - changed };
}

export async function currentStatuses(trx: DB, ids: readonly string[]): Promise<Map<string, { status: Status; applicationNo: string; violations: string[] }>> {
  const out = new Map<string, { status: Status; applicationNo: string; violations: string[] }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .selectFrom('application')
      .select(['id', 'status', 'application_no', 'violation_codes'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, { status: r.status as Status, applicationNo: r.application_no, violations: r.violation_codes ? r.violation_codes.split(' ') : [] });
  }
  return out;
}
