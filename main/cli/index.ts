// The CLI door: `npm run cli -- [--db PATH] <command> …`. Every command goes through the same
// handler table as the app. Errors print as sentences, never stack traces; exit status 1.
import { AppError, type ErrorValue } from '../../shared/errors.ts';
import { defaultDbPath } from '../paths.ts';
import type { Runtime } from '../runtime.ts';
import { startSwitchableRuntime } from '../store/switch.ts';
import { flagString, parseArgs, type Args } from './args.ts';
import { CliError, type Command } from './command.ts';
import { applicationCommands } from './commands/applications.ts';
import { backupCommands } from './commands/backup.ts';
import { coreCommands } from './commands/core.ts';
import { programsCommands } from './commands/programs.ts';
import { resultsCommands } from './commands/results.ts';
import { reviewCommands } from './commands/review.ts';
import { statsCommands } from './commands/stats.ts';
import { teamCommands } from './commands/team.ts';

const groups: Record<string, Command>[] = [
  coreCommands,
  applicationCommands,
  statsCommands,
  reviewCommands,
  programsCommands,
  resultsCommands,
  backupCommands,
  teamCommands,
];

/** Every command once; a name registered twice would silently shadow the first, so refuse it. */
const commands: Record<string, Command> = {};
for (const g of groups) {
  for (const [name, c] of Object.entries(g)) {
    if (name in commands) throw new Error(`CLI command registered twice: ${name}`);
    commands[name] = c;
  }
}

function help(): string {
  const lines = [
    'Sakura Desk CLI',
    '',
    '使い方 / Usage: npm run cli -- [--db PATH|postgres://…] <command> …',
    `  データベース / database: --db PATH（SQLite ファイル）または --db postgres://user@host/db（チームサーバー / team server）, 環境変数 SAKURA_DB, 既定 / default: ${defaultDbPath()}`,
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
    // A store that would not open says which way (DB_UNREACHABLE, DB_AUTH…): scripts can tell.
    if (v.code.startsWith('DB_')) lines.push(`(${v.code})`);
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
    // --db wins, then SAKURA_DB, then the store chosen in settings, then the laptop's file.
    if (cmd.needsDb) rt = await startSwitchableRuntime({ flag: flagString(args, 'db'), door: 'cli', recovery: cmd.recovery === true, listen: false });
    return (await cmd.run(args, rt)) ?? 0;
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
