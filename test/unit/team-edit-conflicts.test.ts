// Every edit call carries the version its form started from (issue 14), on both engines. For each
// kind of edit, N officers save from the same version at the same moment: exactly one wins, the
// others get CONFLICT naming who changed the record and when (JST), never INTERNAL; what the winner
// was told is saved is what a reload shows, and a save from the reloaded version succeeds.
import { afterEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../main/runtime.ts';
import type { ErrorValue, Result } from '../../shared/errors.ts';
import { jstMinute } from '../../shared/stale.ts';
import { fails, ok, sampleApplication, samplePerson, testEngine } from './helpers.ts';
import { closeOfficers, N, noInternal, officers } from './team-officers.ts';

afterEach(closeOfficers);

interface Stamp {
  version: number;
  /** undefined: the read call does not say who (a setting); the sentence must still name someone. */
  updatedBy?: string | null;
}

/** One kind of edit: what to create, how to read its version and value, and the save of writer i. */
interface EditKind {
  name: string;
  setup(rt: Runtime): Promise<string>;
  read(rt: Runtime, key: string): Promise<{ stamp: Stamp; value: unknown }>;
  write(rt: Runtime, key: string, i: number, expectedVersion: number): Promise<Result<unknown>>;
  /** What a reload shows after writer i's save. */
  valueOf(i: number): unknown;
}

async function program(rt: Runtime, no = 'P-001'): Promise<string> {
  const app = await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: no }) });
  await ok(rt, 'applications/setStatus', { id: app.id, status: 'adopted' });
  return app.id;
}

const person = (i: number) => samplePerson(i);
/** A host's roster file of one person, base64 as the import button sends it. */
const rosterCsv = (familyName: string) =>
  Buffer.from(`\uFEFF姓,名,現地表記氏名,性別,生年月日,国籍,所属機関,身分,区分,メール\r\n${familyName},Binh,,male,1999-05-05,VN,VNU,master,invitee,\r\n`).toString('base64');
const slot = (i: number) => ({
  id: null,
  date: '2026-07-02',
  start: '09:00',
  end: '12:00',
  activity: `講義 ${i}`,
  kind: 'lecture',
  atHost: true,
  place: null,
  personInCharge: null,
  note: null,
});
const reviewer = (name: string) => ({ name, kind: 'committee', institution: null, email: null, fields: [], countries: [], activeCalls: [], maxLoad: null, active: true });
const scores = (n: number) => ['plan', 'significance', 'organisation', 'continuity', 'budget'].map((criterion) => ({ criterion, score: n, comment: '' }));
const result = (i: number) => ({
  actualArrival: '2026-07-01',
  actualDeparture: '2026-07-07',
  actualInvitees: 10,
  actualEscorts: 1,
  reportReceivedOn: null,
  opinionReportsReceivedOn: null,
  spentYen: 1_000_000 + i,
  refundedYen: 100 + i,
  summary: `実施 ${i}`,
});

