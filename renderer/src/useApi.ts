import { useCallback, useEffect, useState } from 'react';
import type { CallInput, CallName, CallOutput } from '../../shared/api/index.ts';
import { ApiError } from '../../shared/errors.ts';
import { call } from './api/client.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Calls the API when the input changes (compared as JSON) and keeps the latest answer. The
 * answer remembers which request it belongs to, so "loading" is derived rather than set.
 */
export function useApi<N extends CallName>(name: N, input: CallInput<N>): Loaded<CallOutput<N>> {
  const [tick, setTick] = useState(0);
  const key = `${name}\u0000${JSON.stringify(input)}\u0000${tick}`;
  const [state, setState] = useState<{ key: string; data: CallOutput<N> | undefined; error: ApiError | null }>({
    key: '',
    data: undefined,
    error: null,
  });
  useEffect(() => {
    let live = true;
    const [n, json] = key.split('\u0000') as [N, string];
    call(n, JSON.parse(json) as CallInput<N>).then(
      (data) => live && setState({ key, data, error: null }),
      (e: unknown) => live && setState({ key, data: undefined, error: e instanceof ApiError ? e : null }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.key !== key, reload };
}
