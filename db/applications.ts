import { sql } from 'kysely';
import type { ApplicationInput, ApplicationSort, ApplicationSummary } from '../shared/api/applications.ts';
import { courseProgram, type Course, type Field, type Mode, type Program, type Status } from '../shared/domain.ts';
import { AppError } from '../shared/errors.ts';
import { staleSaveError } from '../shared/stale.ts';
import type { EligibilityResult } from '../shared/rules/types.ts';
import { normalizeName } from '../shared/text.ts';
import { newId, nowIso } from './ids.ts';
import { institutionIdsMatching } from './institution-aliases.ts';
import { captureApplications, recordChanges, type Journal } from './import-batch.ts';
import { InstitutionResolver } from './institutions.ts';
import { applyStatusChanges } from './status.ts';
import { refreshProgramChecks } from './program-checks.ts';
import type { DB } from './open.ts';
import type { ApplicationRow, Database, NewApplication } from './schema.ts';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { containsText, engineOf, lockScope, sortKey } from './engine.ts';
import { queryShape } from './query-shape.ts';

export interface ApplicationFilterArgs {
  fiscalYear?: number | undefined;
  call?: number | undefined;
  course?: Course | undefined;
  status?: Status | undefined;
  country?: string | undefined;
  hasViolations?: boolean | undefined;
  q?: string | undefined;
  ids?: string[];
  noCall?: boolean | undefined;
  /** Any of these statuses (programs: the adopted ones). */
  statuses?: readonly string[];
  /** A column to sort by (the list screen's headers), then 受付番号. */
  sort?: ApplicationSort | undefined;
  dir?: 'asc' | 'desc' | undefined;
  /** Default: newest year first, then 受付番号; 'arrival': by planned arrival (programs). */
  order?: 'arrival';
  limit?: number | undefined;
  offset?: number | undefined;
}

/** Stored as space-separated text so list filters and badges need no re-check. */
const codesToText = (codes: readonly { code: string }[]) => [...new Set(codes.map((c) => c.code))].join(' ');
const textToCodes = (t: string) => (t ? t.split(' ') : []);

function notFound(id: string): never {
  throw new AppError('NOT_FOUND', { ja: '指定の応募が見つかりません。', en: 'Application not found.' }, { id });
}

// The columns a summary shows: a page selects these, not `a.*` (the edit versions and editors of
// the row, its roster and itinerary are a third of the columns and nothing of a list row).
const SUMMARY_COLUMNS = [
  'id', 'application_no', 'fiscal_year', 'call_number', 'program', 'course', 'title', 'host_institution_id', 'applicant', 'field',
  'mode', 'invitees', 'escorts', 'arrival', 'departure', 'requested_amount', 'status', 'violation_codes', 'warning_codes', 'updated_at',
] as const satisfies readonly (keyof ApplicationRow)[];

function toSummary(
  r: Pick<ApplicationRow, (typeof SUMMARY_COLUMNS)[number]> & { host_name: string },
  sending: string[],
  countries: string[],
): ApplicationSummary {
  return {
    id: r.id,
    applicationNo: r.application_no,
    fiscalYear: r.fiscal_year,
    call: r.call_number,
    program: r.program as Program,
    course: r.course as Course,
    title: r.title,
    hostInstitution: r.host_name,
    hostInstitutionId: r.host_institution_id,
    applicant: r.applicant,
    sendingInstitutions: sending,
    countries,
    field: r.field as Field,
    mode: r.mode as Mode,
    invitees: r.invitees,
    escorts: r.escorts,
    arrival: r.arrival,
    departure: r.departure,
    requestedAmount: Number(r.requested_amount),
    status: r.status as Status,
    violations: textToCodes(r.violation_codes),
    warnings: textToCodes(r.warning_codes),
    updatedAt: r.updated_at,
  };
}

const SORT_COLUMNS = {
  applicationNo: 'a.application_no',
  fiscalYear: 'a.fiscal_year',
  course: 'a.course',
  title: 'a.title',
  hostInstitution: 'h.normalized_name',
  invitees: 'a.invitees',
  arrival: 'a.arrival',
  requestedAmount: 'a.requested_amount',
  status: 'a.status',
} as const;

const NUMERIC_SORTS = new Set<keyof typeof SORT_COLUMNS>(['fiscalYear', 'invitees', 'requestedAmount']);