const kinds: EditKind[] = [
  {
    name: 'calls/save (a new call number)',
    setup: async () => '2026-1',
    read: async (rt) => {
      const c = (await ok(rt, 'calls/list', { fiscalYear: 2026 })).items[0];
      return { stamp: c ?? { version: 0, updatedBy: null }, value: c?.budgetYen ?? null };
    },
    write: (rt, _k, i, v) => rt.invoke('calls/save', { fiscalYear: 2026, number: 1, opensOn: null, closesOn: null, budgetYen: 1000 * (i + 1), expectedVersion: v }),
    valueOf: (i) => 1000 * (i + 1),
  },
  {
    name: 'institutions/save',
    setup: async (rt) => (await ok(rt, 'institutions/save', { id: null, nameJa: '東北大学', nameEn: null, country: 'JP', kind: 'university' })).id,
    read: async (rt, id) => {
      const inst = (await ok(rt, 'institutions/list', {})).items.find((x) => x.id === id)!;
      return { stamp: inst, value: inst.nameEn };
    },
    write: (rt, id, i, v) => rt.invoke('institutions/save', { id, nameJa: '東北大学', nameEn: `Tohoku ${i}`, country: 'JP', kind: 'university', expectedVersion: v }),
    valueOf: (i) => `Tohoku ${i}`,
  },
  {
    name: 'review/saveReviewer',
    setup: async (rt) => (await ok(rt, 'review/saveReviewer', { id: null, data: reviewer('佐藤 花子') })).id,
    read: async (rt, id) => {
      const r = (await ok(rt, 'review/listReviewers', {})).items.find((x) => x.id === id)!;
      return { stamp: r, value: r.maxLoad };
    },
    write: (rt, id, i, v) => rt.invoke('review/saveReviewer', { id, data: { ...reviewer('佐藤 花子'), maxLoad: i + 1 }, expectedVersion: v }),
    valueOf: (i) => i + 1,
  },
  {
    name: 'review/saveRubric',
    setup: async () => '2026',
    read: async (rt) => {
      const r = await ok(rt, 'review/getRubric', { fiscalYear: 2026, call: null });
      return { stamp: r, value: r.criteria[0]!.label };
    },
    write: (rt, _k, i, v) =>
      rt.invoke('review/saveRubric', { fiscalYear: 2026, call: null, criteria: [{ key: 'plan', label: `計画 ${i}`, labelEn: '' }], expectedVersion: v }),
    valueOf: (i) => `計画 ${i}`,
  },
  {
    name: 'results/save (実績, refunds)',
    setup: (rt) => program(rt),
    read: async (rt, id) => {
      const r = (await ok(rt, 'results/program', { programId: id })).program.result;
      return { stamp: r ?? { version: 0, updatedBy: null }, value: r?.refundedYen ?? null };
    },
    write: (rt, id, i, v) => rt.invoke('results/save', { programId: id, data: result(i), expectedVersion: v }),
    valueOf: (i) => 100 + i,
  },
  {
    name: 'followups/save',
    setup: async (rt) => {
      const id = await program(rt);
      const d = await ok(rt, 'programs/saveParticipants', { id, participants: [person(0)] });
      const pid = d.participants[0]!.id;
      return (await ok(rt, 'followups/save', { id: null, participantId: pid, kind: 'returned-student', occurredOn: '2027-10-01', note: '' })).id;
    },
    read: async (rt, id) => {
      const programs = (await ok(rt, 'results/programs', { fiscalYear: 2026 })).items;
      const pid = (await ok(rt, 'results/program', { programId: programs[0]!.programId })).participants[0]!.id;
      const f = (await ok(rt, 'followups/participant', { participantId: pid })).followUps.find((x) => x.id === id)!;
      return { stamp: { version: f.version, updatedBy: f.recordedBy }, value: f.note };
    },
    write: async (rt, id, i, v) => {
      const programs = (await ok(rt, 'results/programs', { fiscalYear: 2026 })).items;
      const pid = (await ok(rt, 'results/program', { programId: programs[0]!.programId })).participants[0]!.id;
      return rt.invoke('followups/save', { id, participantId: pid, kind: 'joint-research', occurredOn: '2028-01-01', note: `共同研究 ${i}`, expectedVersion: v });
    },
    valueOf: (i) => `共同研究 ${i}`,
  },
  {
    name: 'programs/saveItinerary',
    setup: (rt) => program(rt),
    read: async (rt, id) => {
      const d = await ok(rt, 'programs/get', { id });
      return { stamp: d.itineraryVersion, value: d.slots.map((s) => s.activity) };
    },
    write: (rt, id, i, v) => rt.invoke('programs/saveItinerary', { id, slots: [slot(i)], expectedVersion: v }),
    valueOf: (i) => [`講義 ${i}`],
  },
  {
    name: 'programs/saveParticipants (roster)',
    setup: (rt) => program(rt),
    read: async (rt, id) => {
      const d = await ok(rt, 'programs/get', { id });
      return { stamp: d.rosterVersion, value: d.participants.map((p) => p.familyName) };
    },
    write: (rt, id, i, v) => rt.invoke('programs/saveParticipants', { id, participants: [person(i)], expectedVersion: v }),
    valueOf: (i) => [`NGUYEN${i}`],
  },
  {
    // The roster screen's import button sends the version it shows, as its save does.
    name: 'programs/importParticipants (roster import)',
    setup: (rt) => program(rt),
    read: async (rt, id) => {
      const d = await ok(rt, 'programs/get', { id });
      return { stamp: d.rosterVersion, value: d.participants.map((p) => p.familyName) };
    },
    write: (rt, id, i, v) =>
      rt.invoke('programs/importParticipants', { id, fileName: 'roster.csv', dataBase64: rosterCsv(`TRAN${i}`), mode: 'replace', expectedVersion: v }),
    valueOf: (i) => [`TRAN${i}`],
  },
  {
    name: 'review/saveReview',
    setup: async (rt) => {
      const app = await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
      const r = await ok(rt, 'review/saveReviewer', { id: null, data: reviewer('審査 一郎') });
      await ok(rt, 'review/assign', { applicationIds: [app.id], reviewerIds: [r.id] });
      return (await ok(rt, 'review/listAssignments', { applicationId: app.id })).items[0]!.id;
    },
    read: async (rt, assignmentId) => {
      const r = await ok(rt, 'review/getReview', { assignmentId });
      return { stamp: r ? { version: r.version, updatedBy: r.submittedBy } : { version: 0, updatedBy: null }, value: r?.comment ?? null };
    },
    write: (rt, assignmentId, i, v) =>
      rt.invoke('review/saveReview', { assignmentId, scores: scores(1 + (i % 5)), recommendation: 'adopt', confidence: 2, comment: `所見 ${i}`, expectedVersion: v }),
    valueOf: (i) => `所見 ${i}`,
  },
  {
    name: 'results/saveSettings (shared by the office)',
    setup: async () => 'results',
    read: async (rt) => {
      const s = await ok(rt, 'results/settings', {});
      return { stamp: { version: s.version }, value: s.reportOverdueDays };
    },
    write: (rt, _k, i, v) => rt.invoke('results/saveSettings', { reportOverdueDays: 30 + i, expectedVersion: v }),
    valueOf: (i) => 30 + i,
  },
];

