// Excel review sheets (審査シート): one sheet per reviewer listing their assigned applications, with
// 1–5 dropdowns, comment cells, identity cells locked and a very hidden sheet naming the export,
// so a returned file is matched to the export and its assignments. Importing is all or nothing.
import ExcelJS from 'exceljs';
import type { ImportProblem } from '../../shared/api/applications.ts';
import { courseLabel } from '../../shared/rules/eligibility.ts';
import { countryName } from '../../shared/countries.ts';
import { AppError, type Lang } from '../../shared/errors.ts';
import { CONFIDENCE_LABELS, RECOMMENDATION_LABELS, type Criterion, type Recommendation } from '../../shared/review/rubric.ts';
import { normalizeText } from '../../shared/parse.ts';
import { badCharMessages, findBadChar } from '../../shared/text.ts';
import { textColumns } from '../export/cells.ts';
import { checkZip, ZipRefused } from '../import/zip.ts';
import { MAX_REVIEW_SHEET_BYTES } from '../../shared/limits.ts';
import { listApplications } from '../../db/applications.ts';
import { newId, nowIso } from '../../db/ids.ts';
import type { DB } from '../../db/open.ts';
import { getRubric, listAssignments, writeReviews, type ReviewWrite } from '../../db/review.ts';
import { listReviewers } from '../../db/reviewers.ts';

const FORMAT = 'sakura-review-sheet/1';
const META_SHEET = '_sakura';
export const HEADER_ROW = 5;
export const FIRST_DATA_ROW = HEADER_ROW + 1;
/** Key facts of an application, left of the score cells; all locked. */
const FACTS = [
  { header: '受付番号', width: 14 },
  { header: 'コース', width: 18 },
  { header: 'タイトル', width: 40 },
  { header: '申請機関', width: 22 },
  { header: '送出し機関', width: 28 },
  { header: '国・地域', width: 10 },
  { header: '招へい人数', width: 8 },
  { header: '申請額（円）', width: 14 },
] as const;

interface Meta {
  format: string;
  fiscalYear: number;
  call: number | null;
  criteria: { key: string; label: string }[];
  sheets: { sheet: string; exportId: string; reviewerId: string }[];
}

/** Column numbers (1-based) of the input cells, from the number of criteria. */
export function layout(criteria: number) {
  const firstScore = FACTS.length + 1;
  const score = (i: number) => firstScore + i * 2;
  const comment = (i: number) => firstScore + i * 2 + 1;
  const recommendation = firstScore + criteria * 2;
  return { score, comment, recommendation, confidence: recommendation + 1, overall: recommendation + 2, id: recommendation + 3 };
}

/**
 * Text that Excel could take for a formula (= + - @ first) stays text: the cell holds a string
 * value (never a formula) and the column is formatted as Text (@), so even editing the cell in
 * Excel does not turn it into one.
 */
function textCell(cell: ExcelJS.Cell, value: string): void {
  cell.value = value;
  cell.numFmt = '@';
}

function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[\\/?*[\]:]/g, ' ').trim().slice(0, 28) || '審査委員';
  let s = base;
  for (let i = 2; used.has(s); i++) s = `${base.slice(0, 26)}_${i}`;
  used.add(s);
  return s;
}

interface SheetInput {
  reviewer: { id: string; name: string; institution: string | null };
  exportId: string;
  rows: { assignmentId: string; app: Awaited<ReturnType<typeof listApplications>>[number] }[];
}

