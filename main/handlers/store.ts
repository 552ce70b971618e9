// Settings › データの保存先: which store the app works on (main/store/switch.ts does the work).
import { AppError } from '../../shared/errors.ts';
import type { Ctx } from '../context.ts';
import type { HandlerTable } from '../dispatch.ts';
import type { StoreControl } from '../store/types.ts';

function control(ctx: Ctx): StoreControl {
  if (ctx.stores) return ctx.stores;
  throw new AppError('VALIDATION', {
    ja: 'ここでは保存先を切り替えられません。--db（または環境変数 SAKURA_DB）で指定してください。',
    en: 'The store cannot be changed here. Give it with --db (or the SAKURA_DB environment variable).',
  });
}

export const storeHandlers: Pick<HandlerTable, 'store/get' | 'store/test' | 'store/switch'> = {
  'store/get': (ctx) => control(ctx).state(),
  'store/test': (ctx, { url, password }) => control(ctx).test(url, password || undefined),
  'store/switch': (ctx, choice) => control(ctx).switch(choice),
};
