// EXPLAIN QUERY PLAN for every hot call scoped to one fiscal year, on a generated three-year
// database: none may SCAN (read whole) application, participant, review_assignment, review or
// itinerary_slot. Each call's statements are captured as the app runs them, with their parameters.
import type { Statement } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../main/gen/generate.ts';
import { backfillProgramChecks } from '../../main/jobs/backfill-checks.ts';
import type { Runtime } from '../../main/runtime.ts';
import { freshRuntime, ok } from './helpers.ts';
import { statementCacheOf } from '../../db/statement-cache.ts';
import { sqliteOf } from '../../db/store.ts';

const GUARDED = new Set(['application', 'participant', 'review_assignment', 'review', 'itinerary_slot']);
const FY = 2026;

let rt: Runtime;
beforeAll(async () => {
  rt = await freshRuntime();
  await generate(rt.open.db, { years: 3, seed: 5, scale: 'realistic', today: '2026-12-01' });
  sqliteOf(rt.open).raw.exec('ANALYZE');
}, 120_000);
afterAll(() => rt.close());

/** Runs `fn`, returning each statement it prepared with the parameters it ran with. */
async function captured(fn: () => Promise<unknown>): Promise<{ sql: string; params: unknown[] }[]> {
  const raw = sqliteOf(rt.open).raw;
  const prepare = raw.prepare.bind(raw);
  const seen: { sql: string; params: unknown[] }[] = [];
  // Statements Kysely reuses (db/statement-cache.ts) would not come back through prepare: start empty.
  statementCacheOf(raw)!.clear();
  raw.prepare = ((sql: string) => {
    const stmt = prepare(sql) as Statement;
    for (const m of ['all', 'get', 'run', 'iterate'] as const) {
      const orig = (stmt[m] as (...a: unknown[]) => unknown).bind(stmt);
      (stmt as unknown as Record<string, unknown>)[m] = (...params: unknown[]) => {
        seen.push({ sql, params: params.flat() });
        return orig(...params);
      };
    }
    return stmt;
  }) as typeof raw.prepare;
  try {
    await fn();
  } finally {
    raw.prepare = prepare;
    // The watched statements must not outlive the capture in the cache.
    statementCacheOf(raw)!.clear();
  }
  return seen;
}

/** Plan lines that read one of the guarded tables whole. */
function scans(sql: string, params: unknown[]): string[] {
  const alias = new Map<string, string>();
  for (const m of sql.matchAll(/"(\w+)" as "(\w+)"/g)) alias.set(m[2]!, m[1]!);
  for (const m of sql.matchAll(/from "(\w+)"(?! as)/g)) alias.set(m[1]!, m[1]!);
  const plan = sqliteOf(rt.open).raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  return plan
    .map((p) => p.detail)
    .filter((d) => {
      const m = /^SCAN (\w+)/.exec(d);
      return m !== null && GUARDED.has(alias.get(m[1]!) ?? m[1]!);
    });
}

const HOT: [string, Record<string, unknown>][] = [
  ['applications/list', { fiscalYear: FY, limit: 100 }],
  ['applications/list', { fiscalYear: FY, country: 'VN', limit: 100 }],
  ['applications/list', { fiscalYear: FY, status: 'adopted', limit: 100, offset: 100 }],
  ['applications/list', { fiscalYear: FY, hasViolations: true, limit: 100 }],
  ['programs/list', { fiscalYear: FY, limit: 100 }],
  ['programs/list', { fiscalYear: FY, limit: 100, offset: 300 }],
  ['review/queueCounts', { fiscalYear: FY }],
  ['review/queue', { queue: 'eligibility', fiscalYear: FY, limit: 100 }],
  ['review/queue', { queue: 'assignment', fiscalYear: FY, limit: 100 }],
  ['review/queue', { queue: 'outstanding', fiscalYear: FY, limit: 100 }],
  ['review/queue', { queue: 'outstanding', fiscalYear: FY, limit: 100, offset: 100 }],
  ['review/queue', { queue: 'ready', fiscalYear: FY, limit: 100 }],
  ['review/queue', { queue: 'decided', fiscalYear: FY, limit: 100, offset: 100 }],
  ['review/ranking', { fiscalYear: FY }],
  ['review/facts', { fiscalYear: FY }],
  ['review/facts', { fiscalYear: FY, limit: 100, offset: 100 }],
  ['review/listReviewers', { fiscalYear: FY }],
  ['stats/breakdown', { fiscalYear: FY, by: 'country' }],
  ['stats/funnel', { fiscalYear: FY }],
  ['results/programs', { fiscalYear: FY }],
  // Paged lists of issue 12's second slice: each page, its related counts and its COUNT.
  ['results/programs', { fiscalYear: FY, limit: 100 }],
  ['results/programs', { fiscalYear: FY, limit: 100, offset: 100 }],
  ['results/programs', { fiscalYear: FY, q: '防災', limit: 100, offset: 100 }],
  ['review/listReviewers', { fiscalYear: FY, limit: 100 }],
  ['review/listReviewers', { fiscalYear: FY, limit: 100, offset: 100 }],
  ['review/listReviewers', { fiscalYear: FY, active: true, q: '大学', limit: 50, offset: 50 }],
  ['institutions/list', { limit: 100 }],
  ['institutions/list', { limit: 100, offset: 300 }],
  ['institutions/list', { sort: 'hosted', dir: 'desc', limit: 100, offset: 100 }],
  ['institutions/list', { sort: 'sent', dir: 'desc', limit: 100 }],
  ['institutions/list', { q: '大学', kind: 'university', limit: 100, offset: 100 }],
  // The last lists paged (conflicts matched in SQL for the year only; calls; rule-set history; duplicates).
  ['review/listConflicts', { fiscalYear: FY, limit: 100 }],
  ['review/listConflicts', { fiscalYear: FY, limit: 100, offset: 100 }],
  ['calls/list', { fiscalYear: FY, limit: 12 }],
  ['rulesets/history', { fiscalYear: FY, limit: 21 }],
  ['institutions/duplicates', { limit: 20 }],
];