type Listing = ExpressionBuilder<Database & { a: Database['application']; h: Database['institution'] }, 'a' | 'h'>;

/** The filters as one SQL condition, shared by the page query and its COUNT. */
function filterExpr(db: DB, eb: Listing, f: ApplicationFilterArgs, instIds: readonly string[] = ['']) {
  const parts: Expression<SqlBool>[] = [];
  if (f.fiscalYear !== undefined) parts.push(eb('a.fiscal_year', '=', f.fiscalYear));
  if (f.call !== undefined) parts.push(eb('a.call_number', '=', f.call));
  if (f.noCall) parts.push(eb('a.call_number', 'is', null));
  if (f.course !== undefined) parts.push(eb('a.course', '=', f.course));
  if (f.status !== undefined) parts.push(eb('a.status', '=', f.status));
  if (f.statuses !== undefined) parts.push(eb('a.status', 'in', f.statuses.length ? [...f.statuses] : ['']));
  if (f.ids !== undefined) parts.push(eb('a.id', 'in', f.ids.length ? f.ids : ['']));
  if (f.hasViolations !== undefined) parts.push(eb('a.violation_codes', f.hasViolations ? '!=' : '=', ''));
  if (f.country !== undefined) {
    const country = f.country;
    // The country's rows of that one year (index (country, fiscal_year, application_id) of 0011):
    // exactly the applications asked for, however long the history. Without a year, every year of
    // the country from the same index.
    const ofCountry = eb.selectFrom('application_country as c').select('c.application_id').where('c.country', '=', country);
    parts.push(eb('a.id', 'in', f.fiscalYear === undefined ? ofCountry : ofCountry.where('c.fiscal_year', '=', f.fiscalYear)));
  }
  if (f.q && f.q.trim()) {
    const text = f.q.trim();
    const norm = normalizeName(f.q);
    parts.push(
      eb.or([
        containsText(db, 'a.title', text),
        containsText(db, 'a.application_no', text),
        containsText(db, 'a.applicant', text),
        containsText(db, 'h.normalized_name', norm),
        eb('a.host_institution_id', 'in', instIds),
        eb.exists(
          eb.selectFrom('application_sending as s2').select('s2.position').whereRef('s2.application_id', '=', 'a.id').where('s2.institution_id', 'in', instIds),
        ),
        eb.exists(
          eb
            .selectFrom('application_sending as s')
            .innerJoin('institution as si', 'si.id', 's.institution_id')
            .select('s.position')
            .whereRef('s.application_id', '=', 'a.id')
            .where(containsText(db, 'si.normalized_name', norm)),
        ),
      ]),
    );
  }
  return eb.and(parts);
}

const RELATED_CHUNK = 500; // ids per IN list: well inside both databases' parameter limits

// One SQL text per page length (its IN lists), compiled once each (db/query-shape.ts).
const relatedShape = queryShape(
  (n: number) => String(n),
  (db: DB, n: number, v: Record<string, string>) => {
    const ids = Array.from({ length: n }, (_, i) => v[`id${i}`]!);
    return db
      .selectFrom('application_sending as s')
      .innerJoin('institution as i', 'i.id', 's.institution_id')
      .select((eb) => ['s.application_id', eb.lit<number>(0).as('kind'), 's.position', 'i.name_ja as value'])
      .where('s.application_id', 'in', ids)
      .unionAll((eb) =>
        eb
          .selectFrom('application_country as c')
          .select((e) => ['c.application_id', e.lit<number>(1).as('kind'), 'c.position', 'c.country as value'])
          .where('c.application_id', 'in', ids),
      );
  },
);

/**
 * Sending institutions and countries of exactly these applications, never of the whole history:
 * both lists in one statement (UNION ALL, a `kind` column tells them apart), one round trip.
 */
async function relatedOf(db: DB, ids: readonly string[]) {
  const sending = new Map<string, string[]>();
  const countries = new Map<string, string[]>();
  for (let i = 0; i < ids.length; i += RELATED_CHUNK) {
    const chunk = ids.slice(i, i + RELATED_CHUNK);
    const values = Object.fromEntries(chunk.map((id, n) => [`id${n}`, id]));
    const rows = await relatedShape.execute(db, chunk.length, values);
    // No ORDER BY: sorting the compound cost SQLite a temporary B-tree, more than the second
    // round trip it saves. Each application's few entries are put in position order here.
    rows.sort((a, b) => a.position - b.position);
    for (const r of rows) {
      const map = Number(r.kind) === 0 ? sending : countries;
      const list = map.get(r.application_id);
      if (list) list.push(r.value);
      else map.set(r.application_id, [r.value]);
    }
  }
  return { sending, countries };
}

