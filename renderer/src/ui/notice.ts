// A notice or client-side error kept in state as a value (i18n key + parameters), not as a sentence:
// the sentence is made at render time, so switching the language re-words what is already shown
// (API errors do the same: ErrorBox keeps the ApiError, whose details carry both languages).
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

export interface Notice {
  key: string;
  params?: Record<string, unknown>;
  /** Parameters that are themselves texts, by key (e.g. status: 'appStatus.adopted'). */
  texts?: Record<string, string>;
}

export function notice(key: string, params?: Record<string, unknown>, texts?: Record<string, string>): Notice {
  return { key, ...(params ? { params } : {}), ...(texts ? { texts } : {}) };
}

/** The function that words a notice in the current language (re-renders on a language switch). */
export function useNoticeText(): (n: Notice | null | undefined) => string | null {
  const { t } = useTranslation();
  return useCallback(
    (n) => {
      if (!n) return null;
      const texts = Object.fromEntries(Object.entries(n.texts ?? {}).map(([name, key]) => [name, t(key, { defaultValue: key })]));
      return t(n.key, { ...n.params, ...texts });
    },
    [t],
  );
}
