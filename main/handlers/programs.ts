// Handlers of the programs area (shared/api/programs.ts). Every answer carries the checks computed
// from the stored roster and itinerary with the year's rule set, through the same shared functions
// the renderer runs while staff edit.
import type { ApplicationSummary } from '../../shared/api/applications.ts';
import type { ProgramDetail, ProgramSummary } from '../../shared/api/programs.ts';
import { fiscalYearOf } from '../../shared/domain.ts';
import { localToday } from './results.ts';
import { checkProgram } from '../../shared/rules/program.ts';
import type { RuleSet } from '../../shared/rules/ruleset.ts';
import * as programs from '../../db/programs.ts';
import { storedCheckOf, storedChecksOf, type StoredCheck } from '../../db/program-checks.ts';
import type { DB } from '../../db/open.ts';
import { getRuleSet } from '../../db/rulesets.ts';
import type { HandlerTable } from '../dispatch.ts';
import { buildItineraryXlsx, buildRosterCsv, buildRosterXlsx, DEFAULT_ROSTER_COLUMNS, exportFileName } from '../export/programs.ts';
import { runImport } from '../jobs/imports.ts';

function summaryOf(app: ApplicationSummary, check: StoredCheck): ProgramSummary {
  return {
    id: app.id,
    applicationNo: app.applicationNo,
    fiscalYear: app.fiscalYear,
    program: app.program,
    course: app.course,
    title: app.title,
    hostInstitution: app.hostInstitution,
    sendingInstitutions: app.sendingInstitutions,
    countries: app.countries,
    field: app.field,
    mode: app.mode,
    status: app.status,
    arrival: app.arrival,
    departure: app.departure,
    ...check,
  };
}

function summarize(app: ApplicationSummary, people: Parameters<typeof checkProgram>[1], slots: Parameters<typeof checkProgram>[2], ruleSet: RuleSet) {
  const check = checkProgram(app, people, slots, ruleSet);
  return { summary: summaryOf(app, storedCheckOf(check, slots.length)), check };
}

async function detail(db: DB, id: string): Promise<ProgramDetail> {
  const app = await programs.getProgramApplication(db, id);
  const people = (await programs.participantsOf(db, [id])).get(id) ?? [];
  const slots = (await programs.slotsOf(db, [id])).get(id) ?? [];
  const ruleSet = await getRuleSet(db, app.fiscalYear);
  const { summary, check } = summarize(app, people, slots, ruleSet);
  return { program: summary, ruleSet, participants: people, slots, check, ...(await programs.listVersionsOf(db, id)) };
}

export const programsHandlers: Pick<
  HandlerTable,
  | 'programs/list'
  | 'programs/get'
  | 'programs/saveParticipants'
  | 'programs/saveItinerary'
  | 'programs/importParticipants'
  | 'programs/exportRoster'
  | 'programs/exportItinerary'
> = {
  'programs/list': async (ctx, { fiscalYear, q, limit, offset }) => {
    const fy = fiscalYear === 'all' ? undefined : (fiscalYear ?? fiscalYearOf(localToday()));
    const { items: apps, total } = await programs.pageProgramApplications(ctx.db, { fiscalYear: fy, q, limit, offset });
    // Stored checks whose key still matches the row (migration 0012) stand as they are; only the
    // rest (never checked, or changed since by a path that did not refresh) are checked live, with
    // set-wise loads and one rule set per year. Nothing is written here: a list is a read.
    const stored = await storedChecksOf(ctx.db, apps.map((a) => a.id));
    const live = apps.filter((a) => !stored.has(a.id));
    const ids = live.map((a) => a.id);
    const people = ids.length ? await programs.rosterFactsOf(ctx.db, ids) : new Map<string, never[]>();
    const slots = ids.length ? await programs.slotFactsOf(ctx.db, ids) : new Map<string, never[]>();
    const ruleSets = new Map<number, RuleSet>();
    for (const fy of new Set(live.map((a) => a.fiscalYear))) ruleSets.set(fy, await getRuleSet(ctx.db, fy));
    const items = apps.map((a) => {
      const done = stored.get(a.id);
      if (done) return summaryOf(a, done);
      const programSlots = slots.get(a.id) ?? [];
      return summaryOf(a, storedCheckOf(checkProgram(a, people.get(a.id) ?? [], programSlots, ruleSets.get(a.fiscalYear)!), programSlots.length));
    });
    return { items, total };
  },

  'programs/get': (ctx, { id }) => detail(ctx.db, id),

  'programs/saveParticipants': async (ctx, { id, participants, expectedVersion }) => {
    await programs.getProgramApplication(ctx.db, id);
    await programs.replaceParticipants(ctx.db, id, participants, ctx.user, expectedVersion);
    return detail(ctx.db, id);
  },

  'programs/saveItinerary': async (ctx, { id, slots, expectedVersion }) => {
    await programs.getProgramApplication(ctx.db, id);
    await programs.replaceSlots(ctx.db, id, slots, ctx.user, expectedVersion);
    return detail(ctx.db, id);
  },

  // Read and checked off the request path, written in one short transaction, locked per program
  // (main/jobs/imports.ts).
  'programs/importParticipants': (ctx, { id, fileName, dataBase64, mode, expectedVersion, jobId }) =>
    runImport(ctx, 'programs/importParticipants', { id, fileName, bytes: Buffer.from(dataBase64, 'base64'), mode, expectedVersion }, jobId),

  'programs/exportRoster': async (ctx, { id, format, columns }) => {
    const d = await detail(ctx.db, id);
    const cols = columns ?? DEFAULT_ROSTER_COLUMNS;
    const bytes =
      format === 'csv' ? buildRosterCsv(d.program, d.participants, cols) : await buildRosterXlsx(d.program, d.participants, cols);
    return { fileName: exportFileName(d.program, '参加者名簿', format), dataBase64: Buffer.from(bytes).toString('base64') };
  },

  'programs/exportItinerary': async (ctx, { id }) => {
    const d = await detail(ctx.db, id);
    const bytes = await buildItineraryXlsx(d.program, d.slots);
    return { fileName: exportFileName(d.program, '日程表', 'xlsx'), dataBase64: Buffer.from(bytes).toString('base64') };
  },
};
