// Team mode on the command line: `copy --from A --to B` moves a whole database between a laptop's
// file and the team server (either way), ids kept and counts checked.
import { existsSync } from 'node:fs';
import { copyStore } from '../../../db/copy.ts';
import { isPostgresUrl } from '../../../db/store.ts';
import { flagString } from '../args.ts';
import { CliError, out, type Command } from '../command.ts';

export const teamCommands: Record<string, Command> = {
  copy: {
    usage: 'copy --from A --to B',
    summary: 'データベースを丸ごとコピー（コピー先は空であること）/ copy a whole database into an empty one (file ⇄ postgres://)',
    needsDb: false,
    run: async (args) => {
      const from = flagString(args, 'from');
      const to = flagString(args, 'to');
      if (!from || !to) throw new CliError('--from と --to を指定してください。 / Give --from and --to.');
      if (from === to) throw new CliError('コピー元とコピー先が同じです。 / --from and --to are the same.');
      // Opening a missing file would create an empty database and copy nothing.
      if (!isPostgresUrl(from) && !existsSync(from)) throw new CliError(`コピー元「${from}」がありません。 / "${from}" does not exist.`);
      out(await copyStore(from, to));
    },
  },
};
