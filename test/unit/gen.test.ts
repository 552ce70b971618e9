// The data generator: deterministic, realistic volumes per year, ending at the current fiscal
// year, and readable by the app's own calls.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generate } from '../../main/gen/generate.ts';
import { freshRuntime, ok } from './helpers.ts';
import { sqliteOf } from '../../db/store.ts';

async function digest(today: string, seed: number) {
  const rt = await freshRuntime();
  const summary = await generate(rt.open.db, { years: 2, seed, scale: 'realistic', today });
  const h = createHash('sha256');
  for (const t of ['institution', 'application', 'participant', 'review', 'itinerary_slot', 'program_result', 'follow_up']) {
    for (const r of sqliteOf(rt.open).raw.prepare(`select * from ${t} order by id`).all()) h.update(JSON.stringify(r));
  }
  return { rt, summary, hash: h.digest('hex') };
}

describe('npm run gen', () => {
  it('writes the same rows for the same seed, and other rows for another seed', async () => {
    const a = await digest('2026-12-01', 7);
    const b = await digest('2026-12-01', 7);
    const c = await digest('2026-12-01', 8);
    expect(a.hash).toBe(b.hash);
    expect(c.hash).not.toBe(a.hash);
    for (const x of [a, b, c]) await x.rt.close();
  });

  it('makes realistic years that end at the current fiscal year', async () => {
    const { rt, summary } = await digest('2026-12-01', 1);
    expect(summary).toMatchObject({ fromYear: 2025, toYear: 2026 });
    const raw = sqliteOf(rt.open).raw;
    const perYear = raw.prepare('select fiscal_year fy, count(*) n, sum(status in (\'adopted\',\'implemented\',\'reported\')) adopted from application group by fiscal_year order by 1').all() as { fy: number; n: number; adopted: number }[];
    expect(perYear.map((r) => r.fy)).toEqual([2025, 2026]);
    const past = perYear[0]!;
    expect(past.n).toBeGreaterThanOrEqual(950);
    expect(past.n).toBeLessThanOrEqual(1050);
    expect(past.adopted / past.n).toBeGreaterThan(0.52);
    expect(past.adopted / past.n).toBeLessThan(0.63);
    const calls = raw.prepare('select count(*) n from call_round where fiscal_year = 2025').get() as { n: number };
    expect(calls.n).toBeGreaterThanOrEqual(3);
    expect(calls.n).toBeLessThanOrEqual(4);
    const roster = raw.prepare("select min(n) lo, max(n) hi, avg(n) mean from (select application_id, sum(role = 'invitee') n from participant group by application_id)").get() as { lo: number; hi: number };
    expect(roster.lo).toBeGreaterThanOrEqual(5);
    expect(roster.hi).toBeLessThanOrEqual(25);
    const escorts = raw.prepare("select min(n) lo, max(n) hi from (select application_id, sum(role = 'escort') n from participant group by application_id)").get() as { lo: number; hi: number };
    expect([escorts.lo, escorts.hi]).toEqual([1, 3]);
    const slots = raw.prepare('select avg(n) mean from (select application_id, count(*) n from itinerary_slot group by application_id)').get() as { mean: number };
    expect(slots.mean).toBeGreaterThan(13);
    expect(slots.mean).toBeLessThan(17);
    const reviews = raw.prepare("select avg(n) mean from (select s.application_id, count(*) n from review_assignment s join application a on a.id = s.application_id where a.fiscal_year = 2025 group by 1)").get() as { mean: number };
    expect(reviews.mean).toBeGreaterThanOrEqual(3);
    expect(reviews.mean).toBeLessThanOrEqual(4);
    const inst = raw.prepare("select count(*) n, count(distinct country) countries, sum(name_en is null or name_ja = '') bad from institution").get() as { n: number; countries: number; bad: number };
    expect(inst.n).toBe(1500);
    expect(inst.countries).toBeGreaterThanOrEqual(110);
    expect(inst.bad).toBe(0);
    expect((raw.prepare('select count(*) n from reviewer').get() as { n: number }).n).toBe(300);
    // Past programs carry results (some with refunds) and some follow-ups.
    const res = raw.prepare("select count(*) n, sum(refunded_yen > 0) refunds from program_result r join application a on a.id = r.application_id where a.fiscal_year = 2025").get() as { n: number; refunds: number };
    expect(res.n).toBe(past.adopted);
    expect(res.refunds).toBeGreaterThan(0);
    expect(summaryRows(raw, 'follow_up')).toBeGreaterThan(0);
    // The app reads it: the current year's programs and an open queue.
    const programs = await ok(rt, 'programs/list', { fiscalYear: 2026 });
    expect(programs.items.length).toBeGreaterThan(0);
    const counts = await ok(rt, 'review/queueCounts', { fiscalYear: 2026 });
    expect(counts.outstanding).toBeGreaterThan(0);
    await rt.close();
  });

  it('stress scale has five times the people and twice the applications', async () => {
    const rt = await freshRuntime();
    await generate(rt.open.db, { years: 1, seed: 1, scale: 'stress', today: '2026-12-01' });
    const n = summaryRows(sqliteOf(rt.open).raw, 'application');
    expect(n).toBeGreaterThanOrEqual(1900);
    const roster = sqliteOf(rt.open).raw.prepare("select max(n) hi, min(n) lo from (select application_id, sum(role = 'invitee') n from participant group by application_id)").get() as { hi: number; lo: number };
    expect(roster.lo).toBeGreaterThanOrEqual(25);
    expect(roster.hi).toBeLessThanOrEqual(125);
    await rt.close();
  });
});

function summaryRows(raw: import('better-sqlite3').Database, table: string): number {
  return (raw.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
}
