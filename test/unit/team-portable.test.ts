// Portable queries (issue 14): what broke when the same calls ran on PostgreSQL. Run on both
// engines, so a query that only works on one of them fails here.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { likePattern } from '../../db/engine.ts';
import type { Runtime } from '../../main/runtime.ts';
import { freshRuntime, ok, sampleApplication, testEngine } from './helpers.ts';

let rt: Runtime;
beforeEach(async () => {
  rt = await freshRuntime();
});
afterEach(() => rt.close());

async function save(no: string, title: string, host = '東北大学') {
  return ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: no, title, hostInstitution: host }) });
}
const nos = async (q: string) => (await ok(rt, 'applications/list', { q })).items.map((a) => a.applicationNo).sort();

describe(`portable queries (${testEngine})`, () => {
  it('search ignores case, on titles and on institution names', async () => {
    await save('A-1', 'AI とロボティクス');
    await save('A-2', '防災技術', 'Kyoto University');
    await save('A-3', 'Marine science');
    expect(await nos('ai')).toEqual(['A-1']);
    expect(await nos('MARINE')).toEqual(['A-3']);
    expect(await nos('kyoto')).toEqual(['A-2']);
    expect(((await ok(rt, 'institutions/list', { q: 'KYOTO' })).items).map((i) => i.nameJa)).toEqual(['Kyoto University']);
  });

  it('% and _ typed by staff are letters, not wildcards', async () => {
    await save('B-1', '達成率100%の研修');
    await save('B-2', '達成率1000の研修');
    await save('B_3', 'snake_case');
    await save('B-4', 'snakeXcase');
    expect(await nos('100%')).toEqual(['B-1']);
    expect(await nos('e_c')).toEqual(['B_3']);
    expect(await nos('B_')).toEqual(['B_3']);
    expect(likePattern('a%b_c\\d')).toBe('%a\\%b\\_c\\\\d%');
  });

  it('orders text by byte order on every engine, so lists and auto-assign agree', async () => {
    // かとう before アベ in byte order; a Japanese collation puts アベ (a) first.
    for (const name of ['あべ 一郎', 'かとう 三郎', 'アベ 四郎', 'Zeta Ito', 'alpha Ono', 'Ａ全角', '井上 二郎', 'Beta Abe']) {
      await ok(rt, 'review/saveReviewer', { id: null, data: { name, institution: null } });
    }
    const listed = ((await ok(rt, 'review/listReviewers', {})).items).map((r) => r.name);
    const rows = await rt.open.db.selectFrom('reviewer').select(['name', 'normalized_name']).execute();
    const byBytes = [...rows].sort((a, b) => Buffer.compare(Buffer.from(a.normalized_name), Buffer.from(b.normalized_name))).map((r) => r.name);
    expect(listed).toEqual(byBytes);
  });

  it('counts and sums come back as numbers', async () => {
    await save('C-1', 'x');
    await save('C-2', 'y');
    const r = await sql<{ n: unknown; total: unknown }>`select count(*) as n, sum(requested_amount) as total from application`.execute(rt.open.db);
    expect(r.rows[0]).toEqual({ n: 2, total: 6_000_000 });
    const years = await ok(rt, 'stats/byYear', {});
    expect(years.find((y) => y.fiscalYear === 2026)).toMatchObject({ applications: 2 });
  });

  it('keeps a review score exactly (double precision, not float4)', async () => {
    const app = await save('D-1', 'x');
    const reviewer = await ok(rt, 'review/saveReviewer', { id: null, data: { name: '佐藤 花子', institution: null } });
    const now = new Date().toISOString();
    await rt.open.db
      .insertInto('review_assignment')
      .values({ id: 'as-1', application_id: app.id, reviewer_id: reviewer.id, batch_id: null, due_on: null, assigned_by: 't', created_at: now, updated_at: now })
      .execute();
    await rt.open.db
      .insertInto('review')
      .values({
        id: 'rv-1',
        assignment_id: 'as-1',
        application_id: app.id,
        reviewer_id: reviewer.id,
        scores_json: '[]',
        score: 3.8,
        recommendation: 'adopt',
        confidence: 3,
        comment: '',
        source: 'app',
        submitted_by: 't',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const back = await rt.open.db.selectFrom('review').select('score').where('id', '=', 'rv-1').executeTakeFirstOrThrow();
    expect(back.score).toBe(3.8);
    const avg = await sql<{ a: number }>`select avg(score) as a from review`.execute(rt.open.db);
    expect(Number(avg.rows[0]!.a)).toBe(3.8);
  });
});
