// Calls of the review area: reviewers and conflicts, assignment, the review form, queues,
// ranking, decisions and the Excel review sheets.
import { z } from 'zod';
import { CountryCode, Course, FiscalYear, Id, IsoDate, Status } from '../domain.ts';
import { Criterion, Decision, Recommendation } from '../review/rubric.ts';
import { TextBlock, TextLine } from '../text.ts';
import { FileData } from './applications.ts';
import { command, query } from './define.ts';
import { PAGE_MAX, page, pageInput } from './page.ts';
import { ExpectedVersion, VersionStamp } from './version.ts';

export const ReviewerKind = z.enum(['committee', 'external']);

export const ReviewerInput = z.object({
  name: TextLine.min(1).max(100),
  kind: ReviewerKind.default('committee'),
  /** Institution name; resolved against the institutions dictionary (created if new). */
  institution: TextLine.max(200).nullable(),
  email: TextLine.max(200).nullable().default(null),
  fields: z.array(TextLine.min(1).max(100)).max(30).default([]),
  countries: z.array(CountryCode).max(50).default([]),
  maxLoad: z.number().int().min(0).max(10000).nullable().default(null),
  /** Calls the reviewer serves, as "2026-1"; empty: every call. */
  activeCalls: z.array(z.string().regex(/^\d{4}-\d{1,2}$/)).max(50).default([]),
  active: z.boolean().default(true),
});

export const Reviewer = z.object({
  id: Id,
  name: z.string(),
  kind: ReviewerKind,
  institution: z.string().nullable(),
  institutionId: Id.nullable(),
  email: z.string().nullable(),
  fields: z.array(z.string()),
  countries: z.array(z.string()),
  maxLoad: z.number().int().nullable(),
  activeCalls: z.array(z.string()),
  active: z.boolean(),
  load: z.number().int(),
  outstanding: z.number().int(),
  ...VersionStamp,
});
export type Reviewer = z.infer<typeof Reviewer>;

export const Conflict = z.object({
  id: z.string(),
  reviewerId: Id,
  reviewerName: z.string(),
  applicationId: Id,
  applicationNo: z.string(),
  kind: z.enum(['host', 'sending', 'applicant', 'declared']),
  reason: z.string(),
});

export const AssignmentStatus = z.enum(['assigned', 'submitted']);
export const Assignment = z.object({
  id: Id,
  applicationId: Id,
  applicationNo: z.string(),
  fiscalYear: z.number().int(),
  call: z.number().int().nullable(),
  title: z.string(),
  reviewerId: Id,
  reviewer: z.string(),
  reviewerInstitution: z.string().nullable(),
  status: AssignmentStatus,
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  batchId: z.string().nullable(),
  score: z.number().nullable(),
});
export type Assignment = z.infer<typeof Assignment>;

const Scope = z.object({ fiscalYear: FiscalYear, call: z.number().int().min(1).max(12).nullable().default(null) });

export const AutoAssignInput = Scope.extend({
  perApplication: z.number().int().min(1).max(20).default(3),
  maxLoad: z.number().int().min(1).max(10000).nullable().default(null),
  dueOn: IsoDate.nullable().default(null),
});

export const AutoAssignPlan = z.object({
  applications: z.number().int(),
  reviewers: z.number().int(),
  added: z.array(z.object({ applicationId: Id, applicationNo: z.string(), reviewerId: Id, reviewer: z.string() })),
  loads: z.array(z.object({ reviewerId: Id, reviewer: z.string(), before: z.number().int(), after: z.number().int(), cap: z.number().int().nullable() })),
  short: z.array(z.object({ applicationId: Id, applicationNo: z.string(), have: z.number().int() })),
  /** Loads as even as the constraints allow and no application short. */
  balanced: z.boolean(),
  /** The load certificate alone (no improving chain of moves is left). */
  loadsBalanced: z.boolean(),
  /** null when every application reached the target. */
  shortage: z
    .object({ applications: z.number().int(), reviews: z.number().int(), raiseCapsBy: z.number().int().nullable(), addReviewers: z.number().int() })
    .nullable(),
  matched: z.number().int(),
});

export const ScoreInput = z.object({
  criterion: TextLine.min(1).max(40),
  score: z.number().int().min(1).max(5),
  comment: TextBlock.max(4000).default(''),
});

export const Review = z.object({
  assignmentId: Id,
  applicationId: Id,
  reviewerId: Id,
  scores: z.array(z.object({ criterion: z.string(), label: z.string(), score: z.number().int(), comment: z.string() })),
  recommendation: Recommendation,
  confidence: z.number().int(),
  comment: z.string(),
  score: z.number(),
  source: z.enum(['app', 'excel']),
  submittedAt: z.string(),
  submittedBy: z.string(),
  /** Bumped by every save (form or returned sheet); the review form sends it back as expectedVersion. */
  version: z.number().int(),
});

export const Rubric = z.object({
  fiscalYear: z.number().int(),
  call: z.number().int().nullable(),
  criteria: z.array(Criterion),
  /** Where it comes from: this call's own, the year's, or the built-in default. */
  source: z.enum(['call', 'year', 'default']),
  /** The saved form of exactly this scope (year, or year and call): 0 when it has none of its own. */
  ...VersionStamp,
});

