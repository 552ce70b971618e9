// 実施報告 per program, the overdue-reports queue with its setting, follow-up per invitee, and the
// home dashboard counts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../main/runtime.ts';
import { actingUser, fails, freshRuntime, ok } from './helpers.ts';
import { addApplication, addParticipant, emptyResult, seedYear } from './results-seed.ts';

let rt: Runtime;
let ids: Record<string, string>;
beforeEach(async () => {
  rt = await freshRuntime();
  ids = await seedYear(rt);
});
afterEach(() => rt.close());

const visit = { ...emptyResult, actualArrival: '2026-07-01', actualDeparture: '2026-07-07', actualInvitees: 9, actualEscorts: 1 };

describe('results per program', () => {
  it('lists only adopted programs (採択 or later) with their results', async () => {
    const list = (await ok(rt, 'results/programs', { fiscalYear: 2026 })).items;
    expect(list.map((p) => p.applicationNo).sort()).toEqual(['A-1', 'B-1', 'C-1']);
    expect(list.every((p) => p.result === null)).toBe(true);
  });

  it('saves the results, and moves the status on: adopted → implemented → reported, in the history', async () => {
    const saved = await ok(rt, 'results/save', {
      programId: ids['A-1'],
      data: { ...visit, spentYen: 2_800_000, refundedYen: 200_000, summary: '  防災研修を実施。  ' },
    });
    expect(saved.status).toBe('implemented');
    expect(saved.result).toMatchObject({ actualInvitees: 9, actualEscorts: 1, spentYen: 2_800_000, refundedYen: 200_000, summary: '防災研修を実施。', updatedBy: actingUser(rt) });

    const reported = await ok(rt, 'results/save', { programId: ids['A-1'], data: { ...visit, reportReceivedOn: '2026-08-01' } });
    expect(reported.status).toBe('reported');
    expect(reported.result!.id).toBe(saved.result!.id); // one result row per program, updated in place
    const app = await ok(rt, 'applications/get', { id: ids['A-1'] });
    expect(app.history.map((h) => h.toStatus)).toEqual(['received', 'adopted', 'implemented', 'reported']);
    expect(app.history.at(-1)!.comment).toContain('実施報告書');

    // Never backwards: clearing the report date keeps 報告済.
    const again = await ok(rt, 'results/save', { programId: ids['A-1'], data: visit });
    expect(again.status).toBe('reported');
  });

  it('refuses impossible dates with ja/en sentences and writes nothing', async () => {
    const err = await fails(rt, 'results/save', {
      programId: ids['A-1'],
      data: { ...visit, actualDeparture: '2026-06-30', reportReceivedOn: '2026-06-01' },
    });
    expect(err.code).toBe('VALIDATION');
    expect(err.details.messages.ja).toContain('離日日が来日日より前');
    expect(err.details.messages.ja).toContain('実施報告書の受領日');
    expect(err.details.messages.en).toContain('departure is before');
    const half = await fails(rt, 'results/save', { programId: ids['A-1'], data: { ...emptyResult, actualArrival: '2026-07-01' } });
    expect(half.details.messages.ja).toContain('両方');
    const negative = await fails(rt, 'results/save', { programId: ids['A-1'], data: { ...visit, spentYen: -1 } });
    expect(negative.code).toBe('VALIDATION');
    const p = await ok(rt, 'results/program', { programId: ids['A-1'] });
    expect(p.program.result).toBeNull();
    expect(p.program.status).toBe('adopted');
  });

  it('refuses results for an application that was not adopted, and for an unknown id', async () => {
    const err = await fails(rt, 'results/save', { programId: ids['A-2'], data: visit });
    expect(err.code).toBe('CONFLICT');
    expect(err.details.messages.ja).toContain('採択されていない');
    expect((await fails(rt, 'results/program', { programId: 'nope' })).code).toBe('NOT_FOUND');
  });
});

