// Handlers of the results area (shared/api/results.ts): 実施報告, follow-up, the overdue queue
// and the statistics behind the charts and the home dashboard.
import { todayIso } from '../../shared/dates.ts';
import { ADOPTED_STATUSES, fiscalYearOf } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import { funnel, BREAKDOWNS, type BreakdownBy } from '../../shared/stats/aggregate.ts';
import { statsByYear } from '../../db/applications.ts';
import { listCalls } from '../../db/calls.ts';
import type { DB } from '../../db/open.ts';
import * as res from '../../db/results.ts';
import * as st from '../../db/stats.ts';
import type { HandlerTable } from '../dispatch.ts';
import { overduePage } from '../../db/overdue.ts';
import { buildStatsWorkbook, type Sheets } from '../results/xlsx.ts';

type ResultsNames =
  | 'results/programs'
  | 'results/program'
  | 'results/save'
  | 'results/overdue'
  | 'results/settings'
  | 'results/saveSettings'
  | 'followups/participant'
  | 'followups/save'
  | 'followups/delete'
  | 'stats/breakdown'
  | 'stats/funnel'
  | 'stats/people'
  | 'stats/outcomes'
  | 'stats/years'
  | 'stats/dashboard'
  | 'stats/export';

/** Today on this laptop's calendar: the one "today" of shared/dates.ts. */
export const localToday = (now = new Date()): string => todayIso(now);

export async function breakdownOf(db: DB, fiscalYear: number, by: BreakdownBy) {
  return st.breakdownRows(db, fiscalYear, by);
}

export async function funnelOf(db: DB, fiscalYear: number) {
  return { fiscalYear, ...funnel(await st.applicationFacts(db, fiscalYear)) };
}

/** The call to show on the dashboard: the one open today, else the next, else the last one. */
function currentCall(calls: { number: number; opensOn: string | null; closesOn: string | null }[], today: string) {
  const sorted = calls.map(({ number, opensOn, closesOn }) => ({ number, opensOn, closesOn })).sort((a, b) => a.number - b.number);
  const open = sorted.find((c) => c.opensOn !== null && c.opensOn <= today && (c.closesOn === null || today <= c.closesOn));
  if (open) return { ...open, state: 'open' as const };
  const next = sorted.find((c) => c.opensOn !== null && c.opensOn > today);
  if (next) return { ...next, state: 'upcoming' as const };
  const last = sorted.at(-1);
  return last ? { ...last, state: 'closed' as const } : null;
}

/** The fiscal year the charts default to: the latest with applications, else the current one. */
async function defaultYear(db: DB): Promise<number> {
  return (await st.yearsWithApplications(db)).at(-1) ?? fiscalYearOf(localToday());
}

export async function collectSheets(db: DB, chart: string, fiscalYear: number | undefined, by: BreakdownBy | undefined): Promise<Sheets> {
  const fy = fiscalYear ?? (await defaultYear(db));
  const s: Sheets = {};
  if (chart === 'all' || chart === 'byYear') s.byYear = await statsByYear(db, ADOPTED_STATUSES);
  if (chart === 'all' || chart === 'breakdown') {
    const kinds = chart === 'breakdown' && by ? [by] : [...BREAKDOWNS];
    s.breakdowns = [];
    for (const k of kinds) s.breakdowns.push({ by: k, fiscalYear: fy, rows: await breakdownOf(db, fy, k) });
  }
  if (chart === 'all' || chart === 'funnel') s.funnel = await funnelOf(db, fy);
  if (chart === 'all' || chart === 'people') s.people = await st.peopleByYear(db);
  if (chart === 'all' || chart === 'followups') s.outcomes = await st.outcomesByYear(db);
  return s;
}

export const resultsHandlers: Pick<HandlerTable, ResultsNames> = {
  'results/programs': (ctx, f) => res.pagePrograms(ctx.db, f),
  'results/program': async (ctx, { programId }) => ({
    program: await res.getProgram(ctx.db, programId),
    participants: await res.programParticipants(ctx.db, programId),
  }),
  'results/save': async (ctx, { programId, data, expectedVersion }) => {
    await res.saveResult(ctx.db, programId, data, ctx.user, expectedVersion);
    return res.getProgram(ctx.db, programId);
  },
  'results/overdue': async (ctx, { today, limit, offset }) => {
    const days = await res.getOverdueDays(ctx.db);
    return { days, ...(await overduePage(ctx.db, today ?? localToday(), days, { limit, offset })) };
  },
  'results/settings': async (ctx) => ({ reportOverdueDays: await res.getOverdueDays(ctx.db), version: await res.overdueDaysVersion(ctx.db) }),
  'results/saveSettings': async (ctx, { reportOverdueDays, expectedVersion }) => {
    await res.setOverdueDays(ctx.db, reportOverdueDays, ctx.user, expectedVersion);
    return { reportOverdueDays: await res.getOverdueDays(ctx.db), version: await res.overdueDaysVersion(ctx.db) };
  },
  'followups/participant': (ctx, { participantId }) => res.participantFollowUps(ctx.db, participantId),
  'followups/save': (ctx, { id, expectedVersion, ...d }) => res.saveFollowUp(ctx.db, id, d, ctx.user, expectedVersion),
  'followups/delete': async (ctx, { id, expectedVersion }) => ({ deleted: await res.deleteFollowUp(ctx.db, id, expectedVersion) }),

  'stats/breakdown': (ctx, { fiscalYear, by }) => breakdownOf(ctx.db, fiscalYear, by),
  'stats/funnel': (ctx, { fiscalYear }) => funnelOf(ctx.db, fiscalYear),
  'stats/people': (ctx) => st.peopleByYear(ctx.db),
  'stats/outcomes': (ctx) => st.outcomesByYear(ctx.db),
  'stats/years': (ctx) => st.yearsWithApplications(ctx.db),
  'stats/dashboard': async (ctx, input) => {
    const today = input.today ?? localToday();
    const fy = fiscalYearOf(today);
    const counts = await st.countApplications(ctx.db, fy);
    const days = await res.getOverdueDays(ctx.db);
    return {
      today,
      fiscalYear: fy,
      call: currentCall(await listCalls(ctx.db, fy), today),
      applications: counts.applications,
      applicationsWithProblems: counts.withProblems,
      reportsOverdue: (await overduePage(ctx.db, today, days, { limit: 1 })).total,
    };
  },
  'stats/export': async (ctx, { chart, fiscalYear, by }) => {
    if (chart === 'breakdown' && !by) {
      throw new AppError('VALIDATION', { ja: '内訳の種類（by）を指定してください。', en: 'Give the breakdown kind (by).' }, { chart });
    }
    const sheets = await collectSheets(ctx.db, chart, fiscalYear, by);
    const bytes = await buildStatsWorkbook(sheets, ctx.lang);
    const suffix = chart === 'breakdown' ? `-${by}-${fiscalYear ?? ''}` : chart === 'funnel' ? `-${fiscalYear ?? ''}` : '';
    return { fileName: `sakura-stats-${chart}${suffix.replace(/-$/, '')}.xlsx`, dataBase64: Buffer.from(bytes).toString('base64') };
  },
};
