// Every write through the handler table runs here: a backup first when it is a bulk write, then the
// handler and its audit event in one transaction, so a change is never saved without its record
// (nor the record without the change).
import type { Transaction } from 'kysely';
import { insertAuditEvent } from '../../db/audit.ts';
import { nowIso } from '../../db/ids.ts';
import type { DB } from '../../db/open.ts';
import type { Database } from '../../db/schema.ts';
import type { Ctx } from '../context.ts';
import { AUDIT_SPECS, BACKUP_BEFORE, OUTSIDE_TRANSACTION, SELF_AUDITED, type AuditEntry, type AuditSpec } from './specs.ts';

/**
 * The transaction, seen as a database whose `transaction()` joins the one already open: handlers
 * and db/ functions keep their own `db.transaction().execute(…)` and simply become part of it.
 * (Kysely refuses nested transactions; SQLite has one connection anyway.)
 */
export function joined(trx: Transaction<Database>): DB {
  const proxy: DB = new Proxy(trx, {
    get(target, prop) {
      if (prop === 'transaction') {
        const builder = {
          execute: <T>(fn: (t: DB) => Promise<T>) => fn(proxy),
          setIsolationLevel: () => builder,
          setAccessMode: () => builder,
        };
        return () => builder;
      }
      const v = Reflect.get(target, prop, target) as unknown;
      // Bound to the real transaction: Kysely's classes keep their state in private fields.
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as unknown as DB;
  return proxy;
}

// Versions and their stamps (0008, 0010) are bookkeeping of every save, like updated_at: the
// audit event already names who and when.
export const SKIP_FIELDS = new Set([
  'created_at',
  'updated_at',
  'id',
  'row_version',
  'updated_by',
  'roster_version',
  'roster_updated_by',
  'roster_updated_at',
  'itinerary_version',
  'itinerary_updated_by',
  'itinerary_updated_at',
]);

/** Keeps summaries small: no file bytes, long texts cut, long lists counted. */
export function compact(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return v.length > 300 ? `${v.slice(0, 300)}…` : v;
  if (Array.isArray(v)) return v.length > 20 || depth > 2 ? { count: v.length } : v.map((x) => compact(x, depth + 1));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'dataBase64') continue;
      out[k] = compact(x, depth + 1);
    }
    return out;
  }
  return v;
}

/** Fields that differ between two rows: `{field: {before, after}}`. */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Record<string, { before: unknown; after: unknown }> {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) {
    if (SKIP_FIELDS.has(k)) continue;
    const b = before?.[k] ?? null;
    const a = after?.[k] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) out[k] = { before: compact(b), after: compact(a) };
  }
  return out;
}

async function readRow(db: DB, spec: AuditSpec, input: Record<string, unknown>, output?: unknown): Promise<Record<string, unknown> | null> {
  if (!spec.row) return null;
  const id = spec.row.id(input, output);
  if (id === null || id === undefined) return null;
  const row = await (db as any)
    .selectFrom(spec.row.table)
    .selectAll()
    .where(spec.row.key ?? 'id', '=', id)
    .executeTakeFirst();
  return (row as Record<string, unknown> | undefined) ?? null;
}

async function countRows(db: DB, spec: AuditSpec | undefined, input: Record<string, unknown>): Promise<number | null> {
  if (!spec?.count) return null;
  const row = await (db as any)
    .selectFrom(spec.count.table)
    .select((eb: any) => eb.fn.countAll().as('n'))
    .where(spec.count.column, '=', spec.count.id(input))
    .executeTakeFirst();
  return Number((row as { n: number | string } | undefined)?.n ?? 0);
}

function fallbackEntry(name: string, input: Record<string, unknown>, output: unknown): AuditEntry {
  const o = output as Record<string, unknown> | null;
  const id = (input.id as string | undefined) ?? (o && typeof o === 'object' ? (o.id as string | undefined) : undefined) ?? null;
  return { entity: name.split('/')[0] ?? name, entityId: id, applicationId: null, summary: { input: compact(input) } };
}

