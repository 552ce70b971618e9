// The audit trail: who changed what, when (issue 10). One event per write through the handler table.
import { z } from 'zod';
import { TextLine } from '../text.ts';
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
  entity: TextLine.max(40).optional(),
  entityId: TextLine.max(200).optional(),
  /** The application number as staff write it (any fiscal year), or its id. */
  applicationNo: TextLine.max(100).optional(),
  applicationId: TextLine.max(200).optional(),
  since: TextLine.max(40).optional(),
  user: TextLine.max(200).optional(),
  action: TextLine.max(100).optional(),
  limit: z.number().int().min(1).max(1000).default(50),
  offset: z.number().int().min(0).default(0),
});

export const auditCalls = {
  'audit/list': query(AuditFilter, z.object({ items: z.array(AuditEvent), total: z.number().int() })),
};
