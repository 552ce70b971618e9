// Other names of institutions (Japanese, English, abbreviations, names of merged entries) and the
// key index every comparison of institutions uses: an institution is known by its names and
// aliases, each through shared/institution-name.ts.
import { AppError } from '../shared/errors.ts';
import { institutionKey } from '../shared/institution-name.ts';
import { newId, nowIso } from './ids.ts';
import type { DB } from './open.ts';
import type { PageInput } from '../shared/api/page.ts';
import { limited, pageOf } from './paging.ts';

export type AliasKind = 'ja' | 'en' | 'abbr' | 'merged';

export interface AliasValue {
  id: string;
  institutionId: string;
  name: string;
  kind: AliasKind;
}

export async function listAliases(db: DB, institutionId?: string, p: PageInput = {}): Promise<AliasValue[]> {
  let q = db.selectFrom('institution_alias').selectAll().orderBy('institution_id').orderBy('name').orderBy('id');
  if (institutionId !== undefined) q = q.where('institution_id', '=', institutionId);
  return (await limited(q, p).execute()).map((r) => ({ id: r.id, institutionId: r.institution_id, name: r.name, kind: r.kind as AliasKind }));
}

/** A page of one institution's aliases by name (its (institution_id, name) index), `total` from a COUNT. */
export function pageAliases(db: DB, institutionId: string, p: PageInput): Promise<{ items: AliasValue[]; total: number }> {
  return pageOf(
    p,
    () => listAliases(db, institutionId, p),
    async () =>
      (await db.selectFrom('institution_alias').select((eb) => eb.fn.countAll<number>().as('n')).where('institution_id', '=', institutionId).executeTakeFirstOrThrow()).n,
  );
}

/** Adds an alias (a no-op when the institution already has that name); one transaction. */
export async function addAliases(db: DB, institutionId: string, items: readonly { name: string; kind: AliasKind }[]): Promise<void> {
  if (!items.length) return;
  const have = new Set((await listAliases(db, institutionId)).map((a) => a.name));
  const inst = await db.selectFrom('institution').select(['name_ja', 'name_en']).where('id', '=', institutionId).executeTakeFirst();
  if (!inst) throw new AppError('NOT_FOUND', { ja: '指定の機関が見つかりません。', en: 'Institution not found.' }, { id: institutionId });
  const now = nowIso();
  const rows = [];
  for (const it of items) {
    const name = it.name.trim();
    if (!name || have.has(name) || name === inst.name_ja || name === inst.name_en) continue;
    have.add(name);
    rows.push({ id: newId(), institution_id: institutionId, name, kind: it.kind, created_at: now });
  }
  if (rows.length) await db.insertInto('institution_alias').values(rows).execute();
}

export async function removeAlias(db: DB, id: string): Promise<boolean> {
  const r = await db.deleteFrom('institution_alias').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export interface InstitutionNames {
  id: string;
  nameJa: string;
  nameEn: string | null;
  country: string | null;
  /** Every key: names and aliases through institutionKey, de-duplicated. */
  keys: string[];
}

/** All institutions with their keys, from two set-wise queries (a few thousand rows at most). */
/**
 * institutionKey's answers by name. The key is a pure function of the name, so remembering it can
 * never go stale, and the conflict and duplicate checks, which key the whole dictionary (about 1,500
 * institutions and their aliases) on every call, then skip the normalisation that was most of their
 * time. Bounded: emptied when it outgrows any realistic dictionary.
 */
const keyByName = new Map<string, string>();
const KEY_MEMO_MAX = 50_000;
function memoKey(name: string): string {
  let key = keyByName.get(name);
  if (key === undefined) {
    if (keyByName.size >= KEY_MEMO_MAX) keyByName.clear();
    key = institutionKey(name);
    keyByName.set(name, key);
  }
  return key;
}

export async function institutionNames(db: DB): Promise<InstitutionNames[]> {
  const rows = await db.selectFrom('institution').select(['id', 'name_ja', 'name_en', 'country']).execute();
  const aliases = new Map<string, string[]>();
  for (const a of await db.selectFrom('institution_alias').select(['institution_id', 'name']).execute()) {
    (aliases.get(a.institution_id) ?? aliases.set(a.institution_id, []).get(a.institution_id)!).push(a.name);
  }
  return rows.map((r) => {
    const names = [r.name_ja, r.name_en, ...(aliases.get(r.id) ?? [])].filter((n): n is string => !!n && !!n.trim());
    return { id: r.id, nameJa: r.name_ja, nameEn: r.name_en, country: r.country, keys: [...new Set(names.map(memoKey))] };
  });
}

/** Ids of institutions any of whose keys contains the key of `q` (search). */
export async function institutionIdsMatching(db: DB, q: string): Promise<string[]> {
  const key = institutionKey(q);
  if (!key) return [];
  return (await institutionNames(db)).filter((i) => i.keys.some((k) => k.includes(key))).map((i) => i.id);
}
