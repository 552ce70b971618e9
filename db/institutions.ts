import { sql } from 'kysely';
import { AppError } from '../shared/errors.ts';
import { institutionKey } from '../shared/institution-name.ts';
import { normalizeName } from '../shared/text.ts';
import { addAliases, institutionNames, type AliasKind } from './institution-aliases.ts';
import type { InstitutionKind } from '../shared/domain.ts';
import { newId, nowIso } from './ids.ts';
import type { DB } from './open.ts';
import type { InstitutionRow } from './schema.ts';
import { sortKey } from './engine.ts';
import { assertVersion, bumped, stampOf } from './versioned.ts';
import { pageInstitutions } from './institutions-page.ts';
import { pageOf } from './paging.ts';
import { refreshProgramChecks } from './program-checks.ts';
import type { PageInput } from '../shared/api/page.ts';

export interface InstitutionData {
  nameJa: string;
  nameEn: string | null;
  country: string | null;
  kind: InstitutionKind;
}

export function toInstitution(r: InstitutionRow & { hosted?: number | null; sent?: number | null }) {
  return {
    id: r.id,
    nameJa: r.name_ja,
    nameEn: r.name_en,
    country: r.country,
    kind: r.kind as InstitutionKind,
    normalizedName: r.normalized_name,
    hostedCount: Number(r.hosted ?? 0),
    sentCount: Number(r.sent ?? 0),
    ...stampOf(r),
  };
}
export type InstitutionValue = ReturnType<typeof toInstitution>;

export async function getInstitution(db: DB, id: string): Promise<InstitutionValue> {
  const all = await db.selectFrom('institution').selectAll().where('id', '=', id).executeTakeFirst();
  if (!all) {
    throw new AppError('NOT_FOUND', { ja: '指定の機関が見つかりません。', en: 'Institution not found.' }, { id });
  }
  // One row with its counts, not the whole dictionary.
  return (await pageInstitutions(db, { ids: [id] })).items[0] ?? toInstitution(all);
}

/**
 * A cache of institutions by normalised name, so an import of thousands of rows resolves names
 * without a query per row. Creates what is missing; fills a missing country when one is learned.
 */
export class InstitutionResolver {
  private byName = new Map<string, { id: string; country: string | null }>();
  /** The normalised key per name as written: an import names the same few institutions 100,000 times. */
  private keys = new Map<string, string>();
  /** What this resolver created or changed, when an import journals it (db/import-batch.ts). */
  changes: { id: string; action: 'added' | 'updated'; before: unknown }[] | null = null;
  private constructor(
    private db: DB,
    private readonly user: string,
  ) {}

  /**
   * The same cache on the next transaction of an import written in chunks, with the institutions
   * others created or renamed since `since` (a name staff just added is found, not duplicated).
   */
  async rebind(db: DB, since: string | null): Promise<void> {
    this.db = db;
    if (since === null) return;
    for (const r of await db.selectFrom('institution').select(['id', 'name_ja', 'name_en', 'country']).where('updated_at', '>=', since).execute()) {
      for (const n of [r.name_ja, r.name_en]) {
        if (!n || !n.trim()) continue;
        const k = institutionKey(n);
        if (!this.byName.has(k)) this.byName.set(k, { id: r.id, country: r.country });
      }
    }
  }

  /** `user` is named as the editor when a learned country changes an institution. */
  static async load(db: DB, user: string): Promise<InstitutionResolver> {
    const r = new InstitutionResolver(db, user);
    // Every name and alias, through the one normaliser: 国立大学法人東京大学 finds 東京大学.
    for (const row of await institutionNames(db)) {
      for (const k of row.keys) if (!r.byName.has(k)) r.byName.set(k, { id: row.id, country: row.country });
    }
    return r;
  }

  async resolve(name: string, country: string | null, kind: InstitutionKind = 'other'): Promise<string> {
    let key = this.keys.get(name);
    if (key === undefined) {
      key = institutionKey(name);
      if (this.keys.size < 100_000) this.keys.set(name, key);
    }
    const hit = this.byName.get(key);
    const now = nowIso();
    if (hit) {
      if (hit.country === null && country !== null) {
        // An edit like any other: an institution form open on it must not overwrite the country.
        if (this.changes) {
          const before = await this.db.selectFrom('institution').select(['country', 'row_version', 'updated_by', 'updated_at']).where('id', '=', hit.id).executeTakeFirst();
          this.changes.push({ id: hit.id, action: 'updated', before: before ?? null });
        }
        await this.db.updateTable('institution').set({ country, updated_at: now, ...bumped(this.user) }).where('id', '=', hit.id).execute();
        hit.country = country;
      }
      return hit.id;
    }
    const id = newId();
    await this.db
      .insertInto('institution')
      .values({ id, name_ja: name.trim(), name_en: null, normalized_name: normalizeName(name), country, kind, created_at: now, updated_at: now })
      .execute();
    this.byName.set(key, { id, country });
    this.changes?.push({ id, action: 'added', before: null });
    return id;
  }
}

