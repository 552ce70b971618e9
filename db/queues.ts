// The review queues in SQL: counts are COUNTs and a queue is a page of rows, both scoped by the
// fiscal year's index, so a queue costs its own rows however many years the database holds.
// Portable SQL (SQLite and PostgreSQL): correlated subqueries, CASE, COALESCE, explicit ORDER BY
// with a unique last key.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { QueueItem, QueueName } from '../shared/api/review.ts';
import type { Course, Status } from '../shared/domain.ts';
import type { DB } from './open.ts';
import { queryShape } from './query-shape.ts';
import { DECIDED_STATUSES, OPEN_STATUSES } from './review.ts';
import type { Database } from './schema.ts';

export interface QueueScope {
  fiscalYear?: number | undefined;
  perApplication: number;
  today: string;
}

type AppEb = ExpressionBuilder<Database & { a: Database['application'] }, 'a'>;

const inYear = (eb: AppEb, s: QueueScope): Expression<SqlBool>[] => (s.fiscalYear === undefined ? [] : [eb('a.fiscal_year', '=', s.fiscalYear)]);
const assignedCount = (eb: AppEb) => eb.selectFrom('review_assignment as n').select((e) => e.fn.countAll<number>().as('c')).whereRef('n.application_id', '=', 'a.id');
const submittedCount = (eb: AppEb) => eb.selectFrom('review as m').select((e) => e.fn.countAll<number>().as('c')).whereRef('m.application_id', '=', 'a.id');
/** An assignment of this application still waiting for its review. */
const pendingExists = (eb: AppEb) =>
  eb.exists(
    eb
      .selectFrom('review_assignment as p')
      .select('p.id')
      .whereRef('p.application_id', '=', 'a.id')
      .where((e) => e.not(e.exists(e.selectFrom('review as pv').select((x) => x.lit(1).as('one')).whereRef('pv.assignment_id', '=', 'p.id')))),
  );

/** Which applications a queue holds (outstanding: applications with a pending assignment). */
function queueWhere(eb: AppEb, queue: QueueName, s: QueueScope): Expression<SqlBool> {
  const parts = inYear(eb, s);
  if (queue === 'decided') return eb.and([...parts, eb('a.status', 'in', [...DECIDED_STATUSES])]);
  parts.push(eb('a.status', 'in', [...OPEN_STATUSES]));
  if (queue === 'eligibility') parts.push(eb('a.violation_codes', '!=', ''));
  if (queue === 'assignment') parts.push(eb(assignedCount(eb), '<', s.perApplication));
  if (queue === 'ready') {
    // EXISTS rather than COUNT > 0: the probe stops at the first assignment.
    parts.push(eb.exists(eb.selectFrom('review_assignment as e').select('e.id').whereRef('e.application_id', '=', 'a.id')), eb.not(pendingExists(eb)));
  }
  return eb.and(parts);
}

/** Every queue's count in ONE statement (a scalar subquery each): one round trip, not five. */
export async function queueCounts(db: DB, s: QueueScope): Promise<Record<QueueName, number>> {
  const [r] = await countsShape.execute(db, { year: s.fiscalYear !== undefined }, { fiscalYear: s.fiscalYear ?? 0, perApplication: s.perApplication, today: s.today });
  if (!r) throw new Error('queue counts: no row');
  return {
    eligibility: Number(r.eligibility),
    assignment: Number(r.assignment),
    outstanding: Number(r.outstanding),
    ready: Number(r.ready),
    decided: Number(r.decided),
  };
}

// EXISTS subqueries select a constant: SQLite then answers them from the index alone (selecting
// review.id made it read each review row).
const outstandingWhere = (eb: ExpressionBuilder<Database & { a: Database['application']; s: Database['review_assignment'] }, 'a' | 's'>, s: QueueScope) =>
  eb.and([...inYear(eb as unknown as AppEb, s), eb('a.status', 'in', [...OPEN_STATUSES]), eb.not(eb.exists(eb.selectFrom('review as v').select((e) => e.lit(1).as('one')).whereRef('v.assignment_id', '=', 's.id')))]);

