// Handlers of shared/api/institution-aliases.ts.
import { addAliases, listAliases, pageAliases, removeAlias } from '../../db/institution-aliases.ts';
import type { HandlerTable } from '../dispatch.ts';

export const institutionAliasHandlers: Pick<HandlerTable, 'institutions/aliases' | 'institutions/addAlias' | 'institutions/removeAlias'> = {
  'institutions/aliases': (ctx, { institutionId, ...p }) => pageAliases(ctx.db, institutionId, p),
  'institutions/addAlias': async (ctx, { institutionId, name, kind }) => {
    await addAliases(ctx.db, institutionId, [{ name, kind }]);
    return listAliases(ctx.db, institutionId);
  },
  'institutions/removeAlias': async (ctx, { id }) => ({ removed: await removeAlias(ctx.db, id) }),
};