export async function saveInstitution(db: DB, id: string | null, d: InstitutionData, user: string, expectedVersion?: number): Promise<InstitutionValue> {
  const now = nowIso();
  const values = {
    name_ja: d.nameJa.trim(),
    name_en: d.nameEn?.trim() || null,
    normalized_name: normalizeName(d.nameJa),
    country: d.country,
    kind: d.kind,
    updated_at: now,
  };
  if (id === null) {
    const newRowId = newId();
    await db.insertInto('institution').values({ id: newRowId, ...values, updated_by: user, created_at: now }).execute();
    return getInstitution(db, newRowId);
  }
  if (expectedVersion !== undefined) {
    // Named as staff last saw it stored, not as this form renamed it.
    const name = (await db.selectFrom('institution').select('name_ja').where('id', '=', id).executeTakeFirst())?.name_ja ?? d.nameJa;
    await assertVersion(db, { table: 'institution', key: { id }, expected: expectedVersion, what: { ja: `機関「${name}」`, en: `institution "${name}"` } });
  }
  const r = await db.updateTable('institution').set({ ...values, ...bumped(user) }).where('id', '=', id).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    throw new AppError('NOT_FOUND', { ja: '指定の機関が見つかりません。', en: 'Institution not found.' }, { id });
  }
  return getInstitution(db, id);
}

/** Groups of institutions that are the same after name normalisation (Japanese or English name). */
/** Groups of institutions that are the same after name normalisation (any name or alias). */
/**
 * Groups of institutions sharing a key (a name or alias after institutionKey), each as member ids,
 * in the dictionary's name order (a group where its first member stands). Reads the institution
 * and alias tables only (a few thousand rows): no application or program count.
 */
export async function duplicateGroupIds(db: DB): Promise<string[][]> {
  const order = await db.selectFrom('institution as i').select('i.id').orderBy(sortKey(db, 'i.normalized_name')).orderBy('i.id').execute();
  const names = new Map((await institutionNames(db)).map((n) => [n.id, n.keys]));
  const keyToGroup = new Map<string, Set<string>>();
  const groupOf = new Map<string, Set<string>>();
  for (const { id } of order) {
    const keys = names.get(id) ?? [];
    let group: Set<string> | undefined;
    for (const k of keys) group ??= keyToGroup.get(k);
    group ??= new Set();
    group.add(id);
    groupOf.set(id, group);
    for (const k of keys) {
      const other = keyToGroup.get(k);
      if (other && other !== group) for (const o of other) { group.add(o); groupOf.set(o, group); }
      keyToGroup.set(k, group);
    }
  }
  const seen = new Set<Set<string>>();
  const out: string[][] = [];
  for (const g of groupOf.values()) {
    if (g.size < 2 || seen.has(g)) continue;
    seen.add(g);
    out.push([...g]);
  }
  return out;
}

/**
 * A page of duplicate groups (members by Japanese name) and `total`, the number of groups. The
 * matching is institutionKey's, in JS (legal-entity forms, aliases), over the dictionary only;
 * the program counts are read for the page's members alone.
 */
export async function pageDuplicates(db: DB, p: PageInput & { institutionId?: string | undefined }): Promise<{ items: InstitutionValue[][]; total: number }> {
  const all = await duplicateGroupIds(db);
  const groups = p.institutionId === undefined ? all : all.filter((g) => g.includes(p.institutionId!));
  const offset = p.offset ?? 0;
  const shown = groups.slice(offset, p.limit === undefined ? undefined : offset + p.limit);
  const ids = shown.flat();
  const byId = new Map<string, InstitutionValue>();
  // pageInstitutions takes at most 1000 ids a call (its contract's bound); a page of groups may hold more.
  for (let i = 0; i < ids.length; i += 1000) {
    for (const inst of (await pageInstitutions(db, { ids: ids.slice(i, i + 1000) })).items) byId.set(inst.id, inst);
  }
  const items = shown.map((g) =>
    g
      .map((id) => byId.get(id))
      .filter((x): x is InstitutionValue => x !== undefined)
      .sort((a, b) => a.nameJa.localeCompare(b.nameJa, 'ja')),
  );
  return { items, total: groups.length };
}

