// Reviewers (審査委員), and declaring or removing their conflicts of interest (the matching and
// the paged list of conflicts are in conflicts.ts).
import { AppError } from '../shared/errors.ts';
import { normalizeName } from '../shared/text.ts';
import { findConflicts, type ConflictValue } from './conflicts.ts';
import { newId, nowIso } from './ids.ts';
import { InstitutionResolver } from './institutions.ts';
import type { DB } from './open.ts';
import { pageOf } from './paging.ts';
import type { ReviewerRow } from './schema.ts';
import { sql } from 'kysely';
import { containsText, sortKey } from './engine.ts';
import { assertVersion, bumped, stampOf } from './versioned.ts';

export interface ReviewerData {
  name: string;
  kind: 'committee' | 'external';
  institution: string | null;
  email: string | null;
  fields: string[];
  countries: string[];
  maxLoad: number | null;
  activeCalls: string[];
  active: boolean;
}

export function reviewerNotFound(id: string): never {
  throw new AppError('NOT_FOUND', { ja: '指定の審査委員が見つかりません。', en: 'Reviewer not found.' }, { id });
}

const parseList = (t: string): string[] => {
  try {
    const v = JSON.parse(t) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

function toReviewer(r: ReviewerRow & { institution_name: string | null }, load: number, outstanding: number) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as 'committee' | 'external',
    institution: r.institution_name,
    institutionId: r.institution_id,
    email: r.email,
    fields: parseList(r.fields_json),
    countries: parseList(r.countries_json),
    maxLoad: r.max_load,
    activeCalls: parseList(r.active_calls_json),
    active: r.active === 1,
    load,
    outstanding,
    ...stampOf(r),
  };
}
export type ReviewerValue = ReturnType<typeof toReviewer>;

export interface ReviewerFilter {
  fiscalYear?: number | undefined;
  ids?: readonly string[] | undefined;
  /** Words in the name, the institution's name or the e-mail address. */
  q?: string | undefined;
  active?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

function reviewersWhere(db: DB, f: ReviewerFilter) {
  let q = db.selectFrom('reviewer as r').leftJoin('institution as i', 'i.id', 'r.institution_id');
  if (f.ids) q = q.where('r.id', 'in', f.ids.length ? [...f.ids] : ['']);
  if (f.active !== undefined) q = q.where('r.active', '=', f.active ? 1 : 0);
  if (f.q && f.q.trim()) {
    const norm = normalizeName(f.q);
    q = q.where((eb) =>
      eb.or([containsText(db, 'r.normalized_name', norm), containsText(db, 'i.normalized_name', norm), containsText(db, sql<string>`lower(r.email)`, norm)]),
    );
  }
  return q;
}

/**
 * Reviewers by name (a page when `limit` is given); loads count their assignments in `fiscalYear`
 * (every year when absent) and are read for the returned reviewers only.
 */
export async function listReviewers(db: DB, opts: ReviewerFilter = {}): Promise<ReviewerValue[]> {
  let q = reviewersWhere(db, opts)
    .selectAll('r')
    .select('i.name_ja as institution_name')
    // Byte order on every server: auto-assign breaks ties by this order, so it must not follow
    // the server's locale.
    .orderBy(sortKey(db, 'r.normalized_name'))
    .orderBy('r.id');
  if (opts.limit !== undefined) q = q.limit(opts.limit).offset(opts.offset ?? 0);
  else if (opts.offset) q = q.limit(2147483647).offset(opts.offset);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const loads = new Map<string, { load: number; done: number }>();
  const ids = rows.map((r) => r.id);
  // In chunks that stay under the engines' parameter limits (every reviewer: auto-assign, sheets).
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const fy = opts.fiscalYear;
    // Every year: the assignments alone; one year: through the application's fiscal year.
    const lq =
      fy === undefined
        ? db.selectFrom('review_assignment as a').leftJoin('review as v', 'v.assignment_id', 'a.id')
        : db
            .selectFrom('review_assignment as a')
            .innerJoin('application as p', 'p.id', 'a.application_id')
            .leftJoin('review as v', 'v.assignment_id', 'a.id')
            .where('p.fiscal_year', '=', fy);
    const counted = lq
      .select((eb) => ['a.reviewer_id', eb.fn.countAll<number>().as('load'), eb.fn.count<number>('v.id').as('done')])
      .where('a.reviewer_id', 'in', chunk)
      .groupBy('a.reviewer_id');
    for (const l of await counted.execute()) loads.set(l.reviewer_id, { load: Number(l.load), done: Number(l.done) });
  }
  return rows.map((r) => {
    const l = loads.get(r.id) ?? { load: 0, done: 0 };
    return toReviewer(r, l.load, l.load - l.done);
  });
}

