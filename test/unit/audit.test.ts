// The audit trail: every write through the handler table records who, when, what, in the same
// transaction as the write; edits carry their fields before and after.
import { mkdtempSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../main/cli/index.ts';
import { handlers } from '../../main/handlers/index.ts';
import { startRuntime, type Runtime } from '../../main/runtime.ts';
import { api, callNames } from '../../shared/api/index.ts';
import { applicationsCsv } from './fixtures/apps-csv.ts';
import { fails, freshRuntime, ok, sampleApplication } from './helpers.ts';

let rt: Runtime;
afterEach(() => rt?.close());

async function events(r: Runtime, filter: Record<string, unknown> = {}) {
  return (await ok(r, 'audit/list', { limit: 1000, ...filter })).items;
}

describe('audit trail', () => {
  it('an edit records who, when, the call, the entity and the fields before and after', async () => {
    rt = await freshRuntime();
    const app = await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    const t0 = new Date().toISOString();
    await ok(rt, 'applications/save', { id: app.id, data: sampleApplication({ title: '新しいタイトル', invitees: 12 }) });
    const [edit, create] = await events(rt, { entity: 'application', entityId: app.id });
    expect(edit).toMatchObject({ user: 'test-staff', action: 'applications/save', entity: 'application', entityId: app.id, applicationId: app.id });
    expect(edit!.at >= t0).toBe(true);
    expect(edit!.summary).toMatchObject({
      changes: {
        title: { before: '防災技術の科学技術体験', after: '新しいタイトル' },
        invitees: { before: 10, after: 12 },
      },
    });
    // Only what changed: untouched fields are not listed.
    expect(Object.keys((edit!.summary as { changes: object }).changes)).not.toContain('applicant');
    expect((create!.summary as { created: Record<string, { after: unknown }> }).created.title!.after).toBe('防災技術の科学技術体験');
  });

  it('status changes and deletes keep what was there', async () => {
    rt = await freshRuntime();
    const app = await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    await ok(rt, 'applications/setStatus', { id: app.id, status: 'withdrawn' });
    await ok(rt, 'applications/delete', { id: app.id });
    const [del] = await events(rt, { applicationId: app.id });
    expect(del).toMatchObject({ action: 'applications/delete' });
    expect((del!.summary as { deleted: { application_no: string } }).deleted.application_no).toBe('A-001');
  });

  it('is written in the same transaction: a write that fails leaves neither the change nor an event', async () => {
    // The failure below is an internal error on purpose: log it quietly instead of failing the test.
    rt = await startRuntime({ dbPath: ':memory:', door: 'test', user: 'test-staff', options: { onInternalError: () => undefined } });
    const a = await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    const n = (await events(rt)).length;
    expect((await fails(rt, 'applications/setStatus', { id: '0190a0a0-0000-7000-8000-000000000000', status: 'adopted' })).code).toBe('NOT_FOUND');
    expect(await events(rt)).toHaveLength(n);
    // And if the event cannot be written, the change is rolled back with it.
    await rt.open.db.schema.alterTable('audit_event').renameTo('audit_event_gone').execute();
    const r = await rt.invoke('applications/save', { id: a.id, data: sampleApplication({ title: '消えるはずの変更' }) });
    expect(r.ok).toBe(false);
    await rt.open.db.schema.alterTable('audit_event_gone').renameTo('audit_event').execute();
    const row = await rt.open.db.selectFrom('application').select('title').where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.title).toBe('防災技術の科学技術体験');
  });

  it('every write call of the contract is recorded, and no read is', async () => {
    const writes = callNames.filter((n) => api[n].writes);
    expect(writes.length).toBeGreaterThan(20);
    rt = await freshRuntime();
    await ok(rt, 'applications/import', applicationsCsv(['SS-1', 'SS-2']));
    await ok(rt, 'rulesets/save', { fiscalYear: 2026, values: (await ok(rt, 'rulesets/get', { fiscalYear: 2026 })).values, note: 'test' });
    const inst = await ok(rt, 'institutions/save', { id: null, nameJa: '九州大学', nameEn: null, country: 'JP', kind: 'university' });
    await ok(rt, 'institutions/save', { id: inst.id, nameJa: '九州大学', nameEn: 'Kyushu University', country: 'JP', kind: 'university' });
    await ok(rt, 'applications/list', {});
    const all = await events(rt);
    expect(all.map((e) => e.action)).toEqual(['institutions/save', 'institutions/save', 'rulesets/save', 'applications/import']);
    expect(all[0]!.summary).toEqual({ changes: { name_en: { before: null, after: 'Kyushu University' } } });
    expect(all[3]!.summary).toMatchObject({ fileName: 'apps.csv', added: 2 });
    expect(all.every((e) => e.entity && e.user === 'test-staff')).toBe(true);
    // Each handler exists for each write (the table type checks this; here the names at run time).
    for (const w of writes) expect(typeof handlers[w]).toBe('function');
  });

  it('a roster saved whole records how many people it held before and after, on the program', async () => {
    rt = await freshRuntime();
    const app = await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    await ok(rt, 'applications/setStatus', { id: app.id, status: 'adopted' });
    const person = (i: number) => ({ id: null, familyName: `NGUYEN${i}`, givenName: 'An', nativeName: null, sex: 'female', birthDate: '2000-01-01', nationality: 'VN', affiliation: 'VNU', position: 'master', role: 'invitee', email: null });
    await ok(rt, 'programs/saveParticipants', { id: app.id, participants: [person(1), person(2)] });
    const [e] = await events(rt, { entity: 'program', entityId: app.id });
    expect(e).toMatchObject({ action: 'programs/saveParticipants', applicationId: app.id, summary: { changes: { participant: { before: 0, after: 2 } } } });
  });

  it('the user is the OS account when no login is given', async () => {
    rt = await startRuntime({ dbPath: ':memory:', door: 'test' });
    await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    expect((await events(rt))[0]!.user).toBe(userInfo().username);
  });

  it('audit --json filters by application number, entity and time', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'sakura-audit-')), 'db.sqlite');
    rt = await startRuntime({ dbPath, door: 'test', user: 'sato' });
    const a = await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'SS-100' }) });
    await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'SS-200' }) });
    await ok(rt, 'institutions/save', { id: null, nameJa: '北海道大学', nameEn: null, country: 'JP', kind: 'university' });
    await ok(rt, 'applications/save', { id: a.id, data: sampleApplication({ applicationNo: 'SS-100', title: '改題' }) });
    await rt.close();
    const run = async (...args: string[]) => {
      let out = '';
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
      try {
        expect(await main(['--db', dbPath, 'audit', '--json', ...args])).toBe(0);
      } finally {
        spy.mockRestore();
      }
      return JSON.parse(out) as { at: string; user: string; action: string; entity: string; entityId: string | null; summary: unknown }[];
    };
    const forApp = await run('--application', 'SS-100');
    expect(forApp).toHaveLength(2);
    expect(Object.keys(forApp[0]!).sort()).toEqual(['action', 'at', 'entity', 'entityId', 'summary', 'user']);
    expect(forApp[0]).toMatchObject({ user: 'sato', action: 'applications/save', entity: 'application', entityId: a.id, summary: { changes: { title: { before: '防災技術の科学技術体験', after: '改題' } } } });
    expect((await run('--entity', 'institution')).map((e) => e.entity)).toEqual(['institution']);
    expect(await run('--since', '2999-01-01')).toEqual([]);
    expect((await run()).length).toBeGreaterThanOrEqual(4);
  });
});