describe(`every edit call refuses a stale save (${testEngine})`, () => {
  for (const kind of kinds) {
    it(`${kind.name}: ${N} officers from one version, one save, ${N - 1} CONFLICTs naming who and when; a reload saves`, async () => {
      const team = await officers();
      const key = await kind.setup(team[0]!);
      const start = (await kind.read(team[0]!, key)).stamp;
      const results = await Promise.all(team.map((rt, i) => kind.write(rt, key, i, start.version)));
      noInternal(results);
      const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
      expect(winners, JSON.stringify(results.map((r) => (r.ok ? 'ok' : r.error.message)))).toHaveLength(1);
      // Nothing reported saved is missing: the reload shows the winner's change, one version on.
      const now = await kind.read(team[1]!, key);
      expect(now.value).toEqual(kind.valueOf(winners[0]!));
      expect(now.stamp.version).toBe(start.version + 1);
      for (const r of results) {
        if (r.ok) continue;
        const e: ErrorValue = r.error;
        expect(e.code).toBe('CONFLICT');
        expect(e.details).toMatchObject({ reload: true, expectedVersion: start.version, version: now.stamp.version });
        const by = now.stamp.updatedBy === undefined ? String(e.details.changedBy) : now.stamp.updatedBy;
        expect(by).not.toBe('');
        expect(e.details.changedBy).toBe(by);
        const at = jstMinute(String(e.details.changedAt));
        expect(at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} JST$/);
        // From version 0 the form was entering a new record, which another officer saved first
        // (a rule set's version 0 is its shipped default: team-concurrency.test.ts).
        expect(e.details.messages.ja).toContain(`${by} さんが ${at} に${start.version === 0 ? '登録' : '変更'}しました`);
        expect(e.details.messages.en).toContain(`${by} ${start.version === 0 ? 'saved' : 'changed'}`);
        expect(e.details.messages.en).toContain(at);
      }
      // The form's reload gives the latest version; saving from it works, and the stale one still fails.
      const again = await kind.write(team[2]!, key, 7, now.stamp.version);
      expect(again.ok, again.ok ? '' : again.error.message).toBe(true);
      expect((await kind.read(team[3]!, key)).value).toEqual(kind.valueOf(7));
      const stale = await kind.write(team[3]!, key, 8, now.stamp.version);
      expect(!stale.ok && stale.error.code).toBe('CONFLICT');
    });
  }
});

