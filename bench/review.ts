// Review benchmarks: automatic assignment of 1,000 applications × 60 reviewers (target ≤ 2 s), and
// exporting review sheets for 1,000 applications × 3 reviewers (target ≤ 2 s), printed beside
// exceljs writing the same cells with no styles, validation or protection, in the same run.
// Run alone with `npx tsx bench/review.ts`, or call benchReview() from bench/index.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { startRuntime, type Runtime } from '../main/runtime.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}
async function must(rt: Runtime, name: string, input: unknown): Promise<any> {
  const r = await rt.invoke(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

const HOSTS = ['東北大学', '京都大学', '大阪大学', '九州大学', '北海道大学', '名古屋大学', '筑波大学', '広島大学', '神戸大学', '千葉大学'];
const SENDERS = ['清華大学', 'Chulalongkorn University', 'Universitas Indonesia', 'Vietnam National University, Hanoi', 'Universiti Malaya'];
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

async function seed(rt: Runtime): Promise<void> {
  const apps = ['受付番号,年度,公募回,コース,タイトル,申請機関,申請者,送出し機関,送出し国・地域,分野,形態,招へい人数,引率者数,来日予定日,離日予定日,申請額'];
  for (let i = 1; i <= 1000; i++) {
    apps.push(
      `B-${String(i).padStart(4, '0')},2026,1,A,防災・減災技術に関する科学技術交流 第${i}号,${HOSTS[i % HOSTS.length]},山田 太郎,"${SENDERS[i % SENDERS.length]}",${['CN', 'TH', 'ID', 'VN', 'MY'][i % 5]},科学技術,来日,8,1,2026/07/01,2026/07/07,${2_000_000 + (i % 50) * 10_000}`,
    );
  }
  await must(rt, 'applications/import', { fileName: 'apps.csv', dataBase64: b64(apps.join('\n')) });
  // A third of the reviewers sit at a host or sending institution, so conflicts are real constraints.
  const reviewers = ['氏名,所属機関,専門分野,メール,上限件数'];
  for (let j = 1; j <= 60; j++) {
    const inst = j % 3 === 0 ? HOSTS[j % HOSTS.length] : j % 3 === 1 ? SENDERS[j % SENDERS.length] : `研究所${j}`;
    reviewers.push(`審査委員${j},"${inst}",${j % 2 ? '防災' : '材料'},,`);
  }
  await must(rt, 'review/importReviewers', { fileName: 'reviewers.csv', dataBase64: b64(reviewers.join('\n')) });
}

/** exceljs alone writing the same cells (values only) in the same sheets. */
async function baselineWrite(rt: Runtime, perReviewer: boolean): Promise<number> {
  const assignments: { reviewer: string; applicationNo: string; title: string }[] = (await must(rt, 'review/listAssignments', { fiscalYear: 2026 })).items;
  const apps = new Map(((await must(rt, 'applications/list', { fiscalYear: 2026 })).items as any[]).map((a) => [a.applicationNo, a]));
  const byReviewer = new Map<string, typeof assignments>();
  for (const a of assignments) (byReviewer.get(a.reviewer) ?? byReviewer.set(a.reviewer, []).get(a.reviewer)!).push(a);
  const [t] = await time(async () => {
    let wb = new ExcelJS.Workbook();
    for (const [name, rows] of byReviewer) {
      const ws = wb.addWorksheet(name);
      ws.addRow(['受付番号', 'コース', 'タイトル', '申請機関', '送出し機関', '国・地域', '招へい人数', '申請額', ...Array.from({ length: 13 }, (_, i) => `c${i}`), '割当ID']);
      for (const r of rows) {
        const a = apps.get(r.applicationNo);
        ws.addRow([r.applicationNo, a.course, a.title, a.hostInstitution, a.sendingInstitutions.join('、'), a.countries.join('、'), a.invitees, a.requestedAmount, ...Array(13).fill(null), r.applicationNo]);
      }
      if (perReviewer) {
        Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
        wb = new ExcelJS.Workbook();
      }
    }
    if (!perReviewer) Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  });
  return t;
}

export async function benchReview(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sakura-bench-review-'));
  const rt = await startRuntime({ dbPath: join(dir, 'review.sqlite'), door: 'cli', user: 'bench' });
  try {
    await seed(rt);
    const assign: number[] = [];
    let last: any;
    for (let run = 0; run < 3; run++) {
      const [t, r] = await time(() => must(rt, 'review/autoAssign', { fiscalYear: 2026, perApplication: 3 }));
      if (r.added.length !== 3000 || r.short.length) throw new Error(`expected 3,000 assignments, got ${r.added.length}`);
      assign.push(t);
      last = r;
      if (run < 2) await must(rt, 'review/undoBatch', { batchId: r.batchId });
    }
    const loads = (last.loads as { after: number }[]).map((l) => l.after);
    console.log('\nautomatic assignment: 1,000 applications × 60 reviewers, 3 per application (load, conflicts, plan, write)');
    console.log(`  review/autoAssign         ${ms(median(assign))}   loads ${Math.min(...loads)}–${Math.max(...loads)}, balanced: ${last.balanced}   target ≤ 2000 ms: ${median(assign) <= 2000 ? 'met' : 'NOT met'}`);

    for (const layout of ['per-reviewer', 'one-workbook'] as const) {
      const ours: number[] = [];
      const base: number[] = [];
      for (let run = 0; run < 3; run++) {
        base.push(await baselineWrite(rt, layout === 'per-reviewer'));
        const [t, r] = await time(() => must(rt, 'review/exportSheets', { fiscalYear: 2026, layout }));
        if (r.files.length !== (layout === 'per-reviewer' ? 60 : 1)) throw new Error(`unexpected file count ${r.files.length}`);
        ours.push(t);
      }
      console.log(`\nexport review sheets, ${layout}: 1,000 applications × 3 reviewers (3,000 rows, 60 sheets)`);
      console.log(`  exceljs, values only      ${ms(median(base))}`);
      console.log(`  review/exportSheets       ${ms(median(ours))}   ratio ${(median(ours) / median(base)).toFixed(2)}×   target ≤ 2000 ms: ${median(ours) <= 2000 ? 'met' : 'NOT met'}`);
    }
  } finally {
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && /bench[\\/]review\.ts$/.test(process.argv[1])) {
  benchReview().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}

/** As a module of bench/index.ts: its lines go to the runner's log (stderr under --json). */
export const reviewBench = {
  name: 'review',
  async run(log: (line: string) => void) {
    const keep = console.log;
    console.log = (...a: unknown[]) => log(a.join(' '));
    try {
      await benchReview();
    } finally {
      console.log = keep;
    }
    return [];
  },
};
