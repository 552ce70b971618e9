import { ADOPTED_STATUSES } from '../../shared/domain.ts';
import { statsByYear } from '../../db/applications.ts';
import { pageCalls, saveCall } from '../../db/calls.ts';
import * as inst from '../../db/institutions.ts';
import { pageInstitutions } from '../../db/institutions-page.ts';
import { getRuleSet, ruleSetHistory, saveRuleSet } from '../../db/rulesets.ts';
import type { HandlerTable } from '../dispatch.ts';

type ReferenceNames =
  | 'calls/list'
  | 'calls/save'
  | 'rulesets/get'
  | 'rulesets/save'
  | 'rulesets/history'
  | 'institutions/list'
  | 'institutions/save'
  | 'institutions/duplicates'
  | 'institutions/merge'
  | 'institutions/programs'
  | 'stats/byYear';

export const referenceHandlers: Pick<HandlerTable, ReferenceNames> = {
  'calls/list': (ctx, { fiscalYear, ...p }) => pageCalls(ctx.db, fiscalYear, p),
  'calls/save': (ctx, { expectedVersion, ...d }) => saveCall(ctx.db, d, ctx.user, expectedVersion),
  'rulesets/get': (ctx, { fiscalYear }) => getRuleSet(ctx.db, fiscalYear),
  'rulesets/save': (ctx, { fiscalYear, values, note, expectedVersion }) =>
    saveRuleSet(ctx.db, fiscalYear, values, ctx.user, note ?? null, expectedVersion),
  'rulesets/history': (ctx, { fiscalYear, ...p }) => ruleSetHistory(ctx.db, fiscalYear, p),
  'institutions/list': (ctx, f) => pageInstitutions(ctx.db, f),
  'institutions/save': (ctx, { id, expectedVersion, ...d }) => inst.saveInstitution(ctx.db, id, d, ctx.user, expectedVersion),
  'institutions/duplicates': (ctx, p) => inst.pageDuplicates(ctx.db, p),
  'institutions/merge': (ctx, { keepId, mergeIds }) => inst.mergeInstitutions(ctx.db, keepId, mergeIds, ctx.user),
  'institutions/programs': (ctx, { id, ...p }) => inst.institutionPrograms(ctx.db, id, p),
  'stats/byYear': (ctx) => statsByYear(ctx.db, ADOPTED_STATUSES),
};
