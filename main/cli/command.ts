import { readFileSync } from 'node:fs';
import type { Runtime } from '../runtime.ts';
import { flagString, type Args } from './args.ts';
import { forEachPage } from '../../shared/api/page.ts';

export interface Command {
  usage: string;
  summary: string;
  /** false: runs without opening a database. */
  needsDb: boolean;
  /** Runs even when the database cannot be opened (restore, doctor, list backups). */
  recovery?: boolean;
  /** A number is the exit status (doctor: 1 when the check fails). */
  run(args: Args, rt: Runtime | null): Promise<void | number>;
}

/** A mistake in how the command was called: printed as the sentence it carries. */
export class CliError extends Error {}

export function out(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Prints a paged call's rows as one JSON array, page by page, exactly as `out(array)` would: memory
 * holds one page however long the history is. Several inputs (one per fiscal year, in the list's
 * own order) print as one array too, and keep every page's offset within its year.
 */
export async function outPaged<T>(
  rt: Runtime | null,
  name: string,
  input: Record<string, unknown> | Record<string, unknown>[],
  map: (item: any) => T | Promise<T> = (x) => x as T,
  /** Runs on each page before `map` (related rows of the page's items, read once a page). */
  prepare?: (items: any[]) => Promise<void>,
): Promise<void> {
  let first = true;
  for (const one of Array.isArray(input) ? input : [input]) {
    await forEachPage(
      (p) => invoke(rt, name, { ...one, ...p }),
      async (items) => {
        await prepare?.(items);
        const lines: string[] = [];
        for (const item of items) {
          const json = JSON.stringify(await map(item), null, 2).replace(/\n/g, '\n  ');
          lines.push(`${first ? '[\n' : ',\n'}  ${json}`);
          first = false;
        }
        process.stdout.write(lines.join(''));
      },
    );
  }
  process.stdout.write(first ? '[]\n' : '\n]\n');
}

/** Calls the handler table and unwraps the result value, or throws the error value. */
export async function invoke(rt: Runtime | null, name: string, input: unknown): Promise<any> {
  if (!rt) throw new CliError('データベースが開かれていません。 / No database is open.');
  const r = await rt.invoke(name, input, 'ja');
  if (r.ok) return r.value;
  throw r.error;
}

export function readFileArg(args: Args, index: number, what: string): { path: string; bytes: Buffer } {
  const path = args.positionals[index];
  if (!path) throw new CliError(`${what} のファイルを指定してください。 / Give the ${what} file.`);
  try {
    return { path, bytes: readFileSync(path) };
  } catch {
    throw new CliError(`ファイル「${path}」を読めません。 / Cannot read the file "${path}".`);
  }
}

export function intFlag(args: Args, name: string, what = '数'): number | undefined {
  const v = flagString(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new CliError(`--${name} には${what}を整数で指定してください。 / --${name} needs a whole number.`);
  return n;
}

export function fyFlag(args: Args): number | undefined {
  return intFlag(args, 'fy', '年度（例: 2026）');
}
