// The renderer's one query layer: server state lives in a TanStack Query cache. Every read goes
// through `useApi` (same signature and result shape as before, so pages need not change), and
// every successful write, made here or pushed by main as `data/changed` (another window, another
// tab), invalidates the cache, so counts, queues, lists and the overdue list refresh without a reload.
import { QueryClient, keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { CallInput, CallName, CallOutput } from '../../../shared/api/index.ts';
import { ApiError } from '../../../shared/errors.ts';
import { call, on, onWrite } from './client.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Errors are values with a sentence for staff; asking again gives the same answer.
      retry: false,
      refetchOnWindowFocus: false,
    },
  },
});

let pending = false;
/** Coalesces the local write notice and main's event for the same write into one refetch. */
export function invalidateAll(): void {
  if (pending) return;
  pending = true;
  setTimeout(() => {
    pending = false;
    // Queries marked `live: false` (the source of an edit form) are left alone: refetching them
    // would replace a draft under the officer's hands; a stale save gets CONFLICT instead.
    void queryClient.invalidateQueries({ predicate: (query) => query.meta?.['live'] !== false });
  }, 0);
}

onWrite(invalidateAll);
on('data/changed', invalidateAll);

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Calls the API for `input` (compared by value) and keeps the answer fresh after every write.
 * `live: false` for the source of an edit form: it is fetched again only on `reload()`.
 */
export function useApi<N extends CallName>(name: N, input: CallInput<N>, opts: { live?: boolean } = {}): Loaded<CallOutput<N>> {
  const live = opts.live ?? true;
  const q = useQuery({
    queryKey: [name, input, live],
    meta: { live },
    queryFn: () => call(name, input),
    // While a new input loads, the previous answer stays on screen (as before), marked loading.
    placeholderData: keepPreviousData,
  });
  const { refetch } = q;
  const reload = useCallback(() => void refetch(), [refetch]);
  return {
    data: q.data,
    error: q.error instanceof ApiError ? q.error : null,
    loading: q.isPending || q.isPlaceholderData,
    reload,
  };
}
