import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index.ts';
import { handlers } from '../../main/handlers/index.ts';
import type { Runtime } from '../../main/runtime.ts';
import { api, callNames } from '../../shared/api/index.ts';
import { fails, freshRuntime, ok, testEngine } from './helpers.ts';

let rt: Runtime;
beforeAll(async () => {
  rt = await freshRuntime();
});
afterAll(() => rt.close());

describe('the API contract', () => {
  it('has exactly one handler per declared call', () => {
    expect(Object.keys(handlers).sort()).toEqual([...callNames].sort());
    for (const name of callNames) {
      expect(name).toMatch(/^[a-z]+\/[a-zA-Z]+$/);
      expect(api[name].input).toBeDefined();
      expect(api[name].output).toBeDefined();
    }
  });

  it('rejects an unknown call by name, as a value', async () => {
    const err = await fails(rt, 'applications/drop-everything', {});
    expect(err.code).toBe('UNKNOWN_CALL');
    expect(err.details.messages.ja).toContain('不明な API');
    expect(err.details.messages.en).toContain('Unknown API call');
  });

  it('rejects invalid input with messages in both languages and writes nothing', async () => {
    const err = await fails(rt, 'applications/save', { id: null, data: { fiscalYear: 'next year' } }, 'en');
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(/^Invalid input/);
    expect(err.details.messages.ja).toMatch(/^入力が正しくありません/);
    expect((await ok(rt, 'applications/list', {})).total).toBe(0);
  });

  it('refuses a date that is not a real calendar day, and writes nothing', async () => {
    const err = await fails(rt, 'calls/save', { fiscalYear: 2026, number: 1, opensOn: '2026-02-30', closesOn: null, budgetYen: null });
    expect(err.code).toBe('VALIDATION');
    expect(err.details.messages.ja).toContain('opensOn');
    expect(await ok(rt, 'calls/list', { fiscalYear: 2026 })).toEqual({ items: [], total: 0 });
  });

  it('never sends a stack trace across the boundary', async () => {
    const err = await fails(rt, 'applications/get', { id: 'no-such-id' });
    expect(err.code).toBe('NOT_FOUND');
    expect(JSON.stringify(err)).not.toMatch(/\n\s+at /);
  });

  it('app/info names the door, the database and the schema version', async () => {
    const info = await ok(rt, 'app/info', {});
    if (testEngine === 'sqlite') {
      expect(info).toMatchObject({ dbPath: ':memory:', engine: 'sqlite', server: null, door: 'test', schemaVersion: LATEST_SCHEMA_VERSION, user: 'test-staff' });
    } else {
      // Team mode: the server (never its password) and the PostgreSQL login as the acting user.
      expect(info).toMatchObject({ engine: 'postgres', door: 'test', schemaVersion: LATEST_SCHEMA_VERSION, user: 'postgres' });
      expect(info.server).toMatch(/^PostgreSQL 1\d\.\d+ 127\.0\.0\.1:\d+\/postgres$/);
      expect(info.dbPath).toMatch(/^postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres\?schema=t_[0-9a-f]+$/);
    }
  });
});