/** Institutions whose names or aliases match the search words (never empty: [''] matches nothing). */
async function matchingInstitutions(db: DB, f: ApplicationFilterArgs): Promise<string[]> {
  if (!f.q || !f.q.trim()) return [''];
  const ids = await institutionIdsMatching(db, f.q);
  return ids.length ? ids : [''];
}

/** The page query of these filters, newest year first unless a sort is given. */
function pageQuery(db: DB, f: ApplicationFilterArgs, instIds: readonly string[]) {
  let q = db
    .selectFrom('application as a')
    .innerJoin('institution as h', 'h.id', 'a.host_institution_id')
    .select(SUMMARY_COLUMNS.map((c) => `a.${c}` as const))
    .select('h.name_ja as host_name')
    .where((eb) => filterExpr(db, eb, f, instIds));
  if (f.order === 'arrival') q = q.orderBy('a.arrival').orderBy(sortKey(db, 'a.application_no')).orderBy('a.id');
  else if (f.sort) {
    const dir = f.dir === 'desc' ? 'desc' : 'asc';
    const by = f.sort;
    // Every key then falls back to 受付番号 and the id, so pages never overlap or skip a row.
    if (by === 'countries') {
      q = q.orderBy((eb) => eb.selectFrom('application_country as fc').select('fc.country').whereRef('fc.application_id', '=', 'a.id').where('fc.position', '=', 0), dir);
    } else if (by === 'eligibility') {
      q = q
        .orderBy((eb) => eb.case().when('a.violation_codes', '=', '').then(0).else(1).end(), dir)
        .orderBy((eb) => eb.case().when('a.warning_codes', '=', '').then(0).else(1).end(), dir);
    } else if (NUMERIC_SORTS.has(by)) {
      q = q.orderBy(SORT_COLUMNS[by], dir);
    } else {
      // Text keys in byte order on both engines (PostgreSQL would otherwise follow its locale).
      q = q.orderBy(sortKey(db, SORT_COLUMNS[by]), dir);
    }
    q = q.orderBy(sortKey(db, 'a.application_no')).orderBy('a.id');
  } else q = q.orderBy('a.fiscal_year', 'desc').orderBy(sortKey(db, 'a.application_no')).orderBy('a.id');
  if (f.limit !== undefined) q = q.limit(f.limit).offset(f.offset ?? 0);
  else if (f.offset) q = q.limit(2147483647).offset(f.offset);
  return q;
}

// The filters whose values are single values bound as parameters: a list of only these (the
// screens' usual filters) has one SQL text per combination, built once (db/query-shape.ts).
const BOUND = ['fiscalYear', 'call', 'course', 'status', 'country'] as const;
type Bound = (typeof BOUND)[number];
type ListShape = Pick<ApplicationFilterArgs, 'noCall' | 'hasViolations' | 'sort' | 'dir' | 'order'> & { present: Bound[]; limit: boolean; offset: boolean };
type ListValues = Record<Bound | 'limit' | 'offset', string | number>;

const listShape = queryShape(
  (s: ListShape) => JSON.stringify(s),
  (db: DB, s: ListShape, v: ListValues) => {
    const f: ApplicationFilterArgs = { noCall: s.noCall, hasViolations: s.hasViolations, sort: s.sort, dir: s.dir, ...(s.order ? { order: s.order } : {}) };
    for (const k of s.present) Object.assign(f, { [k]: v[k] });
    if (s.limit) f.limit = v.limit as number;
    if (s.limit || s.offset) f.offset = v.offset as number;
    return pageQuery(db, f, ['']);
  },
);

/** The shape and values of these filters, or null when a filter binds a list (ids, search words). */
function shapeOfList(f: ApplicationFilterArgs): [ListShape, ListValues] | null {
  if ((f.q && f.q.trim()) || f.ids !== undefined || f.statuses !== undefined) return null;
  const shape: ListShape = {
    present: BOUND.filter((k) => f[k] !== undefined),
    noCall: f.noCall,
    hasViolations: f.hasViolations,
    sort: f.sort,
    dir: f.dir,
    order: f.order,
    limit: f.limit !== undefined,
    offset: !!f.offset,
  };
  const values = { limit: f.limit ?? 0, offset: f.offset ?? 0 } as ListValues;
  for (const k of shape.present) values[k] = f[k]!;
  return [shape, values];
}