function addReviewerSheet(wb: ExcelJS.Workbook, name: string, s: SheetInput, criteria: Criterion[], fiscalYear: number, call: number | null, lang: Lang): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 1 }] });
  const L = layout(criteria.length);
  ws.getCell('A1').value = `審査シート ${fiscalYear}年度${call ? ` 第${call}回` : ''}`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  textCell(ws.getCell('A2'), `審査委員: ${s.reviewer.name}${s.reviewer.institution ? `（${s.reviewer.institution}）` : ''}`);
  ws.getCell('A3').value = '評点は 1（低）〜 5（高）をリストから選んでください。灰色の列は変更できません。行を追加・削除しないでください。';
  ws.getCell('A3').font = { color: { argb: 'FF5F6B7A' } };

  const headers: string[] = FACTS.map((f) => f.header);
  for (const c of criteria) headers.push(`${c.label}（評点）`, `${c.label}（コメント）`);
  headers.push('総合推薦', '確信度', '総合コメント', '割当ID');
  const hr = ws.getRow(HEADER_ROW);
  headers.forEach((h, i) => {
    const cell = hr.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: i < FACTS.length ? 'FFE5E7EB' : 'FFFDE8EF' } };
  });
  hr.height = 36;
  FACTS.forEach((f, i) => (ws.getColumn(i + 1).width = f.width));
  criteria.forEach((_, i) => {
    ws.getColumn(L.score(i)).width = 10;
    ws.getColumn(L.comment(i)).width = 30;
  });
  ws.getColumn(L.recommendation).width = 18;
  ws.getColumn(L.confidence).width = 8;
  ws.getColumn(L.overall).width = 40;
  ws.getColumn(L.id).hidden = true;
  // Every text column is formatted as Text (@) as a whole, not only the written cells: a reviewer's
  // comment typed as "=…" or "-" stays text, and so do the facts if someone edits them.
  textColumns(ws, [1, 2, 3, 4, 5, 6, ...criteria.map((_, i) => L.comment(i)), L.overall, L.id]);

  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  const unlocked: ExcelJS.Style['protection'] = { locked: false };
  s.rows.forEach(({ assignmentId, app }, n) => {
    const r = ws.getRow(FIRST_DATA_ROW + n);
    textCell(r.getCell(1), app.applicationNo);
    // Course and country names in the staff's language (a reviewer abroad gets English sheets).
    textCell(r.getCell(2), courseLabel(app.course, lang));
    textCell(r.getCell(3), app.title);
    textCell(r.getCell(4), app.hostInstitution);
    textCell(r.getCell(5), app.sendingInstitutions.join('、'));
    textCell(r.getCell(6), app.countries.map((c) => countryName(c, lang)).join(lang === 'ja' ? '、' : ', '));
    r.getCell(7).value = app.invitees;
    r.getCell(8).value = app.requestedAmount;
    r.getCell(8).numFmt = '#,##0';
    for (let i = 0; i < criteria.length; i++) {
      r.getCell(L.score(i)).protection = unlocked;
      const c = r.getCell(L.comment(i));
      c.numFmt = '@';
      c.protection = unlocked;
      c.alignment = { wrapText: true, vertical: 'top' };
    }
    for (const col of [L.recommendation, L.confidence]) r.getCell(col).protection = unlocked;
    const overall = r.getCell(L.overall);
    overall.numFmt = '@';
    overall.protection = unlocked;
    overall.alignment = { wrapText: true, vertical: 'top' };
    textCell(r.getCell(L.id), assignmentId);
  });
  if (s.rows.length) {
    const last = FIRST_DATA_ROW + s.rows.length - 1;
    const col = (n: number) => ws.getColumn(n).letter;
    for (let i = 0; i < criteria.length; i++) {
      validations.add(`${col(L.score(i))}${FIRST_DATA_ROW}:${col(L.score(i))}${last}`, {
        type: 'list',
        allowBlank: true,
        formulae: ['"1,2,3,4,5"'],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: '評点',
        error: '1 から 5 の整数を選んでください。',
      });
    }
    const recs = Object.values(RECOMMENDATION_LABELS).map((l) => l.ja);
    validations.add(`${col(L.recommendation)}${FIRST_DATA_ROW}:${col(L.recommendation)}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${recs.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      error: `${recs.join('、')} から選んでください。`,
    });
    const confs = Object.values(CONFIDENCE_LABELS).map((l) => l.ja);
    validations.add(`${col(L.confidence)}${FIRST_DATA_ROW}:${col(L.confidence)}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${confs.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      error: `${confs.join('、')} から選んでください。`,
    });
  }
  // No password: protection guards against slips, not against a reviewer who wants to edit.
  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
}

