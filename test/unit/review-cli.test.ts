// The review commands through the real CLI door, on a database file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FIRST_DATA_ROW, layout } from '../../main/review/sheets.ts';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const dir = mkdtempSync(join(tmpdir(), 'sakura-review-cli-'));
const dbPath = join(dir, 'cli.sqlite');
const cli = (...args: string[]) => {
  const r = spawnSync(TSX, ['main/cli/index.ts', '--db', dbPath, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('review CLI', () => {
  it('imports reviewers, assigns, lists, exports and imports sheets, decides', async () => {
    const apps = join(dir, 'apps.csv');
    writeFileSync(
      apps,
      [
        '受付番号,年度,コース,タイトル,申請機関,申請者,送出し機関,送出し国・地域,分野,形態,招へい人数,引率者数,来日予定日,離日予定日,申請額',
        'C-001,2026,A,防災技術の体験交流,東北大学,山田,清華大学,中国,科学技術,来日,8,1,2026/07/01,2026/07/07,1000000',
        'C-002,2026,A,量子計測の体験,京都大学,佐藤,清華大学,中国,科学技術,来日,8,1,2026/07/01,2026/07/07,2000000',
      ].join('\n'),
    );
    expect(cli('import', 'applications', apps).code).toBe(0);
    const reviewers = join(dir, 'reviewers.csv');
    writeFileSync(reviewers, ['氏名,所属機関,専門分野,メール,上限件数', '東北 太郎,東北大学,防災,,', 'A,名古屋大学,,,', 'B,九州大学,,,', 'C,北海道大学,,,'].join('\n'));
    const imp = cli('import', 'reviewers', reviewers);
    expect(imp.stdout).toContain('追加 4 名');

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '氏名,所属機関\n,東北大学\n');
    const rej = cli('import', 'reviewers', bad);
    expect(rej.code).toBe(1);
    expect(rej.stderr).toContain('2行目 「氏名」: 氏名が空です。');

    const assign = cli('assign', '--fy', '2026', '--per-application', '3');
    expect(assign.code).toBe(0);
    expect(assign.stdout).toContain('割り当てました: 6 件');
    const list = JSON.parse(cli('list', 'assignments', '--json', '--fy', '2026').stdout) as Record<string, unknown>[];
    expect(list).toHaveLength(6);
    expect(Object.keys(list[0]!).sort()).toEqual(['applicationNo', 'fiscalYear', 'reviewer', 'reviewerInstitution', 'status']);
    expect(list.some((a) => a.applicationNo === 'C-001' && a.reviewer === '東北 太郎')).toBe(false);

    const out = join(dir, 'sheets');
    expect(cli('export', 'review-sheets', '--fy', '2026', '--out', out).code).toBe(0);
    const files = readdirSync(out).map((f) => join(out, f));
    expect(files).toHaveLength(4);
    const L = layout(5);
    for (const f of files) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(f);
      const ws = wb.worksheets[0]!;
      for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) {
        for (let i = 0; i < 5; i++) ws.getRow(r).getCell(L.score(i)).value = 4;
        ws.getRow(r).getCell(L.recommendation).value = '推薦する';
        ws.getRow(r).getCell(L.confidence).value = '中';
      }
      await wb.xlsx.writeFile(f);
    }
    const back = cli('import', 'reviews', ...files);
    expect(back.stdout).toContain('審査 6 件');

    const decided = cli('decide', '--fy', '2026', 'C-001', 'adopt', '--comment', '選考委員会');
    expect(decided.code).toBe(0);
    expect(cli('decide', '--fy', '2026', 'C-404', 'adopt').stderr).toContain('C-404');
    const apps2 = JSON.parse(cli('list', 'applications', '--json', '--fy', '2026').stdout) as Record<string, unknown>[];
    expect(apps2.find((a) => a.applicationNo === 'C-001')).toMatchObject({ reviewCount: 3, meanScore: 4, decision: 'adopted', status: 'adopted' });
    expect(apps2.find((a) => a.applicationNo === 'C-002')).toMatchObject({ reviewCount: 3, decision: null });
  // About 27 s alone (one tsx process per command); the full suite runs it beside the hostile
  // corpus's child processes on two cores, so it gets more room than the default 30 s.
  }, 120_000);
});
