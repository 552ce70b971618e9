// A virtualised table body that also keeps one row away from the window mounted (the row being
// edited, so its input keeps focus and its caret when the staff member scrolls elsewhere): the rows
// it holds are no longer one contiguous run, so a spacer goes before each gap.

export interface Placed {
  index: number;
  start: number;
  end: number;
}

export type BodyPart = { kind: 'pad'; height: number; at: number } | { kind: 'row'; index: number };

/** Spacers and rows, top to bottom, for rows placed at [start, end) in a body `total` pixels tall. */
export function bodyParts(items: readonly Placed[], total: number): BodyPart[] {
  const out: BodyPart[] = [];
  let y = 0;
  for (const it of [...items].sort((a, b) => a.index - b.index)) {
    if (it.start > y) out.push({ kind: 'pad', height: it.start - y, at: y });
    out.push({ kind: 'row', index: it.index });
    y = Math.max(y, it.end);
  }
  if (total > y) out.push({ kind: 'pad', height: total - y, at: y });
  return out;
}

/** The virtualizer's indexes to mount: the window, and `keep` if it lies outside it. */
export function withKept(window: readonly number[], keep: number | null, count: number): number[] {
  if (keep === null || keep < 0 || keep >= count || window.includes(keep)) return [...window];
  return [...window, keep].sort((a, b) => a - b);
}
