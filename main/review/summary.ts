// The committee's review summary (審査結果一覧): one row per application with every score, the
// aggregates and the decision, ranked as the screen ranks them.
import ExcelJS from 'exceljs';
import { countryName } from '../../shared/countries.ts';
import type { Lang } from '../../shared/errors.ts';
import { courseLabel } from '../../shared/rules/eligibility.ts';
import type { RankMethod } from '../../shared/review/aggregate.ts';
import type { DB } from '../../db/open.ts';
import { listAssignments } from '../../db/review.ts';
import { ranking } from './ranking.ts';

const DECISION_JA: Record<string, string> = { adopted: '採択', rejected: '不採択', waitlisted: '補欠' };
const round = (x: number | null, d = 2) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

export async function exportSummary(db: DB, o: { fiscalYear: number; call: number | null; method: RankMethod; disagreementThreshold: number }, lang: Lang = 'ja') {
  const { rows, reviewers } = await ranking(db, o);
  const assignments = await listAssignments(db, { fiscalYear: o.fiscalYear, call: o.call ?? undefined });
  const byApp = new Map<string, typeof assignments>();
  for (const a of assignments) (byApp.get(a.applicationId) ?? byApp.set(a.applicationId, []).get(a.applicationId)!).push(a);
  const width = Math.max(1, ...rows.map((r) => byApp.get(r.applicationId)?.length ?? 0));

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sakura Desk';
  const ws = wb.addWorksheet('審査結果一覧', { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  const headers = ['順位', '受付番号', 'コース', 'タイトル', '申請機関', '国・地域', '申請額（円）'];
  for (let i = 1; i <= width; i++) headers.push(`審査委員${i}`, `評点${i}`);
  headers.push('件数', '平均', '中央値', '幅', 'z平均', 'Borda', '要議論', '決定');
  ws.addRow(headers).font = { bold: true };
  for (const r of rows) {
    const list = (byApp.get(r.applicationId) ?? []).sort((a, b) => a.reviewer.localeCompare(b.reviewer, 'ja'));
    // Course and country names in the caller's language; titles and names stay as typed.
    const cells: (string | number | null)[] = [r.rank, r.applicationNo, courseLabel(r.course, lang), r.title, r.hostInstitution, r.countries.map((c) => countryName(c, lang)).join(lang === 'ja' ? '、' : ', '), r.requestedAmount];
    for (let i = 0; i < width; i++) cells.push(list[i]?.reviewer ?? null, round(list[i]?.score ?? null));
    cells.push(r.n, round(r.mean), round(r.median), round(r.spread), round(r.zMean), round(r.borda), r.disagreement ? '要議論' : '', DECISION_JA[r.status] ?? '');
    const row = ws.addRow(cells);
    // Titles and names are text even when they start with = + - @ (see sheets.ts).
    for (const c of [2, 3, 4, 5, 6]) row.getCell(c).numFmt = '@';
  }
  ws.columns.forEach((c, i) => (c.width = i === 3 ? 40 : 12));
  const rs = wb.addWorksheet('審査委員の傾向');
  rs.addRow(['審査委員', '件数', '平均', '甘辛（全体平均との差）']).font = { bold: true };
  for (const r of reviewers) rs.addRow([r.reviewer, r.n, round(r.mean), round(r.leniency)]);
  rs.getColumn(1).width = 24;
  const scope = `${o.fiscalYear}${o.call ? `-${o.call}` : ''}`;
  return { fileName: `審査結果一覧_${scope}.xlsx`, dataBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}
