// The handler table: one entry per call of the contract, checked by the type of HandlerTable, so
// a call added to shared/api without a handler (or the other way round) does not compile.
import type { HandlerTable } from '../dispatch.ts';
import { offThread } from '../jobs/off-thread.ts';
import { applicationsHandlers } from './applications.ts';
import { backupHandlers } from './backup.ts';
import { institutionAliasHandlers } from './institution-aliases.ts';
import { programsHandlers } from './programs.ts';
import { referenceHandlers } from './reference.ts';
import { resultsHandlers } from './results.ts';
import { reviewHandlers } from './review.ts';
import { storeHandlers } from './store.ts';

// Exports on a large file run in a worker thread (main/jobs/off-thread.ts).
export const handlers: HandlerTable = offThread({
  'app/info': (ctx) => ({
    appVersion: ctx.appVersion,
    dbPath: ctx.dbPath,
    engine: ctx.engine,
    server: ctx.server,
    schemaVersion: ctx.schemaVersion,
    door: ctx.door,
    user: ctx.user,
  }),
  ...applicationsHandlers,
  ...referenceHandlers,
  ...reviewHandlers,
  ...programsHandlers,
  ...resultsHandlers,
  ...backupHandlers,
  ...institutionAliasHandlers,
  ...storeHandlers,
});
