// The single entry every door goes through: name check, input validation, the handler, and the
// conversion of whatever happened into a Result value.
import { api, isCallName, type CallName, type CallOutput, type ParsedInput } from '../shared/api/index.ts';
import { AppError, toErrorValue, type Lang, type Result } from '../shared/errors.ts';
import { auditedWrite } from './audit/write.ts';
import type { Ctx } from './context.ts';
import { zodIssuesToMessages } from './validation.ts';

export type Handler<N extends CallName> = (ctx: Ctx, input: ParsedInput<N>) => CallOutput<N> | Promise<CallOutput<N>>;
export type HandlerTable = { [N in CallName]: Handler<N> };

export interface DispatchOptions {
  /** Validate results against the contract too (tests); costs time on large lists. */
  checkOutput?: boolean;
  /** Called with unexpected errors (bugs) so the door can log them; never shown to staff. */
  onInternalError?: (name: string, err: unknown) => void;
  /** Runs each whole write (team mode: again after a lost race, see main/team.ts). */
  runWrite?: <T>(ctx: Ctx, write: () => Promise<T>) => Promise<T>;
}

export async function dispatch(
  table: HandlerTable,
  ctx: Ctx,
  name: unknown,
  rawInput: unknown,
  options: DispatchOptions = {},
): Promise<Result<unknown>> {
  const lang: Lang = ctx.lang;
  try {
    if (!isCallName(name)) {
      throw new AppError(
        'UNKNOWN_CALL',
        { ja: `不明な API 呼び出し「${String(name)}」です。`, en: `Unknown API call "${String(name)}".` },
        { name: String(name) },
      );
    }
    const def = api[name];
    // reportInput: the messages can then say what was received, not just what was expected.
    const parsed = def.input.safeParse(rawInput ?? {}, { reportInput: true });
    if (!parsed.success) {
      const issues = zodIssuesToMessages(parsed.error.issues);
      throw new AppError(
        'VALIDATION',
        {
          ja: `入力が正しくありません: ${issues.map((i) => i.ja).join(' / ')}`,
          en: `Invalid input: ${issues.map((i) => i.en).join(' / ')}`,
        },
        { issues },
      );
    }
    const handler = table[name] as (ctx: Ctx, input: unknown) => unknown;
    // Writes run with their audit event in one transaction (and a backup first for bulk writes).
    const write = () => auditedWrite(name, ctx, parsed.data, handler);
    const value = def.writes ? await (options.runWrite ? options.runWrite(ctx, write) : write()) : await handler(ctx, parsed.data);
    if (options.checkOutput) {
      const out = def.output.safeParse(value);
      if (!out.success) throw new Error(`Output of ${name} breaks the contract: ${out.error.message}`);
    }
    // Tell every open screen that data changed, whichever door the write came through.
    if (def.writes) ctx.emit('data/changed', { call: name });
    return { ok: true, value };
  } catch (err) {
    if (!(err instanceof AppError)) options.onInternalError?.(String(name), err);
    return { ok: false, error: toErrorValue(err, lang) };
  }
}

/** For callers in Node (CLI, tests) that prefer exceptions: unwraps or throws the AppError. */
export async function call<N extends CallName>(
  table: HandlerTable,
  ctx: Ctx,
  name: N,
  input: unknown,
  options?: DispatchOptions,
): Promise<CallOutput<N>> {
  const r = await dispatch(table, ctx, name, input, options);
  if (r.ok) return r.value as CallOutput<N>;
  throw new AppError(r.error.code, r.error.details.messages, r.error.details);
}
