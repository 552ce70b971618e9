import type { ApplicationInput } from '../../shared/api/applications.ts';
import { courseProgram } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import { checkPlan } from '../../shared/rules/eligibility.ts';
import type { RuleSet } from '../../shared/rules/ruleset.ts';
import type { EligibilityResult, Plan } from '../../shared/rules/types.ts';
import * as apps from '../../db/applications.ts';
import { getRuleSet } from '../../db/rulesets.ts';
import type { DB } from '../../db/open.ts';
import type { Ctx } from '../context.ts';
import type { HandlerTable } from '../dispatch.ts';
import { buildApplicationsTemplate, parseApplicationsFile } from '../import/applications.ts';

/** An application is checked as a plan from its counts (no named participants yet). */
export function applicationPlan(d: ApplicationInput): Plan {
  return {
    program: courseProgram(d.course),
    course: d.course,
    fiscalYear: d.fiscalYear,
    field: d.field,
    mode: d.mode,
    arrival: d.arrival,
    departure: d.departure,
    invitees: d.invitees,
    escorts: d.escorts,
    institutions: d.sendingInstitutions.map((s) => s.name),
    countries: d.countries,
  };
}

/** Rule sets fetched once per fiscal year, however many rows are checked. */
async function ruleSetsFor(db: DB, years: Iterable<number>): Promise<Map<number, RuleSet>> {
  const map = new Map<number, RuleSet>();
  for (const fy of new Set(years)) map.set(fy, await getRuleSet(db, fy));
  return map;
}

async function detail(ctx: Ctx, id: string) {
  const summary = await apps.getApplicationSummary(ctx.db, id);
  const sending = await apps.getSendingDetail(ctx.db, id);
  const ruleSet = await getRuleSet(ctx.db, summary.fiscalYear);
  const eligibility: EligibilityResult = checkPlan(
    applicationPlan({ ...summary, sendingInstitutions: sending.map((s) => ({ name: s.name, country: s.country })) }),
    ruleSet,
  );
  const row = await ctx.db.selectFrom('application').select(['created_at', 'updated_at', 'updated_by', 'row_version']).where('id', '=', id).executeTakeFirstOrThrow();
  return {
    ...summary,
    sendingInstitutionsDetail: sending,
    eligibility,
    history: await apps.getHistory(ctx.db, id),
    createdAt: row.created_at,
    version: row.row_version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

const importFailed = (problems: { row: number | null; column: string | null; message: string; messageEn: string }[]) =>
  new AppError(
    'IMPORT_REJECTED',
    {
      ja: `ファイルに ${problems.length} 件の問題があるため、取り込みませんでした（何も書き込まれていません）。`,
      en: `The file has ${problems.length} problem(s), so nothing was imported (nothing was written).`,
    },
    { problems },
  );

export const applicationsHandlers: Pick<
  HandlerTable,
  | 'applications/list'
  | 'applications/get'
  | 'applications/save'
  | 'applications/setStatus'
  | 'applications/delete'
  | 'applications/import'
  | 'applications/template'
  | 'eligibility/check'
> = {
  'applications/list': async (ctx, filter) => {
    const items = await apps.listApplications(ctx.db, filter);
    return { items, total: items.length };
  },

  'applications/get': (ctx, { id }) => detail(ctx, id),

  'applications/save': async (ctx, { id, data, expectedVersion }) => {
    const ruleSet = await getRuleSet(ctx.db, data.fiscalYear);
    const check = checkPlan(applicationPlan(data), ruleSet);
    const { ids } = await apps.writeApplications(ctx.db, [{ id, data, check, ...(expectedVersion !== undefined ? { expectedVersion } : {}) }], ctx.user);
    return detail(ctx, ids[0]!);
  },

  'applications/setStatus': async (ctx, { id, status, comment }) => {
    await apps.setStatus(ctx.db, id, status, ctx.user, comment ?? null);
    return detail(ctx, id);
  },

  'applications/delete': async (ctx, { id }) => ({ deleted: await apps.deleteApplication(ctx.db, id) }),

  'applications/import': async (ctx, { fileName, dataBase64, jobId }) => {
    const bytes = Buffer.from(dataBase64, 'base64');
    const progress = (phase: string) => (done: number, total: number) => {
      if (jobId) ctx.emit('job/progress', { jobId, phase, done, total });
    };
    if (jobId) ctx.emit('job/progress', { jobId, phase: 'read', done: 0, total: 1 });
    const parsed = await parseApplicationsFile(fileName, bytes, progress('parse'));
    if (!parsed.ok) throw importFailed(parsed.problems);
    // Give the door a turn to deliver the parse progress before the write phase starts.
    await new Promise((resolve) => setImmediate(resolve));
    const ruleSets = await ruleSetsFor(ctx.db, parsed.rows.map((r) => r.data.fiscalYear));
    const items = parsed.rows.map((r) => ({
      id: null,
      data: r.data,
      check: checkPlan(applicationPlan(r.data), ruleSets.get(r.data.fiscalYear)!),
    }));
    const { added, updated } = await apps.writeApplications(ctx.db, items, ctx.user, progress('write'));
    return { added, updated, rows: items.length };
  },

  'applications/template': async () => ({
    fileName: 'sakura-applications-template.xlsx',
    dataBase64: Buffer.from(await buildApplicationsTemplate()).toString('base64'),
  }),

  'eligibility/check': async (ctx, { plan }) => checkPlan(plan, await getRuleSet(ctx.db, plan.fiscalYear)),
};
