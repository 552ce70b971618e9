// The audit trail: who changed what, when (issue 10). One event per write through the handler table.
import { z } from 'zod';
import { query } from './define.ts';

export const AuditEvent = z.object({
  id: z.string(),
  at: z.string(),
  user: z.string(),
  /** The API call's name, e.g. `applications/save`. */
  action: z.string(),
  /** application, program, reviewer, institution, ruleset, call, setting, followup, assignment… */
  entity: z.string(),
  entityId: z.string().nullable(),
  applicationId: z.string().nullable(),
  /** For edits `{changes: {field: {before, after}}}`; for other writes what was done. */
  summary: z.unknown(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditFilter = z.object({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(200).optional(),
  /** The application number as staff write it (any fiscal year), or its id. */
  applicationNo: z.string().max(100).optional(),
  applicationId: z.string().max(200).optional(),
  since: z.string().max(40).optional(),
  user: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  limit: z.number().int().min(1).max(1000).default(50),
  offset: z.number().int().min(0).default(0),
});

export const auditCalls = {
  'audit/list': query(AuditFilter, z.object({ items: z.array(AuditEvent), total: z.number().int() })),
};