function addMeta(wb: ExcelJS.Workbook, meta: Meta): void {
  const ms = wb.addWorksheet(META_SHEET);
  ms.state = 'veryHidden';
  ms.getCell('A1').value = FORMAT;
  textCell(ms.getCell('A2'), JSON.stringify(meta));
}

const safeFile = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60);

/**
 * One file name per reviewer, unique within the export: the name, then the institution when two
 * reviewers share a name, then a short id when they share both (two 佐藤 健 at 東北大学).
 */
export function sheetFileNames(scope: string, reviewers: readonly { id: string; name: string; institution: string | null }[]): string[] {
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const byName = count(reviewers.map((r) => safeFile(r.name).toLowerCase()));
  const stems = reviewers.map((r) => {
    const n = safeFile(r.name);
    return byName.get(n.toLowerCase())! > 1 && r.institution ? `${n}_${safeFile(r.institution)}` : n;
  });
  const byStem = count(stems.map((x) => x.toLowerCase()));
  const used = new Set<string>();
  return stems.map((stem, i) => {
    let file = byStem.get(stem.toLowerCase())! > 1 ? `${stem}_${reviewers[i]!.id.replace(/-/g, '').slice(-6)}` : stem;
    for (let k = 2; used.has(file.toLowerCase()); k++) file = `${stem}_${k}`;
    used.add(file.toLowerCase());
    return `審査シート_${scope}_${file}.xlsx`;
  });
}

export interface PendingExport {
  exportId: string;
  reviewerId: string;
  assignmentIds: string[];
}

/**
 * Builds one workbook per reviewer, or one with a sheet each. Every file is built before anything
 * is recorded; with `record: 'later'` nothing is recorded at all and the caller confirms once it
 * has written every file (the CLI), so a failed export leaves no trace in the database.
 */
export async function exportReviewSheets(
  db: DB,
  o: { fiscalYear: number; call: number | null; reviewerIds?: string[] | undefined; layout: 'per-reviewer' | 'one-workbook'; record?: 'now' | 'later' },
  user: string,
  lang: Lang = 'ja',
): Promise<{ files: { fileName: string; dataBase64: string }[]; pending: PendingExport[] }> {
  const rubric = await getRubric(db, o.fiscalYear, o.call);
  const assignments = await listAssignments(db, { fiscalYear: o.fiscalYear, call: o.call ?? undefined });
  const apps = new Map((await listApplications(db, { fiscalYear: o.fiscalYear, call: o.call ?? undefined })).map((a) => [a.id, a]));
  const reviewers = (await listReviewers(db)).filter((r) => (o.reviewerIds ? o.reviewerIds.includes(r.id) : true));
  const sheets: SheetInput[] = [];
  for (const r of reviewers) {
    const mine = assignments.filter((a) => a.reviewerId === r.id).sort((a, b) => a.applicationNo.localeCompare(b.applicationNo));
    if (!mine.length) continue;
    sheets.push({ reviewer: r, exportId: newId(), rows: mine.map((a) => ({ assignmentId: a.id, app: apps.get(a.applicationId)! })) });
  }
  if (!sheets.length) {
    throw new AppError('NOT_FOUND', {
      ja: '書き出す割り当てがありません。先に審査委員を割り当ててください。',
      en: 'There are no assignments to export. Assign reviewers first.',
    });
  }
  const criteria = rubric.criteria.map((c) => ({ key: c.key, label: c.label }));
  const scope = `${o.fiscalYear}${o.call ? `-${o.call}` : ''}`;
  const build = async (group: SheetInput[]) => {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Sakura Desk';
    const used = new Set<string>([META_SHEET]);
    const metaSheets: Meta['sheets'] = [];
    for (const s of group) {
      const name = sheetName(s.reviewer.name, used);
      addReviewerSheet(wb, name, s, rubric.criteria, o.fiscalYear, o.call, lang);
      metaSheets.push({ sheet: name, exportId: s.exportId, reviewerId: s.reviewer.id });
    }
    addMeta(wb, { format: FORMAT, fiscalYear: o.fiscalYear, call: o.call, criteria, sheets: metaSheets });
    return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  };
  const files: { fileName: string; dataBase64: string }[] = [];
  if (o.layout === 'one-workbook') files.push({ fileName: `審査シート_${scope}.xlsx`, dataBase64: await build(sheets) });
  else {
    const names = sheetFileNames(scope, sheets.map((s) => s.reviewer));
    for (const [i, s] of sheets.entries()) files.push({ fileName: names[i]!, dataBase64: await build([s]) });
  }
  const pending = sheets.map((s) => ({ exportId: s.exportId, reviewerId: s.reviewer.id, assignmentIds: s.rows.map((r) => r.assignmentId).sort() }));
  if (o.record !== 'later') await recordExports(db, o.fiscalYear, o.call, pending, user);
  return { files, pending: o.record === 'later' ? pending : [] };
}

