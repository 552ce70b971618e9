// The institutions dictionary a page at a time: filters and sort in SQL, program counts read for the
// page's rows only, `total` from a COUNT. The list screen and every picker go through this.
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { InstitutionSort } from '../shared/api/reference.ts';
import { INSTITUTION_KINDS, type InstitutionKind } from '../shared/domain.ts';
import { normalizeName } from '../shared/text.ts';
import { containsText, sortKey } from './engine.ts';
import { institutionIdsMatching } from './institution-aliases.ts';
import type { DB } from './open.ts';
import { pageOf } from './paging.ts';
// A cycle (institutions.ts gets one row through here), harmless: both sides only call at run time.
import { toInstitution, type InstitutionValue } from './institutions.ts';
import type { Database, InstitutionRow } from './schema.ts';

export interface InstitutionPageFilter {
  q?: string | undefined;
  kind?: InstitutionKind | undefined;
  country?: string | undefined;
  ids?: readonly string[] | undefined;
  sort?: InstitutionSort | undefined;
  dir?: 'asc' | 'desc' | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export type InstitutionItem = InstitutionValue;

type From = Database & { i: Database['institution'] };
type Q = SelectQueryBuilder<From, 'i', object>;

/** The filters as one WHERE; a search that matches no name gives [''] (matches nothing). */
async function filtered(db: DB, f: InstitutionPageFilter): Promise<Q> {
  let q: Q = db.selectFrom('institution as i');
  if (f.q && f.q.trim()) {
    const norm = normalizeName(f.q);
    // Aliases and legal-form variants (国立大学法人…) are matched by the one name normaliser.
    const ids = await institutionIdsMatching(db, f.q);
    q = q.where((eb) =>
      eb.or([containsText(db, 'i.normalized_name', norm), containsText(db, sql<string>`lower(i.name_en)`, norm), eb('i.id', 'in', ids.length ? ids : [''])]),
    );
  }
  if (f.kind) q = q.where('i.kind', '=', f.kind);
  if (f.country) q = q.where('i.country', '=', f.country);
  if (f.ids) q = q.where('i.id', 'in', f.ids.length ? [...f.ids] : ['']);
  return q;
}

const hosted = (eb: ExpressionBuilder<From, 'i'>) =>
  eb.selectFrom('application as a').select(eb.fn.countAll<number>().as('n')).whereRef('a.host_institution_id', '=', 'i.id');
const sent = (eb: ExpressionBuilder<From, 'i'>) =>
  eb.selectFrom('application_sending as s').select(eb.fn.countAll<number>().as('n')).whereRef('s.institution_id', '=', 'i.id');

/** Program counts of the given institutions: two grouped reads through the foreign-key indexes. */
async function countsOf(db: DB, ids: string[]): Promise<{ hosted: Map<string, number>; sent: Map<string, number> }> {
  const h = new Map<string, number>();
  const s = new Map<string, number>();
  if (ids.length === 0) return { hosted: h, sent: s };
  for (const r of await db
    .selectFrom('application')
    .select((eb) => ['host_institution_id', eb.fn.countAll<number>().as('n')])
    .where('host_institution_id', 'in', ids)
    .groupBy('host_institution_id')
    .execute()) {
    h.set(r.host_institution_id, Number(r.n));
  }
  for (const r of await db
    .selectFrom('application_sending')
    .select((eb) => ['institution_id', eb.fn.countAll<number>().as('n')])
    .where('institution_id', 'in', ids)
    .groupBy('institution_id')
    .execute()) {
    s.set(r.institution_id, Number(r.n));
  }
  return { hosted: h, sent: s };
}

// The kinds in the order the app lists them (university first), as literals: a constant expression.
const KIND_ORDER = sql<number>`case ${sql.ref('i.kind')} ${sql.join(
  INSTITUTION_KINDS.map((k, n) => sql`when ${sql.lit(k)} then ${sql.lit(n)}`),
  sql` `,
)} else ${sql.lit(INSTITUTION_KINDS.length)} end`;

/** A page of institutions and the COUNT of every one the filters match. */
export async function pageInstitutions(db: DB, f: InstitutionPageFilter): Promise<{ items: InstitutionItem[]; total: number }> {
  const base = await filtered(db, f);
  const dir = f.dir === 'desc' ? 'desc' : 'asc';
  let q = base.selectAll('i');
  switch (f.sort) {
    case 'hosted':
      q = q.orderBy(hosted, dir);
      break;
    case 'sent':
      q = q.orderBy(sent, dir);
      break;
    case 'country':
      // '' for "no country", so it sorts first on both engines (their NULL orders differ).
      q = q.orderBy(sql`coalesce(i.country, '')`, dir);
      break;
    case 'kind':
      q = q.orderBy(KIND_ORDER, dir);
      break;
    case 'name':
      q = q.orderBy(sortKey(db, 'i.normalized_name'), dir);
      break;
    default:
      break;
  }
  // Ties (and the default) by name then id: pages never overlap or skip a row.
  q = q.orderBy(sortKey(db, 'i.normalized_name')).orderBy('i.id');
  if (f.limit !== undefined) q = q.limit(f.limit).offset(f.offset ?? 0);
  else if (f.offset) q = q.limit(2147483647).offset(f.offset);
  const list = async (): Promise<InstitutionItem[]> => {
    const rows = (await q.execute()) as InstitutionRow[];
    const counts = await countsOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toInstitution({ ...r, hosted: counts.hosted.get(r.id) ?? 0, sent: counts.sent.get(r.id) ?? 0 }));
  };
  return pageOf(f, list, async () => (await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}
