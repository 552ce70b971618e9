// Long lists on screen: the server sends a window of rows (limit/offset) and the page keeps only
// the rows in view in the DOM (@tanstack/react-virtual). Together a list of any length costs one
// window of JSON and a screenful of elements.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useState, type RefObject } from 'react';
import type { CallInput, CallName } from '../../../shared/api/index.ts';
import type { Page } from '../../../shared/api/page.ts';
import { useApi } from '../useApi.ts';

/** Rows fetched per request (by default); the window moves (by STEP) as the visible rows near its edges. */
export const WINDOW = 300;
const STEP = 100;

export interface Paged<T> {
  total: number;
  /** The row at a position of the whole list, if its window has arrived. */
  rowAt(index: number): T | undefined;
  /** Tell the pager which rows are on screen; it fetches another window when needed. */
  show(first: number, last: number): void;
  loaded: boolean;
  loading: boolean;
  error: ReturnType<typeof useApi>['error'];
  reload(): void;
}

/**
 * A paged call (`limit`/`offset` in, `items`/`total` out) seen as one long list. The filters in
 * `input` decide what the list is; changing them starts again at the top.
 */
export function usePaged<T, N extends CallName = CallName>(name: N, input: Omit<CallInput<N>, 'limit' | 'offset'>, size: number = WINDOW): Paged<T> {
  const key = JSON.stringify(input);
  const [at, setAt] = useState<{ key: string; offset: number }>({ key, offset: 0 });
  const offset = at.key === key ? at.offset : 0;
  const res = useApi(name, { ...input, limit: size, offset } as CallInput<N>);
  // The last window that arrived, with where it starts: shown while the next one is on its way.
  // (React's "information from previous renders" pattern: state set while rendering, guarded.)
  const [last, setLast] = useState<{ key: string; offset: number; page: Page<T> } | null>(null);
  const arrived = !res.loading && res.data ? (res.data as unknown as Page<T>) : null;
  if (arrived && last?.page !== arrived) setLast({ key, offset, page: arrived });
  const shown = last && last.key === key ? last : null;
  return {
    total: shown?.page.total ?? 0,
    rowAt: (i) => (shown && i >= shown.offset ? shown.page.items[i - shown.offset] : undefined),
    show: (first, lastRow) => {
      if (first >= offset && lastRow < offset + size) return;
      const step = Math.min(STEP, size / 2);
      // Start a third of a window above the first visible row, on a step (so small scrolls reuse
      // the same request); if that would stop short of the last visible row, centre the rows.
      let next = Math.floor((first - size / 3) / step) * step;
      if (next + size <= lastRow) next = first - Math.floor((size - (lastRow - first + 1)) / 2);
      next = Math.max(0, next);
      if (next !== offset) setAt({ key, offset: next });
    },
    loaded: shown !== null,
    loading: res.loading,
    error: res.error,
    reload: res.reload,
  };
}

/** Virtual rows of a table inside a scrolling box: spacer heights above and below the rows shown. */
export function useVirtualRows(count: number, scrollRef: RefObject<HTMLElement | null>, rowHeight: number, onRange?: (first: number, last: number) => void) {
  // The hook returns functions the React Compiler cannot memoise; this file is not compiled by it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 10 });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (count > 0) onRange?.(first, lastIndex);
  }, [first, lastIndex, count, onRange]);
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? v.getTotalSize() - items.at(-1)!.end : 0;
  return { items, padTop, padBottom, scrollToIndex: (i: number) => v.scrollToIndex(i, { align: 'auto' }) };
}
