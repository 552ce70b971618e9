import type { HandlerTable } from '../dispatch.ts';

// Handlers of the review area (shared/api/review.ts); filled in by the issue that builds it.
export const reviewHandlers: Pick<HandlerTable, never> = {};