/**
 * Points every reference at `keepId`, then removes the merged entries. Their names (and aliases)
 * stay as aliases of the kept institution, so imports and conflict checks still recognise them.
 * One transaction.
 */
export async function mergeInstitutions(db: DB, keepId: string, mergeIds: string[], user: string): Promise<InstitutionValue> {
  const others = mergeIds.filter((id) => id !== keepId);
  await getInstitution(db, keepId);
  await db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('institution').select(['id', 'name_ja', 'name_en']).where('id', 'in', others).execute();
    if (found.length !== others.length) {
      throw new AppError('NOT_FOUND', { ja: '統合する機関の一部が見つかりません。', en: 'Some institutions to merge were not found.' });
    }
    const oldAliases = await trx.selectFrom('institution_alias').select(['name', 'kind']).where('institution_id', 'in', others).execute();
    const now = nowIso();
    // The applications whose version moves below: their stored program checks (0012) follow.
    const moved = await trx
      .selectFrom('application')
      .select('id')
      .where((eb) => eb.or([eb('host_institution_id', 'in', others), eb('id', 'in', trx.selectFrom('application_sending').select('application_id').where('institution_id', 'in', others))]))
      .execute();
    // Every record whose form shows a merged name moves on a version: a stale form must not put it back.
    await trx.updateTable('institution').set({ updated_at: now, ...bumped(user) }).where('id', '=', keepId).execute();
    await trx.updateTable('application').set({ host_institution_id: keepId, updated_at: now, ...bumped(user) }).where('host_institution_id', 'in', others).execute();
    await trx
      .updateTable('application')
      .set({ updated_at: now, ...bumped(user) })
      .where('id', 'in', trx.selectFrom('application_sending').select('application_id').where('institution_id', 'in', others))
      .execute();
    await trx.updateTable('application_sending').set({ institution_id: keepId }).where('institution_id', 'in', others).execute();
    // Reviewers' affiliations too: conflict-of-interest checks compare institutions.
    await trx.updateTable('reviewer').set({ institution_id: keepId, updated_at: now, ...bumped(user) }).where('institution_id', 'in', others).execute();
    await trx.deleteFrom('institution').where('id', 'in', others).execute();
    await refreshProgramChecks(
      trx,
      moved.map((r) => r.id),
    );
    await addAliases(trx, keepId, [
      ...found.map((f) => ({ name: f.name_ja, kind: 'merged' as const })),
      ...found.filter((f) => f.name_en).map((f) => ({ name: f.name_en!, kind: 'en' as const })),
      ...oldAliases.map((a) => ({ name: a.name, kind: a.kind as AliasKind })),
    ]);
  });
  return getInstitution(db, keepId);
}

/**
 * An institution's programs over the years, as host or sender, newest year first (a page when
 * `limit` is given), through the two foreign-key indexes: one query and its COUNT.
 */
export async function institutionPrograms(db: DB, id: string, p: { limit?: number | undefined; offset?: number | undefined } = {}) {
  await getInstitution(db, id);
  const hosted = db
    .selectFrom('application as a')
    .select(['a.id', 'a.fiscal_year', 'a.application_no', 'a.title', 'a.status', sql<'host' | 'sending'>`${sql.lit('host')}`.as('role')])
    .where('a.host_institution_id', '=', id);
  const sent = db
    .selectFrom('application_sending as s')
    .innerJoin('application as a', 'a.id', 's.application_id')
    .select(['a.id', 'a.fiscal_year', 'a.application_no', 'a.title', 'a.status', sql<'host' | 'sending'>`${sql.lit('sending')}`.as('role')])
    .where('s.institution_id', '=', id);
  const both = () => db.selectFrom(hosted.unionAll(sent).as('p'));
  let q = both().selectAll().orderBy('p.fiscal_year', 'desc').orderBy(sortKey(db, 'p.application_no')).orderBy('p.role').orderBy('p.id');
  if (p.limit !== undefined) q = q.limit(p.limit).offset(p.offset ?? 0);
  else if (p.offset) q = q.limit(2147483647).offset(p.offset);
  const list = async () =>
    (await q.execute()).map((r) => ({ applicationId: r.id, fiscalYear: r.fiscal_year, applicationNo: r.application_no, title: r.title, role: r.role, status: r.status }));
  return pageOf(p, list, async () => (await both().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}
