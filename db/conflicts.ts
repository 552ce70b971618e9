// Conflicts of interest (利益相反), a page at a time. A conflict is automatic when the reviewer's
// institution is the application's host or one of its sending institutions, or the reviewer is the
// applicant; or declared by staff with a reason.
//
// Institutions are compared by institutionKey over every name and alias (国立大学法人東京大学 is
// 東京大学; an alias makes "VNU University of Science" the Hanoi entry), which is JS, not SQL. So
// the keys are matched here over the dictionary and the reviewers (a few thousand rows, never the
// applications), giving pairs (reviewer, institution) that conflict; SQL then finds the applications
// of the asked scope (a year, one application, a list) that meet those pairs, pages them in its own
// order and COUNTs them. No application outside the scope is read.
import { sql, type RawBuilder } from 'kysely';
import { normalizeName } from '../shared/text.ts';
import { sortKey } from './engine.ts';
import { institutionNames } from './institution-aliases.ts';
import type { DB } from './open.ts';

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

export interface ConflictFilter {
  /** Only these applications (an empty list: none). */
  applicationIds?: readonly string[] | undefined;
  /** Only these reviewers (an empty list: none). */
  reviewerIds?: readonly string[] | undefined;
  fiscalYear?: number | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** A person's name for comparison: 山田 太郎, 山田太郎 and ＹＡＭＡＤＡ Taro's spacing all meet. */
export function personKey(name: string): string {
  return normalizeName(name).replace(/\s+/gu, '');
}

const KIND_ORDER = { applicant: 0, host: 1, sending: 2, declared: 3 } as const;

interface Hit {
  kind: 'host' | 'sending' | 'applicant' | 'declared';
  rid: string;
  aid: string;
  iid: string;
  cid: string;
}

function inList(values: readonly string[]): RawBuilder<unknown> {
  return sql.join(values.length ? values.map((v) => sql`${v}`) : [sql`''`]);
}

/**
 * Conflicts matching `f`, by 受付番号, then reviewer, then kind (applicant, host, sending,
 * declared), and `total`, a COUNT of them. The same reviewer and application may appear under
 * several kinds.
 */
export async function pageConflicts(db: DB, f: ConflictFilter): Promise<{ items: ConflictValue[]; total: number }> {
  const names = await institutionNames(db);
  const inst = new Map(names.map((n) => [n.id, n]));
  const byKey = new Map<string, string[]>();
  for (const n of names) for (const k of n.keys) (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(n.id);
  let rq = db.selectFrom('reviewer').select(['id', 'name', 'institution_id']).orderBy('id');
  if (f.reviewerIds) rq = rq.where('id', 'in', f.reviewerIds.length ? [...f.reviewerIds] : ['']);
  const reviewers = await rq.execute();
  const reviewerById = new Map(reviewers.map((r) => [r.id, r]));

  // (reviewer, institution) pairs that conflict: every institution sharing a key with the reviewer's.
  const pairs: [string, string][] = [];
  for (const r of reviewers) {
    if (!r.institution_id) continue;
    const theirs = new Set<string>();
    for (const k of inst.get(r.institution_id)?.keys ?? []) for (const id of byKey.get(k) ?? []) theirs.add(id);
    for (const id of theirs) pairs.push([r.id, id]);
  }

  // Applications of the scope, as a condition on `a`.
  const scope: RawBuilder<unknown>[] = [];
  if (f.fiscalYear !== undefined) scope.push(sql`a.fiscal_year = ${f.fiscalYear}`);
  if (f.applicationIds) scope.push(sql`a.id in (${inList(f.applicationIds)})`);
  const where = scope.length ? sql.join(scope, sql` and `) : sql`1 = 1`;

  // The applicant: names compare through personKey (JS), so the scope's applicants are read (an
  // index range for a year or a list; nothing when no reviewer has a name to compare).
  const people = new Map<string, string[]>();
  for (const r of reviewers) {
    const pk = personKey(r.name);
    if (pk) (people.get(pk) ?? people.set(pk, []).get(pk)!).push(r.id);
  }
  const selfPairs: [string, string][] = [];
  if (people.size) {
    let aq = db.selectFrom('application as a').select(['a.id', 'a.applicant']);
    if (f.fiscalYear !== undefined) aq = aq.where('a.fiscal_year', '=', f.fiscalYear);
    if (f.applicationIds) aq = aq.where('a.id', 'in', f.applicationIds.length ? [...f.applicationIds] : ['']);
    for (const a of await aq.execute()) for (const rid of people.get(personKey(a.applicant)) ?? []) selfPairs.push([rid, a.id]);
  }

  const values = (rows: [string, string][]) => sql.join(rows.map(([x, y]) => sql`(${x}, ${y})`));
  const ctes: RawBuilder<unknown>[] = [];
  const branches: RawBuilder<unknown>[] = [];
  // A year or a list: its applications (an index range, or keys) and their sending institutions
  // are materialised first, and each pair looks up the institution in them (SQLite builds an index
  // on each; a nested scan of the pairs per application cost ~150 ms a year). Every year instead
  // drives from the pairs through the institution indexes.
  const scoped = scope.length > 0;
  if (pairs.length) {
    ctes.push(sql`m(rid, iid) as (values ${values(pairs)})`);
    if (scoped) {
      ctes.push(
        sql`ya as materialized (select a.id as aid, a.host_institution_id as hid from "application" as "a" where ${where})`,
        sql`ys as materialized (select distinct s.application_id as aid, s.institution_id as sid from "application" as "a" cross join "application_sending" as "s" where s.application_id = a.id and ${where})`,
      );
      branches.push(
        sql`select 'host' as kind, m.rid as rid, ya.aid as aid, ya.hid as iid, '' as cid from m cross join ya where ya.hid = m.iid`,
        sql`select 'sending' as kind, m.rid as rid, ys.aid as aid, ys.sid as iid, '' as cid from m cross join ys where ys.sid = m.iid`,
      );
    } else {
      branches.push(
        sql`select 'host' as kind, m.rid as rid, a.id as aid, a.host_institution_id as iid, '' as cid from m cross join "application" as "a" where a.host_institution_id = m.iid`,
        sql`select distinct 'sending' as kind, m.rid as rid, s.application_id as aid, s.institution_id as iid, '' as cid from m cross join "application_sending" as "s" where s.institution_id = m.iid`,
      );
    }
  }
  if (selfPairs.length) {
    ctes.push(sql`p(rid, aid) as (values ${values(selfPairs)})`);
    branches.push(sql`select 'applicant' as kind, p.rid as rid, p.aid as aid, '' as iid, '' as cid from p`);
  }
  const declaredBy = f.reviewerIds ? sql` and c.reviewer_id in (${inList(f.reviewerIds)})` : sql``;
  branches.push(
    sql`select 'declared' as kind, c.reviewer_id as rid, c.application_id as aid, '' as iid, c.id as cid from "reviewer_conflict" as "c" inner join "application" as "a" on a.id = c.application_id where ${where}${declaredBy}`,
  );
  const withs = sql`with ${sql.join([...ctes, sql`h as (${sql.join(branches, sql` union all `)})`])}`;
  const kindOrder = sql.raw(`case h.kind ${Object.entries(KIND_ORDER).map(([k, n]) => `when '${k}' then ${n}`).join(' ')} end`);
  const window = f.limit !== undefined ? sql` limit ${f.limit} offset ${f.offset ?? 0}` : f.offset ? sql` limit 2147483647 offset ${f.offset}` : sql``;

  const count = async () => (await sql<{ n: number | string }>`${withs} select count(*) as n from h`.execute(db)).rows[0]!.n;
  // The page carries the COUNT of every match as a window over the same rows: one evaluation of
  // the matching, not two. Only a page past the end (no row to carry it) counts separately.
  const rows = (
    await sql<Hit & { reviewer_name: string; application_no: string; applicant: string; reason: string | null; total: number | string }>`${withs}
        select h.kind, h.rid, h.aid, h.iid, h.cid, r.name as reviewer_name, a.application_no, a.applicant, c.reason, count(*) over () as total
        from h inner join "reviewer" as "r" on r.id = h.rid inner join "application" as "a" on a.id = h.aid left join "reviewer_conflict" as "c" on c.id = h.cid
        order by ${sortKey(db, 'a.application_no')}, a.id, ${sortKey(db, 'r.name')}, r.id, ${kindOrder}, h.iid, h.cid${window}`.execute(db)
  ).rows;
  const items = rows.map((h) => toConflict(h, reviewerById.get(h.rid)?.institution_id ?? null, inst));
  return { items, total: rows.length ? Number(rows[0]!.total) : (f.offset ?? 0) === 0 ? 0 : Number(await count()) };
}

function toConflict(
  h: Hit & { reviewer_name: string; application_no: string; applicant: string; reason: string | null },
  reviewerInstitution: string | null,
  inst: Map<string, { nameJa: string }>,
): ConflictValue {
  const base = { reviewerId: h.rid, reviewerName: h.reviewer_name, applicationId: h.aid, applicationNo: h.application_no };
  if (h.kind === 'declared') return { id: h.cid, ...base, kind: 'declared', reason: h.reason ?? '' };
  if (h.kind === 'applicant') {
    return {
      id: `auto:applicant:${h.rid}:${h.aid}`,
      ...base,
      kind: 'applicant',
      reason: `審査委員「${h.reviewer_name}」が申請者「${h.applicant}」本人です / the reviewer is the applicant (${h.applicant})`,
    };
  }
  const theirs = inst.get(h.iid)?.nameJa ?? '';
  const ownName = (reviewerInstitution && inst.get(reviewerInstitution)?.nameJa) || '';
  const same = theirs === ownName ? `「${ownName}」` : `「${ownName}」（＝「${theirs}」）`;
  return {
    id: `auto:${h.kind}:${h.rid}:${h.aid}:${h.iid}`,
    ...base,
    kind: h.kind,
    reason:
      h.kind === 'host'
        ? `所属機関${same}が申請機関です / the reviewer's institution ${ownName} is the host institution ${theirs}`
        : `所属機関${same}が送出し機関です / the reviewer's institution ${ownName} is the sending institution ${theirs}`,
  };
}

/** Every conflict matching `f` (assignment checks, automatic assignment): the same rules, unpaged. */
export async function findConflicts(db: DB, f: Omit<ConflictFilter, 'limit' | 'offset'> = {}): Promise<ConflictValue[]> {
  return (await pageConflicts(db, f)).items;
}
