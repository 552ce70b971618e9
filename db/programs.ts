// Programs: adopted applications (採択, 実施済, 報告済) with their roster and itinerary. Rows become
// shared types only here (rowToParticipant / rowToSlot); writes replace a program's list in one
// transaction, keeping the ids and created times of rows that survive an edit.
import { sql } from 'kysely';
import type { ApplicationSummary } from '../shared/api/applications.ts';
import { ADOPTED_STATUSES, type Status } from '../shared/domain.ts';
import { AppError } from '../shared/errors.ts';
import { parsePosition, POSITIONS, type Participant, type ParticipantInput, type Position, type Role, type Sex, type Slot, type SlotInput, type SlotKind } from '../shared/programs.ts';
import { sortSlots } from '../shared/rules/itinerary.ts';
import { getApplicationSummary, pageApplications } from './applications.ts';
import { newId, nowIso } from './ids.ts';
import { assertVersion } from './versioned.ts';
import { refreshProgramChecks } from './program-checks.ts';
import type { DB } from './open.ts';
import type { ItinerarySlotRow, ParticipantRow } from './schema.ts';

const PROGRAM_STATUSES: readonly Status[] = ADOPTED_STATUSES;

export function isProgramStatus(s: Status): boolean {
  return PROGRAM_STATUSES.includes(s);
}

// position_title holds either a kind (undergraduate, faculty, …: rows saved from the editor's list,
// and every row before typed titles were kept) or the title as the host typed it (教授, 大学院生),
// whose kind the vocabulary gives. One column, so no migration: the kinds are ASCII keys no host
// types as a Japanese title, and a typed English title that equals a key reads back the same.
const KINDS = new Set<string>(POSITIONS);

function positionFromColumn(v: string | null): { position: Position | null; positionTitle: string | null } {
  if (v === null || v === '') return { position: null, positionTitle: null };
  if (KINDS.has(v)) return { position: v as Position, positionTitle: null };
  const kind = parsePosition(v);
  return { position: kind.ok ? kind.value : 'other', positionTitle: v };
}

function positionColumn(p: ParticipantInput): string | null {
  const title = p.positionTitle?.trim();
  if (title && parsePosition(title).ok) return title;
  return p.position;
}

function rowToParticipant(r: ParticipantRow): Participant {
  return {
    id: r.id,
    familyName: r.family_name,
    givenName: r.given_name,
    nativeName: r.native_name,
    sex: r.sex as Sex | null,
    birthDate: r.birth_date,
    nationality: r.nationality,
    affiliation: r.affiliation,
    ...positionFromColumn(r.position_title),
    role: r.role as Role,
    email: r.email,
  };
}

function rowToSlot(r: ItinerarySlotRow): Slot {
  return {
    id: r.id,
    date: r.date,
    start: r.start_time,
    end: r.end_time,
    activity: r.activity,
    kind: r.kind as SlotKind,
    atHost: r.at_host === 1,
    place: r.place,
    personInCharge: r.person_in_charge,
    note: r.note,
  };
}

/** The application behind a program; refuses ids that are not (yet) adopted. */
export async function getProgramApplication(db: DB, id: string): Promise<ApplicationSummary> {
  const app = await getApplicationSummary(db, id);
  if (!isProgramStatus(app.status)) {
    throw new AppError(
      'CONFLICT',
      {
        ja: `応募「${app.applicationNo}」はまだ採択されていないため、実施プログラムとして扱えません。`,
        en: `Application "${app.applicationNo}" has not been adopted, so it is not a program yet.`,
      },
      { id, status: app.status },
    );
  }
  return app;
}

/** A page of programs (adopted applications) by planned arrival, filtered in SQL, with the COUNT. */
export async function pageProgramApplications(
  db: DB,
  f: { fiscalYear?: number | undefined; q?: string | undefined; limit?: number | undefined; offset?: number | undefined },
): Promise<{ items: ApplicationSummary[]; total: number }> {
  return pageApplications(db, { ...f, statuses: PROGRAM_STATUSES, order: 'arrival' });
}

function byProgram<T>(rows: { application_id: string }[], convert: (r: never) => T): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(r.application_id) ?? [];
    list.push(convert(r as never));
    map.set(r.application_id, list);
  }
  return map;
}

/** Rosters of many programs in one query (the list screen and `list programs`). */
export async function participantsOf(db: DB, ids: readonly string[]): Promise<Map<string, Participant[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('participant')
    .selectAll()
    .where('application_id', 'in', ids)
    .orderBy('application_id')
    .orderBy('position')
    .execute();
  return byProgram(rows, rowToParticipant);
}

export async function slotsOf(db: DB, ids: readonly string[]): Promise<Map<string, Slot[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('itinerary_slot')
    .selectAll()
    .where('application_id', 'in', ids)
    .orderBy('application_id')
    .orderBy('date')
    .orderBy('start_time')
    .orderBy('end_time')
    .execute();
  return byProgram(rows, rowToSlot);
}

// Ids sent back by the renderer keep their row (and created time) only if they belong to this
// program; anything else gets a fresh id, so one program's save can never move another's rows.
async function keptIds(db: DB, table: 'participant' | 'itinerary_slot', programId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom(table).select(['id', 'created_at']).where('application_id', '=', programId).execute();
  return new Map(rows.map((r) => [r.id, r.created_at]));
}

