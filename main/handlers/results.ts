import type { HandlerTable } from '../dispatch.ts';

// Handlers of the results area (shared/api/results.ts); filled in by the issue that builds it.
export const resultsHandlers: Pick<HandlerTable, never> = {};
