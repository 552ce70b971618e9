// Reviewers (審査委員) and their conflicts of interest. A conflict is automatic when the reviewer's
// institution is the application's host or one of its sending institutions, compared after name
// normalisation (Japanese and English names), or declared by staff with a reason.
import { AppError } from '../shared/errors.ts';
import { normalizeName } from '../shared/text.ts';
import { institutionNames } from './institution-aliases.ts';
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

export interface ConflictValue {
  id: string;
  reviewerId: string;
  reviewerName: string;
  applicationId: string;
  applicationNo: string;
  kind: 'host' | 'sending' | 'applicant' | 'declared';
  /** Why, in Japanese then English: which names matched, or the reason staff declared. */
  reason: string;
}

/** A person's name for comparison: 山田 太郎, 山田太郎 and ＹＡＭＡＤＡ Taro's spacing all meet. */
export function personKey(name: string): string {
  return normalizeName(name).replace(/\s+/gu, '');
}

/**
 * Conflicts for the given applications (all when absent) and reviewers (all when absent), both
 * automatic and declared. Automatic: the reviewer's institution is the host or any sending
 * institution (compared by every name and alias through institutionKey), or the reviewer is the
 * applicant. The same reviewer and application may appear under several kinds.
 */
export async function findConflicts(db: DB, opts: { applicationIds?: string[]; reviewerIds?: string[] } = {}): Promise<ConflictValue[]> {
  const names = await institutionNames(db);
  const inst = new Map(names.map((n) => [n.id, n]));
  // Ordered inputs give the same list in the same order on every engine.
  let rq = db.selectFrom('reviewer').select(['id', 'name', 'institution_id']).orderBy('id');
  if (opts.reviewerIds) rq = rq.where('id', 'in', opts.reviewerIds.length ? opts.reviewerIds : ['']);
  const reviewers = await rq.execute();
  let aq = db.selectFrom('application').select(['id', 'application_no', 'host_institution_id', 'applicant']).orderBy('id');
  if (opts.applicationIds) aq = aq.where('id', 'in', opts.applicationIds.length ? opts.applicationIds : ['']);
  const apps = await aq.execute();
  const appIds = new Set(apps.map((a) => a.id));
  const sending = new Map<string, string[]>();
  // Sending institutions of the applications asked about only (not every year's, for one application).
  let sq = db.selectFrom('application_sending').select(['application_id', 'institution_id']).orderBy('application_id').orderBy('position');
  if (opts.applicationIds) sq = sq.where('application_id', 'in', opts.applicationIds.length ? opts.applicationIds : ['']);
  for (const s of await sq.execute()) {
    if (!appIds.has(s.application_id)) continue;
    (sending.get(s.application_id) ?? sending.set(s.application_id, []).get(s.application_id)!).push(s.institution_id);
  }
  // Index applications by every institution key so each reviewer costs one lookup per key.
  type Hit = { app: (typeof apps)[number]; kind: 'host' | 'sending'; institutionId: string };
  const byKey = new Map<string, Hit[]>();
  const add = (key: string, hit: Hit) => (byKey.get(key) ?? byKey.set(key, []).get(key)!).push(hit);
  const byApplicant = new Map<string, (typeof apps)[number][]>();
  for (const a of apps) {
    for (const k of inst.get(a.host_institution_id)?.keys ?? []) add(k, { app: a, kind: 'host', institutionId: a.host_institution_id });
    for (const sid of new Set(sending.get(a.id) ?? [])) for (const k of inst.get(sid)?.keys ?? []) add(k, { app: a, kind: 'sending', institutionId: sid });
    const pk = personKey(a.applicant);
    if (pk) (byApplicant.get(pk) ?? byApplicant.set(pk, []).get(pk)!).push(a);
  }
  const out: ConflictValue[] = [];
  for (const r of reviewers) {
    for (const app of byApplicant.get(personKey(r.name)) ?? []) {
      out.push({
        id: `auto:applicant:${r.id}:${app.id}`,
        reviewerId: r.id,
        reviewerName: r.name,
        applicationId: app.id,
        applicationNo: app.application_no,
        kind: 'applicant',
        reason: `審査委員「${r.name}」が申請者「${app.applicant}」本人です / the reviewer is the applicant (${app.applicant})`,
      });
    }
    if (!r.institution_id) continue;
    const mine = inst.get(r.institution_id);
    const seen = new Set<string>();
    for (const k of mine?.keys ?? []) {
      for (const { app, kind, institutionId } of byKey.get(k) ?? []) {
        const key = `${app.id}:${kind}:${institutionId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const theirs = inst.get(institutionId)?.nameJa ?? '';
        const ownName = mine?.nameJa ?? '';
        const same = theirs === ownName ? `「${ownName}」` : `「${ownName}」（＝「${theirs}」）`;
        out.push({
          id: `auto:${kind}:${r.id}:${app.id}:${institutionId}`,
          reviewerId: r.id,
          reviewerName: r.name,
          applicationId: app.id,
          applicationNo: app.application_no,
          kind,
          reason:
            kind === 'host'
              ? `所属機関${same}が申請機関です / the reviewer's institution ${ownName} is the host institution ${theirs}`
              : `所属機関${same}が送出し機関です / the reviewer's institution ${ownName} is the sending institution ${theirs}`,
        });
      }
    }
  }
  let dq = db
    .selectFrom('reviewer_conflict as c')
    .innerJoin('reviewer as r', 'r.id', 'c.reviewer_id')
    .innerJoin('application as a', 'a.id', 'c.application_id')
    .select(['c.id', 'c.reviewer_id', 'r.name', 'c.application_id', 'a.application_no', 'c.reason'])
    .orderBy(sortKey(db, 'a.application_no'))
    .orderBy('c.id');
  if (opts.applicationIds) dq = dq.where('c.application_id', 'in', opts.applicationIds.length ? opts.applicationIds : ['']);
  if (opts.reviewerIds) dq = dq.where('c.reviewer_id', 'in', opts.reviewerIds.length ? opts.reviewerIds : ['']);
  for (const c of await dq.execute()) {
    out.push({
      id: c.id,
      reviewerId: c.reviewer_id,
      reviewerName: c.name,
      applicationId: c.application_id,
      applicationNo: c.application_no,
      kind: 'declared',
      reason: c.reason,
    });
  }
  return out;
}

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
