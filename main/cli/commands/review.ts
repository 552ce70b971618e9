// CLI commands of the review area. Names and JSON fields are relied on by other tools.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DECISION_WORDS } from '../../../shared/review/rubric.ts';
import { flagString } from '../args.ts';
import { CliError, fyFlag, intFlag, invoke, out, outPaged, readFileArg, type Command } from '../command.ts';
import { fileError } from '../../files/write.ts';

function requireFy(args: Parameters<typeof fyFlag>[0]): number {
  const fy = fyFlag(args);
  if (fy === undefined) throw new CliError('--fy N（年度）を指定してください。 / Give --fy N (the fiscal year).');
  return fy;
}

export const reviewCommands: Record<string, Command> = {
  'import reviewers': {
    usage: 'import reviewers FILE',
    summary: '審査委員一覧（.xlsx / .csv）の取り込み（全件か無か） / import reviewers, all or nothing',
    needsDb: true,
    run: async (args, rt) => {
      const { path, bytes } = readFileArg(args, 2, '.xlsx / .csv');
      const r = await invoke(rt, 'review/importReviewers', { fileName: basename(path), dataBase64: bytes.toString('base64') });
      process.stdout.write(
        `取り込みました: 追加 ${r.added} 名、更新 ${r.updated} 名（全 ${r.rows} 行） / Imported: ${r.added} added, ${r.updated} updated (${r.rows} rows)\n`,
      );
    },
  },
  assign: {
    usage: 'assign --fy N [--call K] [--per-application 3] [--max-load M]',
    summary: '審査委員の自動割り当て（利益相反を除外、負担を均等化） / automatic balanced reviewer assignment',
    needsDb: true,
    run: async (args, rt) => {
      const fiscalYear = requireFy(args);
      const r = await invoke(rt, 'review/autoAssign', {
        fiscalYear,
        call: intFlag(args, 'call', '公募回') ?? null,
        perApplication: intFlag(args, 'per-application', '件数') ?? 3,
        maxLoad: intFlag(args, 'max-load', '上限件数') ?? null,
      });
      const loads = (r.loads as { after: number }[]).map((l) => l.after);
      const lines = [
        `割り当てました: ${r.added.length} 件（応募 ${r.applications} 件、審査委員 ${r.reviewers} 名） / Assigned ${r.added.length} (${r.applications} applications, ${r.reviewers} reviewers)`,
        `負担件数 / loads: 最小 min ${loads.length ? Math.min(...loads) : 0}、最大 max ${loads.length ? Math.max(...loads) : 0}${r.balanced ? '（均等化済み / balanced）' : ''}`,
        `専門分野の一致 / expertise matches: ${r.matched}`,
        `取り消し / undo: npm run cli -- call review/undoBatch '{"batchId":"${r.batchId}"}'`,
      ];
      const sh = r.shortage as { applications: number; reviews: number; raiseCapsBy: number | null; addReviewers: number } | null;
      if (sh) {
        const fixJa = [sh.raiseCapsBy !== null ? `上限件数を ${sh.raiseCapsBy} 件引き上げる` : null, `利益相反のない審査委員を ${sh.addReviewers} 名追加する`].filter(Boolean).join('か、');
        const fixEn = [sh.raiseCapsBy !== null ? `raise caps by ${sh.raiseCapsBy}` : null, `add ${sh.addReviewers} reviewer(s) without conflicts`].filter(Boolean).join(', or ');
        lines.push(
          `不足 / short: 応募 ${sh.applications} 件で審査 ${sh.reviews} 件が不足。${fixJa}と解消します / ${sh.applications} application(s) short by ${sh.reviews} review(s) in all; to close the gap: ${fixEn}`,
        );
      }
      for (const s of r.short as { applicationNo: string; have: number }[]) {
        lines.push(`  ${s.applicationNo}: ${s.have} 名 / ${s.have} reviewer(s)`);
      }
      for (const a of r.added as { applicationNo: string; reviewer: string }[]) lines.push(`  ${a.applicationNo}\t${a.reviewer}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    },
  },
  'list assignments': {
    usage: 'list assignments --json [--fy N]',
    summary: '割り当ての一覧を JSON で出力 / print assignments as JSON',
    needsDb: true,
    run: async (args, rt) => {
      const fy = fyFlag(args);
      // Page by page, printed as one JSON array exactly as before (memory holds one page).
      // Every year: one year after another, newest first (the list's own order), so no page
      // reads past a deep offset into twenty years of assignments.
      const years = fy === undefined ? ((await invoke(rt, 'stats/years', {})) as number[]).sort((a, b) => b - a) : [fy];
      await outPaged(rt, 'review/listAssignments', years.map((fiscalYear) => ({ fiscalYear })), (a: { id: string; applicationNo: string; fiscalYear: number; reviewer: string; reviewerInstitution: string | null; status: string }) => ({
        id: a.id,
        applicationNo: a.applicationNo,
        fiscalYear: a.fiscalYear,
        reviewer: a.reviewer,
        reviewerInstitution: a.reviewerInstitution,
        status: a.status,
      }));
    },
  },
  'export review-sheets': {
    usage: 'export review-sheets --fy N [--call K] --out DIR',
    summary: '審査委員ごとの審査シート（.xlsx）を書き出す / write one review sheet per reviewer',
    needsDb: true,
    run: async (args, rt) => {
      const fiscalYear = requireFy(args);
      const dir = flagString(args, 'out');
      if (!dir) throw new CliError('--out DIR（書き出し先フォルダー）を指定してください。 / Give --out DIR.');
      const call = intFlag(args, 'call', '公募回') ?? null;
      const r = await invoke(rt, 'review/exportSheets', { fiscalYear, call, layout: 'per-reviewer', record: 'later' });
      mkdirSync(dir, { recursive: true });
      // Every file is written under a temporary name first; only when all are on disk are they
      // renamed and the export recorded, so a failure part-way leaves neither files nor records.
      const files = r.files as { fileName: string; dataBase64: string }[];
      const written: string[] = [];
      try {
        for (const f of files) {
          const tmp = join(dir, `.${f.fileName}.part`);
          writeFileSync(tmp, Buffer.from(f.dataBase64, 'base64'));
          written.push(tmp);
        }
      } catch (e) {
        for (const t of written) rmSync(t, { force: true });
        // The bilingual ENOSPC/EACCES/… sentence, not the errno text; nothing has been recorded.
        throw fileError(e, dir);
      }
      files.forEach((f, i) => renameSync(written[i]!, join(dir, f.fileName)));
      try {
        await invoke(rt, 'review/confirmSheets', { fiscalYear, call, exports: r.pending });
      } catch (e) {
        // Unrecorded sheets could never be imported: take them away again.
        for (const f of files) rmSync(join(dir, f.fileName), { force: true });
        throw e;
      }
      for (const f of files) process.stdout.write(`${join(dir, f.fileName)}\n`);
    },
  },
  'import reviews': {
    usage: 'import reviews FILE…',
    summary: '記入済み審査シートの取り込み（全ファイルで全件か無か） / import filled review sheets, all or nothing',
    needsDb: true,
    run: async (args, rt) => {
      const paths = args.positionals.slice(2);
      if (!paths.length) throw new CliError('審査シートのファイルを指定してください。 / Give the review sheet files.');
      const files = paths.map((_, i) => {
        const { path, bytes } = readFileArg(args, i + 2, '.xlsx');
        return { fileName: basename(path), dataBase64: bytes.toString('base64') };
      });
      const r = await invoke(rt, 'review/importSheets', { files });
      process.stdout.write(`取り込みました: ${r.files} ファイル、審査 ${r.reviews} 件 / Imported ${r.reviews} review(s) from ${r.files} file(s)\n`);
    },
  },
  decide: {
    usage: 'decide --fy N APPLICATION_NO adopt|reject|waitlist [--comment TEXT] [--override REASON]',
    summary: '採択・不採択・補欠を決定（履歴に記録、要件違反の採択には --override 理由） / record a decision (adopting a rule-breaking plan needs --override REASON)',
    needsDb: true,
    run: async (args, rt) => {
      const fiscalYear = requireFy(args);
      const [, no, word] = args.positionals;
      const decision = word ? DECISION_WORDS[word] : undefined;
      if (!no || !decision) {
        throw new CliError(
          '使い方: decide --fy N APPLICATION_NO adopt|reject|waitlist [--comment TEXT] [--override REASON] / Usage: decide --fy N APPLICATION_NO adopt|reject|waitlist [--comment TEXT] [--override REASON]',
        );
      }
      const list = await invoke(rt, 'applications/list', { fiscalYear });
      const app = (list.items as { id: string; applicationNo: string }[]).find((a) => a.applicationNo === no);
      if (!app) throw new CliError(`${fiscalYear}年度に受付番号「${no}」の応募はありません。 / No application "${no}" in FY${fiscalYear}.`);
      const override = flagString(args, 'override');
      if (args.flags.has('override') && !override?.trim()) throw new CliError('--override には理由を指定してください。 / --override needs a REASON.');
      try {
        await invoke(rt, 'review/decide', { applicationIds: [app.id], decision, comment: flagString(args, 'comment') ?? null, override: override ?? null });
      } catch (e) {
        // The refusal lists every violation: code and message, one a line, for people and scripts.
        const ineligible = (e as { details?: { ineligible?: { applicationNo: string; violations: { code: string; message: string; messageEn: string }[] }[] } }).details?.ineligible;
        if (ineligible) {
          const lines = ['エラー: 要件違反のある応募は採択できません。--override 理由 を付ければ採択できます（履歴に記録）。 / Error: a plan with open violations cannot be adopted without --override REASON.'];
          for (const i of ineligible) for (const v of i.violations) lines.push(`  ${i.applicationNo} ${v.code}: ${v.message} / ${v.messageEn}`);
          throw new CliError(lines.join('\n').replace(/^エラー: /, ''));
        }
        throw e;
      }
      const ja = { adopted: '採択', rejected: '不採択', waitlisted: '補欠' }[decision];
      process.stdout.write(`${no}: ${ja} / ${decision}${override ? `（理由 / override: ${override}）` : ''}\n`);
    },
  },
  simulate: {
    usage: 'simulate --fy N --budget YEN [--call K] [--method mean|z|borda] [--min-reviews K] [--quota A=5,B=3] --json',
    summary: '予算シミュレーション（読み取りのみ） / budget simulation, read-only',
    needsDb: true,
    run: async (args, rt) => {
      const fiscalYear = requireFy(args);
      const budgetYen = intFlag(args, 'budget', '予算（円）');
      if (budgetYen === undefined) throw new CliError('--budget YEN（予算、円）を指定してください。 / Give --budget YEN.');
      const methodWord = flagString(args, 'method') ?? 'mean';
      const method = ({ mean: 'mean', z: 'zscore', zscore: 'zscore', borda: 'borda' } as const)[methodWord as 'mean'];
      if (!method) throw new CliError(`--method は mean、z、borda のいずれかです（「${methodWord}」）。 / --method is mean, z or borda.`);
      const quotas: Record<string, number> = {};
      for (const part of (flagString(args, 'quota') ?? '').split(',').filter(Boolean)) {
        const m = /^\s*([^=\s]+)\s*=\s*(\d+)\s*$/.exec(part);
        if (!m) throw new CliError(`--quota は A=5,B=3 の形で指定してください（「${part}」）。 / --quota looks like A=5,B=3.`);
        quotas[m[1]!] = Number(m[2]);
      }
      const minReviews = intFlag(args, 'min-reviews', '最少審査件数');
      const r = await invoke(rt, 'review/simulateBudget', {
        fiscalYear,
        call: intFlag(args, 'call', '公募回') ?? null,
        method,
        budgetYen,
        quotas,
        ...(minReviews === undefined ? {} : { minReviews }),
      });
      out({
        budgetYen: r.budgetYen,
        spentYen: r.spent,
        adopted: (r.adopted as { applicationNo: string; rank: number; requestedAmount: number; course: string; n: number }[]).map((a) => ({
          applicationNo: a.applicationNo,
          rank: a.rank,
          requestedAmount: a.requestedAmount,
          course: a.course,
          reviews: a.n,
        })),
        passed: (r.passed as { applicationNo: string; reason: string }[]).map((p) => ({ applicationNo: p.applicationNo, reason: p.reason })),
      });
    },
  },
};
