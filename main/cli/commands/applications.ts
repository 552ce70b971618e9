import { basename } from 'node:path';
import { checkPlan } from '../../../shared/rules/eligibility.ts';
import { defaultRuleSet } from '../../../shared/rules/ruleset.ts';
import { Plan } from '../../../shared/rules/types.ts';
import { zodIssuesToMessages } from '../../validation.ts';
import { flagString } from '../args.ts';
import { CliError, fyFlag, invoke, out, outPaged, readFileArg, type Command } from '../command.ts';
import { writeFileAtomic } from '../../files/write.ts';
import { PAGE_MAX } from '../../../shared/api/page.ts';

export const applicationCommands: Record<string, Command> = {
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
      const parsed = Plan.safeParse(json, { reportInput: true });
      if (!parsed.success) {
        const issues = zodIssuesToMessages(parsed.error.issues);
        throw new CliError(`計画の形式が正しくありません: ${issues.map((i) => i.ja).join(' / ')}`);
      }
      // The shipped rules of the plan's year: this command works with no database at all.
      out(checkPlan(parsed.data, defaultRuleSet(parsed.data.fiscalYear)));
    },
  },
  'import applications': {
    usage: 'import applications FILE',
    summary: '応募一覧（.xlsx / .csv）の取り込み（全件か無か） / import applications, all or nothing',
    needsDb: true,
    run: async (args, rt) => {
      const { path, bytes } = readFileArg(args, 2, '.xlsx / .csv');
      const r = await invoke(rt, 'applications/import', { fileName: basename(path), dataBase64: bytes.toString('base64') });
      process.stdout.write(
        `取り込みました: 追加 ${r.added} 件、更新 ${r.updated} 件（全 ${r.rows} 行） / Imported: ${r.added} added, ${r.updated} updated (${r.rows} rows)\n`,
      );
    },
  },
  'list applications': {
    usage: 'list applications --json [--fy N]',
    summary: '応募の一覧を JSON で出力 / print applications as JSON',
    needsDb: true,
    run: async (args, rt) => {
      const fy = fyFlag(args);
      const scope = fy === undefined ? {} : { fiscalYear: fy };
      // The review area adds reviewCount, meanScore and decision to each application: read for
      // each page's applications as it is printed, so memory holds one page of facts too.
      let facts = new Map<string, { reviewCount: number; meanScore: number | null; decision: string | null }>();
      await outPaged(
        rt,
        'applications/list',
        scope,
        (a: { id: string }) => {
          const f = facts.get(a.id);
          return { ...a, reviewCount: f?.reviewCount ?? 0, meanScore: f?.meanScore ?? null, decision: f?.decision ?? null };
        },
        async (items: { id: string }[]) => {
          const page = (await invoke(rt, 'review/facts', { applicationIds: items.map((a) => a.id), limit: PAGE_MAX })) as { items: { applicationId: string; reviewCount: number; meanScore: number | null; decision: string | null }[] };
          facts = new Map(page.items.map((f) => [f.applicationId, f]));
        },
      );
    },
  },
  'export template': {
    usage: 'export template --out FILE.xlsx',
    summary: '応募取り込み用テンプレート（.xlsx）を書き出す / write the import template',
    needsDb: true,
    run: async (args, rt) => {
      const file = flagString(args, 'out');
      if (!file) throw new CliError('--out FILE.xlsx を指定してください。 / Give --out FILE.xlsx.');
      const r = await invoke(rt, 'applications/template', {});
      await writeFileAtomic(file, Buffer.from(r.dataBase64, 'base64'));
      process.stdout.write(`${file}\n`);
    },
  },
};
