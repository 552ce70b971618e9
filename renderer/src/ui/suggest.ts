// Search-as-you-type for pickers: a dictionary of thousands of entries (institutions, reviewers over
// twenty years) is never fetched whole; the words typed so far ask the server for the best few.
import { useEffect, useState } from 'react';
import type { Institution } from '../../../shared/api/reference.ts';
import { useApi } from '../useApi.ts';

/** How many suggestions a picker shows; typing more narrows them. */
export const SUGGESTIONS = 30;

/** The value once typing has paused for `ms`, so each keystroke does not ask main. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** Institutions whose names or aliases contain `text` (by name when nothing is typed yet). */
export function useInstitutionSuggestions(text: string): Institution[] {
  const q = useDebounced(text.trim(), 200);
  const res = useApi('institutions/list', { ...(q ? { q } : {}), limit: SUGGESTIONS });
  return res.data?.items ?? [];
}
