// A fresh database and a context for calling handlers directly, as every door does. The same
// tests run on both engines: in-memory SQLite by default, and with SAKURA_TEST_DB=postgres (the
// vitest project "postgres") one throw-away schema per runtime on the test cluster.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { startRuntime, type Runtime } from '../../main/runtime.ts';
import type { CallName, CallOutput } from '../../shared/api/index.ts';
import type { Status } from '../../shared/domain.ts';
import type { Lang } from '../../shared/errors.ts';
import { statusPath } from '../../shared/status.ts';

export type TestEngine = 'sqlite' | 'postgres';

/** The engine this run of the suite tests. */
export const testEngine: TestEngine = process.env.SAKURA_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/** The test cluster's admin URL (started by test/pg-global-setup.ts, or SAKURA_TEST_PG). */
export function testPgUrl(): string {
  const url = process.env.SAKURA_TEST_PG || (inject('sakuraTestPg') as string | undefined);
  if (!url) throw new Error('No PostgreSQL test server: run through vitest (globalSetup) or set SAKURA_TEST_PG.');
  return url;
}

/** A new, empty schema's URL on the test cluster; dropped again by `dropPgSchema`. */
export function freshPgUrl(): string {
  const u = new URL(testPgUrl());
  u.searchParams.set('schema', `t_${randomBytes(6).toString('hex')}`);
  return u.toString();
}

/** Fresh schema URLs for one test file, all dropped after its last test. Call at module level. */
export function pgSchemasForFile(): () => string {
  const urls: string[] = [];
  afterAll(async () => {
    for (const u of urls) await dropPgSchema(u);
  });
  return () => {
    const u = freshPgUrl();
    urls.push(u);
    return u;
  };
}

export async function dropPgSchema(url: string): Promise<void> {
  const u = new URL(url);
  const schema = u.searchParams.get('schema');
  if (!schema) return;
  u.searchParams.delete('schema');
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    await c.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await c.end();
  }
}

/** Where a test database lives for this engine: a SQLite path, or a fresh PostgreSQL schema. */
export function testDbTarget(sqlitePath: string, engine: TestEngine = testEngine): string {
  return engine === 'postgres' ? freshPgUrl() : sqlitePath;
}

export async function freshRuntime(engine: TestEngine = testEngine): Promise<Runtime> {
  const dbPath = engine === 'postgres' ? freshPgUrl() : ':memory:';
  const rt = await startRuntime({
    dbPath,
    door: 'test',
    user: 'test-staff',
    options: { checkOutput: true, onInternalError: (name, err) => { throw new Error(`internal error in ${name}: ${String(err)}`); } },
  });
  if (engine !== 'postgres') return rt;
  const close = rt.close;
  rt.close = async () => {
    await close();
    await dropPgSchema(dbPath);
  };
  return rt;
}

/** Who the handlers record as acting: the given user on SQLite, the login in team mode. */
export function actingUser(rt: Runtime, sqliteUser = 'test-staff'): string {
  return rt.open.engine === 'postgres' ? rt.open.user : sqliteUser;
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

/** A roster entry as the forms send it: an invitee from Hanoi, numbered so rows differ. */
export function samplePerson(i: number, over: Record<string, unknown> = {}) {
  return {
    id: null,
    familyName: `NGUYEN${i}`,
    givenName: 'An',
    nativeName: null,
    sex: 'female',
    birthDate: '2000-01-01',
    nationality: 'VN',
    affiliation: 'Vietnam National University, Hanoi',
    position: 'master',
    role: 'invitee',
    email: null,
    ...over,
  };
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