/** A page of reviewers and the COUNT of every one the filters match. */
export async function pageReviewers(db: DB, f: ReviewerFilter): Promise<{ items: ReviewerValue[]; total: number }> {
  return pageOf(
    f,
    () => listReviewers(db, f),
    async () => (await reviewersWhere(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
}

export async function getReviewer(db: DB, id: string): Promise<ReviewerValue> {
  const [r] = await listReviewers(db, { ids: [id] });
  return r ?? reviewerNotFound(id);
}

function columns(d: ReviewerData, institutionId: string | null, now: string) {
  return {
    name: d.name.trim(),
    normalized_name: normalizeName(d.name),
    kind: d.kind,
    institution_id: institutionId,
    email: d.email?.trim() || null,
    fields_json: JSON.stringify(d.fields),
    countries_json: JSON.stringify(d.countries),
    active_calls_json: JSON.stringify(d.activeCalls),
    max_load: d.maxLoad,
    active: d.active ? 1 : 0,
    updated_at: now,
  };
}

/**
 * Creates or updates reviewers in one transaction. With id null, a reviewer with the same
 * normalised name and institution is updated rather than duplicated (re-importing a list).
 */
export async function writeReviewers(
  db: DB,
  items: { id: string | null; data: ReviewerData; expectedVersion?: number | undefined }[],
  user: string,
  /** Rows written so far of all (an import's `write` phase), every few hundred rows. */
  onProgress?: (done: number, total: number) => void,
): Promise<{ added: number; updated: number; ids: string[] }> {
  return db.transaction().execute(async (trx) => {
    onProgress?.(0, items.length);
    const resolver = await InstitutionResolver.load(trx, user);
    const existing = new Map<string, string>();
    for (const r of await trx.selectFrom('reviewer').select(['id', 'normalized_name', 'institution_id']).execute()) {
      existing.set(`${r.normalized_name}\u0000${r.institution_id ?? ''}`, r.id);
    }
    const now = nowIso();
    let added = 0;
    let updated = 0;
    const ids: string[] = [];
    for (const { id, data, expectedVersion } of items) {
      const institutionId = data.institution ? await resolver.resolve(data.institution, null, 'university') : null;
      const key = `${normalizeName(data.name)}\u0000${institutionId ?? ''}`;
      const target = id ?? existing.get(key) ?? null;
      if (target) {
        if (id) await assertVersion(trx, { table: 'reviewer', key: { id }, expected: expectedVersion, what: { ja: `審査委員「${data.name}」`, en: `reviewer "${data.name}"` } });
        const r = await trx.updateTable('reviewer').set({ ...columns(data, institutionId, now), ...bumped(user) }).where('id', '=', target).executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) reviewerNotFound(target);
        updated++;
        ids.push(target);
      } else {
        const newRowId = newId();
        await trx.insertInto('reviewer').values({ id: newRowId, ...columns(data, institutionId, now), updated_by: user, created_at: now }).execute();
        existing.set(key, newRowId);
        added++;
        ids.push(newRowId);
      }
      if (ids.length % 500 === 0) onProgress?.(ids.length, items.length);
    }
    onProgress?.(items.length, items.length);
    return { added, updated, ids };
  });
}

export async function deleteReviewer(db: DB, id: string, expectedVersion?: number): Promise<boolean> {
  // A reviewer changed since the list showed it is not deleted on the strength of the old view.
  if (expectedVersion !== undefined) {
    const current = await db.selectFrom('reviewer').select('name').where('id', '=', id).executeTakeFirst();
    if (!current) return false;
    await assertVersion(db, { table: 'reviewer', key: { id }, expected: expectedVersion, what: { ja: `審査委員「${current.name}」`, en: `reviewer "${current.name}"` } });
  }
  const reviews = await db.selectFrom('review').select('id').where('reviewer_id', '=', id).limit(1).execute();
  if (reviews.length) {
    throw new AppError('CONFLICT', {
      ja: 'この審査委員には提出済みの審査があるため削除できません。「有効」を外して今後の割り当てから外してください。',
      en: 'This reviewer has submitted reviews and cannot be deleted. Mark them inactive instead.',
    });
  }
  const r = await db.deleteFrom('reviewer').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ---------------------------------------------------------------------------------------------
// Conflicts

export async function declareConflict(db: DB, reviewerId: string, applicationId: string, reason: string, user: string): Promise<ConflictValue> {
  await getReviewer(db, reviewerId);
  const app = await db.selectFrom('application').select('id').where('id', '=', applicationId).executeTakeFirst();
  if (!app) throw new AppError('NOT_FOUND', { ja: '指定の応募が見つかりません。', en: 'Application not found.' }, { applicationId });
  const now = nowIso();
  await db
    .insertInto('reviewer_conflict')
    .values({ id: newId(), reviewer_id: reviewerId, application_id: applicationId, reason, declared_by: user, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['reviewer_id', 'application_id']).doUpdateSet({ reason, declared_by: user, updated_at: now }))
    .execute();
  const found = await findConflicts(db, { applicationIds: [applicationId], reviewerIds: [reviewerId] });
  return found.find((c) => c.kind === 'declared')!;
}

export async function removeConflict(db: DB, id: string): Promise<boolean> {
  if (id.startsWith('auto:')) {
    throw new AppError('CONFLICT', {
      ja: '所属機関による利益相反は自動判定のため取り消せません。所属機関を見直してください。',
      en: 'A conflict from the reviewer’s institution is automatic and cannot be removed. Check the reviewer’s institution instead.',
    });
  }
  const r = await db.deleteFrom('reviewer_conflict').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
