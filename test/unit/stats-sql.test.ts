// The charts' breakdowns are counted by the database (GROUP BY, count distinct) since issue 12; on
// a generated two-year database they must equal what the pure aggregation
// (shared/stats/aggregate.ts) makes of the loaded rows, for every kind and year.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationFacts, breakdownRows } from '../../db/stats.ts';
import { generate } from '../../main/gen/generate.ts';
import type { Runtime } from '../../main/runtime.ts';
import { BREAKDOWNS, breakdown } from '../../shared/stats/aggregate.ts';
import { freshRuntime } from './helpers.ts';

let rt: Runtime;
beforeAll(async () => {
  rt = await freshRuntime();
  await generate(rt.open.db, { years: 2, seed: 3, scale: 'realistic', today: '2026-12-01' });
}, 120_000);
afterAll(() => rt.close());

describe('statistics in SQL', () => {
  it.each([2025, 2026, 2030])('breakdowns of FY%i equal the pure aggregation of the loaded rows', async (fy) => {
    const facts = await applicationFacts(rt.open.db, fy);
    for (const by of BREAKDOWNS) expect(await breakdownRows(rt.open.db, fy, by)).toEqual(breakdown(facts, by));
  });
});
