// Statistics for the charts beyond applications per year (db/applications.ts statsByYear): the
// facts of one year's applications, implementation numbers and follow-up outcomes. The counting
// itself is in shared/stats/aggregate.ts, so the renderer and the .xlsx agree with the API.
import { sql } from 'kysely';
import { ADOPTED_STATUSES, type Course, type Field, type Status } from '../shared/domain.ts';
import { FOLLOW_UP_KINDS, sortBreakdown, UNKNOWN_KEY, type AppFacts, type BreakdownBy, type CountRow, type FollowUpKind, type FunnelFacts } from '../shared/stats/aggregate.ts';
import type { DB } from './open.ts';

/**
 * Applications and adoptions per key of one year, counted by the database (GROUP BY) rather than
 * by loading the year's applications and countries: the same rows as shared/stats/aggregate.ts
 * `breakdown` of `applicationFacts` (test/unit/stats-sql.test.ts holds them equal), in its order.
 * An application with two countries counts once under each; one with none, under "unknown".
 */
export async function breakdownRows(db: DB, fiscalYear: number, by: BreakdownBy): Promise<CountRow[]> {
  const adoptedIn = sql.join([...ADOPTED_STATUSES]);
  const adopted = sql<number>`case when ${sql.ref('a.status')} in (${adoptedIn}) then 1 else 0 end`;
  let rows: { key: string | number | null; applications: number | string; adoptions: number | string | null }[];
  if (by === 'country') {
    rows = await db
      .selectFrom('application_country as c')
      .innerJoin('application as a', 'a.id', 'c.application_id')
      .select((eb) => [
        'c.country as key',
        // distinct: nothing stops a country being listed twice on one application; it counts once.
        eb.fn.count<number>('a.id').distinct().as('applications'),
        sql<number>`count(distinct case when ${sql.ref('a.status')} in (${adoptedIn}) then ${sql.ref('a.id')} end)`.as('adoptions'),
      ])
      .where('a.fiscal_year', '=', fiscalYear)
      .groupBy('c.country')
      .unionAll((eb) =>
        eb
          .selectFrom('application as a')
          .select((e) => [sql<string>`${sql.lit(UNKNOWN_KEY)}`.as('key'), e.fn.countAll<number>().as('applications'), e.fn.sum<number>(adopted).as('adoptions')])
          .where('a.fiscal_year', '=', fiscalYear)
          .where((e) => e.not(e.exists(e.selectFrom('application_country as u').select('u.position').whereRef('u.application_id', '=', 'a.id')))),
      )
      .execute();
  } else {
    const column = by === 'course' ? 'a.course' : by === 'field' ? 'a.field' : 'a.call_number';
    rows = await db
      .selectFrom('application as a')
      .select((eb) => [eb.ref(column).as('key'), eb.fn.countAll<number>().as('applications'), eb.fn.sum<number>(adopted).as('adoptions')])
      .where('a.fiscal_year', '=', fiscalYear)
      .groupBy(column)
      .execute();
  }
  const out = rows
    .map((r) => ({ key: r.key === null ? UNKNOWN_KEY : r.key, applications: Number(r.applications), adoptions: Number(r.adoptions ?? 0) }))
    .filter((r) => r.applications > 0);
  return sortBreakdown(out, by);
}

export async function applicationFacts(db: DB, fiscalYear: number): Promise<(AppFacts & FunnelFacts)[]> {
  const rows = await db
    .selectFrom('application as a')
    .leftJoin('program_result as r', 'r.application_id', 'a.id')
    .select(['a.id', 'a.course', 'a.field', 'a.call_number', 'a.status', 'r.actual_departure', 'r.report_received_on'])
    .where('a.fiscal_year', '=', fiscalYear)
    .execute();
  const countries = new Map<string, string[]>();
  const cs = await db
    .selectFrom('application_country as c')
    .innerJoin('application as a', 'a.id', 'c.application_id')
    .select(['c.application_id', 'c.country'])
    .where('a.fiscal_year', '=', fiscalYear)
    .orderBy('c.application_id')
    .orderBy('c.position')
    .execute();
  for (const c of cs) {
    const list = countries.get(c.application_id);
    if (list) list.push(c.country);
    else countries.set(c.application_id, [c.country]);
  }
  return rows.map((r) => ({
    course: r.course as Course,
    field: r.field as Field,
    call: r.call_number,
    status: r.status as Status,
    countries: countries.get(r.id) ?? [],
    implemented: r.actual_departure !== null,
    reported: r.report_received_on !== null,
  }));
}

