// One "today", on the laptop's calendar (Japan for the JST office), never UTC: at 00:30 JST the UTC
// date is still yesterday, which made review assignments go overdue nine hours late.
process.env.TZ = 'Asia/Tokyo';

import { afterEach, describe, expect, it, vi } from 'vitest';
import { localToday } from '../../main/handlers/results.ts';
import { todayIso } from '../../shared/dates.ts';
import { freshRuntime, ok, sampleApplication } from './helpers.ts';

// 2026-07-02 00:30 JST is 2026-07-01 15:30 UTC; 2026-07-01 23:30 JST is 2026-07-01 14:30 UTC.
const AT_0030_JST = new Date('2026-07-01T15:30:00Z');
const AT_2330_JST = new Date('2026-07-01T14:30:00Z');

afterEach(() => vi.useRealTimers());

describe('one today', () => {
  const cases: [string, Date, string | undefined, string][] = [
    ['00:30 JST, Tokyo named', AT_0030_JST, 'Asia/Tokyo', '2026-07-02'],
    ['23:30 JST, Tokyo named', AT_2330_JST, 'Asia/Tokyo', '2026-07-01'],
    ['00:30 JST, the laptop zone (TZ=Asia/Tokyo)', AT_0030_JST, undefined, '2026-07-02'],
    ['23:30 JST, the laptop zone', AT_2330_JST, undefined, '2026-07-01'],
    ['00:30 JST seen from a laptop in London', AT_0030_JST, 'Europe/London', '2026-07-01'],
    ['New Year at 00:30 JST', new Date('2026-12-31T15:30:00Z'), 'Asia/Tokyo', '2027-01-01'],
  ];
  for (const [name, now, zone, expected] of cases) it(name, () => expect(todayIso(now, zone)).toBe(expected));

  it('the results dashboard uses the same today', () => {
    expect(localToday(AT_0030_JST)).toBe('2026-07-02');
    expect(localToday(AT_2330_JST)).toBe('2026-07-01');
  });

  async function assignmentDue(dueOn: string) {
    const rt = await freshRuntime();
    const app = await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    const rev = await ok(rt, 'review/saveReviewer', { id: null, data: { name: '佐藤 一郎', institution: '大阪大学' } });
    await ok(rt, 'review/assign', { applicationIds: [app.id], reviewerIds: [rev.id], dueOn });
    return { rt, list: async () => (await ok(rt, 'review/listAssignments', {})).items };
  }

  it('a review due on 1 July is overdue at 00:30 JST on 2 July (UTC would still say 1 July)', async () => {
    const { rt, list } = await assignmentDue('2026-07-01');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(AT_0030_JST);
    expect((await list())[0]!.overdue).toBe(true);
    await rt.close();
  });

  it('…and not overdue at 23:30 JST on 1 July', async () => {
    const { rt, list } = await assignmentDue('2026-07-01');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(AT_2330_JST);
    expect((await list())[0]!.overdue).toBe(false);
    await rt.close();
  });
});