describe('query plans of calls scoped to one fiscal year', () => {
  it.each(HOT)('%s %j reads no guarded table whole', async (name, input) => {
    const statements = await captured(() => ok(rt, name as 'applications/list', input));
    expect(statements.length).toBeGreaterThan(0);
    const bad = statements.flatMap((s) => scans(s.sql, s.params).map((line) => `${line}  ←  ${s.sql.slice(0, 160)}`));
    expect(bad).toEqual([]);
  });

  it('within one year the country filter reads that year of that country only (0011), not its whole history', async () => {
    const [s] = (await captured(() => ok(rt, 'applications/list', { fiscalYear: FY, country: 'VN', limit: 100 }))).filter((x) => /application_country/.test(x.sql));
    const plan = (sqliteOf(rt.open).raw.prepare(`EXPLAIN QUERY PLAN ${s!.sql}`).all(...s!.params) as { detail: string }[]).map((p) => p.detail);
    // One range of (country, fiscal_year, application_id): exactly that year's rows of the country…
    expect(plan).toContain('SEARCH c USING COVERING INDEX application_country_country_fy_app (country=? AND fiscal_year=?)');
    // …each looked up by primary key: neither the year's every application nor the country's every year.
    expect(plan.some((d) => /^SEARCH a USING INDEX sqlite_autoindex_application_1 \(id=\?\)$/.test(d))).toBe(true);
    expect(plan.some((d) => /\(fiscal_year=\?|\(country=\?\)$|^SCAN/.test(d))).toBe(false);
  });

  it('across every year the country filter reads the country\'s own list from its index', async () => {
    const [all] = (await captured(() => ok(rt, 'applications/list', { country: 'VN', limit: 100 }))).filter((x) => /application_country/.test(x.sql));
    const plan = (sqliteOf(rt.open).raw.prepare(`EXPLAIN QUERY PLAN ${all!.sql}`).all(...all!.params) as { detail: string }[]).map((p) => p.detail);
    expect(plan.some((d) => /^SEARCH c USING COVERING INDEX application_country_country_\w+ \(country=\?\)$/.test(d))).toBe(true);
    expect(plan.some((d) => /^SCAN/.test(d))).toBe(false);
  });

  it('programs/list with its stored checks (0012) reads no roster and no itinerary, and looks the checks up by key', async () => {
    const statements = await captured(() => ok(rt, 'programs/list', { fiscalYear: FY, limit: 100 }));
    expect(statements.filter((x) => /from "(participant|itinerary_slot)"/.test(x.sql))).toEqual([]);
    const [s] = statements.filter((x) => /"program_check"/.test(x.sql));
    const plan = (sqliteOf(rt.open).raw.prepare(`EXPLAIN QUERY PLAN ${s!.sql}`).all(...s!.params) as { detail: string }[]).map((p) => p.detail);
    expect(plan.some((d) => /^SEARCH c USING INDEX sqlite_autoindex_program_check_1 \(application_id=\?\) LEFT-JOIN$/.test(d))).toBe(true);
    expect(plan.some((d) => /^SEARCH a USING INDEX sqlite_autoindex_application_1 \(id=\?\)$/.test(d))).toBe(true);
    expect(plan.filter((d) => /^SCAN/.test(d))).toEqual([]);
  });

  it('programs/list with no stored checks (cold) reads no guarded table whole', async () => {
    await rt.open.db.deleteFrom('program_check').execute();
    try {
      const statements = await captured(() => ok(rt, 'programs/list', { fiscalYear: FY, limit: 100, offset: 100 }));
      expect(statements.some((x) => /from "participant"/.test(x.sql))).toBe(true);
      expect(statements.flatMap((s) => scans(s.sql, s.params))).toEqual([]);
    } finally {
      await backfillProgramChecks(rt.open.db);
    }
  });

  it('programs/list reads a page\'s itinerary slots in index order, with no sort of every slot', async () => {
    await rt.open.db.deleteFrom('program_check').execute();
    const [s] = (await captured(() => ok(rt, 'programs/list', { fiscalYear: FY, limit: 100 }))).filter((x) => /from "itinerary_slot"/.test(x.sql));
    await backfillProgramChecks(rt.open.db);
    const plan = (sqliteOf(rt.open).raw.prepare(`EXPLAIN QUERY PLAN ${s!.sql}`).all(...s!.params) as { detail: string }[]).map((p) => p.detail);
    expect(plan.some((d) => /itinerary_slot_application/.test(d))).toBe(true);
    expect(plan.filter((d) => /TEMP B-TREE/.test(d))).toEqual([]);
  });

  it('a breakdown by country reads the year from covering indexes only (migration 0009)', async () => {
    const [s] = await captured(() => ok(rt, 'stats/breakdown', { fiscalYear: FY, by: 'country' }));
    const plan = (sqliteOf(rt.open).raw.prepare(`EXPLAIN QUERY PLAN ${s!.sql}`).all(...s!.params) as { detail: string }[]).map((p) => p.detail);
    const reads = plan.filter((d) => /^(SEARCH|SCAN) /.test(d));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((d) => !/COVERING INDEX/.test(d))).toEqual([]);
  });

  it('conflicts of one application read that application\'s rows only', async () => {
    const [app] = await rt.open.db.selectFrom('application').select('id').where('fiscal_year', '=', FY).limit(1).execute();
    const statements = await captured(() => ok(rt, 'review/listConflicts', { applicationId: app!.id }));
    const sending = statements.filter((s) => /"application_sending"/.test(s.sql));
    expect(sending.length).toBeGreaterThan(0);
    // Not every year's sending institutions (a whole-table read) for one application.
    for (const s of sending) {
      const plan = (sqliteOf(rt.open).raw.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params) as { detail: string }[]).map((p) => p.detail);
      expect(plan.filter((d) => /^SCAN application_sending/.test(d))).toEqual([]);
    }
    expect(statements.flatMap((s) => scans(s.sql, s.params))).toEqual([]);
  });

  it('conflicts of one year read that year\'s applications from the fiscal-year index, never an institution\'s whole history', async () => {
    const statements = await captured(() => ok(rt, 'review/listConflicts', { fiscalYear: FY, limit: 100 }));
    const matching = statements.filter((s) => /^with m\(rid, iid\)/.test(s.sql));
    expect(matching.length).toBeGreaterThan(0);
    for (const s of matching) {
      const plan = (sqliteOf(rt.open).raw.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params) as { detail: string }[]).map((p) => p.detail);
      // The year's applications by (fiscal_year=?)…
      expect(plan.some((d) => /^SEARCH a USING (COVERING )?INDEX \w+ \(fiscal_year=\?/.test(d))).toBe(true);
      // …not every year's applications of the conflicting institutions, nor any table read whole.
      expect(plan.filter((d) => /application_host|application_sending_inst|^SCAN (a|s|application|application_sending)\b/.test(d))).toEqual([]);
    }
    expect(statements.flatMap((s) => scans(s.sql, s.params))).toEqual([]);
  });

  it('an institution\'s programs are read through the foreign-key indexes, a page at a time', async () => {
    const [host] = await rt.open.db.selectFrom('application').select('host_institution_id as id').limit(1).execute();
    for (const input of [{ id: host!.id, limit: 100 }, { id: host!.id, limit: 5, offset: 5 }]) {
      const statements = await captured(() => ok(rt, 'institutions/programs', input));
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.flatMap((s) => scans(s.sql, s.params))).toEqual([]);
    }
  });

  it('the detector does flag a whole-table read (so the test above can fail)', () => {
    expect(scans('select * from "participant" as "p" where "p"."role" = ?', ['invitee']).length).toBe(1);
  });
});
