// Stored program checks (migration 0012): every write path leaves a stored check equal to the
// live one; the list uses a stored check only while its key matches the row, and checks live
// otherwise; a rule-set save refreshes its year; the backfill fills what is missing, once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backfillProgramChecks } from '../../main/jobs/backfill-checks.ts';
import { startRuntime, type Runtime } from '../../main/runtime.ts';
import { defaultRuleValues } from '../../shared/rules/ruleset.ts';
import { dropPgSchema, freshRuntime, ok, sampleApplication, samplePerson, testDbTarget, testEngine } from './helpers.ts';

let rt: Runtime;

beforeEach(async () => {
  rt = await freshRuntime();
});
afterEach(() => rt.close());

async function adopted(over: Record<string, unknown> = {}): Promise<string> {
  const app = await ok(rt, 'applications/save', { id: null, data: sampleApplication(over) });
  await ok(rt, 'applications/setStatus', { id: app.id, status: 'adopted' });
  return app.id;
}


const slot = (date: string, start: string, end: string, over: Record<string, unknown> = {}) => ({
  id: null,
  date,
  start,
  end,
  activity: '講義',
  kind: 'lecture',
  atHost: true,
  place: null,
  personInCharge: null,
  note: null,
  ...over,
});

const stored = async (id: string) => rt.open.db.selectFrom('program_check').selectAll().where('application_id', '=', id).executeTakeFirst();

/** What the list shows of a program's check. */
const shown = (p: { invitees: number; escorts: number; slots: number; violations: string[]; warnings: string[] }) => ({
  invitees: p.invitees,
  escorts: p.escorts,
  slots: p.slots,
  violations: p.violations,
  warnings: p.warnings,
});

/** The check computed live from the stored roster and itinerary (programs/get never reads 0012). */
const live = async (id: string) => shown((await ok(rt, 'programs/get', { id })).program);

/** The list's row for this program. */
const listed = async (id: string) => {
  const row = (await ok(rt, 'programs/list', { fiscalYear: 'all', limit: 100 })).items.find((p) => p.id === id);
  if (!row) throw new Error(`program ${id} not listed`);
  return shown(row);
};

/** The stored check decoded, and whether the list would trust it (its key equals the row's now). */
async function storedAsShown(id: string) {
  const s = await stored(id);
  if (!s) return null;
  const before = await listed(id);
  // Tamper with the stored numbers, keeping the key: if the list shows the tampered value, it
  // trusted the stored row; the stored row is put back after.
  await rt.open.db.updateTable('program_check').set({ invitees: 999 }).where('application_id', '=', id).execute();
  const trusted = (await listed(id)).invitees === 999;
  await rt.open.db.updateTable('program_check').set({ invitees: s.invitees }).where('application_id', '=', id).execute();
  expect(await listed(id)).toEqual(before);
  const split = (t: string) => (t ? t.split(' ') : []);
  return { trusted, check: { invitees: Number(s.invitees), escorts: Number(s.escorts), slots: Number(s.slots), violations: split(s.violations), warnings: split(s.warnings) } };
}

/** After a write: stored, trusted, and equal to the live check (and the list shows that). */
async function expectFresh(id: string) {
  const s = await storedAsShown(id);
  expect(s).not.toBeNull();
  expect(s!.trusted).toBe(true);
  const want = await live(id);
  expect(s!.check).toEqual(want);
  expect(await listed(id)).toEqual(want);
}

