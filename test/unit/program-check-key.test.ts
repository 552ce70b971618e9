// The key of a stored program check (shared/rules/program.ts): one input changed, another key;
// the same inputs, the same key; the rules' revision and holiday table are part of it.
import { describe, expect, it } from 'vitest';
import { HOLIDAY_TABLE_STAMP } from '../../shared/rules/itinerary.ts';
import { PROGRAM_CHECK_REVISION, programCheckKey, type ProgramCheckInputs } from '../../shared/rules/program.ts';

const base: ProgramCheckInputs = { rowVersion: 3, rosterVersion: 2, itineraryVersion: 1, ruleSetYear: 2026, ruleSetVersion: 0 };

describe('programCheckKey', () => {
  it.each<[string, Partial<ProgramCheckInputs>]>([
    ['an application edit or status change', { rowVersion: 4 }],
    ['a roster save', { rosterVersion: 3 }],
    ['an itinerary save', { itineraryVersion: 2 }],
    ['a rule-set save', { ruleSetVersion: 1 }],
    ['another fiscal year', { ruleSetYear: 2025 }],
    // Digits must not run together: (1, 23) and (12, 3) are different rows.
    ['versions that would concatenate alike', { rowVersion: 32, rosterVersion: 1, itineraryVersion: 1 }],
  ])('changes with %s', (_what, change) => {
    expect(programCheckKey({ ...base, ...change })).not.toBe(programCheckKey(base));
  });

  it('is the same for the same inputs, and names the revision and the holiday table', () => {
    expect(programCheckKey({ ...base })).toBe(programCheckKey(base));
    const key = programCheckKey(base);
    expect(key).toContain(`|c${PROGRAM_CHECK_REVISION}.`);
    expect(key).toContain(HOLIDAY_TABLE_STAMP);
    // The table's date count and its last date (the holiday package covers decades ahead).
    expect(HOLIDAY_TABLE_STAMP).toMatch(/^\d{3,}-\d{4}-\d{2}-\d{2}$/);
  });
});
