import { BREAKDOWNS } from '../../../shared/stats/aggregate.ts';
import { flagString } from '../args.ts';
import { CliError, fyFlag, invoke, out, type Command } from '../command.ts';

export const statsCommands: Record<string, Command> = {
  stats: {
    usage: 'stats --json [--by course|country|field|call --fy N]',
    summary: '年度別の応募件数・採択件数（--by: 年度内の内訳） / applications and adoptions per fiscal year (--by: one year broken down)',
    needsDb: true,
    run: async (args, rt) => {
      const by = flagString(args, 'by');
      if (by === undefined) {
        if (args.flags.has('by')) throw new CliError(`--by には ${BREAKDOWNS.join('|')} のいずれかを指定してください。 / --by needs one of ${BREAKDOWNS.join('|')}.`);
        out(await invoke(rt, 'stats/byYear', {}));
        return;
      }
      if (!(BREAKDOWNS as readonly string[]).includes(by)) {
        throw new CliError(`--by「${by}」は使えません。${BREAKDOWNS.join('|')} のいずれかを指定してください。 / --by must be one of ${BREAKDOWNS.join('|')}.`);
      }
      // Without --fy: the latest fiscal year that has applications, the one staff usually mean.
      const fy = fyFlag(args) ?? ((await invoke(rt, 'stats/years', {})) as number[]).at(-1);
      if (fy === undefined) throw new CliError('応募がまだありません。--fy N で年度を指定してください。 / No applications yet; give --fy N.');
      out(await invoke(rt, 'stats/breakdown', { fiscalYear: fy, by }));
    },
  },
};
