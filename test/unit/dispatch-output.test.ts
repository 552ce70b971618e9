// Output validation stays in force where it matters: every test runtime (helpers.ts freshRuntime)
// dispatches with checkOutput, and a handler answering outside its contract then fails as an
// internal error instead of reaching the caller. The speed work of issue 12 did not touch it.
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, type HandlerTable } from '../../main/dispatch.ts';
import { handlers } from '../../main/handlers/index.ts';
import type { Runtime } from '../../main/runtime.ts';
import { freshRuntime } from './helpers.ts';

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

describe('output validation', () => {
  it('a wrong output is caught with checkOutput (as every test runs) and reported as a bug', async () => {
    rt = await freshRuntime();
    const broken = { ...handlers, 'stats/years': () => ['not a year'] } as unknown as HandlerTable;
    const bugs: string[] = [];
    const checked = await dispatch(broken, rt.ctx('en'), 'stats/years', {}, { checkOutput: true, onInternalError: (name) => bugs.push(name) });
    expect(checked.ok).toBe(false);
    expect(bugs).toEqual(['stats/years']);
    // The same table answers the right shape unchanged.
    expect(await dispatch(handlers, rt.ctx('en'), 'stats/years', {}, { checkOutput: true })).toEqual({ ok: true, value: [] });
  });

  it('the test runtime itself dispatches with checkOutput on', async () => {
    rt = await freshRuntime();
    const broken = rt.invoke.bind(rt);
    // freshRuntime's onInternalError throws: a contract break in any test surfaces as a failure.
    const original = handlers['stats/years'];
    (handlers as unknown as Record<string, unknown>)['stats/years'] = () => [1.5];
    try {
      await expect(broken('stats/years', {})).rejects.toThrow(/breaks the contract/);
    } finally {
      (handlers as unknown as Record<string, unknown>)['stats/years'] = original;
    }
  });
});
