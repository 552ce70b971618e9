// Hand-made fixtures for the results tests: a few applications whose counts are easy to verify by
// hand, and roster rows written straight into the participant table (the participants area owns
// its API; these tests only need rows to hang follow-ups on).
import { newId, nowIso } from '../../db/ids.ts';
import type { Runtime } from '../../main/runtime.ts';
import type { Status } from '../../shared/domain.ts';
import { ok, sampleApplication, walkTo } from './helpers.ts';

export async function addApplication(rt: Runtime, no: string, overrides: Record<string, unknown>, status?: string): Promise<string> {
  const saved = await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: no, ...overrides }) });
  if (status && status !== 'received') await walkTo(rt, saved.id, status as Status);
  return saved.id;
}

export async function addParticipant(rt: Runtime, applicationId: string, name: string, role: 'invitee' | 'escort' = 'invitee'): Promise<string> {
  const id = newId();
  const now = nowIso();
  const [family, given] = name.split(' ');
  const position = Number(
    (await rt.open.db.selectFrom('participant').select((eb) => eb.fn.countAll<number>().as('n')).where('application_id', '=', applicationId).executeTakeFirstOrThrow()).n,
  );
  await rt.open.db
    .insertInto('participant')
    .values({
      id,
      application_id: applicationId,
      position,
      family_name: family ?? name,
      given_name: given ?? '',
      native_name: null,
      sex: null,
      birth_date: '2000-01-01',
      nationality: 'VN',
      affiliation: 'VNU',
      position_title: 'master',
      role,
      email: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/**
 * FY2026, six applications:
 *   no   course call field       countries  status
 *   A-1  A      1    science     VN         adopted
 *   A-2  A      1    science     VN, TH     rejected
 *   B-1  B      2    science     TH         implemented
 *   C-1  C      2    humanities  ID, VN     reported
 *   C-2  C      —    science     (none)     received
 *   H-1  high-school 3 science   KR         withdrawn
 * Hand counts: course A 2/1, B 1/1, C 2/1, high-school 1/0; VN 3/2, TH 2/1, ID 1/1, KR 1/0,
 * unknown 1/0; science 5/2, humanities 1/1; call 1: 2/1, 2: 2/2, 3: 1/0, unknown 1/0.
 */
export async function seedYear(rt: Runtime) {
  const ids: Record<string, string> = {};
  const vn = { name: 'Vietnam National University, Hanoi', country: 'VN' };
  const th = { name: 'Chulalongkorn University', country: 'TH' };
  const id_ = { name: 'Universitas Indonesia', country: 'ID' };
  ids['A-1'] = await addApplication(rt, 'A-1', { course: 'A', call: 1, countries: ['VN'], sendingInstitutions: [vn] }, 'adopted');
  ids['A-2'] = await addApplication(rt, 'A-2', { course: 'A', call: 1, countries: ['VN', 'TH'], sendingInstitutions: [vn, th] }, 'rejected');
  ids['B-1'] = await addApplication(
    rt,
    'B-1',
    { course: 'B', call: 2, countries: ['TH'], sendingInstitutions: [th], arrival: '2026-08-01', departure: '2026-08-20' },
    'implemented',
  );
  ids['C-1'] = await addApplication(
    rt,
    'C-1',
    { course: 'C', call: 2, field: 'humanities', countries: ['ID', 'VN'], sendingInstitutions: [id_, vn], arrival: '2026-09-01', departure: '2026-09-10' },
    'reported',
  );
  ids['C-2'] = await addApplication(rt, 'C-2', { course: 'C', call: null, countries: [], sendingInstitutions: [] });
  ids['H-1'] = await addApplication(
    rt,
    'H-1',
    { course: 'high-school', call: 3, countries: ['KR'], sendingInstitutions: [{ name: 'Seoul Science High School', country: 'KR' }] },
    'withdrawn',
  );
  return ids;
}

export const emptyResult = {
  actualArrival: null,
  actualDeparture: null,
  actualInvitees: null,
  actualEscorts: null,
  reportReceivedOn: null,
  opinionReportsReceivedOn: null,
  spentYen: null,
  refundedYen: null,
  summary: '',
};