function outstandingCount(db: DB, s: QueueScope) {
  return db
    .selectFrom('review_assignment as s')
    .innerJoin('application as a', 'a.id', 's.application_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => outstandingWhere(eb, s));
}

// Built and compiled once per shape (db/query-shape.ts), like the queue pages.
const countsShape = queryShape(
  (p: { year: boolean }) => String(p.year),
  (db: DB, p: { year: boolean }, v: Pick<PageValues, 'fiscalYear' | 'perApplication' | 'today'>) => {
    const s: QueueScope = { ...(p.year ? { fiscalYear: v.fiscalYear } : {}), perApplication: v.perApplication, today: v.today };
    const count = (queue: Exclude<QueueName, 'outstanding'>) =>
      db
        .selectFrom('application as a')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) => queueWhere(eb, queue, s));
    return db.selectNoFrom([
      count('eligibility').as('eligibility'),
      count('assignment').as('assignment'),
      outstandingCount(db, s).as('outstanding'),
      count('ready').as('ready'),
      count('decided').as('decided'),
    ]);
  },
);

async function countOutstanding(db: DB, s: QueueScope): Promise<number> {
  return Number((await outstandingCount(db, s).executeTakeFirstOrThrow()).n);
}

function baseRow(db: DB) {
  return db
    .selectFrom('application as a')
    .innerJoin('institution as h', 'h.id', 'a.host_institution_id')
    .select((eb) => [
      'a.id',
      'a.application_no',
      'a.fiscal_year',
      'a.call_number',
      'a.course',
      'a.title',
      'h.name_ja as host_name',
      'a.status',
      'a.violation_codes',
      'a.requested_amount',
      assignedCount(eb).as('reviewers'),
      submittedCount(eb).as('submitted'),
      eb.selectFrom('review as ms').select((e) => e.fn.avg<number>('ms.score').as('m')).whereRef('ms.application_id', '=', 'a.id').as('mean_score'),
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseRow>['execute']>>[number];

function toItem(r: BaseRow): QueueItem {
  return {
    applicationId: r.id,
    applicationNo: r.application_no,
    fiscalYear: r.fiscal_year,
    call: r.call_number,
    course: r.course as Course,
    title: r.title,
    hostInstitution: r.host_name,
    status: r.status as Status,
    violations: r.violation_codes ? r.violation_codes.split(' ') : [],
    reviewers: Number(r.reviewers ?? 0),
    submitted: Number(r.submitted ?? 0),
    meanScore: r.mean_score === null || r.mean_score === undefined ? null : Number(r.mean_score),
    requestedAmount: Number(r.requested_amount),
    assignmentId: null,
    reviewer: null,
    dueOn: null,
    overdue: false,
  };
}

/** What changes a queue page's SQL; the values are bound. */
interface PageShape {
  queue: QueueName;
  year: boolean;
  limit: boolean;
  offset: boolean;
}
type PageValues = { fiscalYear: number; perApplication: number; today: string; limit: number; offset: number };

// The scope as the query builders see it, with the shape's markers in place of the values.
const markedScope = (shape: PageShape, v: PageValues): QueueScope => ({ ...(shape.year ? { fiscalYear: v.fiscalYear } : {}), perApplication: v.perApplication, today: v.today });
const paged = <Q extends { limit(n: number): Q; offset(n: number): Q }>(q: Q, shape: PageShape, v: PageValues): Q =>
  shape.limit ? q.limit(v.limit).offset(v.offset) : shape.offset ? q.limit(2147483647).offset(v.offset) : q;

// Built and compiled once per shape (db/query-shape.ts): Kysely's build of these dozen
// subqueries was a fifth of a queue call.
const applicationPage = queryShape(
  (p: PageShape) => `${p.queue}|${p.year}|${p.limit}|${p.offset}`,
  (db: DB, shape: PageShape, v: PageValues) => {
    const s = markedScope(shape, v);
    const q = baseRow(db)
      .select((eb) => eb.fn.countAll<number>().over().as('total'))
      .where((eb) => queueWhere(eb, shape.queue, s));
    // Ready: best mean first. The others: as the applications list, newest year, then 受付番号.
    const ordered = shape.queue === 'ready' ? q.orderBy('mean_score', 'desc').orderBy('a.application_no').orderBy('a.id') : q.orderBy('a.fiscal_year', 'desc').orderBy('a.application_no').orderBy('a.id');
    return paged(ordered, shape, v);
  },
);

const outstandingRows = queryShape(
  (p: PageShape) => `outstanding|${p.year}|${p.limit}|${p.offset}`,
  (db: DB, shape: PageShape, v: PageValues) => {
    const s = markedScope(shape, v);
    const q = baseRow(db)
      .innerJoin('review_assignment as s', 's.application_id', 'a.id')
      .innerJoin('reviewer as r', 'r.id', 's.reviewer_id')
      .select((eb) => [
        's.id as assignment_id',
        'r.name as reviewer_name',
        's.due_on',
        eb.case().when(eb.and([eb('s.due_on', 'is not', null), eb('s.due_on', '<', s.today)])).then(1).else(0).end().as('is_overdue'),
        eb.fn.countAll<number>().over().as('total'),
      ])
      .where((eb) => outstandingWhere(eb, s))
      .orderBy('is_overdue', 'desc')
      .orderBy((eb) => eb.fn.coalesce('s.due_on', eb.val('9999-12-31')))
      .orderBy('r.normalized_name')
      .orderBy('a.application_no')
      .orderBy('s.id');
    return paged(q, shape, v);
  },
);

const shapeOf = (queue: QueueName, s: QueueScope, limit: number | undefined, offset: number): [PageShape, PageValues] => [
  { queue, year: s.fiscalYear !== undefined, limit: limit !== undefined, offset: offset > 0 },
  { fiscalYear: s.fiscalYear ?? 0, perApplication: s.perApplication, today: s.today, limit: limit ?? 0, offset },
];

// A page carries its total as `count(*) over ()`: the queues' filters are correlated subqueries
// that SQLite evaluates for every row of the year before it can sort and cut a page, so a separate
// COUNT did that work twice. A page past the end has no row to carry it: then a COUNT.
export async function queuePage(
  db: DB,
  queue: QueueName,
  s: QueueScope,
  p: { limit?: number | undefined; offset?: number | undefined },
): Promise<{ items: QueueItem[]; total: number }> {
  const offset = p.offset ?? 0;
  if (queue === 'outstanding') return outstandingPage(db, s, p.limit, offset);
  const rows = await applicationPage.execute(db, ...shapeOf(queue, s, p.limit, offset));
  const items = rows.map(toItem);
  const total =
    rows.length > 0
      ? Number(rows[0]!.total)
      : offset === 0
        ? 0
        : Number((await db.selectFrom('application as a').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => queueWhere(eb, queue, s)).executeTakeFirstOrThrow()).n);
  return { items, total };
}

/** One row per pending assignment: overdue first, then by due date, then reviewer by reviewer. */
async function outstandingPage(db: DB, s: QueueScope, limit: number | undefined, offset: number) {
  const rows = await outstandingRows.execute(db, ...shapeOf('outstanding', s, limit, offset));
  const items = rows.map((r) => ({ ...toItem(r), assignmentId: r.assignment_id, reviewer: r.reviewer_name, dueOn: r.due_on, overdue: Number(r.is_overdue) === 1 }));
  const total = rows.length > 0 ? Number(rows[0]!.total) : offset === 0 ? 0 : await countOutstanding(db, s);
  return { items, total };
}