describe(`imports and other write paths move the version on too (${testEngine})`, () => {
  it('a roster import makes an open roster editor stale; reviewer import makes a reviewer form stale', async () => {
    const [rt] = await officers(1);
    const id = await program(rt!);
    const before = (await ok(rt!, 'programs/get', { id })).rosterVersion.version;
    const csv = '\uFEFF姓,名,現地表記氏名,性別,生年月日,国籍,所属機関,身分,区分,メール\r\nTRAN,Binh,,male,1999-05-05,VN,VNU,master,invitee,\r\n';
    await ok(rt!, 'programs/importParticipants', { id, fileName: 'roster.csv', dataBase64: Buffer.from(csv).toString('base64') });
    const err = await fails(rt!, 'programs/saveParticipants', { id, participants: [person(1)], expectedVersion: before });
    expect(err.code).toBe('CONFLICT');
    expect((await ok(rt!, 'programs/get', { id })).participants.map((p) => p.familyName)).toEqual(['TRAN']);

    const r = await ok(rt!, 'review/saveReviewer', { id: null, data: reviewer('鈴木 一郎') });
    const sheet = Buffer.from('\uFEFF氏名,所属機関,専門分野,メール,上限件数\r\n鈴木 一郎,,,,9\r\n').toString('base64');
    await ok(rt!, 'review/importReviewers', { fileName: 'reviewers.csv', dataBase64: sheet });
    expect((await fails(rt!, 'review/saveReviewer', { id: r.id, data: reviewer('鈴木 一郎'), expectedVersion: r.version })).code).toBe('CONFLICT');
  });

  it('a merge moves the kept institution and the applications it touches on a version', async () => {
    const [rt] = await officers(1);
    const app = await ok(rt!, 'applications/save', { id: null, data: sampleApplication({ hostInstitution: '東北大学' }) });
    const keep = (await ok(rt!, 'institutions/list', {})).items.find((i) => i.nameJa === '東北大学')!;
    const other = await ok(rt!, 'institutions/save', { id: null, nameJa: 'Tohoku Univ', nameEn: null, country: 'JP', kind: 'university' });
    await ok(rt!, 'applications/save', { id: app.id, data: sampleApplication({ hostInstitution: 'Tohoku Univ' }), expectedVersion: app.version });
    const moved = await ok(rt!, 'applications/get', { id: app.id });
    await ok(rt!, 'institutions/merge', { keepId: keep.id, mergeIds: [other.id] });
    expect((await fails(rt!, 'institutions/save', { id: keep.id, nameJa: '東北大学', nameEn: 'x', country: 'JP', kind: 'university', expectedVersion: keep.version })).code).toBe('CONFLICT');
    expect((await ok(rt!, 'applications/get', { id: app.id })).version).toBeGreaterThan(moved.version);
  });
});

describe(`a delete names the version it saw (${testEngine})`, () => {
  it('an application, a reviewer and a follow-up changed since are not deleted; from the current version they are', async () => {
    const [rt] = await officers(1);
    const app = await ok(rt!, 'applications/save', { id: null, data: sampleApplication() });
    await ok(rt!, 'applications/save', { id: app.id, data: sampleApplication({ title: '変更' }), expectedVersion: app.version });
    const e1 = await fails(rt!, 'applications/delete', { id: app.id, expectedVersion: app.version });
    expect(e1.code).toBe('CONFLICT');
    expect(e1.details.reload).toBe(true);
    expect((await ok(rt!, 'applications/get', { id: app.id })).title).toBe('変更');
    expect((await ok(rt!, 'applications/delete', { id: app.id, expectedVersion: app.version + 1 })).deleted).toBe(true);

    const r = await ok(rt!, 'review/saveReviewer', { id: null, data: reviewer('高橋 次郎') });
    await ok(rt!, 'review/saveReviewer', { id: r.id, data: { ...reviewer('高橋 次郎'), maxLoad: 3 }, expectedVersion: r.version });
    expect((await fails(rt!, 'review/deleteReviewer', { id: r.id, expectedVersion: r.version })).code).toBe('CONFLICT');
    expect((await ok(rt!, 'review/deleteReviewer', { id: r.id, expectedVersion: r.version + 1 })).deleted).toBe(true);

    const id = await program(rt!, 'P-002');
    const pid = (await ok(rt!, 'programs/saveParticipants', { id, participants: [person(0)], expectedVersion: 0 })).participants[0]!.id;
    const f = await ok(rt!, 'followups/save', { id: null, participantId: pid, kind: 'returned-student', occurredOn: '2027-10-01', note: '' });
    await ok(rt!, 'followups/save', { id: f.id, participantId: pid, kind: 'returned-student', occurredOn: '2027-10-01', note: '追記', expectedVersion: f.version });
    expect((await fails(rt!, 'followups/delete', { id: f.id, expectedVersion: f.version })).code).toBe('CONFLICT');
    expect((await ok(rt!, 'followups/delete', { id: f.id, expectedVersion: f.version + 1 })).deleted).toBe(true);
  });
});

