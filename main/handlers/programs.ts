import type { HandlerTable } from '../dispatch.ts';

// Handlers of the programs area (shared/api/programs.ts); filled in by the issue that builds it.
export const programsHandlers: Pick<HandlerTable, never> = {};
