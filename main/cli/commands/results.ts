import { flagString } from '../args.ts';
import { CliError, fyFlag, invoke, type Command } from '../command.ts';
import { writeFileAtomic } from '../../files/write.ts';

export const resultsCommands: Record<string, Command> = {
  'export stats': {
    usage: 'export stats --out FILE.xlsx [--fy N]',
    summary: 'グラフの集計表を .xlsx に書き出す（年度別・内訳・ファネル・招へい者・成果） / write every chart\'s data as .xlsx',
    needsDb: true,
    run: async (args, rt) => {
      const file = flagString(args, 'out');
      if (!file) throw new CliError('--out FILE.xlsx を指定してください。 / Give --out FILE.xlsx.');
      const fy = fyFlag(args);
      const r = await invoke(rt, 'stats/export', fy === undefined ? { chart: 'all' } : { chart: 'all', fiscalYear: fy });
      await writeFileAtomic(file, Buffer.from(r.dataBase64, 'base64'));
      process.stdout.write(`${file}\n`);
    },
  },
};
