// The host institution's participant list (.xlsx / .csv) as roster rows. Same robustness as the
// applications import (encodings via readTable, full-width and 和暦 dates, header aliases) and the
// same contract: a malformed file is rejected whole with every problem's row and column; a person
// who merely breaks a program rule (too old, too many invitees) is imported and flagged by the
// checks, because staff must record the list exactly as the host sent it.
import type { ImportProblem } from '../../shared/api/applications.ts';
import { parseCountry } from '../../shared/countries.ts';
import { AppError } from '../../shared/errors.ts';
import { displayValue, isBlank, normalizeText, parseDate, type Parsed } from '../../shared/parse.ts';
import {
  parsePosition,
  parseRole,
  parseSex,
  ParticipantInput,
  POSITION_VOCABULARY_JA,
  ROLE_WORDS,
  SEX_WORDS,
} from '../../shared/programs.ts';
import { collectingRows, readTable, type Table } from './table.ts';

/** As in shared/api/programs.ts (programs/saveParticipants). */
export const MAX_ROSTER_SIZE = 2000;

export type ParticipantColumnKey =
  | 'family_name'
  | 'given_name'
  | 'native_name'
  | 'sex'
  | 'birth_date'
  | 'nationality'
  | 'affiliation'
  | 'position'
  | 'role'
  | 'email';

interface Column {
  key: ParticipantColumnKey;
  ja: string;
  required: boolean;
  aliases: readonly string[];
}

export const PARTICIPANT_COLUMNS: readonly Column[] = [
  { key: 'family_name', ja: '姓', required: true, aliases: ['氏', '姓（ローマ字）', 'family name', 'surname', 'last name'] },
  { key: 'given_name', ja: '名', required: true, aliases: ['名（ローマ字）', 'given name', 'first name'] },
  { key: 'native_name', ja: '現地表記氏名', required: false, aliases: ['現地語氏名', '氏名（現地表記）', '母国語氏名', 'native name'] },
  { key: 'sex', ja: '性別', required: false, aliases: ['gender'] },
  { key: 'birth_date', ja: '生年月日', required: true, aliases: ['誕生日', 'date of birth', 'dob', 'birthday'] },
  { key: 'nationality', ja: '国籍', required: true, aliases: ['国・地域', '国籍・地域', 'country'] },
  { key: 'affiliation', ja: '所属機関', required: false, aliases: ['所属', '機関', 'institution', 'organization'] },
  { key: 'position', ja: '身分', required: false, aliases: ['職位', '役職', '学年', 'status', 'title'] },
  { key: 'role', ja: '区分', required: true, aliases: ['参加区分', '種別', 'type', 'category'] },
  { key: 'email', ja: 'メール', required: false, aliases: ['メールアドレス', 'e-mail', 'mail', 'email address'] },
];

const HEADER_NOISE = /[\s_・*※./()（）-]/g;
const headerKey = (h: string) => normalizeText(h).toLowerCase().replace(HEADER_NOISE, '');
const LOOKUP = new Map<string, Column>();
for (const c of PARTICIPANT_COLUMNS) for (const h of [c.ja, c.key, ...c.aliases]) LOOKUP.set(headerKey(h), c);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const words = (w: Record<string, { ja: string }>) => Object.values(w).map((x) => x.ja).join('、');

export type ParseParticipantsResult = { ok: true; rows: ParticipantInput[] } | { ok: false; problems: ImportProblem[] };

/** Progress of a long step: rows done of the rows there are (main/jobs/ reports it as job/progress). */
export type RowProgress = (done: number, total: number) => void;

/** Rows between two progress reports: often enough for a bar, rare enough to cost nothing. */
const PROGRESS_EVERY = 500;

