// The facts a program's check reads of its roster and itinerary, for many programs in one query
// each: the list's live checks and the stored checks (db/program-checks.ts) read the same rows
// the same way, so a stored result and a live one cannot differ by how they were read.
import type { Role, SlotKind } from '../shared/programs.ts';
import type { DB } from './open.ts';

/**
 * What the list's checks read of each roster (names, birth date, nationality, affiliation, role),
 * for many programs in one query: a page of large programs is thousands of people, so the columns
 * nobody looks at in a list are left in the database.
 */
export async function rosterFactsOf(db: DB, ids: readonly string[]) {
  const map = new Map<string, { familyName: string; givenName: string; birthDate: string | null; nationality: string | null; affiliation: string | null; role: Role }[]>();
  if (ids.length === 0) return map;
  // Named as the checks read them, so each row object is used as it comes (no copy per person).
  const rows = await db
    .selectFrom('participant')
    .select(['application_id', 'family_name as familyName', 'given_name as givenName', 'birth_date as birthDate', 'nationality', 'affiliation', 'role'])
    .where('application_id', 'in', ids)
    .orderBy('application_id')
    .orderBy('position')
    .execute();
  let list: { familyName: string; givenName: string; birthDate: string | null; nationality: string | null; affiliation: string | null; role: Role }[] = [];
  let current = '';
  for (const r of rows as (typeof rows[number] & { role: Role })[]) {
    // Rows come grouped by program (ORDER BY application_id): one map entry per program.
    if (r.application_id !== current) {
      current = r.application_id;
      list = [];
      map.set(current, list);
    }
    list.push(r);
  }
  return map;
}

/** The itinerary fields the list's checks read, for many programs in one query. */
export async function slotFactsOf(db: DB, ids: readonly string[]) {
  type Fact = { id: string; date: string; start: string; end: string; kind: SlotKind; atHost: boolean; activity: string };
  const map = new Map<string, Fact[]>();
  if (ids.length === 0) return map;
  // SQL orders only as far as the (application_id, date, start_time) index goes: the last two keys
  // (end, id) made SQLite sort every row in a temporary B-tree, which tripled this query. Each
  // program's few slots are then put in that full order here (ASCII keys: the same order).
  const rows = await db
    .selectFrom('itinerary_slot')
    .select(['id', 'application_id', 'date', 'start_time', 'end_time', 'kind', 'at_host', 'activity'])
    .where('application_id', 'in', ids)
    .orderBy('application_id')
    .orderBy('date')
    .orderBy('start_time')
    .execute();
  let list: Fact[] = [];
  let current: string | null = null;
  for (const r of rows) {
    if (r.application_id !== current) {
      current = r.application_id;
      list = [];
      map.set(current, list);
    }
    list.push({ id: r.id, date: r.date, start: r.start_time, end: r.end_time, kind: r.kind as SlotKind, atHost: r.at_host === 1, activity: r.activity });
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  for (const l of map.values()) l.sort((a, b) => cmp(a.date, b.date) || cmp(a.start, b.start) || cmp(a.end, b.end) || cmp(a.id, b.id));
  return map;
}
