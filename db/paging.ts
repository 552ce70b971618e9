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

/** `limit`/`offset` on a query the way every paged list applies them (no limit: every row from `offset`). */
export function limited<Q extends { limit(n: number): Q; offset(n: number): Q }>(q: Q, p: PageInput): Q {
  if (p.limit !== undefined) return q.limit(p.limit).offset(p.offset ?? 0);
  return p.offset ? q.limit(2147483647).offset(p.offset) : q;
}
