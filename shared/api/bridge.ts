import type { Result } from '../errors.ts';
import type { ApiEvents, CallInput, CallName, CallOutput, EventName } from './index.ts';

/**
 * All the preload script exposes to the page (as `window.sakura`), and what the web-mode HTTP
 * transport implements too: a call by contract name, and a subscription returning its unsubscribe.
 */
export interface Bridge {
  invoke<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>;
  on<E extends EventName>(event: E, cb: (payload: ApiEvents[E]) => void): () => void;
}

/** IPC channel names: one per call, prefixed, so main can reject anything else by name. */
export const IPC_CALL_PREFIX = 'sakura:call:';
export const IPC_EVENT_CHANNEL = 'sakura:event';
