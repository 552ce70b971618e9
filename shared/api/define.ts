import type { z } from 'zod';

/** One API call: its single object argument and its result, both as zod schemas. */
export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Calls that change data; the CLI and logs treat them differently from reads. */
  writes: boolean;
}

export function query<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallDef<I, O> {
  return { input, output, writes: false };
}
export function command<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallDef<I, O> {
  return { input, output, writes: true };
}
