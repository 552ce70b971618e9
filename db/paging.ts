// One way to answer a paged call from a list query and a COUNT query.
import type { PageInput } from '../shared/api/page.ts';

/**
 * The page `list` returns, with `total` from `count`; a short first page is the whole answer, so
 * it needs no COUNT.
 */
export async function pageOf<T>(f: PageInput, list: () => Promise<T[]>, count: () => Promise<number | string | bigint>): Promise<{ items: T[]; total: number }> {
  const items = await list();
  const whole = (f.offset ?? 0) === 0 && (f.limit === undefined || items.length < f.limit);
  return { items, total: whole ? items.length : Number(await count()) };
}