describe('overdue reports queue', () => {
  it('lists programs whose visit ended more than N days ago without reports, most overdue first', async () => {
    // A-1 planned 07-01..07-07 (no record); B-1 visit 08-01..08-20, report in, opinions missing.
    await ok(rt, 'results/save', { programId: ids['B-1'], data: { ...emptyResult, actualArrival: '2026-08-01', actualDeparture: '2026-08-20', reportReceivedOn: '2026-09-01' } });
    // 60 days (default) after 07-07 is 09-05: on 09-05 nothing is overdue yet, on 09-06 A-1 is.
    expect((await ok(rt, 'results/overdue', { today: '2026-09-05' })).items).toEqual([]);
    const q = await ok(rt, 'results/overdue', { today: '2026-09-06' });
    expect(q.days).toBe(60);
    expect(q.items).toEqual([
      expect.objectContaining({ applicationNo: 'A-1', endedOn: '2026-07-07', daysSinceEnd: 61, missing: ['report', 'opinions'] }),
    ]);
    const later = await ok(rt, 'results/overdue', { today: '2026-11-01' });
    expect(later.items.map((i) => [i.applicationNo, i.daysSinceEnd, i.missing])).toEqual([
      ['A-1', 117, ['report', 'opinions']],
      ['B-1', 73, ['opinions']],
    ]);
    // C-1 was marked 報告済 with no record: taken as reported, never in the queue.
    expect(later.items.some((i) => i.applicationNo === 'C-1')).toBe(false);
  });

  it('uses the setting for N, and refuses a setting out of range', async () => {
    expect(await ok(rt, 'results/settings', {})).toEqual({ reportOverdueDays: 60, version: 0 });
    expect(await ok(rt, 'results/saveSettings', { reportOverdueDays: 30, expectedVersion: 0 })).toEqual({ reportOverdueDays: 30, version: 1 });
    expect((await ok(rt, 'results/overdue', { today: '2026-08-07' })).items.map((i) => i.applicationNo)).toEqual(['A-1']);
    const err = await fails(rt, 'results/saveSettings', { reportOverdueDays: 0 });
    expect(err.code).toBe('VALIDATION');
    expect(await ok(rt, 'results/settings', {})).toEqual({ reportOverdueDays: 30, version: 1 });
  });

  it('a program with both reports received leaves the queue', async () => {
    await ok(rt, 'results/save', { programId: ids['A-1'], data: { ...visit, reportReceivedOn: '2026-08-01', opinionReportsReceivedOn: '2026-08-03' } });
    expect((await ok(rt, 'results/overdue', { today: '2027-03-01' })).items.map((i) => i.applicationNo)).toEqual(['B-1']);
  });
});