/** Where a list saved whole keeps its version: on the program's application row (migration 0010). */
const listColumns = (list: 'roster' | 'itinerary') => ({ version: `${list}_version`, by: `${list}_updated_by`, at: `${list}_updated_at` });

async function claimList(trx: DB, programId: string, list: 'roster' | 'itinerary', expected: number | undefined, user: string, now: string): Promise<void> {
  const app = await trx.selectFrom('application').select('application_no').where('id', '=', programId).executeTakeFirst();
  const no = app?.application_no ?? programId;
  await assertVersion(trx, {
    table: 'application',
    key: { id: programId },
    expected,
    what: list === 'roster' ? { ja: `プログラム「${no}」の参加者名簿`, en: `the roster of program "${no}"` } : { ja: `プログラム「${no}」の日程表`, en: `the itinerary of program "${no}"` },
    columns: listColumns(list),
  });
  // Every path that rewrites the list (form, import) moves its version on, so a stale editor cannot overwrite it.
  const set =
    list === 'roster'
      ? { roster_version: sql<number>`roster_version + 1`, roster_updated_by: user, roster_updated_at: now, updated_at: now }
      : { itinerary_version: sql<number>`itinerary_version + 1`, itinerary_updated_by: user, itinerary_updated_at: now, updated_at: now };
  await trx.updateTable('application').set(set).where('id', '=', programId).execute();
}

/** The version stamps of a program's roster and itinerary. */
export async function listVersionsOf(db: DB, programId: string) {
  const r = await db
    .selectFrom('application')
    .select(['roster_version', 'roster_updated_by', 'roster_updated_at', 'itinerary_version', 'itinerary_updated_by', 'itinerary_updated_at'])
    .where('id', '=', programId)
    .executeTakeFirst();
  return {
    rosterVersion: { version: Number(r?.roster_version ?? 0), updatedBy: r?.roster_updated_by ?? null, updatedAt: r?.roster_updated_at ?? null },
    itineraryVersion: { version: Number(r?.itinerary_version ?? 0), updatedBy: r?.itinerary_updated_by ?? null, updatedAt: r?.itinerary_updated_at ?? null },
  };
}

export async function replaceParticipants(db: DB, programId: string, people: readonly ParticipantInput[], user: string, expectedVersion?: number): Promise<void> {
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await claimList(trx, programId, 'roster', expectedVersion, user, now);
    const existing = await keptIds(trx, 'participant', programId);
    await trx.deleteFrom('participant').where('application_id', '=', programId).execute();
    const seen = new Set<string>();
    const rows = people.map((p, i) => {
      const keep = p.id !== null && existing.has(p.id) && !seen.has(p.id);
      const id = keep ? p.id! : newId();
      seen.add(id);
      return {
        id,
        application_id: programId,
        position: i + 1,
        family_name: p.familyName,
        given_name: p.givenName,
        native_name: p.nativeName || null,
        sex: p.sex,
        birth_date: p.birthDate || null,
        nationality: p.nationality,
        affiliation: p.affiliation || null,
        position_title: positionColumn(p),
        role: p.role,
        email: p.email || null,
        created_at: keep ? existing.get(p.id!)! : now,
        updated_at: now,
      };
    });
    // SQLite caps bound parameters per statement; 15 columns × 50 rows stays well inside it.
    for (let i = 0; i < rows.length; i += 50) await trx.insertInto('participant').values(rows.slice(i, i + 50)).execute();
    // The list's stored check of this program, fresh with the roster it was computed from (0012).
    await refreshProgramChecks(trx, [programId]);
  });
}

export async function replaceSlots(db: DB, programId: string, slots: readonly SlotInput[], user: string, expectedVersion?: number): Promise<void> {
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await claimList(trx, programId, 'itinerary', expectedVersion, user, now);
    const existing = await keptIds(trx, 'itinerary_slot', programId);
    await trx.deleteFrom('itinerary_slot').where('application_id', '=', programId).execute();
    const seen = new Set<string>();
    const rows = sortSlots(slots).map((s) => {
      const keep = s.id !== null && existing.has(s.id) && !seen.has(s.id);
      const id = keep ? s.id! : newId();
      seen.add(id);
      return {
        id,
        application_id: programId,
        date: s.date,
        start_time: s.start,
        end_time: s.end,
        activity: s.activity,
        kind: s.kind,
        at_host: s.atHost ? 1 : 0,
        place: s.place || null,
        person_in_charge: s.personInCharge || null,
        note: s.note || null,
        created_at: keep ? existing.get(s.id!)! : now,
        updated_at: now,
      };
    });
    for (let i = 0; i < rows.length; i += 50) await trx.insertInto('itinerary_slot').values(rows.slice(i, i + 50)).execute();
    await refreshProgramChecks(trx, [programId]);
  });
}

// What the checks read of rosters and itineraries, set-wise: in db/program-facts.ts, where the
// stored checks (db/program-checks.ts) read them too without an import cycle through this file.
export { rosterFactsOf, slotFactsOf } from './program-facts.ts';
