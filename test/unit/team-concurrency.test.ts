// Several officers at once (issue 14), on both engines: on PostgreSQL each officer is a runtime of
// its own (its own pool, as on separate PCs) on one schema; on SQLite, concurrent calls on one
// runtime. For every kind of writing call, N writers at the same moment: each gets its answer or
// a sentence (CONFLICT, VALIDATION…), never INTERNAL, and nothing reported saved is missing.
import { afterEach, describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../shared/rules/ruleset.ts';
import type { ErrorValue } from '../../shared/errors.ts';
import { jstMinute } from '../../shared/stale.ts';
import { ok, sampleApplication, testEngine } from './helpers.ts';
import { closeOfficers, noInternal, officers } from './team-officers.ts';

afterEach(closeOfficers);

function valuesWith(invitees: number) {
  const v = defaultRuleSet(2026).values;
  return { ...v, courses: { ...v.courses, A: { ...v.courses.A, maxInviteesSingleInstitution: invitees } } };
}

describe(`several officers at once (${testEngine})`, () => {
  it('four officers saving the same rule set at once each get a new version; none is lost', async () => {
    const team = await officers();
    const results = await Promise.all(
      team.map((rt, i) => rt.invoke('rulesets/save', { fiscalYear: 2026, values: valuesWith(11 + i), note: `officer ${i}` })),
    );
    noInternal(results);
    const saved = results.filter((r) => r.ok).map((r) => (r as { value: { version: number } }).value.version);
    expect(saved.sort()).toEqual([1, 2, 3, 4]);
    const history = (await ok(team[0]!, 'rulesets/history', { fiscalYear: 2026 })).items;
    expect(history.map((h) => h.note).sort()).toEqual(['officer 0', 'officer 1', 'officer 2', 'officer 3']);
    expect(history.map((h) => h.values.courses.A.maxInviteesSingleInstitution).sort()).toEqual([11, 12, 13, 14]);
  });

  it('four officers saving from the same version: one new version, three CONFLICT sentences naming who and when', async () => {
    const team = await officers();
    const start = await ok(team[0]!, 'rulesets/get', { fiscalYear: 2026 });
    const results = await Promise.all(
      team.map((rt, i) =>
        rt.invoke('rulesets/save', { fiscalYear: 2026, values: valuesWith(11 + i), note: `officer ${i}`, expectedVersion: start.version }),
      ),
    );
    noInternal(results);
    const wins = results.filter((r) => r.ok);
    const losses = results.filter((r): r is { ok: false; error: ErrorValue } => !r.ok);
    expect(wins).toHaveLength(1);
    expect(losses).toHaveLength(3);
    const winner = (wins[0] as { value: { version: number; updatedBy: string; updatedAt: string } }).value;
    for (const l of losses) {
      expect(l.error.code).toBe('CONFLICT');
      expect(l.error.details).toMatchObject({ changedBy: winner.updatedBy, changedAt: winner.updatedAt, reload: true });
      expect(l.error.details.messages.ja).toContain(winner.updatedBy);
      expect(l.error.details.messages.en).toContain(jstMinute(winner.updatedAt));
    }
    // Nothing reported saved is missing: the one save is the current version and in the history.
    const now = await ok(team[1]!, 'rulesets/get', { fiscalYear: 2026 });
    expect(now.version).toBe(winner.version);
    expect((await ok(team[2]!, 'rulesets/history', { fiscalYear: 2026 })).items).toHaveLength(1);
    // The form's reload gives the latest version; saving from it works.
    const again = await ok(team[3]!, 'rulesets/save', { fiscalYear: 2026, values: valuesWith(20), note: 'after reload', expectedVersion: now.version });
    expect(again.version).toBe(now.version + 1);
  });

  it('parallel writers of applications: distinct numbers all saved; one number from four officers is one row', async () => {
    const team = await officers();
    const distinct = await Promise.all(team.map((rt, i) => rt.invoke('applications/save', { id: null, data: sampleApplication({ applicationNo: `P-${i}` }) })));
    noInternal(distinct);
    expect(distinct.every((r) => r.ok)).toBe(true);
    const same = await Promise.all(team.map((rt) => rt.invoke('applications/save', { id: null, data: sampleApplication({ applicationNo: 'SAME-1' }) })));
    noInternal(same);
    // A save without an id is keyed by year and number (as an import row is): the later ones update.
    expect(same.every((r) => r.ok)).toBe(true);
    const list = await ok(team[0]!, 'applications/list', { fiscalYear: 2026 });
    expect(list.items.map((a) => a.applicationNo).sort()).toEqual(['P-0', 'P-1', 'P-2', 'P-3', 'SAME-1']);
  });

  it('parallel status changes, call saves, institution saves and conflict declarations never give INTERNAL', async () => {
    const team = await officers();
    const app = await ok(team[0]!, 'applications/save', { id: null, data: sampleApplication() });
    const status = await Promise.all(team.map((rt, i) => rt.invoke('applications/setStatus', { id: app.id, status: 'under-review', comment: `c${i}` })));
    noInternal(status);
    const calls = await Promise.all(team.map((rt, i) => rt.invoke('calls/save', { fiscalYear: 2026, number: 1, opensOn: null, closesOn: null, budgetYen: 1000 * (i + 1) })));
    noInternal(calls);
    expect(calls.every((r) => r.ok)).toBe(true);
    expect((await ok(team[0]!, 'calls/list', { fiscalYear: 2026 })).items).toHaveLength(1);
    const reviewer = await ok(team[0]!, 'review/saveReviewer', {
      id: null,
      data: { name: '佐藤 花子', kind: 'committee', institution: null, email: null, fields: ['science'], countries: [], activeCalls: [], maxLoad: null, active: true },
    });
    const declared = await Promise.all(team.map((rt, i) => rt.invoke('review/declareConflict', { reviewerId: reviewer.id, applicationId: app.id, reason: `r${i}` })));
    noInternal(declared);
    expect(declared.every((r) => r.ok)).toBe(true);
    expect((await ok(team[0]!, 'review/listConflicts', { applicationId: app.id })).items.filter((c) => c.kind === 'declared')).toHaveLength(1);
  });

  it('four officers running automatic assignment for the same call at once: each application gets its reviewers once', async () => {
    const team = await officers();
    for (const no of ['AA-1', 'AA-2', 'AA-3']) await ok(team[0]!, 'applications/save', { id: null, data: sampleApplication({ applicationNo: no }) });
    for (const name of ['一 一郎', '二 二郎', '三 三郎', '四 四郎', '五 五郎']) await ok(team[0]!, 'review/saveReviewer', { id: null, data: { name, institution: null } });
    const runs = await Promise.all(team.map((rt) => rt.invoke('review/autoAssign', { fiscalYear: 2026, perApplication: 2 })));
    noInternal(runs);
    const list = (await ok(team[0]!, 'review/listAssignments', { fiscalYear: 2026 })).items;
    // Two per application, not two per run: the later runs planned on the first one's work.
    expect(list).toHaveLength(6);
    const added = runs.map((r) => (r.ok ? (r.value as { added: unknown[] }).added.length : 0)).sort();
    expect(added).toEqual([0, 0, 0, 6]);
  });

  it('four officers editing the same application from one version: one save, three CONFLICTs naming who; a reload saves', async () => {
    const team = await officers();
    const created = await ok(team[0]!, 'applications/save', { id: null, data: sampleApplication() });
    expect(created.version).toBe(1);
    const results = await Promise.all(
      team.map((rt, i) =>
        rt.invoke('applications/save', { id: created.id, data: sampleApplication({ title: `題目 ${i}` }), expectedVersion: created.version }),
      ),
    );
    noInternal(results);
    const wins = results.filter((r) => r.ok).map((r) => (r as { value: { title: string; version: number; updatedBy: string } }).value);
    expect(wins).toHaveLength(1);
    for (const r of results) {
      if (r.ok) continue;
      expect(r.error.code).toBe('CONFLICT');
      expect(r.error.details).toMatchObject({ changedBy: wins[0]!.updatedBy, reload: true });
      expect(r.error.details.messages.ja).toContain(`${wins[0]!.updatedBy} さんが`);
    }
    const now = await ok(team[1]!, 'applications/get', { id: created.id });
    expect(now).toMatchObject({ title: wins[0]!.title, version: 2 });
    const again = await ok(team[2]!, 'applications/save', { id: created.id, data: sampleApplication({ title: '再読込後' }), expectedVersion: now.version });
    expect(again.version).toBe(3);
    // A status change is an edit too: the form that loaded version 3 is now stale.
    await ok(team[3]!, 'applications/setStatus', { id: created.id, status: 'under-review' });
    const stale = await team[0]!.invoke('applications/save', { id: created.id, data: sampleApplication(), expectedVersion: 3 });
    expect(!stale.ok && stale.error.code).toBe('CONFLICT');
  });
});