describe('stored program checks after each kind of write', () => {
  it('adoption stores the first check', async () => {
    const id = await adopted();
    await expectFresh(id);
    expect((await live(id)).violations).toContain('NO_INVITEES');
  });

  it('a roster save, an itinerary save and a participant import each store the fresh check', async () => {
    const id = await adopted();
    const people = [...Array.from({ length: 11 }, (_, i) => samplePerson(i)), samplePerson(99, { role: 'escort', birthDate: '1950-05-05' })];
    await ok(rt, 'programs/saveParticipants', { id, participants: people });
    await expectFresh(id);
    expect((await live(id)).violations).toContain('TOO_MANY_INVITEES');

    await ok(rt, 'programs/saveItinerary', { id, slots: [slot('2026-07-02', '10:00', '12:00'), slot('2026-07-02', '11:00', '13:00')] });
    await expectFresh(id);
    expect((await live(id)).slots).toBe(2);

    const header = '姓,名,現地表記氏名,性別,生年月日,国籍,所属機関,身分,区分,メール';
    const csv = `\uFEFF${header}\r\nTRAN,Binh,,male,1970-01-01,TH,Chulalongkorn University,faculty,invitee,\r\n`;
    await ok(rt, 'programs/importParticipants', { id, fileName: 'roster.csv', dataBase64: Buffer.from(csv).toString('base64'), mode: 'append' });
    await expectFresh(id);
    // The new invitee is over the age limit and of a nationality outside the plan.
    expect((await live(id)).violations).toContain('INVITEE_TOO_OLD');
    expect((await live(id)).warnings).toContain('NATIONALITY_OUTSIDE_PLAN');
  });

  it('an application edit and a status change store the fresh check', async () => {
    const id = await adopted();
    await ok(rt, 'programs/saveParticipants', { id, participants: [samplePerson(1, { nationality: 'TH' })] });
    expect((await live(id)).warnings).toContain('NATIONALITY_OUTSIDE_PLAN');
    // Thailand joins the plan: the warning goes (the countries are the application's).
    await ok(rt, 'applications/save', { id, data: sampleApplication({ countries: ['VN', 'TH'] }) });
    await expectFresh(id);
    expect((await live(id)).warnings).not.toContain('NATIONALITY_OUTSIDE_PLAN');
    await ok(rt, 'applications/setStatus', { id, status: 'implemented' });
    await expectFresh(id);
  });

  it('an institution merge that moves the program\'s version on stores the fresh check', async () => {
    const id = await adopted();
    const host = (await ok(rt, 'applications/get', { id })).hostInstitutionId;
    const keep = await ok(rt, 'institutions/save', { id: null, nameJa: '国立大学法人東北大学', nameEn: null, country: 'JP', kind: 'university' });
    const before = (await stored(id))!.check_key;
    await ok(rt, 'institutions/merge', { keepId: keep.id, mergeIds: [host] });
    expect((await stored(id))!.check_key).not.toBe(before);
    await expectFresh(id);
  });

  it('a rule-set save refreshes every program of its year, and only of its year', async () => {
    const id = await adopted();
    const other = await adopted({ applicationNo: 'B-001', fiscalYear: 2025, arrival: '2025-07-01', departure: '2025-07-07' });
    await ok(rt, 'programs/saveParticipants', { id, participants: Array.from({ length: 12 }, (_, i) => samplePerson(i)) });
    await ok(rt, 'programs/saveParticipants', { id: other, participants: Array.from({ length: 12 }, (_, i) => samplePerson(i)) });
    expect((await live(id)).violations).toContain('TOO_MANY_INVITEES');
    const otherKey = (await stored(other))!.check_key;
    const values = defaultRuleValues(2026);
    values.courses.A.maxInviteesSingleInstitution = 20;
    await ok(rt, 'rulesets/save', { fiscalYear: 2026, values, note: null });
    await expectFresh(id);
    expect((await live(id)).violations).not.toContain('TOO_MANY_INVITEES');
    expect((await stored(other))!.check_key).toBe(otherKey);
    await expectFresh(other);
  });
});

