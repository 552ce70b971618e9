// Fuzzing every call of the api table through dispatch, generically (calls added later are
// covered without touching this file): schema-violating and boundary inputs (wrong types, huge
// strings, prototype keys, invalid dates, bad Unicode, odd numbers). No call may end in an
// INTERNAL error, and a rejected call must change nothing: PRAGMA data_version, read from a second
// connection, moves only when another connection commits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { startRuntime, type Runtime } from '../../main/runtime.ts';
import { api, callNames } from '../../shared/api/index.ts';
import { sampleApplication } from './helpers.ts';

let rt: Runtime;
let watcher: Database.Database;
let dir: string;
const internal: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sakura-fuzz-'));
  rt = await startRuntime({
    dbPath: join(dir, 'fuzz.sqlite'),
    door: 'test',
    user: 'fuzz',
    options: { onInternalError: (name, err) => void internal.push(`${name}: ${err instanceof Error ? err.stack : String(err)}`) },
  });
  // Something to find, so ids and filters reach real rows.
  const a = await rt.invoke('applications/save', { id: null, data: sampleApplication() });
  expect(a.ok).toBe(true);
  watcher = new Database(join(dir, 'fuzz.sqlite'), { readonly: true });
});
afterAll(async () => {
  watcher.close();
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
});

const version = () => watcher.pragma('data_version', { simple: true }) as number;

// ---------------------------------------------------------------------------------------------
// Hostile values

const HUGE = 'x'.repeat(1_000_000);
const hostileStrings = fc.constantFrom(
  '',
  ' ',
  HUGE,
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\u202e\u0007',
  '__proto__',
  'constructor',
  'prototype',
  '2026-02-30',
  '0000-00-00',
  '9999-99-99',
  '2026-13-01',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '../../etc/passwd',
  "'; DROP TABLE application; --",
  '=HYPERLINK("http://x")',
  '%E0%A4%A',
  '𠮷😀',
  'Ｆ'.repeat(300),
);
const hostileNumbers = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, -1, 0.5, 2 ** 53, -(2 ** 53), 1e308, Number.MIN_VALUE, 1900, 2026, 99999);
const protoObjects = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown,
  JSON.parse('{"__proto__": null, "id": "x"}') as unknown,
  Object.create(null) as unknown,
);
const leaf: fc.Arbitrary<unknown> = fc.oneof(
  hostileStrings,
  hostileNumbers,
  fc.constantFrom(null, undefined, true, false, [], {}),
  protoObjects,
  fc.string({ maxLength: 20, unit: 'binary' }),
  fc.integer(),
  fc.double(),
  fc.date({ noInvalidDate: false }),
);
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.oneof(hostileStrings, fc.string({ maxLength: 8 })), tie('v'), { maxKeys: 4 })),
})).v;

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; in?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The top-level property names of a call's input, to aim hostile values at real fields. */
function keysOf(schema: z.ZodType): string[] {
  let d = defOf(schema);
  while (!d.shape && (d.innerType || d.in)) d = defOf((d.innerType ?? d.in)!);
  return d.shape ? Object.keys(d.shape) : [];
}

/** A plausible value for a field: one valid input from a known sample, with hostile values mixed in. */
function inputFor(name: string): fc.Arbitrary<unknown> {
  const keys = keysOf(api[name as keyof typeof api].input as z.ZodType);
  const aimed =
    keys.length === 0
      ? fc.constant({})
      : fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] }).map((o) => {
          // Prototype keys at the top level too, as JSON.parse would give them.
          return Object.assign(JSON.parse('{"__proto__": {"polluted": true}}') as object, o);
        });
  return fc.oneof(aimed, aimed, value);
}

describe('fuzzing every call through dispatch', () => {
  it('reaches every call in the api table', () => {
    expect(callNames.length).toBeGreaterThan(40);
  });

  it.each(callNames.map((n) => [n]))('%s: never INTERNAL; a refusal changes nothing', async (name) => {
    await fc.assert(
      fc.asyncProperty(inputFor(name), async (input) => {
        const before = version();
        const r = await rt.invoke(name, input);
        if (!r.ok) {
          expect(r.error.code, `${name}: ${r.error.message}`).not.toBe('INTERNAL');
          // Every refusal is a sentence in both languages.
          expect(typeof r.error.details.messages.ja).toBe('string');
          expect(typeof r.error.details.messages.en).toBe('string');
          expect(version(), `${name} was refused but wrote`).toBe(before);
        }
        expect(internal, internal.join('\n')).toEqual([]);
      }),
      // A few dozen runs per call keeps the whole table to a few seconds.
      { numRuns: 25, seed: 20261201, endOnFailure: true },
    );
    // Nothing leaked onto Object.prototype through a "__proto__" key.
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