describe(`creates need no version, and none is lost (${testEngine})`, () => {
  it('parallel creates of institutions, reviewers, calls, follow-ups and aliases are all saved; one alias name is one row', async () => {
    const team = await officers();
    const all = async (write: (rt: Runtime, i: number) => Promise<Result<unknown>>) => {
      const results = await Promise.all(team.map(write));
      noInternal(results);
      expect(results.map((r) => (r.ok ? 'ok' : r.error.message))).toEqual(team.map(() => 'ok'));
      return results;
    };
    await all((rt, i) => rt.invoke('institutions/save', { id: null, nameJa: `研究所 ${i}`, nameEn: null, country: 'JP', kind: 'other' }));
    expect((await ok(team[0]!, 'institutions/list', { q: '研究所' })).items.map((x) => x.nameJa).sort()).toEqual(team.map((_, i) => `研究所 ${i}`));
    await all((rt, i) => rt.invoke('review/saveReviewer', { id: null, data: reviewer(`委員 ${i}`) }));
    expect((await ok(team[0]!, 'review/listReviewers', {})).items.map((r) => r.name).sort()).toEqual(team.map((_, i) => `委員 ${i}`));
    await all((rt, i) => rt.invoke('calls/save', { fiscalYear: 2026, number: i + 1, opensOn: null, closesOn: null, budgetYen: null, expectedVersion: 0 }));
    expect((await ok(team[0]!, 'calls/list', { fiscalYear: 2026 })).items.map((c) => c.number)).toEqual([1, 2, 3, 4]);

    const id = await program(team[0]!);
    const pid = (await ok(team[0]!, 'programs/saveParticipants', { id, participants: [person(0)], expectedVersion: 0 })).participants[0]!.id;
    await all((rt, i) => rt.invoke('followups/save', { id: null, participantId: pid, kind: 'returned-student', occurredOn: `2027-10-0${i + 1}`, note: `${i}` }));
    expect((await ok(team[0]!, 'followups/participant', { participantId: pid })).followUps).toHaveLength(N);

    const inst = (await ok(team[0]!, 'institutions/list', { q: '研究所 0' })).items[0]!;
    await all((rt, i) => rt.invoke('institutions/addAlias', { institutionId: inst.id, name: `別名 ${i}`, kind: 'abbr' }));
    await all((rt) => rt.invoke('institutions/addAlias', { institutionId: inst.id, name: '同じ別名', kind: 'abbr' }));
    const aliases = (await ok(team[0]!, 'institutions/aliases', { institutionId: inst.id })).items;
    expect(aliases.map((a) => a.name).sort()).toEqual([...team.map((_, i) => `別名 ${i}`), '同じ別名'].sort());
    // Removing one alias at once from every desk: removed once, the others are told it was not there.
    const gone = aliases.find((a) => a.name === '同じ別名')!;
    const removed = await all((rt) => rt.invoke('institutions/removeAlias', { id: gone.id }));
    expect(removed.map((r) => (r.ok ? (r.value as { removed: boolean }).removed : null)).filter(Boolean)).toHaveLength(1);
  });
});