export function parseParticipantsTable(table: Table, onProgress?: RowProgress): ParseParticipantsResult {
  const problems: ImportProblem[] = [];
  const index = new Map<ParticipantColumnKey, number>();
  const header = new Map<ParticipantColumnKey, string>();
  table.headers.forEach((h, i) => {
    const col = h ? LOOKUP.get(headerKey(h)) : undefined;
    if (!col) return;
    if (index.has(col.key)) {
      problems.push({
        row: table.headerRow,
        column: h,
        message: `列「${h}」は列「${header.get(col.key)}」と同じ項目（${col.ja}）です。どちらか一方にしてください。`,
        messageEn: `Column "${h}" is the same item as column "${header.get(col.key)}" (${col.key}). Keep only one.`,
      });
      return;
    }
    index.set(col.key, i);
    header.set(col.key, h.trim());
  });
  for (const c of PARTICIPANT_COLUMNS) {
    if (c.required && !index.has(c.key)) {
      problems.push({
        row: table.headerRow,
        column: c.ja,
        message: `必須の列「${c.ja}」が見出し行（${table.headerRow} 行目）にありません。`,
        messageEn: `The required column "${c.ja}" (${c.key}) is missing from the header row (row ${table.headerRow}).`,
      });
    }
  }
  if (problems.length) return { ok: false, problems };
  // The roster's own limit (programs/saveParticipants takes at most this many): a file with more
  // is not a roster, and is refused before a row is read.
  if (table.rows.length > MAX_ROSTER_SIZE) {
    return {
      ok: false,
      problems: [
        {
          row: null,
          column: null,
          message: `参加者が多すぎます（${table.rows.length} 行、名簿の上限は ${MAX_ROSTER_SIZE} 人）。`,
          messageEn: `The file lists too many participants (${table.rows.length} rows; a roster holds at most ${MAX_ROSTER_SIZE}).`,
        },
      ],
    };
  }
  if (table.rows.length === 0) {
    return { ok: false, problems: [{ row: null, column: null, message: '見出し行の下にデータ行がありません。', messageEn: 'There are no data rows below the header row.' }] };
  }

  const rows: ParticipantInput[] = [];
  const total = table.rows.length;
  onProgress?.(0, total);
  let done = 0;
  for (const { rowNumber, cells } of table.rows) {
    if (++done % PROGRESS_EVERY === 0) onProgress?.(done, total);
    const before = problems.length;
    const cell = (k: ParticipantColumnKey) => {
      const i = index.get(k);
      return i === undefined ? undefined : cells[i];
    };
    const report = (k: ParticipantColumnKey, ja: string, en: string) =>
      problems.push({ row: rowNumber, column: header.get(k) ?? k, message: ja, messageEn: en });
    const text = (k: ParticipantColumnKey): string | null => {
      const v = cell(k);
      if (isBlank(v)) return null;
      return (typeof v === 'string' ? v : displayValue(v)).trim().replace(/\s+/g, ' ');
    };
    const coded = <T>(k: ParticipantColumnKey, parse: (v: unknown) => Parsed<T>, allowed: string): T | null => {
      const v = cell(k);
      if (isBlank(v)) return null;
      const p = parse(typeof v === 'string' ? v : displayValue(v));
      if (p.ok) return p.value;
      const h = header.get(k)!;
      report(k, `${h}「${displayValue(v)}」は読めません（${allowed} のいずれか）。`, `${h} "${displayValue(v)}" is not one of: ${allowed}.`);
      return null;
    };

    const familyName = text('family_name');
    if (!familyName) report('family_name', `${header.get('family_name')}が空です。`, `${header.get('family_name')} (family_name) is empty.`);
    const givenName = text('given_name') ?? '';
    // Read in column order, so a row's problems are listed left to right as staff see them.
    const sex = coded('sex', parseSex, words(SEX_WORDS));

    let birthDate: string | null = null;
    const rawBirth = cell('birth_date');
    if (!isBlank(rawBirth)) {
      const p = parseDate(rawBirth);
      if (p.ok) birthDate = p.value;
      else {
        const h = header.get('birth_date')!;
        report('birth_date', `${h}「${displayValue(rawBirth)}」は日付として読めません。`, `${h} "${displayValue(rawBirth)}" is not a valid date.`);
      }
    }

    let nationality: string | null = null;
    const rawCountry = text('nationality');
    if (rawCountry) {
      nationality = parseCountry(rawCountry);
      if (!nationality) {
        const h = header.get('nationality')!;
        report('nationality', `${h}「${rawCountry}」は国・地域として読めません（国名か ISO コード）。`, `${h} "${rawCountry}" is not a known country or region (use a name or ISO code).`);
      }
    }

    // 身分: the word must be in the vocabulary (never replaced by another word); its kind groups it
    // and the words as typed are what the roster shows and exports.
    const position = coded('position', parsePosition, POSITION_VOCABULARY_JA.join('、'));
    const positionTitle = position === null ? null : text('position');
    const role = coded('role', parseRole, words(ROLE_WORDS));
    if (role === null && isBlank(cell('role'))) report('role', `${header.get('role')}が空です（招へい者 または 引率者）。`, `${header.get('role')} (role) is empty (invitee or escort).`);

    const email = text('email');
    if (email && !EMAIL.test(normalizeText(email))) {
      report('email', `${header.get('email')}「${email}」はメールアドレスとして読めません。`, `${header.get('email')} "${email}" is not an email address.`);
    }

    const candidate = {
      id: null,
      familyName: familyName ?? '',
      givenName,
      nativeName: text('native_name'),
      sex,
      birthDate,
      nationality,
      affiliation: text('affiliation'),
      position,
      positionTitle,
      role: role ?? 'invitee',
      email: email ? normalizeText(email) : null,
    };
    if (problems.length > before) continue;
    const checked = ParticipantInput.safeParse(candidate);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const prop = String(issue.path[0]);
        const col = PARTICIPANT_COLUMNS.find((c) => c.key.replace(/_(\w)/g, (_, x: string) => x.toUpperCase()) === prop);
        const h = col ? (header.get(col.key) ?? col.ja) : null;
        problems.push({
          row: rowNumber,
          column: h,
          message: `${h ?? 'この行'}の値が長すぎるか正しくありません（${issue.message}）。`,
          messageEn: `${h ?? 'This row'} is too long or not valid (${issue.message}).`,
        });
      }
      continue;
    }
    rows.push(checked.data);
  }
  onProgress?.(total, total);
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

/**
 * Reads (phase `parse`, rows as they stream in against the total the file announces) and then
 * checks (phase `check`) a participants file.
 */
export async function parseParticipantsFile(
  fileName: string,
  bytes: Uint8Array,
  progress?: (phase: 'parse' | 'check', done: number, total: number) => void,
): Promise<ParseParticipantsResult> {
  let table: Table;
  const { rows, handlers } = collectingRows(progress);
  try {
    table = await readTable(fileName, bytes, {
      ...handlers,
      // One row more than a roster holds is enough to refuse the file; the rest is never read.
      maxRows: MAX_ROSTER_SIZE,
      checkHeader: (headers, headerRow) => {
        const r = parseParticipantsTable({ headers, rows: [], headerRow });
        return r.ok ? [] : r.problems.filter((p) => p.row === headerRow);
      },
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'IMPORT_REJECTED' && Array.isArray(err.details.problems)) {
      return { ok: false, problems: err.details.problems as ImportProblem[] };
    }
    throw err;
  }
  progress?.('parse', rows.length, rows.length);
  return parseParticipantsTable({ ...table, rows }, progress && ((d, t) => progress('check', d, t)));
}