describe('follow-up per invitee', () => {
  it('records, lists, edits and deletes outcomes on the participant page', async () => {
    const pid = await addParticipant(rt, ids['A-1']!, 'Nguyen An');
    const a = await ok(rt, 'followups/save', { id: null, participantId: pid, kind: 'returned-researcher', occurredOn: '2029-04-01', note: ' 東北大学 助教 ' });
    await ok(rt, 'followups/save', { id: null, participantId: pid, kind: 'returned-student', occurredOn: '2027-10-01', note: '' });
    let page = await ok(rt, 'followups/participant', { participantId: pid });
    expect(page.participant).toMatchObject({ name: 'Nguyen An', role: 'invitee', followUps: 2 });
    expect(page.program).toMatchObject({ applicationNo: 'A-1', fiscalYear: 2026, arrival: '2026-07-01' });
    expect(page.followUps.map((f) => [f.kind, f.occurredOn, f.note])).toEqual([
      ['returned-student', '2027-10-01', ''],
      ['returned-researcher', '2029-04-01', '東北大学 助教'],
    ]);
    await ok(rt, 'followups/save', { id: a.id, participantId: pid, kind: 'joint-research', occurredOn: '2029-05-01', note: '継続' });
    page = await ok(rt, 'followups/participant', { participantId: pid });
    expect(page.followUps.map((f) => f.kind)).toEqual(['returned-student', 'joint-research']);
    expect((await ok(rt, 'results/program', { programId: ids['A-1'] })).participants).toEqual([
      expect.objectContaining({ id: pid, followUps: 2 }),
    ]);
    expect(await ok(rt, 'followups/delete', { id: a.id })).toEqual({ deleted: true });
    expect(await ok(rt, 'followups/delete', { id: a.id })).toEqual({ deleted: false });
    expect((await ok(rt, 'followups/participant', { participantId: pid })).followUps).toHaveLength(1);
  });

  it('refuses escorts, dates before the visit, unknown kinds and unknown people, writing nothing', async () => {
    const escort = await addParticipant(rt, ids['A-1']!, 'Pham Escort', 'escort');
    const pid = await addParticipant(rt, ids['A-1']!, 'Nguyen An');
    const e1 = await fails(rt, 'followups/save', { id: null, participantId: escort, kind: 'other', occurredOn: '2027-01-01', note: '' });
    expect(e1.code).toBe('CONFLICT');
    expect(e1.details.messages.ja).toContain('引率者は対象外');
    const e2 = await fails(rt, 'followups/save', { id: null, participantId: pid, kind: 'other', occurredOn: '2026-06-30', note: '' }, 'en');
    expect(e2.message).toContain("before the program's arrival");
    const e3 = await fails(rt, 'followups/save', { id: null, participantId: pid, kind: 'married', occurredOn: '2027-01-01', note: '' });
    expect(e3.code).toBe('VALIDATION');
    expect((await fails(rt, 'followups/participant', { participantId: 'nobody' })).code).toBe('NOT_FOUND');
    expect((await fails(rt, 'followups/save', { id: 'missing', participantId: pid, kind: 'other', occurredOn: '2027-01-01', note: '' })).code).toBe('NOT_FOUND');
    expect((await ok(rt, 'followups/participant', { participantId: pid })).followUps).toEqual([]);
  });

  it('follow-ups go with their participant when the application is deleted', async () => {
    const pid = await addParticipant(rt, ids['A-1']!, 'Nguyen An');
    await ok(rt, 'followups/save', { id: null, participantId: pid, kind: 'other', occurredOn: '2027-01-01', note: '' });
    await ok(rt, 'applications/delete', { id: ids['A-1'] });
    const left = await rt.open.db.selectFrom('follow_up').select('id').execute();
    expect(left).toEqual([]);
  });
});

describe('home dashboard', () => {
  it('gives the fiscal year of today, the open call and the queue counts', async () => {
    await ok(rt, 'calls/save', { fiscalYear: 2026, number: 1, opensOn: '2026-04-01', closesOn: '2026-05-10', budgetYen: null });
    await ok(rt, 'calls/save', { fiscalYear: 2026, number: 2, opensOn: '2026-06-01', closesOn: '2026-07-10', budgetYen: null });
    await addApplication(rt, 'X-1', { invitees: 11 }); // too many invitees for course A, one institution
    const open = await ok(rt, 'stats/dashboard', { today: '2026-06-15' });
    expect(open).toEqual({
      today: '2026-06-15',
      fiscalYear: 2026,
      call: { number: 2, opensOn: '2026-06-01', closesOn: '2026-07-10', state: 'open' },
      applications: 7,
      applicationsWithProblems: 1,
      reportsOverdue: 0,
    });
    const between = await ok(rt, 'stats/dashboard', { today: '2026-05-20' });
    expect(between.call).toMatchObject({ number: 2, state: 'upcoming' });
    // January 2027 is still FY2026; A-1 and B-1 are overdue by then.
    const winter = await ok(rt, 'stats/dashboard', { today: '2027-01-15' });
    expect(winter.fiscalYear).toBe(2026);
    expect(winter.call).toMatchObject({ number: 2, state: 'closed' });
    expect(winter.reportsOverdue).toBe(2);
    const nextYear = await ok(rt, 'stats/dashboard', { today: '2027-04-02' });
    expect(nextYear).toMatchObject({ fiscalYear: 2027, call: null, applications: 0 });
  });
});
