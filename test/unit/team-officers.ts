// N officers on one database, for the team tests on both engines: on PostgreSQL each officer is a
// runtime of its own (its own pool, as on separate PCs) on one schema; on SQLite, concurrent calls
// on one runtime. `closeOfficers()` in afterEach.
import { expect } from 'vitest';
import { startRuntime, type Runtime } from '../../main/runtime.ts';
import type { Result } from '../../shared/errors.ts';
import { dropPgSchema, freshPgUrl, testEngine } from './helpers.ts';

export const N = 4;
let opened: Runtime[] = [];
let schemaUrl: string | null = null;

export async function officers(n = N): Promise<Runtime[]> {
  if (testEngine === 'postgres') {
    schemaUrl = freshPgUrl();
    const first = await startRuntime({ dbPath: schemaUrl, door: 'test', listen: false });
    const rest = await Promise.all(Array.from({ length: n - 1 }, () => startRuntime({ dbPath: schemaUrl!, door: 'test', listen: false })));
    opened = [first, ...rest];
  } else {
    const rt = await startRuntime({ dbPath: ':memory:', door: 'test', user: 'officer' });
    opened = [rt];
  }
  return Array.from({ length: n }, (_, i) => opened[i % opened.length]!);
}

export async function closeOfficers(): Promise<void> {
  for (const rt of opened) await rt.close();
  opened = [];
  if (schemaUrl) await dropPgSchema(schemaUrl);
  schemaUrl = null;
}

export function noInternal(results: Result<unknown>[]): void {
  for (const r of results) if (!r.ok) expect(r.error.code, r.error.message).not.toBe('INTERNAL');
}
