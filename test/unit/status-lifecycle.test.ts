// The status life cycle (shared/status.ts) over every (from, to) pair, and its use by every writer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../main/runtime.ts';
import { STATUSES, type Status } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import { STATUS_LABELS, planTransition } from '../../shared/status.ts';
import { fails, freshRuntime, ok, sampleApplication } from './helpers.ts';

// Written out by hand, apart from the table under test, so a changed edge fails here.
const ALLOWED = new Set([
  'draft>received', 'draft>withdrawn',
  'received>draft', 'received>under-review', 'received>adopted', 'received>rejected', 'received>waitlisted', 'received>withdrawn',
  'under-review>received', 'under-review>adopted', 'under-review>rejected', 'under-review>waitlisted', 'under-review>withdrawn',
  'adopted>received', 'adopted>under-review', 'adopted>rejected', 'adopted>waitlisted', 'adopted>withdrawn', 'adopted>implemented',
  'rejected>received', 'rejected>under-review', 'rejected>adopted', 'rejected>waitlisted',
  'waitlisted>received', 'waitlisted>under-review', 'waitlisted>adopted', 'waitlisted>rejected', 'waitlisted>withdrawn',
  'withdrawn>received',
  'implemented>reported',
]);

const pairs: [Status, Status][] = STATUSES.flatMap((f) => STATUSES.map((t) => [f, t] as [Status, Status]));

describe('status life cycle', () => {
  it.each(pairs)('%s → %s', (from, to) => {
    if (from === to) {
      expect(planTransition(from, to, '再確認')).toBe('note');
      expect(() => planTransition(from, to, null)).toThrow(AppError);
      expect(() => planTransition(from, to, '  ')).toThrow(AppError);
      return;
    }
    if (ALLOWED.has(`${from}>${to}`)) {
      expect(planTransition(from, to, null)).toBe('change');
      return;
    }
    let err: unknown;
    try {
      planTransition(from, to, 'comment');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    // The sentence names both statuses, in both languages.
    expect(e.messages.ja).toContain(`「${STATUS_LABELS[from].ja}」から「${STATUS_LABELS[to].ja}」`);
    expect(e.messages.en).toContain(`"${STATUS_LABELS[from].en}" to "${STATUS_LABELS[to].en}"`);
  });
  it('has 補欠 → 採択 and nothing after 報告済', () => {
    expect(planTransition('waitlisted', 'adopted', null)).toBe('change');
    for (const s of STATUSES) if (s !== 'reported') expect(() => planTransition('reported', s, 'x')).toThrow(AppError);
  });
});

describe('every writer goes through the life cycle', () => {
  let rt: Runtime;
  beforeEach(async () => {
    rt = await freshRuntime();
  });
  afterEach(() => rt.close());

  it('setStatus refuses illegal changes, records a comment on the same status, refuses the same status without one', async () => {
    const a = await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    const illegal = await fails(rt, 'applications/setStatus', { id: a.id, status: 'reported', comment: null });
    expect(illegal.code).toBe('CONFLICT');
    expect(illegal.message).toContain('「受付」から「報告済」');
    const same = await fails(rt, 'applications/setStatus', { id: a.id, status: 'received', comment: null });
    expect(same.message).toContain('すでに「受付」');
    const noted = await ok(rt, 'applications/setStatus', { id: a.id, status: 'received', comment: '書類の差し替えを受領' });
    expect(noted.status).toBe('received');
    // Found by comment: two history rows written in the same millisecond have no defined order.
    expect(noted.history.find((h) => h.comment === '書類の差し替えを受領')).toMatchObject({ fromStatus: 'received', toStatus: 'received' });
    const w = await ok(rt, 'applications/setStatus', { id: a.id, status: 'waitlisted', comment: null });
    const adopted = await ok(rt, 'applications/setStatus', { id: w.id, status: 'adopted', comment: '繰り上げ' });
    expect(adopted.history.map((h) => h.toStatus).sort()).toEqual(['adopted', 'received', 'received', 'waitlisted']);
    expect(adopted.status).toBe('adopted');
  });

  it('decide refuses an illegal transition and writes nothing', async () => {
    const a = await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'A-001' }) });
    const b = await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'A-002' }) });
    await ok(rt, 'applications/setStatus', { id: b.id, status: 'withdrawn', comment: null });
    const err = await fails(rt, 'review/decide', { applicationIds: [a.id, b.id], decision: 'rejected' });
    expect(err.message).toContain('A-002');
    expect(err.message).toContain('「辞退」から「不採択」');
    expect((await ok(rt, 'applications/get', { id: a.id })).status).toBe('received');
    // The same decision again keeps its comment.
    await ok(rt, 'review/decide', { applicationIds: [a.id], decision: 'rejected' });
    await ok(rt, 'review/decide', { applicationIds: [a.id], decision: 'rejected', comment: '委員会で再確認' });
    const h = (await ok(rt, 'applications/get', { id: a.id })).history;
    expect(h.find((x) => x.comment === '委員会で再確認')).toMatchObject({ fromStatus: 'rejected', toStatus: 'rejected' });
  });

  it('the form path is gated too: adopting a rule breaker needs a reason, kept in the history; a later note does not', async () => {
    const a = await ok(rt, 'applications/save', { id: null, data: sampleApplication({ departure: '2026-07-20' }) });
    const refused = await fails(rt, 'applications/setStatus', { id: a.id, status: 'adopted', comment: null });
    expect(refused.message).toContain('STAY_TOO_LONG');
    expect((refused.details.ineligible as { applicationNo: string }[])[0]!.applicationNo).toBe('A-001');
    const d = await ok(rt, 'applications/setStatus', { id: a.id, status: 'adopted', comment: null, override: '特例' });
    expect(d.history.find((h) => h.toStatus === 'adopted')).toMatchObject({ overrideReason: '特例', changedBy: 'test-staff' });
    const noted = await ok(rt, 'applications/setStatus', { id: a.id, status: 'adopted', comment: '予算確定' });
    expect(noted.history.find((h) => h.comment === '予算確定')).toMatchObject({ fromStatus: 'adopted', toStatus: 'adopted', overrideReason: null });
    await ok(rt, 'review/decide', { applicationIds: [a.id], decision: 'adopted', comment: '再確認' });
  });
});
