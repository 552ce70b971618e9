// The CLI door: `npm run cli -- [--db PATH] <command> …`. Every command goes through the same
// handler table as the app. Errors print as sentences, never stack traces; exit status 1.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError, type ErrorValue } from '../../shared/errors.ts';
import { defaultRuleSet } from '../../shared/rules/ruleset.ts';
import { checkPlan } from '../../shared/rules/eligibility.ts';
import { Plan } from '../../shared/rules/types.ts';
import { defaultDbPath } from '../paths.ts';
import { startRuntime, type Runtime } from '../runtime.ts';
import { zodIssuesToMessages } from '../validation.ts';
import { flagString, parseArgs, type Args } from './args.ts';

interface Command {
  usage: string;
  summary: string;
  /** false: runs without opening a database. */
  needsDb: boolean;
  run(args: Args, rt: Runtime | null): Promise<void>;
}

class CliError extends Error {}

function out(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Calls the handler table and unwraps the result value, or throws the error value. */
async function invoke(rt: Runtime, name: string, input: unknown): Promise<any> {
  const r = await rt.invoke(name, input, 'ja');
  if (r.ok) return r.value;
  throw r.error;
}

function readFileArg(args: Args, index: number, what: string): { path: string; bytes: Buffer } {
  const path = args.positionals[index];
  if (!path) throw new CliError(`${what} のファイルを指定してください。 / Give the ${what} file.`);
  try {
    return { path, bytes: readFileSync(path) };
  } catch {
    throw new CliError(`ファイル「${path}」を読めません。 / Cannot read the file "${path}".`);
  }
}

function fyFlag(args: Args): number | undefined {
  const v = flagString(args, 'fy');
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new CliError(`--fy には年度を数字で指定してください（例: 2026）。 / --fy needs a year such as 2026.`);
  return n;
}

const commands: Record<string, Command> = {
  info: {
    usage: 'info',
    summary: 'データベースとアプリの情報 / database and app information',
    needsDb: true,
    run: async (_a, rt) => out(await invoke(rt!, 'app/info', {})),
  },
  call: {
    usage: "call NAME ['{\"json\":\"input\"}']",
    summary: 'API を名前で直接呼ぶ / invoke any API call by name',
    needsDb: true,
    run: async (args, rt) => {
      const name = args.positionals[1];
      if (!name) throw new CliError('API 名を指定してください。 / Give an API call name.');
      let input: unknown;
      try {
        input = JSON.parse(args.positionals[2] ?? '{}');
      } catch {
        throw new CliError('入力が JSON として読めません。 / The input is not valid JSON.');
      }
      out(await invoke(rt!, name, input));
    },
  },
  eligibility: {
    usage: 'eligibility --json FILE',
    summary: '交流計画（JSON）の要件チェック（データベース不要） / check one plan given as JSON (no database needed)',
    needsDb: false,
    run: async (args) => {
      const { path, bytes } = readFileArg(args, 1, 'JSON');
      let json: unknown;
      try {
        json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
      } catch {
        throw new CliError(`「${path}」は JSON として読めません。 / "${path}" is not valid JSON.`);
      }
      const parsed = Plan.safeParse(json);
      if (!parsed.success) {
        const issues = zodIssuesToMessages(parsed.error.issues);
        throw new CliError(`計画の形式が正しくありません: ${issues.map((i) => i.ja).join(' / ')}`);
      }
      out(checkPlan(parsed.data, defaultRuleSet(parsed.data.fiscalYear)));
    },
  },
  'import applications': {
    usage: 'import applications FILE',
    summary: '応募一覧（.xlsx / .csv）の取り込み（全件か無か） / import applications, all or nothing',
    needsDb: true,
    run: async (args, rt) => {
      const { path, bytes } = readFileArg(args, 2, '.xlsx / .csv');
      const r = await invoke(rt!, 'applications/import', { fileName: basename(path), dataBase64: bytes.toString('base64') });
      process.stdout.write(`取り込みました: 追加 ${r.added} 件、更新 ${r.updated} 件（全 ${r.rows} 行） / Imported: ${r.added} added, ${r.updated} updated (${r.rows} rows)\n`);
    },
  },
  'list applications': {
    usage: 'list applications --json [--fy N]',
    summary: '応募の一覧を JSON で出力 / print applications as JSON',
    needsDb: true,
    run: async (args, rt) => {
      const fy = fyFlag(args);
      const r = await invoke(rt!, 'applications/list', fy === undefined ? {} : { fiscalYear: fy });
      out(r.items);
    },
  },
  stats: {
    usage: 'stats --json',
    summary: '年度別の応募件数・採択件数 / applications and adoptions per fiscal year',
    needsDb: true,
    run: async (_a, rt) => {
      const rows = (await invoke(rt!, 'stats/byYear', {})) as { fiscalYear: number; applications: number; adoptions: number; builtIn: boolean }[];
      out(rows);
    },
  },
  'export template': {
    usage: 'export template --out FILE.xlsx',
    summary: '応募取り込み用テンプレート（.xlsx）を書き出す / write the import template',
    needsDb: true,
    run: async (args, rt) => {
      const file = flagString(args, 'out');
      if (!file) throw new CliError('--out FILE.xlsx を指定してください。 / Give --out FILE.xlsx.');
      const r = await invoke(rt!, 'applications/template', {});
      writeFileSync(file, Buffer.from(r.dataBase64, 'base64'));
      process.stdout.write(`${file}\n`);
    },
  },
};

function help(): string {
  const lines = [
    'Sakura Desk CLI',
    '',
    '使い方 / Usage: npm run cli -- [--db PATH] <command> …',
    `  データベース / database: --db PATH, または環境変数 SAKURA_DB, 既定 / default: ${defaultDbPath()}`,
    '',
    'コマンド / Commands:',
    ...Object.values(commands).map((c) => `  ${c.usage.padEnd(38)} ${c.summary}`),
  ];
  return lines.join('\n');
}

function findCommand(args: Args): Command | undefined {
  const [a, b] = args.positionals;
  return (b !== undefined ? commands[`${a} ${b}`] : undefined) ?? (a !== undefined ? commands[a] : undefined);
}

function describe(err: unknown): string {
  if (err instanceof CliError) return `エラー: ${err.message}`;
  if (err instanceof AppError) err = err.toValue('ja');
  const v = err as Partial<ErrorValue>;
  if (v && typeof v === 'object' && typeof v.code === 'string' && v.details) {
    const lines = [`エラー: ${v.details.messages.ja}`, `Error: ${v.details.messages.en}`];
    const problems = (v.details.problems ?? []) as { row: number | null; column: string | null; message: string }[];
    for (const p of problems.slice(0, 200)) {
      const where = [p.row !== null ? `${p.row}行目` : null, p.column ? `「${p.column}」` : null].filter(Boolean).join(' ');
      lines.push(`  ${where ? `${where}: ` : ''}${p.message}`);
    }
    if (problems.length > 200) lines.push(`  …ほか ${problems.length - 200} 件`);
    return lines.join('\n');
  }
  return `エラー: 予期しないエラーが発生しました（${err instanceof Error ? err.message : String(err)}）。 / Unexpected error.`;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.flags.has('help') || args.positionals.length === 0) {
    process.stdout.write(`${help()}\n`);
    return args.positionals.length === 0 && !args.flags.has('help') ? 1 : 0;
  }
  const cmd = findCommand(args);
  if (!cmd) {
    process.stderr.write(`エラー: 不明なコマンド「${args.positionals.join(' ')}」です。--help で一覧を表示します。\nError: unknown command. See --help.\n`);
    return 1;
  }
  let rt: Runtime | null = null;
  try {
    if (cmd.needsDb) rt = await startRuntime({ dbPath: flagString(args, 'db') ?? defaultDbPath(), door: 'cli' });
    await cmd.run(args, rt);
    return 0;
  } catch (err) {
    process.stderr.write(`${describe(err)}\n`);
    return 1;
  } finally {
    await rt?.close();
  }
}

// Run when executed directly (tsx main/cli/index.ts), not when imported by tests.
if (process.argv[1] && /main[\\/]cli[\\/]index\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${describe(err)}\n`);
      process.exit(1);
    },
  );
}