/** The rows the filters match, newest year first; a page of them when `limit` is given. */
export async function listApplications(db: DB, f: ApplicationFilterArgs): Promise<ApplicationSummary[]> {
  const shaped = shapeOfList(f);
  const rows = shaped ? await listShape.execute(db, ...shaped) : await pageQuery(db, f, await matchingInstitutions(db, f)).execute();
  if (rows.length === 0) return [];
  const { sending, countries } = await relatedOf(db, rows.map((r) => r.id));
  return rows.map((r) => toSummary(r, sending.get(r.id) ?? [], countries.get(r.id) ?? []));
}

/** How many rows the filters match (the `total` beside a page). */
export async function countMatching(db: DB, f: ApplicationFilterArgs): Promise<number> {
  const instIds = await matchingInstitutions(db, f);
  const r = await db
    .selectFrom('application as a')
    .innerJoin('institution as h', 'h.id', 'a.host_institution_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => filterExpr(db, eb, f, instIds))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function pageApplications(db: DB, f: ApplicationFilterArgs): Promise<{ items: ApplicationSummary[]; total: number }> {
  const items = await listApplications(db, f);
  // A short first page is the whole answer: no COUNT needed.
  const total = (f.offset ?? 0) === 0 && (f.limit === undefined || items.length < f.limit) ? items.length : await countMatching(db, f);
  return { items, total };
}

export async function getApplicationSummary(db: DB, id: string): Promise<ApplicationSummary> {
  const [s] = await listApplications(db, { ids: [id] });
  return s ?? notFound(id);
}

export async function getSendingDetail(db: DB, id: string) {
  return db
    .selectFrom('application_sending as s')
    .innerJoin('institution as i', 'i.id', 's.institution_id')
    .select(['i.id', 'i.name_ja as name', 'i.country'])
    .where('s.application_id', '=', id)
    .orderBy('s.position')
    .execute();
}

export async function getHistory(db: DB, id: string) {
  const rows = await db
    .selectFrom('application_status_change')
    .selectAll()
    .where('application_id', '=', id)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fromStatus: r.from_status as Status | null,
    toStatus: r.to_status as Status,
    changedAt: r.changed_at,
    changedBy: r.changed_by,
    comment: r.comment,
    overrideReason: r.override_reason,
  }));
}

export interface ApplicationWrite {
  /** null: create, or update the application with the same (年度, 受付番号) if one exists. */
  id: string | null;
  data: ApplicationInput;
  check: EligibilityResult;
  /** The row_version the edit form started from; a stale one is refused (team mode). */
  expectedVersion?: number;
}

/** An import written in chunks: its journal, and one institution cache across its chunks. */
export interface WriteOptions {
  journal?: Journal;
  resolver?: InstitutionResolver;
  /** When the previous chunk was written: institutions changed since are added to the cache. */
  since?: string | null;
}

const BATCH = 200; // rows per multi-row INSERT: well under SQLite's and PostgreSQL's parameter limits
/** Items whose rows are written together by writeApplications. */
const FLUSH_EVERY = 2000;

async function insertBatched<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/**
 * Creates or updates applications in one transaction: all of them are written or none. New ones
 * start as 受付 (received), with that first status in their history.
 */