function entriesFor(
  name: string,
  spec: AuditSpec | undefined,
  input: Record<string, unknown>,
  output: unknown,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): AuditEntry[] {
  if (!spec) return [fallbackEntry(name, input, output)];
  if (spec.many) return spec.many(input, output);
  const rowId = spec.row?.id(input, output);
  const entityId = spec.entityId?.(input, output) ?? (rowId === null || rowId === undefined ? null : String(rowId));
  const applicationId =
    spec.applicationId?.(input, output) ?? ((after?.application_id as string | undefined) ?? (before?.application_id as string | undefined) ?? null);
  let summary: unknown;
  if (spec.row) {
    if (before && !after) summary = { deleted: compact(before) };
    else if (!before && after) summary = { created: changedFields(null, after) };
    else summary = { changes: changedFields(before, after) };
    if (spec.summary) summary = { ...(summary as object), ...(compact(spec.summary(input, output)) as object) };
  } else summary = compact(spec.summary ? spec.summary(input, output) : input);
  return [{ entity: spec.entity, entityId, applicationId, summary }];
}

type Run = (ctx: Ctx, input: unknown) => unknown;

export async function auditedWrite(name: string, ctx: Ctx, input: unknown, run: Run): Promise<unknown> {
  const spec = AUDIT_SPECS[name];
  const args = (input ?? {}) as Record<string, unknown>;
  const record = async (db: DB, output: unknown, before: Record<string, unknown> | null, countBefore: number | null = null) => {
    const after = await readRow(db, spec ?? { entity: '' }, args, output);
    const countAfter = await countRows(db, spec, args);
    const at = nowIso();
    for (const e of entriesFor(name, spec, args, output, before, after)) {
      // A replaced list: how many rows it held before and after, under the table's name.
      const summary = spec?.count ? { ...(e.summary as object), changes: { [spec.count.table]: { before: countBefore, after: countAfter } } } : e.summary;
      await insertAuditEvent(db, { at, actor: ctx.user, action: name, ...e, summary });
    }
  };

  // One writer at a time (main/jobs/write-gate.ts), waited for as a promise: taken outside the
  // transaction, so a write that waits holds neither SQLite's lock nor the connection.
  const gated = <T>(fn: () => Promise<T>): Promise<T> => (ctx.writeGate ? ctx.writeGate.run(fn) : fn());

  if (OUTSIDE_TRANSACTION.has(name)) {
    const output = await run(ctx, input);
    if (spec) await gated(() => record(ctx.db, output, null));
    return output;
  }
  const reason = BACKUP_BEFORE[name];
  if (reason && ctx.storage?.backupsEnabled) await ctx.storage.backup({ reason, kind: 'operation' });
  // The handler writes on a connection of its own (a worker thread) and commits its audit event in
  // that transaction with writeAuditEvents: wrapping it here would audit a write we cannot see.
  // It takes the write gate itself, for its write phase only.
  if (SELF_AUDITED.has(name)) return run(ctx, input);

  return gated(() => ctx.db.transaction().execute(async (trx) => {
    const db = joined(trx);
    // Already the writer: nothing inside may queue behind itself.
    const inner: Ctx = { ...ctx, db, writeGate: undefined };
    const before = spec ? await readRow(db, spec, args) : null;
    const countBefore = await countRows(db, spec, args);
    const output = await run(inner, input);
    await record(db, output, before, countBefore);
    return output;
  }));
}

/**
 * The audit events of a write that commits on its own connection (SELF_AUDITED), written with
 * it in its transaction: the same entries auditedWrite would have made.
 */
export async function writeAuditEvents(db: DB, actor: string, name: string, input: Record<string, unknown>, output: unknown): Promise<void> {
  const spec = AUDIT_SPECS[name];
  const at = nowIso();
  for (const e of entriesFor(name, spec, input, output, null, null)) await insertAuditEvent(db, { at, actor, action: name, ...e });
}
