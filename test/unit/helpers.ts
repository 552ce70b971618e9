// A fresh in-memory database and a context for calling handlers directly, as every door does.
import { startRuntime, type Runtime } from '../../main/runtime.ts';
import type { CallName, CallOutput } from '../../shared/api/index.ts';
import type { Status } from '../../shared/domain.ts';
import type { Lang } from '../../shared/errors.ts';
import { statusPath } from '../../shared/status.ts';

export async function freshRuntime(): Promise<Runtime> {
  return startRuntime({
    dbPath: ':memory:',
    door: 'test',
    user: 'test-staff',
    options: { checkOutput: true, onInternalError: (name, err) => { throw new Error(`internal error in ${name}: ${String(err)}`); } },
  });
}

/** Calls through dispatch and returns the value, failing the test with the error value otherwise. */
export async function ok<N extends CallName>(rt: Runtime, name: N, input: unknown, lang: Lang = 'ja'): Promise<CallOutput<N>> {
  const r = await rt.invoke(name, input, lang);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
  return r.value as CallOutput<N>;
}

export async function fails(rt: Runtime, name: CallName | string, input: unknown, lang: Lang = 'ja') {
  const r = await rt.invoke(name, input, lang);
  if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
  return r.error;
}

export function sampleApplication(overrides: Record<string, unknown> = {}) {
  return {
    fiscalYear: 2026,
    applicationNo: 'A-001',
    call: 1,
    course: 'A',
    title: '防災技術の科学技術体験',
    hostInstitution: '東北大学',
    applicant: '山田 太郎',
    sendingInstitutions: [{ name: 'Vietnam National University, Hanoi', country: 'VN' }],
    countries: ['VN'],
    field: 'science',
    mode: 'in-person',
    invitees: 10,
    escorts: 1,
    arrival: '2026-07-01',
    departure: '2026-07-07',
    requestedAmount: 3_000_000,
    ...overrides,
  };
}

/** Moves an application to `status` along the life cycle's shortest path, as staff would. */
export async function walkTo(rt: Runtime, id: string, status: Status): Promise<void> {
  const now = (await ok(rt, 'applications/get', { id })).status;
  const path = statusPath(now, status);
  if (!path) throw new Error(`no path from ${now} to ${status}`);
  for (const s of path) await ok(rt, 'applications/setStatus', { id, status: s, comment: null });
}
