// Bulk jobs lock what they change (issue 14): decisions lock their fiscal year (the lock imports
// and saves of that year take), reviewer imports the reviewer list. On both engines: a job waits
// while another holds its lock and goes on once it is freed, and two imports at once do not
// double the reviewers. On PostgreSQL each officer is a runtime (a PC) of its own on one schema.
import { afterEach, describe, expect, it } from 'vitest';
import { withScopeLock } from '../../db/engine.ts';
import { startRuntime, type Runtime } from '../../main/runtime.ts';
import { dropPgSchema, freshPgUrl, ok, sampleApplication, testEngine } from './helpers.ts';

let opened: Runtime[] = [];
let schemaUrl: string | null = null;

async function officers(): Promise<[Runtime, Runtime]> {
  if (testEngine === 'postgres') {
    schemaUrl = freshPgUrl();
    const a = await startRuntime({ dbPath: schemaUrl, door: 'test', listen: false });
    const b = await startRuntime({ dbPath: schemaUrl, door: 'test', listen: false });
    opened = [a, b];
    return [a, b];
  }
  const rt = await startRuntime({ dbPath: ':memory:', door: 'test', user: 'officer' });
  opened = [rt];
  return [rt, rt];
}

afterEach(async () => {
  for (const rt of opened) await rt.close();
  opened = [];
  if (schemaUrl) await dropPgSchema(schemaUrl);
  schemaUrl = null;
});

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Holds `scope`/`key` as another officer's running job would, until `release()`. */
function hold(rt: Runtime, scope: string, key: number | string) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let taken!: () => void;
  const held = new Promise<void>((r) => (taken = r));
  const done = withScopeLock(rt.open.db, scope, key, async () => {
    taken();
    await gate;
  });
  return { held, release, done };
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const REVIEWERS = ['氏名,所属機関,専門分野,メール,上限件数', ...Array.from({ length: 20 }, (_, i) => `委員 ${i + 1},大学${i + 1},防災,,5`)].join('\r\n');

describe(`bulk jobs take their locks (${testEngine})`, () => {
  it('a decision waits while its fiscal year is locked by another job, then goes on', async () => {
    const [me, other] = await officers();
    const a = await ok(me, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'L-1' }) });
    const b = await ok(me, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'L-2', fiscalYear: 2027, arrival: '2027-07-01', departure: '2027-07-07' }) });
    const lock = hold(other, 'applications', 2026);
    await lock.held;
    let finished = false;
    const decision = me.invoke('review/decide', { applicationIds: [a.id, b.id], decision: 'rejected', comment: '選考委員会' }).then((r) => ((finished = true), r));
    await settle(400);
    expect(finished).toBe(false);
    // Another officer still reads the year as it was (on SQLite the waiting write holds the one
    // connection, so a read would queue behind it: there the lock is checked by `finished` alone).
    if (testEngine === 'postgres') expect((await ok(other, 'applications/get', { id: a.id })).status).toBe('received');
    lock.release();
    await lock.done;
    const r = await decision;
    expect(r.ok && (r.value as { decided: number }).decided).toBe(2);
    expect((await ok(other, 'applications/get', { id: a.id })).status).toBe('rejected');
  });

  it('a reviewer import waits for another, and two at once do not add the same people twice', async () => {
    const [me, other] = await officers();
    const lock = hold(other, 'reviewers', 0);
    await lock.held;
    let finished = false;
    const first = me.invoke('review/importReviewers', { fileName: 'r.csv', dataBase64: b64(REVIEWERS) }).then((r) => ((finished = true), r));
    await settle(400);
    expect(finished).toBe(false);
    lock.release();
    await lock.done;
    expect((await first).ok).toBe(true);

    const [x, y] = await Promise.all([
      me.invoke('review/importReviewers', { fileName: 'r.csv', dataBase64: b64(REVIEWERS.replace(/,5/g, ',6')) }),
      other.invoke('review/importReviewers', { fileName: 'r.csv', dataBase64: b64(REVIEWERS.replace(/,5/g, ',7')) }),
    ]);
    expect(x.ok && y.ok).toBe(true);
    const list = await ok(me, 'review/listReviewers', {});
    expect(list.items).toHaveLength(20);
    expect(list.total).toBe(20);
  });

  it('two officers deciding the same applications at once: both answered, the history holds each change once', async () => {
    const [me, other] = await officers();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await ok(me, 'applications/save', { id: null, data: sampleApplication({ applicationNo: `D-${i}` }) })).id);
    const [r1, r2] = await Promise.all([
      me.invoke('review/decide', { applicationIds: ids, decision: 'rejected', comment: 'one' }),
      other.invoke('review/decide', { applicationIds: ids, decision: 'waitlisted', comment: 'two' }),
    ]);
    for (const r of [r1, r2]) if (!r.ok) expect(r.error.code).not.toBe('INTERNAL');
    const d = await ok(me, 'applications/get', { id: ids[0]! });
    // Serialized: the history runs received → first decision → second, never two from "received".
    const fromReceived = d.history.filter((h) => h.fromStatus === 'received');
    expect(fromReceived).toHaveLength(1);
  });
});