export const QueueName = z.enum(['eligibility', 'assignment', 'outstanding', 'ready', 'decided']);
export type QueueName = z.infer<typeof QueueName>;

export const QueueItem = z.object({
  applicationId: Id,
  applicationNo: z.string(),
  fiscalYear: z.number().int(),
  call: z.number().int().nullable(),
  course: Course,
  title: z.string(),
  hostInstitution: z.string(),
  status: Status,
  violations: z.array(z.string()),
  reviewers: z.number().int(),
  submitted: z.number().int(),
  meanScore: z.number().nullable(),
  requestedAmount: z.number().int(),
  /** Outstanding queue: the assignment this row is about. */
  assignmentId: Id.nullable(),
  reviewer: z.string().nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const RankMethod = z.enum(['mean', 'zscore', 'borda']);

export const RankingRow = z.object({
  rank: z.number().int(),
  applicationId: Id,
  applicationNo: z.string(),
  title: z.string(),
  course: Course,
  hostInstitution: z.string(),
  countries: z.array(z.string()),
  requestedAmount: z.number().int(),
  status: Status,
  n: z.number().int(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  spread: z.number().nullable(),
  zMean: z.number().nullable(),
  borda: z.number().nullable(),
  disagreement: z.boolean(),
  /** No open violations under the fiscal year's current rule set. */
  eligible: z.boolean(),
  violations: z.array(z.string()),
});

const RankingInput = Scope.extend({
  method: RankMethod.default('mean'),
  disagreementThreshold: z.number().min(0).max(4).default(1.5),
});

const Breakdown = z.array(z.object({ key: z.string(), count: z.number().int(), amount: z.number().int() }));

export const BudgetInput = RankingInput.extend({
  /** null: the call's budget from settings. */
  budgetYen: z.number().int().min(0).max(1e12).nullable().default(null),
  quotas: z.record(TextLine.max(100), z.number().int().min(0)).default({}),
  /** Plans with fewer submitted reviews are passed (FEW_REVIEWS); defaults to the per-application target. */
  minReviews: z.number().int().min(0).max(20).default(3),
});

export const PassReason = z.enum(['INELIGIBLE', 'FEW_REVIEWS', 'BUDGET', 'QUOTA']);
export type PassReason = z.infer<typeof PassReason>;

export const BudgetResult = z.object({
  budgetYen: z.number().int(),
  spent: z.number().int(),
  minReviews: z.number().int(),
  adopted: z.array(RankingRow),
  passed: z.array(z.object({ applicationId: Id, applicationNo: z.string(), reason: PassReason, eligible: z.boolean(), n: z.number().int() })),
  byCourse: Breakdown,
  byCountry: Breakdown,
  byHost: Breakdown,
});

export const PendingExport = z.object({ exportId: Id, reviewerId: Id, assignmentIds: z.array(Id).max(20000) });

export const ApplicationReviewFacts = z.object({
  applicationId: Id,
  reviewCount: z.number().int(),
  meanScore: z.number().nullable(),
  decision: Decision.nullable(),
});

export const reviewCalls = {
  /**
   * A page of reviewers by name, loads counted in `fiscalYear` (every year when absent), with
   * `total` from a COUNT. Loads are read for the page's reviewers only.
   */
  'review/listReviewers': query(
    z.object({
      fiscalYear: z.number().int().optional(),
      /** Words in the name, the institution's name or the e-mail address. */
      q: TextLine.max(200).optional(),
      active: z.boolean().optional(),
      ids: z.array(Id).max(1000).optional(),
      ...pageInput,
    }),
    page(Reviewer),
  ),
  'review/saveReviewer': command(z.object({ id: Id.nullable(), data: ReviewerInput, expectedVersion: ExpectedVersion }), Reviewer),
  'review/deleteReviewer': command(z.object({ id: Id, expectedVersion: ExpectedVersion }), z.object({ deleted: z.boolean() })),
  /** All or nothing; `jobId` gets job/progress events (read, parse, check, write). */
  'review/importReviewers': command(FileData.extend({ jobId: TextLine.max(64).optional() }), z.object({ added: z.number().int(), updated: z.number().int(), rows: z.number().int() })),

  /**
   * A page of conflicts of interest (by 受付番号, then reviewer), automatic and declared, with `total`
   * from a COUNT. Matched in SQL for the asked applications only (a year's, one's, or a list's).
   */
  'review/listConflicts': query(
    z.object({
      applicationId: Id.optional(),
      /** Several applications at once (the assign dialog's selection). */
      applicationIds: z.array(Id).max(5000).optional(),
      reviewerId: Id.optional(),
      fiscalYear: z.number().int().optional(),
      ...pageInput,
    }),
    page(Conflict),
  ),
  'review/declareConflict': command(z.object({ reviewerId: Id, applicationId: Id, reason: TextBlock.min(1).max(1000) }), Conflict),
  'review/removeConflict': command(z.object({ id: TextLine.min(1).max(200) }), z.object({ removed: z.boolean() })),

  /** A page of assignments (newest year first, by 受付番号 then reviewer) with `total` from a COUNT. */
  'review/listAssignments': query(
    z.object({ fiscalYear: z.number().int().optional(), call: z.number().int().optional(), applicationId: Id.optional(), reviewerId: Id.optional(), ...pageInput }),
    page(Assignment),
  ),
  /** Manual and bulk: every listed application gets every listed reviewer. All or nothing. */
  'review/assign': command(
    z.object({ applicationIds: z.array(Id).min(1).max(5000), reviewerIds: z.array(Id).min(1).max(200), dueOn: IsoDate.nullable().default(null) }),
    z.object({ batchId: z.string(), added: z.number().int(), skipped: z.number().int() }),
  ),
  'review/unassign': command(z.object({ assignmentIds: z.array(Id).min(1).max(5000) }), z.object({ removed: z.number().int() })),
  'review/previewAutoAssign': query(AutoAssignInput, AutoAssignPlan),
  'review/autoAssign': command(AutoAssignInput, AutoAssignPlan.extend({ batchId: z.string() })),
  /** Removes what one assignment batch added (only assignments without a review yet). */
  'review/undoBatch': command(z.object({ batchId: TextLine.min(1).max(64) }), z.object({ removed: z.number().int(), kept: z.number().int() })),

  'review/getRubric': query(Scope, Rubric),
  'review/saveRubric': command(Scope.extend({ criteria: z.array(Criterion).min(1).max(20), expectedVersion: ExpectedVersion }), Rubric),

  'review/getReview': query(z.object({ assignmentId: Id }), Review.nullable()),
  'review/saveReview': command(
    z.object({
      assignmentId: Id,
      scores: z.array(ScoreInput).min(1).max(20),
      recommendation: Recommendation,
      confidence: z.number().int().min(1).max(3),
      comment: TextBlock.max(4000).default(''),
      /** The review's version the form loaded (0: not submitted yet). */
      expectedVersion: ExpectedVersion,
    }),
    Review,
  ),

  'review/queueCounts': query(
    z.object({ fiscalYear: z.number().int().optional(), perApplication: z.number().int().min(1).max(20).default(3) }),
    z.record(QueueName, z.number().int()),
  ),
  /** A page of one queue (outstanding: one row per pending assignment) and its COUNT as `total`. */
  'review/queue': query(
    z.object({ queue: QueueName, fiscalYear: z.number().int().optional(), perApplication: z.number().int().min(1).max(20).default(3), ...pageInput }),
    page(QueueItem),
  ),

  'review/ranking': query(
    RankingInput,
    z.object({
      rows: z.array(RankingRow),
      reviewers: z.array(z.object({ reviewerId: Id, reviewer: z.string(), n: z.number().int(), mean: z.number(), leniency: z.number() })),
    }),
  ),
  /**
   * A page of applications' review facts (in the applications list's order), `total` from its
   * COUNT; reviews are read for the page's applications only. `applicationIds`: those only (the
   * CLI asks for each page of applications it prints).
   */
  'review/facts': query(
    z.object({ fiscalYear: z.number().int().optional(), applicationIds: z.array(Id).max(PAGE_MAX).optional(), ...pageInput }),
    page(ApplicationReviewFacts),
  ),

  'review/decide': command(
    z.object({
      applicationIds: z.array(Id).min(1).max(5000),
      decision: Decision,
      comment: TextBlock.max(2000).nullable().default(null),
      /** Adopting plans with open violations needs a reason; it is kept in the status history. */
      override: TextBlock.max(2000).nullable().default(null),
    }),
    z.object({ decided: z.number().int() }),
  ),
  'review/simulateBudget': query(BudgetInput, BudgetResult),
  /**
   * Adopts what the simulation adopts, after running it again at write time: refused when the
   * result differs from what staff saw (applicationIds), so nothing stale or ineligible is adopted.
   */
  'review/commitBudget': command(
    BudgetInput.extend({ applicationIds: z.array(Id).min(1).max(5000), comment: TextBlock.max(2000).nullable().default(null) }),
    z.object({ decided: z.number().int() }),
  ),

  /** Writes: each export is recorded so returned sheets can be matched to it. */
  'review/exportSheets': command(
    Scope.extend({
      reviewerIds: z.array(Id).max(500).optional(),
      layout: z.enum(['per-reviewer', 'one-workbook']).default('per-reviewer'),
      /** 'later': record nothing now; the caller confirms with review/confirmSheets once every file is written. */
      record: z.enum(['now', 'later']).default('now'),
    }),
    z.object({ files: z.array(FileData), pending: z.array(PendingExport) }),
  ),
  'review/confirmSheets': command(Scope.extend({ exports: z.array(PendingExport).min(1).max(500) }), z.object({ recorded: z.number().int() })),
  'review/importSheets': command(
    z.object({ files: z.array(FileData).min(1).max(500), jobId: TextLine.max(64).optional() }),
    z.object({ files: z.number().int(), reviews: z.number().int() }),
  ),
  'review/exportSummary': query(RankingInput, FileData),
};