export async function yearsWithApplications(db: DB): Promise<number[]> {
  const rows = await db.selectFrom('application').select('fiscal_year').distinct().orderBy('fiscal_year').execute();
  return rows.map((r) => r.fiscal_year);
}

/** Invitees and escorts who actually came, per fiscal year, from the implementation records. */
export async function peopleByYear(db: DB) {
  const rows = await db
    .selectFrom('program_result as r')
    .innerJoin('application as a', 'a.id', 'r.application_id')
    .select((eb) => [
      'a.fiscal_year',
      eb.fn.countAll<number>().as('programs'),
      eb.fn.sum<number>('r.actual_invitees').as('invitees'),
      eb.fn.sum<number>(eb.fn.coalesce('r.actual_escorts', eb.lit(0))).as('escorts'),
    ])
    .where('r.actual_invitees', 'is not', null)
    .groupBy('a.fiscal_year')
    .orderBy('a.fiscal_year')
    .execute();
  return rows.map((r) => ({
    fiscalYear: r.fiscal_year,
    programs: Number(r.programs),
    invitees: Number(r.invitees ?? 0),
    escorts: Number(r.escorts ?? 0),
  }));
}

/**
 * Per fiscal year of the program: invitees on the roster, and distinct invitees with each kind of
 * outcome. Distinct people, not records: one researcher reported twice is still one person back.
 */
export async function outcomesByYear(db: DB) {
  // Outcomes first: only years with an outcome are answered, so the roster count is needed for
  // those years alone, and for none when nothing has been recorded yet (a new database).
  const outcomes = await db
    .selectFrom('follow_up as f')
    .innerJoin('participant as p', 'p.id', 'f.participant_id')
    .innerJoin('application as a', 'a.id', 'p.application_id')
    .select(['a.fiscal_year', 'f.kind', 'f.participant_id'])
    .where('p.role', '=', 'invitee')
    .distinct()
    .execute();
  if (outcomes.length === 0) return [];
  const withOutcomes = [...new Set(outcomes.map((o) => o.fiscal_year))];
  const invitees = await db
    .selectFrom('participant as p')
    .innerJoin('application as a', 'a.id', 'p.application_id')
    .select((eb) => ['a.fiscal_year', eb.fn.countAll<number>().as('n')])
    .where('p.role', '=', 'invitee')
    .where('a.fiscal_year', 'in', withOutcomes)
    .groupBy('a.fiscal_year')
    .execute();
  const years = new Map<number, { invitees: number; kinds: Map<string, Set<string>>; any: Set<string> }>();
  const year = (fy: number) => {
    let y = years.get(fy);
    if (!y) years.set(fy, (y = { invitees: 0, kinds: new Map(), any: new Set() }));
    return y;
  };
  for (const r of invitees) year(r.fiscal_year).invitees = Number(r.n);
  for (const o of outcomes) {
    const y = year(o.fiscal_year);
    const set = y.kinds.get(o.kind) ?? new Set<string>();
    set.add(o.participant_id);
    y.kinds.set(o.kind, set);
    y.any.add(o.participant_id);
  }
  return [...years.entries()]
    .filter(([, y]) => y.any.size > 0)
    .sort(([a], [b]) => a - b)
    .map(([fiscalYear, y]) => ({
      fiscalYear,
      invitees: y.invitees,
      counts: Object.fromEntries(FOLLOW_UP_KINDS.map((k) => [k, y.kinds.get(k)?.size ?? 0])) as Record<FollowUpKind, number>,
      anyOutcome: y.any.size,
    }));
}

export async function countApplications(db: DB, fiscalYear: number) {
  const r = await db
    .selectFrom('application')
    .select((eb) => [
      eb.fn.countAll<number>().as('all'),
      eb.fn.sum<number>(eb.case().when('violation_codes', '!=', '').then(1).else(0).end()).as('problems'),
    ])
    .where('fiscal_year', '=', fiscalYear)
    .executeTakeFirstOrThrow();
  return { applications: Number(r.all), withProblems: Number(r.problems ?? 0) };
}
