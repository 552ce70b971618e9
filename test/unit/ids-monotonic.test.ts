// Ids sort in the order they were made, even within one millisecond: status-history rows written
// together (採択 → 実施済 → 報告済 in one save) must read back in that order.
import { describe, expect, it } from 'vitest';
import { newId } from '../../db/ids.ts';

describe('newId', () => {
  it('is strictly increasing within the process', () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
  });
});