/** Records exports in one transaction, after checking each still matches its reviewer's assignments. */
export async function recordExports(db: DB, fiscalYear: number, call: number | null, pending: readonly PendingExport[], user: string): Promise<number> {
  const ids = [...new Set(pending.flatMap((p) => p.assignmentIds))];
  const found = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const a of await db.selectFrom('review_assignment').select(['id', 'reviewer_id']).where('id', 'in', ids.slice(i, i + 500)).execute()) found.set(a.id, a.reviewer_id);
  }
  const bad = pending.filter((p) => p.assignmentIds.some((id) => found.get(id) !== p.reviewerId));
  if (bad.length) {
    throw new AppError('CONFLICT', {
      ja: '書き出し後に割り当てが変わりました。もう一度書き出してください。何も記録していません。',
      en: 'The assignments changed after the export. Export again. Nothing was recorded.',
    });
  }
  const now = nowIso();
  const rows = pending.map((p) => ({
    id: p.exportId,
    fiscal_year: fiscalYear,
    call_number: call,
    reviewer_id: p.reviewerId,
    assignment_ids: p.assignmentIds.join(' '),
    exported_by: user,
    created_at: now,
    updated_at: now,
  }));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('review_export').values(rows.slice(i, i + 200)).execute();
  });
  return rows.length;
}

// ---------------------------------------------------------------------------------------------
// Import

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && !(v instanceof Date)) {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(v).trim();
}

function readMeta(ms: ExcelJS.Worksheet | undefined): Meta | null {
  if (!ms || cellText(ms.getCell('A1').value) !== FORMAT) return null;
  try {
    return JSON.parse(cellText(ms.getCell('A2').value)) as Meta;
  } catch {
    return null;
  }
}

const RECOMMENDATION_BY_WORD = new Map<string, Recommendation>();
for (const [k, l] of Object.entries(RECOMMENDATION_LABELS) as [Recommendation, { ja: string; en: string }][]) {
  for (const w of [k, l.ja, l.en]) RECOMMENDATION_BY_WORD.set(normalizeText(w).toLowerCase(), k);
}
const CONFIDENCE_BY_WORD = new Map<string, number>();
for (const [k, l] of Object.entries(CONFIDENCE_LABELS)) for (const w of [k, l.ja, l.en]) CONFIDENCE_BY_WORD.set(normalizeText(w).toLowerCase(), Number(k));

/** A returned file, opened (the slow part: exceljs inflates and parses it whole), or why it could not be. */
export type LoadedSheetFile = { fileName: string; meta: Meta | null; sheets: Map<string, SheetCells> } | { fileName: string; meta: undefined; ja: string; en: string };