describe('a stale stored check is never shown', () => {
  it('a roster changed by a path that did not refresh is checked live', async () => {
    const id = await adopted();
    await ok(rt, 'programs/saveParticipants', { id, participants: [samplePerson(1), samplePerson(2)] });
    await expectFresh(id);
    // A writer that forgets the stored check: rows gone, the version moved on, program_check untouched.
    await rt.open.db.deleteFrom('participant').where('application_id', '=', id).execute();
    await rt.open.db.updateTable('application').set({ roster_version: sql<number>`roster_version + 1` }).where('id', '=', id).execute();
    expect((await stored(id))!.invitees).toBe(2);
    expect(await listed(id)).toEqual(await live(id));
    expect((await listed(id)).invitees).toBe(0);
    expect((await storedAsShown(id))!.trusted).toBe(false);
  });

  it('a stored check of another rule-set version or another rules revision is not trusted', async () => {
    const id = await adopted();
    await expectFresh(id);
    // Written to the table directly: no refresh of the year's programs.
    await rt.open.db.insertInto('rule_set').values({ id: 'rs', fiscal_year: 2026, version: 7, values_json: JSON.stringify(defaultRuleValues(2026)), updated_by: 'x', created_at: 'x', updated_at: 'x' }).execute();
    expect((await storedAsShown(id))!.trusted).toBe(false);
    await rt.open.db.deleteFrom('rule_set').execute();
    expect((await storedAsShown(id))!.trusted).toBe(true);
    const key = (await stored(id))!.check_key;
    await rt.open.db.updateTable('program_check').set({ check_key: key.replace(/\|c\d+\./, '|c0.') }).where('application_id', '=', id).execute();
    expect((await storedAsShown(id))!.trusted).toBe(false);
    expect(await listed(id)).toEqual(await live(id));
  });
});

describe('backfill', () => {
  it('fills every missing or stale check and is idempotent', async () => {
    const ids = [await adopted(), await adopted({ applicationNo: 'A-002' }), await adopted({ applicationNo: 'A-003' })];
    await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: 'R-001' }) }); // received: not a program
    await ok(rt, 'programs/saveParticipants', { id: ids[0], participants: [samplePerson(1)] });
    await rt.open.db.deleteFrom('program_check').where('application_id', '!=', ids[2]!).execute();
    await rt.open.db.updateTable('program_check').set({ check_key: 'stale' }).execute();
    // Chunks of 2: the keyset paging goes on past the first chunk.
    expect(await backfillProgramChecks(rt.open.db, { chunk: 2 })).toBe(3);
    for (const id of ids) await expectFresh(id);
    expect(await backfillProgramChecks(rt.open.db, { chunk: 2 })).toBe(0);
    const n = await rt.open.db.selectFrom('program_check').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(3);
  });

  it('stops between chunks when asked', async () => {
    await adopted();
    await adopted({ applicationNo: 'A-002' });
    await rt.open.db.deleteFrom('program_check').execute();
    expect(await backfillProgramChecks(rt.open.db, { chunk: 1, stopped: () => true })).toBe(0);
  });

  it('runs in the background after a long-running door opens the store', async () => {
    const target = testEngine === 'postgres' ? null : join(mkdtempSync(join(tmpdir(), 'sakura-checks-')), 'db.sqlite');
    // A store of its own holding one program with no stored check.
    const dbPath = target ?? testDbTarget('');
    const first = await startRuntime({ dbPath, door: 'test', user: 'test-staff', autoBackups: false });
    const app = await ok(first, 'applications/save', { id: null, data: sampleApplication() });
    await ok(first, 'applications/setStatus', { id: app.id, status: 'adopted' });
    await first.open.db.deleteFrom('program_check').execute();
    await first.close();
    const second = await startRuntime({ dbPath, door: 'test', user: 'test-staff', autoBackups: false, backfillChecks: true });
    try {
      for (let i = 0; i < 100 && !(await second.open.db.selectFrom('program_check').select('application_id').executeTakeFirst()); i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect((await second.open.db.selectFrom('program_check').select('application_id').execute()).map((r) => r.application_id)).toEqual([app.id]);
    } finally {
      await second.close();
      if (!target) await dropPgSchema(dbPath);
    }
  });
});
