// Entry of `npm run team:setup -- postgres://admin@host/db` (see main/team-setup.ts).
import { AppError } from '../../shared/errors.ts';
import { isPostgresUrl } from '../../db/open-postgres.ts';
import { teamSetup } from '../team-setup.ts';

async function run(argv: string[]): Promise<number> {
  const url = argv.find((a) => !a.startsWith('--'));
  if (!url || !isPostgresUrl(url)) {
    process.stderr.write('使い方 / Usage: npm run team:setup -- postgres://admin@host/db[?schema=sakura]\n');
    return 1;
  }
  try {
    const r = await teamSetup(url);
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    process.stdout.write(
      `スキーマ ${r.schema}・ロール ${r.roles.join('、')} を用意しました。担当者ごとに: CREATE ROLE 名前 LOGIN PASSWORD '…' IN ROLE sakura_officer;\n` +
        `Schema ${r.schema} and roles ${r.roles.join(', ')} are ready. For each officer: CREATE ROLE name LOGIN PASSWORD '…' IN ROLE sakura_officer;\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof AppError) process.stderr.write(`エラー: ${err.messages.ja}\nError: ${err.messages.en}\n`);
    else process.stderr.write(`エラー / Error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

run(process.argv.slice(2)).then((code) => process.exit(code));
