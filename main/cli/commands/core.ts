import { CliError, invoke, out, type Command } from '../command.ts';

export const coreCommands: Record<string, Command> = {
  info: {
    usage: 'info',
    summary: 'データベースとアプリの情報 / database and app information',
    needsDb: true,
    run: async (_a, rt) => out(await invoke(rt, 'app/info', {})),
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
      out(await invoke(rt, name, input));
    },
  },
};