/**
 * One worksheet's input cells, taken out of the workbook as soon as it is opened: a sheet's values
 * are a small part of exceljs's model of it (styles, validations), and an import of hundreds of
 * files holds all of them until its write.
 */
interface SheetCells {
  /** Rows FIRST_DATA_ROW… to the sheet's last, columns 1… to the layout's id column. */
  values: ExcelJS.CellValue[][];
  /** Each column's header text, or its letter where the header cell is empty. */
  headers: string[];
}

function cellsOf(ws: ExcelJS.Worksheet, width: number): SheetCells {
  const values: ExcelJS.CellValue[][] = [];
  for (let rowNo = FIRST_DATA_ROW; rowNo <= ws.rowCount; rowNo++) {
    const row = ws.getRow(rowNo);
    const cells: ExcelJS.CellValue[] = [];
    for (let c = 1; c <= width; c++) cells.push(row.getCell(c).value);
    values.push(cells);
  }
  const headers: string[] = [];
  for (let c = 1; c <= width; c++) headers.push(cellText(ws.getRow(HEADER_ROW).getCell(c).value) || ws.getColumn(c).letter);
  return { values, headers };
}

/**
 * Opens every returned file, reporting `done` files of `total`. Touches no database: run in a
 * worker thread before the checks against the export records (checkReviewSheets).
 */
export async function loadReviewSheets(files: { fileName: string; bytes: Uint8Array }[], onProgress?: (done: number, total: number) => void): Promise<LoadedSheetFile[]> {
  const out: LoadedSheetFile[] = [];
  onProgress?.(0, files.length);
  for (const f of files) {
    out.push(await loadOne(f));
    onProgress?.(out.length, files.length);
  }
  return out;
}

async function loadOne(f: { fileName: string; bytes: Uint8Array }): Promise<LoadedSheetFile> {
  const unreadable = { fileName: f.fileName, meta: undefined, ja: 'Excel ブック（.xlsx）として読めません。', en: 'cannot be read as an Excel workbook (.xlsx).' };
  // Sizes and compression ratios from the zip's central directory first: a zip bomb is refused
  // before exceljs inflates anything (zip.ts).
  try {
    // exceljs reads a returned sheet whole (its cells are read by position), so the inflated size
    // is held to what a sheet of a few hundred rows needs, far under the general limit.
    await checkZip(f.bytes, MAX_REVIEW_SHEET_BYTES);
  } catch (err) {
    if (!(err instanceof ZipRefused)) throw err;
    return err.kind === 'damaged' ? unreadable : { fileName: f.fileName, meta: undefined, ja: err.messages.ja, en: err.messages.en };
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(f.bytes) as unknown as ExcelJS.Buffer);
  } catch {
    return unreadable;
  }
  const meta = readMeta(wb.getWorksheet(META_SHEET));
  const sheets = new Map<string, SheetCells>();
  if (meta) {
    const width = layout(meta.criteria.length).id;
    for (const sm of meta.sheets) {
      const ws = wb.getWorksheet(sm.sheet);
      if (ws && !sheets.has(sm.sheet)) sheets.set(sm.sheet, cellsOf(ws, width));
    }
  }
  return { fileName: f.fileName, meta, sheets };
}

export const sheetsRejected = (problems: ImportProblem[]) =>
  new AppError(
    'IMPORT_REJECTED',
    {
      ja: `審査シートに ${problems.length} 件の問題があるため、取り込みませんでした（何も書き込まれていません）。`,
      en: `The review sheets have ${problems.length} problem(s), so nothing was imported (nothing was written).`,
    },
    { problems },
  );

/**
 * Checks opened sheets against the database: a file that is not a Sakura Desk review sheet, an
 * unknown export or application, a sheet whose reviewer does not match, assignments changed since
 * the export, scores outside 1–5. Every problem, or the reviews to write. Quick (the files are
 * already open), so an import runs it again inside its write transaction.
 */