export async function writeApplications(
  db: DB,
  items: ApplicationWrite[],
  user: string,
  onProgress?: (done: number, total: number) => void,
  opts: WriteOptions = {},
): Promise<{ added: number; updated: number; ids: string[] }> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const years = [...new Set(items.map((i) => i.data.fiscalYear))];
    // Team mode: saves and imports of one year queue (in year order, so two never deadlock), so
    // the keyed upsert below never races another officer's insert of the same number.
    for (const y of [...years].sort((a, b) => a - b)) await lockScope(trx, 'applications', y);
    // Only the keys of these items, read under that lock: an import written in chunks finds the
    // rows staff created between its chunks (and updates them) instead of colliding with them,
    // and a chunk's lookup does not grow with the rows earlier chunks wrote.
    const existing = new Map<string, string>();
    for (let i = 0; i < items.length; i += RELATED_CHUNK) {
      const part = items.slice(i, i + RELATED_CHUNK);
      const nos = [...new Set(part.map((it) => it.data.applicationNo))];
      const fys = [...new Set(part.map((it) => it.data.fiscalYear))];
      for (const r of await trx.selectFrom('application').select(['id', 'fiscal_year', 'application_no']).where('fiscal_year', 'in', fys).where('application_no', 'in', nos).execute()) {
        existing.set(`${r.fiscal_year}\u0000${r.application_no}`, r.id);
      }
    }
    const resolver = opts.resolver ?? (await InstitutionResolver.load(trx, user));
    if (opts.resolver) await opts.resolver.rebind(trx, opts.since ?? null);
    const journal = opts.journal;
    if (journal) resolver.changes = [];
    // The image before this write of every application it will update (first time in the batch).
    const befores = journal
      ? await captureApplications(
          trx,
          [...new Set(items.map((it) => it.id ?? existing.get(`${it.data.fiscalYear}\u0000${it.data.applicationNo}`)).filter((id): id is string => !!id && !journal.seen.has(`application\u0000${id}`)))],
        )
      : null;
    const touched: { id: string; action: 'added' | 'updated'; before: unknown }[] = [];
    // Rows are built and written a slice of items at a time, so an import of 100,000 keeps one
    // slice of insert rows in memory, not every row of four tables (all in this one transaction).
    let inserts: NewApplication[] = [];
    let sending: { application_id: string; position: number; institution_id: string }[] = [];
    let countries: { application_id: string; position: number; country: string; fiscal_year: number }[] = [];
    let history: { id: string; application_id: string; from_status: null; to_status: string; comment: null; changed_by: string; changed_at: string }[] = [];
    let replaced: string[] = [];
    const ids: string[] = [];
    const created = new Set<string>();
    let added = 0;
    let updated = 0;
    const flush = async () => {
      for (let i = 0; i < replaced.length; i += BATCH) {
        const chunk = replaced.slice(i, i + BATCH);
        await trx.deleteFrom('application_sending').where('application_id', 'in', chunk).execute();
        await trx.deleteFrom('application_country').where('application_id', 'in', chunk).execute();
      }
      await insertBatched(inserts, (c) => trx.insertInto('application').values(c).execute());
      await insertBatched(sending, (c) => trx.insertInto('application_sending').values(c).execute());
      await insertBatched(countries, (c) => trx.insertInto('application_country').values(c).execute());
      await insertBatched(history, (c) => trx.insertInto('application_status_change').values(c).execute());
      [inserts, sending, countries, history, replaced] = [[], [], [], [], []];
    };

    for (const [n, item] of items.entries()) {
      const d = item.data;
      const key = `${d.fiscalYear}\u0000${d.applicationNo}`;
      const id = item.id ?? existing.get(key) ?? null;
      if (item.id !== null && existing.get(key) && existing.get(key) !== item.id) {
        throw new AppError(
          'CONFLICT',
          {
            ja: `${d.fiscalYear}年度の受付番号「${d.applicationNo}」は別の応募で使われています。`,
            en: `Application number "${d.applicationNo}" is already used in FY${d.fiscalYear}.`,
          },
          { applicationNo: d.applicationNo, fiscalYear: d.fiscalYear },
        );
      }
      const hostId = await resolver.resolve(d.hostInstitution, 'JP');
      const columns = {
        fiscal_year: d.fiscalYear,
        application_no: d.applicationNo,
        call_number: d.call,
        program: courseProgram(d.course),
        course: d.course,
        title: d.title,
        host_institution_id: hostId,
        applicant: d.applicant,
        field: d.field,
        mode: d.mode,
        invitees: d.invitees,
        escorts: d.escorts,
        arrival: d.arrival,
        departure: d.departure,
        requested_amount: d.requestedAmount,
        violation_codes: codesToText(item.check.violations),
        warning_codes: codesToText(item.check.warnings),
        updated_at: now,
      };
      let appId: string;
      if (id) {
        if (item.id && item.expectedVersion !== undefined) await checkVersion(trx, item.id, item.expectedVersion);
        const r = await trx
          .updateTable('application')
          .set({ ...columns, updated_by: user, row_version: sql<number>`row_version + 1` })
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) notFound(id);
        replaced.push(id);
        appId = id;
        updated++;
        if (befores) touched.push({ id, action: 'updated', before: befores.get(id) ?? null });
      } else {
        appId = newId();
        created.add(appId);
        inserts.push({ id: appId, ...columns, status: 'received', created_at: now });
        history.push({ id: newId(), application_id: appId, from_status: null, to_status: 'received', comment: null, changed_by: user, changed_at: now });
        existing.set(key, appId);
        added++;
        if (befores) touched.push({ id: appId, action: 'added', before: null });
      }
      ids.push(appId);
      for (const [position, s] of d.sendingInstitutions.entries()) {
        sending.push({ application_id: appId, position, institution_id: await resolver.resolve(s.name, s.country) });
      }
      for (const [position, country] of d.countries.entries()) countries.push({ application_id: appId, position, country, fiscal_year: d.fiscalYear });
      if (n % FLUSH_EVERY === FLUSH_EVERY - 1) await flush();
      if (onProgress && n % 500 === 499) onProgress(n + 1, items.length);
    }
    await flush();
    // An edited application that is a program (adopted or later) gets its stored check anew
    // (migration 0012); new rows start as received, with no program check to store.
    if (updated) await refreshProgramChecks(trx, ids.filter((x) => !created.has(x)));
    if (journal) {
      // In this transaction with the rows: the journal never lags behind what is committed.
      await recordChanges(trx, journal, 'application', touched);
      await recordChanges(trx, journal, 'institution', resolver.changes ?? []);
      resolver.changes = [];
    }
    onProgress?.(items.length, items.length);
    return { added, updated, ids };
  });
}

