// Stored program checks (migration 0012): each program's last checkProgram result with the key of
// what it was computed from. Readers trust a stored result only when its key equals the key of the
// row now (storedChecksOf); writers refresh the programs they touched in their own transaction
// (refreshProgramChecks). Computing here, in db/, keeps every writer's refresh one call: the check
// itself is the pure shared function, fed exactly the facts the live list feeds it.
import { ADOPTED_STATUSES, type Course, type Field, type Mode } from '../shared/domain.ts';
import { checkProgram, codesOf, programCheckKey, type ProgramFacts } from '../shared/rules/program.ts';
import type { RuleSet } from '../shared/rules/ruleset.ts';
import type { DB } from './open.ts';
import { rosterFactsOf, slotFactsOf } from './program-facts.ts';
import { queryShape } from './query-shape.ts';
import { getRuleSet } from './rulesets.ts';

/** A program's check as the list shows it (codes once each, in first-seen order). */
export interface StoredCheck {
  invitees: number;
  escorts: number;
  slots: number;
  violations: string[];
  warnings: string[];
}

const CHUNK = 200; // programs per set-wise read and upsert: well inside both engines' parameter limits
const toText = (codes: readonly string[]) => codes.join(' ');
const toCodes = (t: string) => (t ? t.split(' ') : []);

// One SQL text per page length, compiled once each (db/query-shape.ts): the list runs this per call.
const storedShape = queryShape(
  (n: number) => String(n),
  (db: DB, n: number, v: Record<string, string>) =>
    db
      .selectFrom('application as a')
      .leftJoin('rule_set as r', 'r.fiscal_year', 'a.fiscal_year')
      .leftJoin('program_check as c', 'c.application_id', 'a.id')
      .select([
        'a.id',
        'a.fiscal_year',
        'a.row_version',
        'a.roster_version',
        'a.itinerary_version',
        'r.version as rules_version',
        'c.check_key',
        'c.invitees',
        'c.escorts',
        'c.slots',
        'c.violations',
        'c.warnings',
      ])
      .where(
        'a.id',
        'in',
        Array.from({ length: n }, (_, i) => v[`id${i}`]!),
      ),
);

/**
 * The stored checks of these programs that are still true: the key stored beside each equals the
 * key of the application's versions and its year's rule set as they are now (one statement, so
 * versions and stored result are read together). Missing or stale ones are simply absent.
 */
export async function storedChecksOf(db: DB, ids: readonly string[]): Promise<Map<string, StoredCheck>> {
  const out = new Map<string, StoredCheck>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const rows = await storedShape.execute(db, chunk.length, Object.fromEntries(chunk.map((id, n) => [`id${n}`, id])));
    for (const r of rows) {
      if (r.check_key === null) continue;
      const key = programCheckKey({
        rowVersion: Number(r.row_version),
        rosterVersion: Number(r.roster_version),
        itineraryVersion: Number(r.itinerary_version),
        ruleSetYear: r.fiscal_year,
        ruleSetVersion: Number(r.rules_version ?? 0),
      });
      if (key !== r.check_key) continue;
      out.set(r.id, {
        invitees: Number(r.invitees),
        escorts: Number(r.escorts),
        slots: Number(r.slots),
        violations: toCodes(r.violations!),
        warnings: toCodes(r.warnings!),
      });
    }
  }
  return out;
}

/** The list's summary numbers and codes of one check: the one encoding of stored and live. */
export function storedCheckOf(check: ReturnType<typeof checkProgram>, slots: number): StoredCheck {
  return { invitees: check.invitees, escorts: check.escorts, slots, violations: codesOf(check.violations), warnings: codesOf(check.warnings) };
}

/**
 * Computes and stores the check of every program among these ids (others are skipped: a received
 * or rejected application has no program check), in chunks. Call it inside the transaction of the
 * write that changed them. Returns how many checks were stored.
 *
 * Order matters on PostgreSQL (READ COMMITTED: each statement sees the latest commits): the
 * versions are read first, the roster and itinerary after, so the facts are never older than the
 * key stored with them. At worst (another officer's save committed in between) the key is older
 * than the facts, which makes the entry stale (checked live), never wrong.
 */
