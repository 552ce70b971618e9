// A query compiled once per shape binds each call's own values, keeps shapes apart, and refuses a
// build that writes a value into the SQL text (which would freeze the first call's value).
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryShape } from '../../db/query-shape.ts';
import type { Runtime } from '../../main/runtime.ts';
import { freshRuntime, ok, sampleApplication } from './helpers.ts';

let rt: Runtime;
beforeEach(async () => {
  rt = await freshRuntime();
  for (const [no, course] of [['A-001', 'A'], ['A-002', 'B'], ['A-003', 'A']] as const) {
    await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: no, course }) });
  }
});
afterEach(() => rt.close());

const numbers = queryShape(
  (s: { byCourse: boolean }) => String(s.byCourse),
  (db, s, v: { course: string; limit: number }) => {
    const q = db.selectFrom('application').select('application_no').orderBy('application_no').limit(v.limit);
    return s.byCourse ? q.where('course', '=', v.course) : q;
  },
);

describe('queryShape', () => {
  it('binds every call\'s values into the SQL compiled for its shape', async () => {
    const db = rt.open.db;
    const nos = async (byCourse: boolean, course: string, limit: number) => (await numbers.execute(db, { byCourse }, { course, limit })).map((r) => r.application_no);
    expect(await nos(true, 'A', 10)).toEqual(['A-001', 'A-003']);
    expect(await nos(true, 'B', 10)).toEqual(['A-002']);
    expect(await nos(true, 'A', 1)).toEqual(['A-001']);
    expect(await nos(false, 'B', 2)).toEqual(['A-001', 'A-002']);
    expect(numbers.size).toBe(2);
  });

  it('keeps at most `max` shapes, the least recently used going first, and still answers each', async () => {
    const one = queryShape(
      (s: { byCourse: boolean }) => String(s.byCourse),
      (db, s, v: { course: string }) => (s.byCourse ? db.selectFrom('application').select('application_no').where('course', '=', v.course) : db.selectFrom('application').select('application_no')).orderBy('application_no'),
      1,
    );
    for (const course of ['A', 'B']) {
      expect((await one.execute(rt.open.db, { byCourse: true }, { course })).length).toBe(course === 'A' ? 2 : 1);
      expect((await one.execute(rt.open.db, { byCourse: false }, { course })).length).toBe(3);
      expect(one.size).toBe(1);
    }
  });

  it('refuses a value inlined into the SQL text', async () => {
    const inlined = queryShape(
      () => 'one',
      (db, _s, v: { course: string }) => db.selectFrom('application').select('application_no').where(sql<boolean>`course = ${sql.lit(v.course)}`),
    );
    await expect(inlined.execute(rt.open.db, null, { course: 'A' })).rejects.toThrow(/inlined/);
  });
});