/** Refuses a save that started from an older version, naming who changed the record and when. */
async function checkVersion(trx: DB, id: string, expected: number): Promise<void> {
  // FOR UPDATE on PostgreSQL: the row stays as checked until this transaction commits.
  let q = trx.selectFrom('application').select(['row_version', 'updated_by', 'updated_at', 'application_no']).where('id', '=', id);
  if (engineOf(trx) === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row || row.row_version === expected) return;
  throw staleSaveError({
    what: { ja: `応募「${row.application_no}」`, en: `application "${row.application_no}"` },
    expectedVersion: expected,
    version: row.row_version,
    changedBy: row.updated_by,
    changedAt: row.updated_at,
    key: { id },
  });
}

/**
 * One status change through the life cycle (shared/status.ts): an illegal change is refused with a
 * sentence naming both statuses; the same status again records its comment as a note.
 */
export async function setStatus(
  db: DB,
  id: string,
  status: Status,
  user: string,
  comment: string | null,
  overrideReason: string | null = null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('application').select('status').where('id', '=', id).executeTakeFirst();
    if (!row) notFound(id);
    await applyStatusChanges(trx, [{ id, from: row.status as Status, to: status, comment, overrideReason }], user);
  });
}

export async function deleteApplication(db: DB, id: string, expectedVersion?: number): Promise<boolean> {
  // The form's delete names the version it shows: an application changed since is not deleted unseen.
  if (expectedVersion !== undefined) await checkVersion(db, id, expectedVersion);
  const r = await db.deleteFrom('application').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Applications and adoptions per fiscal year: the built-in record plus every year in the database. */
export async function statsByYear(db: DB, adoptedStatuses: readonly string[]) {
  const builtIn = await db.selectFrom('track_record').selectAll().orderBy('fiscal_year').execute();
  const counted = await db
    .selectFrom('application')
    .select((eb) => [
      'fiscal_year',
      eb.fn.countAll<number>().as('applications'),
      eb.fn.sum<number>(eb.case().when('status', 'in', [...adoptedStatuses]).then(1).else(0).end()).as('adoptions'),
    ])
    .groupBy('fiscal_year')
    .execute();
  const out = new Map<number, { fiscalYear: number; applications: number; adoptions: number; builtIn: boolean }>();
  for (const r of builtIn) out.set(r.fiscal_year, { fiscalYear: r.fiscal_year, applications: r.applications, adoptions: r.adoptions, builtIn: true });
  for (const r of counted) {
    // The official record stands for its years; database rows for those years are not added twice.
    if (!out.has(r.fiscal_year)) {
      out.set(r.fiscal_year, { fiscalYear: r.fiscal_year, applications: Number(r.applications), adoptions: Number(r.adoptions ?? 0), builtIn: false });
    }
  }
  return [...out.values()].sort((a, b) => a.fiscalYear - b.fiscalYear);
}
