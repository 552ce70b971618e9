// What each write call records in the audit trail: the entity it touches and, for edits, the row
// whose fields are compared before and after. A write call missing here still gets an event (see
// fallbackEntry in write.ts); an entry here only makes it more precise.

type In = Record<string, any>;
type Out = any;

export interface AuditEntry {
  entity: string;
  entityId: string | null;
  applicationId: string | null;
  summary: unknown;
}

export interface AuditSpec {
  entity: string;
  /** The row an edit changes (table and key column), read before and after the handler runs. */
  row?: { table: string; key?: string; id: (input: In, output?: Out) => string | number | null | undefined };
  entityId?: (input: In, output: Out) => string | null | undefined;
  applicationId?: (input: In, output: Out) => string | null | undefined;
  /** Rows a whole-list edit replaces (a roster, an itinerary): counted before and after. */
  count?: { table: string; column: string; id: (input: In) => string };
  /** What a non-edit write did (counts, names): kept small. */
  summary?: (input: In, output: Out) => unknown;
  /** One event per entity, for calls that touch many (decisions on a list of applications). */
  many?: (input: In, output: Out) => AuditEntry[];
}

const idOrOut = (i: In, o?: Out) => (i.id as string | null) ?? (o?.id as string | undefined) ?? null;

/** Before the bulk writes: a backup, so one mistaken import or merge can be undone. */
export const BACKUP_BEFORE: Record<string, string> = {
  'applications/import': 'before import applications',
  'programs/importParticipants': 'before import participants',
  'review/importReviewers': 'before import reviewers',
  'review/importSheets': 'before import review-sheets',
  'institutions/merge': 'before merge institutions',
  'review/autoAssign': 'before automatic assignment',
};

export const AUDIT_SPECS: Record<string, AuditSpec> = {
  'applications/save': { entity: 'application', row: { table: 'application', id: idOrOut }, applicationId: (i, o) => idOrOut(i, o) },
  'applications/setStatus': { entity: 'application', row: { table: 'application', id: (i) => i.id }, applicationId: (i) => i.id },
  'applications/delete': { entity: 'application', row: { table: 'application', id: (i) => i.id }, applicationId: (i) => i.id },
  'applications/import': { entity: 'application', summary: (i, o) => ({ fileName: i.fileName, ...o }) },
  'programs/saveParticipants': {
    entity: 'program',
    entityId: (i) => i.id,
    applicationId: (i) => i.id,
    count: { table: 'participant', column: 'application_id', id: (i) => i.id },
  },
  'programs/saveItinerary': { entity: 'program', entityId: (i) => i.id, applicationId: (i) => i.id, count: { table: 'itinerary_slot', column: 'application_id', id: (i) => i.id } },
  'programs/importParticipants': {
    entity: 'program',
    entityId: (i) => i.id,
    applicationId: (i) => i.id,
    summary: (i, o) => ({ fileName: i.fileName, mode: i.mode, added: o.added, rows: o.rows }),
  },
  'calls/save': { entity: 'call', summary: (i) => ({ ...i }), entityId: (i) => `${i.fiscalYear}-${i.number}` },
  'rulesets/save': { entity: 'ruleset', row: { table: 'rule_set', key: 'fiscal_year', id: (i) => i.fiscalYear }, entityId: (i) => String(i.fiscalYear) },
  'institutions/save': { entity: 'institution', row: { table: 'institution', id: idOrOut } },
  'institutions/merge': { entity: 'institution', entityId: (i) => i.keepId, summary: (i) => ({ kept: i.keepId, merged: i.mergeIds }) },
  'results/save': { entity: 'program', row: { table: 'program_result', key: 'application_id', id: (i) => i.programId }, entityId: (i) => i.programId, applicationId: (i) => i.programId },
  'results/saveSettings': { entity: 'setting', entityId: () => 'results', summary: (i) => ({ ...i }) },
  'followups/save': { entity: 'followup', row: { table: 'follow_up', id: idOrOut } },
  'followups/delete': { entity: 'followup', row: { table: 'follow_up', id: (i) => i.id } },
  'review/saveReviewer': { entity: 'reviewer', row: { table: 'reviewer', id: idOrOut } },
  'review/deleteReviewer': { entity: 'reviewer', row: { table: 'reviewer', id: (i) => i.id } },
  'review/importReviewers': { entity: 'reviewer', summary: (i, o) => ({ fileName: i.fileName, ...o }) },
  'review/declareConflict': {
    entity: 'reviewer',
    entityId: (i) => i.reviewerId,
    applicationId: (i) => i.applicationId,
    summary: (i) => ({ conflict: { applicationId: i.applicationId, reason: i.reason } }),
  },
  'review/removeConflict': { entity: 'reviewer', row: { table: 'reviewer_conflict', id: (i) => i.id } },
  'review/assign': { entity: 'assignment', summary: (i, o) => ({ applications: i.applicationIds.length, reviewers: i.reviewerIds, ...o }) },
  'review/unassign': { entity: 'assignment', summary: (i, o) => ({ assignmentIds: i.assignmentIds, ...o }) },
  'review/autoAssign': { entity: 'assignment', entityId: (_i, o) => o.batchId, summary: (_i, o) => ({ batchId: o.batchId, assignments: Array.isArray(o.assignments) ? o.assignments.length : undefined }) },
  'review/undoBatch': { entity: 'assignment', entityId: (i) => i.batchId, summary: (i, o) => ({ batchId: i.batchId, ...o }) },
  'review/saveRubric': { entity: 'rubric', entityId: (i) => `${i.fiscalYear}-${i.call ?? 0}`, summary: (i) => ({ criteria: i.criteria.length }) },
  'review/saveReview': { entity: 'review', row: { table: 'review', key: 'assignment_id', id: (i) => i.assignmentId }, entityId: (i) => i.assignmentId },
  'review/decide': {
    entity: 'application',
    many: (i) =>
      (i.applicationIds as string[]).map((id) => ({
        entity: 'application',
        entityId: id,
        applicationId: id,
        summary: { decision: i.decision, comment: i.comment },
      })),
  },
  'review/exportSheets': { entity: 'review-sheet', summary: (i, o) => ({ fiscalYear: i.fiscalYear, files: o.files.length }) },
  'review/importSheets': { entity: 'review-sheet', summary: (i, o) => ({ fileNames: i.files.map((f: In) => f.fileName), ...o }) },
  'backup/create': { entity: 'backup', entityId: (_i, o) => o.file, summary: (_i, o) => ({ reason: o.reason, sizeBytes: o.sizeBytes }) },
  'backup/saveSettings': { entity: 'setting', entityId: () => 'backup', summary: (i) => ({ ...i }) },
};

/** Calls that manage their own transactions or the database file itself: never wrapped. */
// store/switch closes the database it was called on; it writes its own event into the new store.
export const OUTSIDE_TRANSACTION = new Set(['backup/restore', 'backup/create', 'store/switch']);

/**
 * Writes that run on a connection of their own (a worker thread, main/jobs/worker.ts) and commit
 * their audit event in that same transaction through writeAuditEvents; or, for the review sheets,
 * build in a worker first and then commit the record and its event in one transaction of their own.
 */
export const SELF_AUDITED = new Set([
  'applications/import',
  'review/exportSheets',
  // Read and checked before their write transaction, off the request path (main/jobs/imports.ts).
  'programs/importParticipants',
  'review/importReviewers',
  'review/importSheets',
]);
