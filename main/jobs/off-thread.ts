// Exports off the request path: building a workbook is seconds of synchronous exceljs work on a
// large year, during which no door could answer. On a SQLite file large enough to matter
// (worthAWorker), these calls run their own handler in a worker thread on a read-only connection
// of its own; events the handler emits come back to the doors. Every door goes through here, since
// the handler table itself is wrapped (main/handlers/index.ts).
import type { Ctx } from '../context.ts';
import type { HandlerTable } from '../dispatch.ts';
import { noWorker, runInWorker, worthAWorker } from './worker.ts';

/** Read-only calls whose answer is a file built from the database. */
export const OFF_THREAD_CALLS = ['programs/exportRoster', 'programs/exportItinerary', 'stats/export', 'review/exportSummary'] as const;

type Inline = (ctx: Ctx, input: unknown) => unknown;

export function offThread(table: HandlerTable): HandlerTable {
  const out: Record<string, Inline> = { ...(table as unknown as Record<string, Inline>) };
  for (const name of OFF_THREAD_CALLS) {
    const inline = out[name]!;
    out[name] = async (ctx, input) => {
      if (ctx.engine !== 'sqlite' || !worthAWorker(ctx.dbPath)) return inline(ctx, input);
      try {
        return await runInWorker(
          {
            kind: 'call',
            dbPath: ctx.dbPath,
            name,
            input,
            ctx: { door: ctx.door, user: ctx.user, lang: ctx.lang, appVersion: ctx.appVersion, schemaVersion: ctx.schemaVersion, server: ctx.server },
          },
          { emit: (event, payload) => ctx.emit(event as never, payload as never) },
        );
      } catch (e) {
        if (!noWorker(e)) throw e;
      }
      return inline(ctx, input);
    };
  }
  return out as unknown as HandlerTable;
}
