// Paging, one way for every list call: `limit` and `offset` in, `items` and `total` (a COUNT of
// every row the filters match) out. Lists then cost the page, not the history behind it.
// Reusable by any area: `SomeFilter.extend(pageInput)` and `page(SomeItem)`.
import { z } from 'zod';

/** The most rows one call returns; callers wanting more page through (the CLI streams this way). */
export const PAGE_MAX = 1000;

export const pageInput = {
  /** Rows wanted; absent: every row (kept for internal callers; screens always give a limit). */
  limit: z.number().int().min(1).max(PAGE_MAX).optional(),
  offset: z.number().int().min(0).max(100_000_000).default(0),
};
export const PageInput = z.object(pageInput);
export type PageInput = { limit?: number | undefined; offset?: number | undefined };

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}
export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * Fetches every row of a paged call, a page at a time, handing each page to `onPage` (the CLI
 * writes it out, so memory holds one page, never the whole answer).
 */
export async function forEachPage<T>(
  fetch: (p: { limit: number; offset: number }) => Promise<Page<T>>,
  onPage: (items: T[]) => void | Promise<void>,
  size = 500,
): Promise<number> {
  let offset = 0;
  for (;;) {
    const p = await fetch({ limit: size, offset });
    if (p.items.length) await onPage(p.items);
    offset += p.items.length;
    if (p.items.length < size || offset >= p.total) return offset;
  }
}
