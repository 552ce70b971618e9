import { invoke, out, type Command } from '../command.ts';

export const statsCommands: Record<string, Command> = {
  stats: {
    usage: 'stats --json',
    summary: '年度別の応募件数・採択件数 / applications and adoptions per fiscal year',
    needsDb: true,
    run: async (_a, rt) => out(await invoke(rt, 'stats/byYear', {})),
  },
};
