// One typed client for the whole renderer. It picks its transport once: the preload bridge in
// Electron, or HTTP in web mode, where the server has already traded the printed `?token=…` for an
// HttpOnly session cookie (the page never sees a secret). Error values come back as ApiError.
import type { Bridge } from '../../../shared/api/bridge.ts';
import { api, type ApiEvents, type CallInput, type CallName, type CallOutput, type EventName } from '../../../shared/api/index.ts';
import { ApiError, type Result } from '../../../shared/errors.ts';

declare global {
  interface Window {
    sakura?: Bridge;
  }
}

let lang: 'ja' | 'en' = 'ja';
/** Error messages from main come in the UI's language. */
export function setApiLanguage(l: 'ja' | 'en'): void {
  lang = l;
}

/**
 * The printed URL carries the access token; once the page has loaded, the session cookie does its
 * work, so the token leaves the address bar (and with it history, bookmarks and screenshots).
 */
function dropTokenFromAddressBar(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

function httpBridge(): Bridge {
  dropTokenFromAddressBar();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source || typeof EventSource === 'undefined') return;
    // Same origin: the session cookie goes with it, and no token appears in the URL.
    source = new EventSource('/api/events');
    source.onmessage = (e: MessageEvent<string>) => {
      const { name, payload } = JSON.parse(e.data) as { name: string; payload: unknown };
      for (const cb of listeners.get(name) ?? []) cb(payload);
    };
  };
  return {
    async invoke(name, input) {
      try {
        const res = await fetch(`/api/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Sakura-Lang': lang },
          body: JSON.stringify(input ?? {}),
        });
        return (await res.json()) as Result<never>;
      } catch {
        const messages = {
          ja: 'アプリ本体と通信できません。Sakura Desk が起動しているか確認してください。',
          en: 'Cannot reach the Sakura Desk core. Check that the app is still running.',
        };
        return { ok: false, error: { code: 'INTERNAL', message: messages[lang], details: { messages } } };
      }
    },
    on(event, cb) {
      ensureSource();
      const set = listeners.get(event) ?? new Set();
      set.add(cb as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(cb as (p: unknown) => void);
    },
  };
}

const bridge: Bridge = window.sakura ?? httpBridge();
export const transport: 'electron' | 'web' = window.sakura ? 'electron' : 'web';

const writeListeners = new Set<(name: CallName) => void>();
/** Called after every successful write call (the query layer invalidates its cache). */
export function onWrite(cb: (name: CallName) => void): () => void {
  writeListeners.add(cb);
  return () => writeListeners.delete(cb);
}

export async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const r = await bridge.invoke(name, input);
  if (r.ok) {
    if (api[name].writes) for (const cb of writeListeners) cb(name);
    return r.value;
  }
  throw new ApiError(r.error);
}

export function on<E extends EventName>(event: E, cb: (payload: ApiEvents[E]) => void): () => void {
  return bridge.on(event, cb);
}