export async function checkReviewSheets(db: DB, loaded: LoadedSheetFile[], onProgress?: (done: number, total: number) => void): Promise<{ problems: ImportProblem[]; reviews: ReviewWrite[] }> {
  const problems: ImportProblem[] = [];
  const reviews: ReviewWrite[] = [];
  const problem = (where: string, row: number | null, column: string | null, ja: string, en: string) =>
    problems.push({ row, column, message: `${where}: ${ja}`, messageEn: `${where}: ${en}` });

  let done = 0;
  onProgress?.(0, loaded.length);
  for (const f of loaded) {
    if (done) onProgress?.(done, loaded.length);
    done++;
    if (f.meta === undefined) {
      problem(f.fileName, null, null, f.ja, f.en);
      continue;
    }
    const meta = f.meta;
    if (!meta) {
      problem(
        f.fileName,
        null,
        null,
        'Sakura Desk が書き出した審査シートではありません（識別用の隠しシートがありません）。',
        'is not a review sheet exported by Sakura Desk (its hidden identification sheet is missing).',
      );
      continue;
    }
    const rubric = await getRubric(db, meta.fiscalYear, meta.call);
    if (rubric.criteria.map((c) => c.key).join() !== meta.criteria.map((c) => c.key).join()) {
      problem(f.fileName, null, null, '書き出し後に評価項目が変更されています。新しい審査シートを書き出してください。', 'the review form changed after this export. Export new sheets.');
      continue;
    }
    for (const sm of meta.sheets) {
      const where = `${f.fileName}「${sm.sheet}」`;
      const ws = f.sheets.get(sm.sheet);
      const exp = await db.selectFrom('review_export').selectAll().where('id', '=', sm.exportId).executeTakeFirst();
      if (!ws || !exp) {
        problem(where, null, null, 'この書き出しの記録が見つかりません（別のデータベースから書き出されたファイルです）。', 'no record of this export (the file comes from another database).');
        continue;
      }
      if (exp.reviewer_id !== sm.reviewerId) {
        problem(where, null, null, 'シートの審査委員が書き出し時の審査委員と一致しません。', 'the sheet’s reviewer does not match the reviewer it was exported for.');
        continue;
      }
      const current = await listAssignments(db, { fiscalYear: exp.fiscal_year, call: exp.call_number ?? undefined, reviewerId: exp.reviewer_id });
      const exported = new Set(exp.assignment_ids.split(' ').filter(Boolean));
      if (current.map((a) => a.id).sort().join(' ') !== exp.assignment_ids) {
        problem(
          where,
          null,
          null,
          '書き出し後にこの審査委員の割り当てが変更されています。新しい審査シートを書き出して記入し直してください。',
          'this reviewer’s assignments changed after the export. Export a new sheet and fill it in again.',
        );
        continue;
      }
      const byId = new Map(current.map((a) => [a.id, a]));
      const L = layout(meta.criteria.length);
      const header = (col: number) => ws.headers[col - 1]!;
      const seen = new Set<string>();
      for (let i = 0; i < ws.values.length; i++) {
        const rowNo = FIRST_DATA_ROW + i;
        const cells = ws.values[i]!;
        const row = { getCell: (col: number) => ({ value: cells[col - 1] ?? null }) };
        const id = cellText(row.getCell(L.id).value);
        const no = cellText(row.getCell(1).value);
        const inputs = [
          ...meta.criteria.flatMap((_, i) => [L.score(i), L.comment(i)]),
          L.recommendation,
          L.confidence,
          L.overall,
        ].map((c) => cellText(row.getCell(c).value));
        if (!id && !no && inputs.every((v) => v === '')) continue;
        const a = byId.get(id);
        if (!a || !exported.has(id) || a.applicationNo !== no) {
          problem(where, rowNo, '受付番号', `受付番号「${no}」はこの審査委員に割り当てられた応募ではありません。`, `application "${no}" is not one assigned to this reviewer.`);
          continue;
        }
        if (a.reviewerId !== sm.reviewerId) {
          problem(where, rowNo, '受付番号', `受付番号「${no}」の行は別の審査委員のものです。`, `the row for "${no}" belongs to another reviewer.`);
          continue;
        }
        if (seen.has(id)) {
          problem(where, rowNo, '受付番号', `受付番号「${no}」の行が重複しています。`, `the row for "${no}" appears twice.`);
          continue;
        }
        seen.add(id);
        const raw = meta.criteria.map((_, i) => cellText(row.getCell(L.score(i)).value));
        const rec = cellText(row.getCell(L.recommendation).value);
        const conf = cellText(row.getCell(L.confidence).value);
        // A row left blank is a review not done yet: skipped, not an error.
        if (raw.every((v) => v === '') && !rec && !conf) continue;
        const scores: ReviewWrite['scores'] = [];
        let bad = false;
        meta.criteria.forEach((c, i) => {
          const v = raw[i]!;
          const n = Number(normalizeText(v));
          if (v === '') {
            problem(where, rowNo, header(L.score(i)), `「${c.label}」の評点が空です（1〜5）。`, `the score for "${c.label}" is empty (1–5).`);
            bad = true;
          } else if (!Number.isInteger(n) || n < 1 || n > 5) {
            problem(where, rowNo, header(L.score(i)), `「${c.label}」の評点「${v}」は 1〜5 の整数ではありません。`, `the score "${v}" for "${c.label}" is not a whole number from 1 to 5.`);
            bad = true;
          } else {
            scores.push({ criterion: c.key, label: c.label, score: n, comment: cellText(row.getCell(L.comment(i)).value) });
          }
        });
        const recommendation = RECOMMENDATION_BY_WORD.get(normalizeText(rec).toLowerCase());
        if (!recommendation) {
          problem(where, rowNo, header(L.recommendation), `総合推薦「${rec}」はリストの値ではありません。`, `the recommendation "${rec}" is not one of the listed values.`);
          bad = true;
        }
        const confidence = CONFIDENCE_BY_WORD.get(normalizeText(conf).toLowerCase());
        if (!confidence) {
          problem(where, rowNo, header(L.confidence), `確信度「${conf}」は 高・中・低 のいずれでもありません。`, `the confidence "${conf}" is not high, medium or low.`);
          bad = true;
        }
        // Comments are free text: no Excel error values, no control characters or broken UTF-16.
        for (const c of [...meta.criteria.map((_, i) => L.comment(i)), L.overall]) {
          const v = row.getCell(c).value;
          if (v && typeof v === 'object' && 'error' in v) {
            problem(where, rowNo, header(c), `Excel のエラー値「${String(v.error)}」が入っています。`, `holds the Excel error value "${String(v.error)}".`);
            bad = true;
            continue;
          }
          const found = findBadChar(cellText(v), true);
          if (found) {
            const m = badCharMessages(found, true);
            problem(where, rowNo, header(c), m.ja, m.en);
            bad = true;
          }
        }
        if (bad) continue;
        reviews.push({ assignmentId: id, scores, recommendation: recommendation!, confidence: confidence!, comment: cellText(row.getCell(L.overall).value), source: 'excel' });
      }
    }
  }
  onProgress?.(loaded.length, loaded.length);
  return { problems, reviews };
}

/** Reads returned sheets and writes their reviews in one transaction, or writes nothing and reports every problem. */
export async function importReviewSheets(db: DB, files: { fileName: string; bytes: Uint8Array }[], user: string): Promise<{ files: number; reviews: number }> {
  const { problems, reviews } = await checkReviewSheets(db, await loadReviewSheets(files));
  if (problems.length) throw sheetsRejected(problems);
  const n = await writeReviews(db, reviews, user);
  return { files: files.length, reviews: n };
}
