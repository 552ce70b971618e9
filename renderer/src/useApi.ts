import { useCallback, useEffect, useState } from 'react';
import type { CallInput, CallName, CallOutput } from '../../shared/api/index.ts';
import { ApiError } from '../../shared/errors.ts';
import { call, on } from './api/client.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Calls the API when the input changes (compared as JSON) and keeps the latest answer. The
 * answer remembers which request it belongs to, so "loading" is derived rather than set.
 *
 * Team mode: when another officer commits a write (`data/changed`), the answer is fetched again
 * quietly (no "loading", the old answer stays until the new one arrives), so lists show others'
 * work without a reload. `live: false` for the source of an edit form, whose draft must not be
 * replaced under the officer's hands: a stale save gets CONFLICT and the form offers to reload.
 */
export function useApi<N extends CallName>(name: N, input: CallInput<N>, opts: { live?: boolean } = {}): Loaded<CallOutput<N>> {
  const live = opts.live ?? true;
  const [tick, setTick] = useState(0);
  const [changes, setChanges] = useState(0);
  const key = `${name}\u0000${JSON.stringify(input)}\u0000${tick}`;
  const [state, setState] = useState<{ key: string; data: CallOutput<N> | undefined; error: ApiError | null }>({
    key: '',
    data: undefined,
    error: null,
  });
  useEffect(() => {
    let alive = true;
    const [n, json] = key.split('\u0000') as [N, string];
    call(n, JSON.parse(json) as CallInput<N>).then(
      (data) => alive && setState({ key, data, error: null }),
      (e: unknown) => alive && setState({ key, data: undefined, error: e instanceof ApiError ? e : null }),
    );
    return () => {
      alive = false;
    };
  }, [key]);
  useEffect(() => (live ? on('data/changed', () => setChanges((c) => c + 1)) : undefined), [live]);
  useEffect(() => {
    if (changes === 0) return;
    let alive = true;
    const [n, json] = key.split('\u0000') as [N, string];
    call(n, JSON.parse(json) as CallInput<N>).then(
      (data) => alive && setState((s) => (s.key === key ? { key, data, error: null } : s)),
      () => undefined, // a failed quiet refresh keeps the answer on screen; the next one may work
    );
    return () => {
      alive = false;
    };
    // Only a change event starts a quiet refresh; a new key has its own load above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [changes]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.key !== key, reload };
}
