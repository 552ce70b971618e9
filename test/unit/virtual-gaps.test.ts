// The roster editor keeps the row being edited mounted while it is scrolled out of view: the body
// then holds a window of rows plus one far away, with spacers that keep every row at its place.
import { describe, expect, it } from 'vitest';
import { bodyParts, withKept, type Placed } from '../../renderer/src/ui/virtualGaps.ts';

const at = (index: number, h = 30): Placed => ({ index, start: index * h, end: (index + 1) * h });

describe('bodyParts', () => {
  it.each<[string, Placed[], number, ReturnType<typeof bodyParts>]>([
    ['nothing', [], 0, []],
    ['an empty body of some height', [], 90, [{ kind: 'pad', height: 90, at: 0 }]],
    ['the window at the top', [at(0), at(1)], 300, [{ kind: 'row', index: 0 }, { kind: 'row', index: 1 }, { kind: 'pad', height: 240, at: 60 }]],
    [
      'the window in the middle',
      [at(4), at(5)],
      300,
      [{ kind: 'pad', height: 120, at: 0 }, { kind: 'row', index: 4 }, { kind: 'row', index: 5 }, { kind: 'pad', height: 120, at: 180 }],
    ],
    [
      'a kept row above the window',
      [at(1), at(7), at(8)],
      300,
      [
        { kind: 'pad', height: 30, at: 0 },
        { kind: 'row', index: 1 },
        { kind: 'pad', height: 150, at: 60 },
        { kind: 'row', index: 7 },
        { kind: 'row', index: 8 },
        { kind: 'pad', height: 30, at: 270 },
      ],
    ],
    [
      'a kept row below the window, given out of order',
      [at(9), at(0), at(1)],
      300,
      [{ kind: 'row', index: 0 }, { kind: 'row', index: 1 }, { kind: 'pad', height: 210, at: 60 }, { kind: 'row', index: 9 }],
    ],
  ])('%s', (_name, items, total, want) => {
    expect(bodyParts(items, total)).toEqual(want);
  });

  it('the spacers and rows add up to the whole height', () => {
    const parts = bodyParts([at(2), at(40), at(41), at(42)], 500 * 30);
    const height = parts.reduce((sum, p) => sum + (p.kind === 'pad' ? p.height : 30), 0);
    expect(height).toBe(500 * 30);
  });
});

describe('withKept', () => {
  it.each<[string, number[], number | null, number, number[]]>([
    ['nothing kept', [3, 4, 5], null, 10, [3, 4, 5]],
    ['kept inside the window', [3, 4, 5], 4, 10, [3, 4, 5]],
    ['kept above', [3, 4, 5], 0, 10, [0, 3, 4, 5]],
    ['kept below', [3, 4, 5], 9, 10, [3, 4, 5, 9]],
    ['kept row since removed', [3, 4, 5], 12, 10, [3, 4, 5]],
  ])('%s', (_name, window, keep, count, want) => {
    expect(withKept(window, keep, count)).toEqual(want);
  });
});
