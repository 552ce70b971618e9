// The reviewers list spreadsheet: 氏名, 所属機関, 専門分野 (`;` or `、`), メール, 上限件数. All or
// nothing, every problem with its row and column, like the applications import.
import type { ImportProblem } from '../../shared/api/applications.ts';
import { AppError } from '../../shared/errors.ts';
import { displayValue, isBlank, normalizeText, parseCount, splitList } from '../../shared/parse.ts';
import type { ReviewerData } from '../../db/reviewers.ts';
import { collectingRows, readTable } from '../import/table.ts';
import { MAX_REVIEWER_ROWS } from '../../shared/limits.ts';
import { badCharMessages, findBadChar } from '../../shared/text.ts';

const COLUMNS = [
  { key: 'name', ja: '氏名', en: 'name', required: true },
  { key: 'institution', ja: '所属機関', en: 'institution', required: false },
  { key: 'fields', ja: '専門分野', en: 'fields', required: false },
  { key: 'email', ja: 'メール', en: 'email', required: false },
  { key: 'max_load', ja: '上限件数', en: 'max_load', required: false },
] as const;
type Key = (typeof COLUMNS)[number]['key'];

const headerKey = (h: string) => normalizeText(h).toLowerCase().replace(/[\s_]+/g, '');
const LOOKUP = new Map<string, (typeof COLUMNS)[number]>();
for (const c of COLUMNS) for (const h of [c.ja, c.en, c.en.replace('_', ' ')]) LOOKUP.set(headerKey(h), c);
LOOKUP.set(headerKey('メールアドレス'), COLUMNS[3]);
LOOKUP.set(headerKey('email address'), COLUMNS[3]);

/** Rows between two progress reports. */
const PROGRESS_EVERY = 500;

/**
 * Reads (phase `parse`, against the rows the file announces) and checks (phase `check`) a
 * reviewers file; throws IMPORT_REJECTED with every problem.
 */
export async function parseReviewersFile(
  fileName: string,
  bytes: Uint8Array,
  progress?: (phase: 'parse' | 'check', done: number, total: number) => void,
): Promise<{ rowNumber: number; data: ReviewerData }[]> {
  const { rows, handlers } = collectingRows(progress);
  const read = await readTable(fileName, bytes, {
    maxRows: MAX_REVIEWER_ROWS,
    ...handlers,
    checkHeader: (headers, headerRow) =>
      headers.some((h) => LOOKUP.get(headerKey(h))?.key === 'name')
        ? []
        : [{ row: headerRow, column: '氏名', message: '必須の列「氏名」が見出し行にありません。', messageEn: 'The required column "氏名" (name) is missing from the header row.' }],
  });
  progress?.('parse', rows.length, rows.length);
  const table = { ...read, rows };
  const problems: ImportProblem[] = [];
  const index = new Map<Key, number>();
  table.headers.forEach((h, i) => {
    const c = LOOKUP.get(headerKey(h));
    if (c && !index.has(c.key)) index.set(c.key, i);
  });
  for (const c of COLUMNS) {
    if (c.required && !index.has(c.key)) {
      problems.push({
        row: table.headerRow,
        column: c.ja,
        message: `必須の列「${c.ja}」が見出し行にありません。`,
        messageEn: `The required column "${c.ja}" (${c.en}) is missing from the header row.`,
      });
    }
  }
  const out: { rowNumber: number; data: ReviewerData }[] = [];
  if (!problems.length) {
    progress?.('check', 0, rows.length);
    let checked = 0;
    for (const r of table.rows) {
      if (++checked % PROGRESS_EVERY === 0) progress?.('check', checked, rows.length);
      const cell = (k: Key) => (index.has(k) ? r.cells[index.get(k)!] : null);
      const text = (k: Key) => (isBlank(cell(k)) ? '' : normalizeText(displayValue(cell(k))));
      // Clean text, as the contract requires of reviewers saved by hand (shared/text.ts).
      for (const c of COLUMNS) {
        const v = cell(c.key);
        const bad = typeof v === 'string' ? findBadChar(v) : null;
        if (bad) {
          const m = badCharMessages(bad);
          problems.push({ row: r.rowNumber, column: c.ja, message: `${c.ja}: ${m.ja}`, messageEn: `${c.ja} (${c.en}): ${m.en}` });
        }
      }
      const name = text('name');
      if (!name) {
        problems.push({ row: r.rowNumber, column: '氏名', message: '氏名が空です。', messageEn: 'The name is empty.' });
        continue;
      }
      if (name.length > 100) problems.push({ row: r.rowNumber, column: '氏名', message: '氏名は 100 文字以内にしてください。', messageEn: 'The name must be at most 100 characters.' });
      const email = text('email');
      if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
        problems.push({ row: r.rowNumber, column: 'メール', message: `メール「${email}」はメールアドレスとして読めません。`, messageEn: `"${email}" is not an email address.` });
      }
      let maxLoad: number | null = null;
      if (!isBlank(cell('max_load'))) {
        const p = parseCount(cell('max_load'));
        if (p.ok) maxLoad = p.value;
        else {
          problems.push({
            row: r.rowNumber,
            column: '上限件数',
            message: `上限件数「${displayValue(cell('max_load'))}」は 0 以上の整数ではありません。`,
            messageEn: `The maximum load "${displayValue(cell('max_load'))}" is not a whole number (0 or more).`,
          });
        }
      }
      out.push({
        rowNumber: r.rowNumber,
        data: {
          name,
          kind: 'committee',
          institution: text('institution') || null,
          email: email || null,
          fields: splitList(cell('fields')),
          countries: [],
          maxLoad,
          activeCalls: [],
          active: true,
        },
      });
    }
  }
  progress?.('check', rows.length, rows.length);
  if (!problems.length && out.length === 0) {
    problems.push({ row: null, column: null, message: 'ファイルに審査委員の行がありません。', messageEn: 'The file has no reviewer rows.' });
  }
  if (problems.length) {
    throw new AppError(
      'IMPORT_REJECTED',
      {
        ja: `ファイルに ${problems.length} 件の問題があるため、取り込みませんでした（何も書き込まれていません）。`,
        en: `The file has ${problems.length} problem(s), so nothing was imported (nothing was written).`,
      },
      { problems },
    );
  }
  return out;
}