export async function refreshProgramChecks(db: DB, given: readonly string[]): Promise<number> {
  const ids = [...new Set(given)].sort();
  let stored = 0;
  const ruleSets = new Map<number, RuleSet>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const apps = await db
      .selectFrom('application')
      .select(['id', 'fiscal_year', 'course', 'field', 'mode', 'arrival', 'departure', 'row_version', 'roster_version', 'itinerary_version'])
      .where('id', 'in', chunk)
      .where('status', 'in', [...ADOPTED_STATUSES])
      // Upserted in key order, so two writers refreshing overlapping programs on PostgreSQL take
      // their row locks in the same order and cannot deadlock.
      .orderBy('id')
      .execute();
    if (apps.length === 0) continue;
    const programIds = apps.map((a) => a.id);
    const countryRows = await db
      .selectFrom('application_country')
      .select(['application_id', 'country'])
      .where('application_id', 'in', programIds)
      .orderBy('application_id')
      .orderBy('position')
      .execute();
    const countries = new Map<string, string[]>();
    for (const c of countryRows) (countries.get(c.application_id) ?? countries.set(c.application_id, []).get(c.application_id)!).push(c.country);
    const people = await rosterFactsOf(db, programIds);
    const slots = await slotFactsOf(db, programIds);
    const rows = [];
    for (const a of apps) {
      let ruleSet = ruleSets.get(a.fiscal_year);
      if (!ruleSet) ruleSets.set(a.fiscal_year, (ruleSet = await getRuleSet(db, a.fiscal_year)));
      const facts: ProgramFacts = {
        course: a.course as Course,
        fiscalYear: a.fiscal_year,
        field: a.field as Field,
        mode: a.mode as Mode,
        arrival: a.arrival,
        departure: a.departure,
        countries: countries.get(a.id) ?? [],
      };
      const programSlots = slots.get(a.id) ?? [];
      const s = storedCheckOf(checkProgram(facts, people.get(a.id) ?? [], programSlots, ruleSet), programSlots.length);
      rows.push({
        application_id: a.id,
        check_key: programCheckKey({
          rowVersion: Number(a.row_version),
          rosterVersion: Number(a.roster_version),
          itineraryVersion: Number(a.itinerary_version),
          ruleSetYear: ruleSet.fiscalYear,
          ruleSetVersion: ruleSet.version,
        }),
        invitees: s.invitees,
        escorts: s.escorts,
        slots: s.slots,
        violations: toText(s.violations),
        warnings: toText(s.warnings),
      });
    }
    // ON CONFLICT … DO UPDATE with excluded: the same statement on SQLite and PostgreSQL.
    await db
      .insertInto('program_check')
      .values(rows)
      .onConflict((oc) =>
        oc.column('application_id').doUpdateSet((eb) => ({
          check_key: eb.ref('excluded.check_key'),
          invitees: eb.ref('excluded.invitees'),
          escorts: eb.ref('excluded.escorts'),
          slots: eb.ref('excluded.slots'),
          violations: eb.ref('excluded.violations'),
          warnings: eb.ref('excluded.warnings'),
        })),
      )
      .execute();
    stored += rows.length;
  }
  return stored;
}

/** Every program of one fiscal year, refreshed a chunk at a time (a rule-set save of that year). */
export async function refreshYearChecks(db: DB, fiscalYear: number): Promise<number> {
  const ids = await db
    .selectFrom('application')
    .select('id')
    .where('fiscal_year', '=', fiscalYear)
    .where('status', 'in', [...ADOPTED_STATUSES])
    .orderBy('id')
    .execute();
  return refreshProgramChecks(
    db,
    ids.map((r) => r.id),
  );
}

/**
 * Programs after `after` (in id order, `limit` of them read) whose stored check is missing or
 * stale: the backfill's next chunk. `next` is where to go on from, null at the end.
 */
export async function staleProgramIds(db: DB, after: string, limit: number): Promise<{ ids: string[]; next: string | null }> {
  const rows = await db
    .selectFrom('application as a')
    .leftJoin('rule_set as r', 'r.fiscal_year', 'a.fiscal_year')
    .leftJoin('program_check as c', 'c.application_id', 'a.id')
    .select(['a.id', 'a.fiscal_year', 'a.row_version', 'a.roster_version', 'a.itinerary_version', 'r.version as rules_version', 'c.check_key'])
    .where('a.status', 'in', [...ADOPTED_STATUSES])
    .where('a.id', '>', after)
    .orderBy('a.id')
    .limit(limit)
    .execute();
  const ids = rows
    .filter(
      (r) =>
        r.check_key !==
        programCheckKey({
          rowVersion: Number(r.row_version),
          rosterVersion: Number(r.roster_version),
          itineraryVersion: Number(r.itinerary_version),
          ruleSetYear: r.fiscal_year,
          ruleSetVersion: Number(r.rules_version ?? 0),
        }),
    )
    .map((r) => r.id);
  return { ids, next: rows.length < limit ? null : rows[rows.length - 1]!.id };
}
