// The charts' data as .xlsx, one sheet per chart, headers in the caller's language. Numbers stay
// numbers (with a thousands-separator format) and rates are real percentages, so staff can go on
// calculating in Excel instead of retyping text.
import ExcelJS from 'exceljs';
import type { Lang } from '../../shared/errors.ts';
import { percent, type BreakdownBy, type CountRow, type Funnel, FOLLOW_UP_KINDS, type FollowUpKind } from '../../shared/stats/aggregate.ts';
import { keyLabel, OUTCOME_LABELS } from '../../shared/stats/labels.ts';

export interface YearRow {
  fiscalYear: number;
  applications: number;
  adoptions: number;
  builtIn: boolean;
}
export interface PeopleRow {
  fiscalYear: number;
  programs: number;
  invitees: number;
  escorts: number;
}
export interface OutcomeRow {
  fiscalYear: number;
  invitees: number;
  counts: Record<FollowUpKind, number>;
  anyOutcome: number;
}

export interface Sheets {
  byYear?: YearRow[];
  breakdowns?: { by: BreakdownBy; fiscalYear: number; rows: CountRow[] }[];
  funnel?: Funnel & { fiscalYear: number };
  people?: PeopleRow[];
  outcomes?: OutcomeRow[];
}

const W = {
  ja: {
    byYear: '年度別応募・採択',
    fy: '年度',
    applications: '応募件数',
    adoptions: '採択件数',
    rate: '採択率(%)',
    source: '出典',
    builtIn: '公式実績（組み込み）',
    counted: 'データベース集計',
    total: '合計',
    by: { course: 'コース別', country: '国・地域別', field: '分野別', call: '公募回別' } as Record<BreakdownBy, string>,
    key: { course: 'コース', country: '国・地域', field: '分野', call: '公募回' } as Record<BreakdownBy, string>,
    share: '応募に占める割合(%)',
    funnel: 'ファネル',
    stage: '段階',
    count: '件数',
    ofApplications: '応募に対する割合(%)',
    ofPrevious: '前段階からの割合(%)',
    stages: ['応募', '採択', '実施', '報告'],
    people: '招へい者数',
    programs: '実施プログラム数',
    invitees: '招へい者数',
    escorts: '引率者数',
    outcomes: 'フォローアップ成果',
    roster: '名簿上の招へい者数',
    anyOutcome: '成果ありの招へい者数',
    followRate: '成果あり(%)',
    note: '国・地域別では複数の国・地域にまたがる応募をそれぞれに数えるため、合計は応募件数を超えることがあります。',
  },
  en: {
    byYear: 'Applications by year',
    fy: 'FY',
    applications: 'Applications',
    adoptions: 'Adoptions',
    rate: 'Adoption rate (%)',
    source: 'Source',
    builtIn: 'Official record (built in)',
    counted: 'Counted from the database',
    total: 'Total',
    by: { course: 'By course', country: 'By country', field: 'By field', call: 'By call' } as Record<BreakdownBy, string>,
    key: { course: 'Course', country: 'Country/region', field: 'Field', call: 'Call' } as Record<BreakdownBy, string>,
    share: 'Share of applications (%)',
    funnel: 'Funnel',
    stage: 'Stage',
    count: 'Count',
    ofApplications: 'Of applications (%)',
    ofPrevious: 'Of previous stage (%)',
    stages: ['Applications', 'Adoptions', 'Implemented', 'Reported'],
    people: 'People invited',
    programs: 'Programs implemented',
    invitees: 'Invitees',
    escorts: 'Escorts',
    outcomes: 'Follow-up outcomes',
    roster: 'Invitees on roster',
    anyOutcome: 'Invitees with an outcome',
    followRate: 'With an outcome (%)',
    note: 'By country, an application spanning several countries/regions counts under each, so the rows may add up to more than the applications.',
  },
};

function sheet(wb: ExcelJS.Workbook, name: string, header: string[]): ExcelJS.Worksheet {
  // Excel refuses sheet names over 31 characters or with []:*?/\ .
  const ws = wb.addWorksheet(name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31));
  const row = ws.addRow(header);
  row.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  // Wide enough for the header: Japanese characters take about two Latin widths.
  ws.columns.forEach((c, i) => (c.width = Math.max(12, (header[i]?.length ?? 0) * (/[^ -~]/.test(header[i] ?? '') ? 2.2 : 1.2))));
  return ws;
}

function formatNumbers(ws: ExcelJS.Worksheet): void {
  ws.eachRow((row, n) => {
    if (n === 1) return;
    row.eachCell((cell) => {
      if (typeof cell.value === 'number') cell.numFmt = Number.isInteger(cell.value) ? '#,##0' : '0.0';
    });
  });
}

export async function buildStatsWorkbook(s: Sheets, lang: Lang): Promise<Uint8Array> {
  const w = W[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sakura Desk';
  if (s.byYear) {
    const ws = sheet(wb, w.byYear, [w.fy, w.applications, w.adoptions, w.rate, w.source]);
    for (const r of s.byYear) ws.addRow([r.fiscalYear, r.applications, r.adoptions, percent(r.adoptions, r.applications), r.builtIn ? w.builtIn : w.counted]);
    const builtIn = s.byYear.filter((r) => r.builtIn);
    if (builtIn.length) {
      const a = builtIn.reduce((n, r) => n + r.applications, 0);
      const d = builtIn.reduce((n, r) => n + r.adoptions, 0);
      ws.addRow([`${w.total} ${builtIn[0]!.fiscalYear}–${builtIn.at(-1)!.fiscalYear}`, a, d, percent(d, a), w.builtIn]).font = { bold: true };
    }
    formatNumbers(ws);
  }
  for (const b of s.breakdowns ?? []) {
    const ws = sheet(wb, `${w.by[b.by]} ${b.fiscalYear}`, [w.key[b.by], w.applications, w.adoptions, w.rate, w.share]);
    const all = b.rows.reduce((n, r) => n + r.applications, 0);
    for (const r of b.rows) ws.addRow([keyLabel(b.by, r.key, lang), r.applications, r.adoptions, percent(r.adoptions, r.applications), percent(r.applications, all)]);
    if (b.by === 'country') ws.addRow([]).getCell(1).value = w.note;
    formatNumbers(ws);
  }
  if (s.funnel) {
    const f = s.funnel;
    const ws = sheet(wb, `${w.funnel} ${f.fiscalYear}`, [w.stage, w.count, w.ofApplications, w.ofPrevious]);
    const values = [f.applications, f.adoptions, f.implemented, f.reported];
    values.forEach((v, i) => ws.addRow([w.stages[i], v, percent(v, f.applications), i === 0 ? null : percent(v, values[i - 1]!)]));
    formatNumbers(ws);
  }
  if (s.people) {
    const ws = sheet(wb, w.people, [w.fy, w.programs, w.invitees, w.escorts]);
    for (const r of s.people) ws.addRow([r.fiscalYear, r.programs, r.invitees, r.escorts]);
    formatNumbers(ws);
  }
  if (s.outcomes) {
    const ws = sheet(wb, w.outcomes, [w.fy, w.roster, ...FOLLOW_UP_KINDS.map((k) => OUTCOME_LABELS[lang][k]), w.anyOutcome, w.followRate]);
    for (const r of s.outcomes) {
      ws.addRow([r.fiscalYear, r.invitees, ...FOLLOW_UP_KINDS.map((k) => r.counts[k]), r.anyOutcome, percent(r.anyOutcome, r.invitees)]);
    }
    formatNumbers(ws);
  }
  if (wb.worksheets.length === 0) sheet(wb, w.byYear, [w.fy, w.applications, w.adoptions]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
