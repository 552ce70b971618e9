import { z } from 'zod';

// Institution names arrive typed by hand, pasted from Excel and imported from Shift_JIS CSV, so the
// same institution shows up as "Tsinghua University", "ＴＳＩＮＧＨＵＡ\u3000University " and so on.
// Every comparison of names goes through this one function so that counts (e.g. "one institution or
// several") do not depend on who typed the name or where it came from.

/**
 * Canonical form of a name for comparison: Unicode NFKC (full-width letters/digits and the
 * ideographic space U+3000 become their ASCII forms), lower-case, white-space runs collapsed to one
 * space, trimmed. Not for display: it loses the staff's spelling.
 */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
export function normalizeName(s: string): string {
  // Printable ASCII is its own NFKC form: skip the normalisation (the roster checks call this for
  // every person of every program on a page). Same result, checked in test/unit/programs-rules.test.ts.
  const ascii = PRINTABLE_ASCII.test(s) ? s : s.normalize('NFKC');
  return ascii.toLowerCase().replace(/\s+/gu, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Clean text at the contract. Every free-text field of every call and every importer goes through
// these, so a lone surrogate (which SQLite would store as invalid UTF-8), a NUL (which truncates
// the value in C libraries and some exports) or a control character (invisible in the UI, and a
// way to forge lines in CSV and logs) never reaches the database.
// C0 controls except TAB and LF, DEL, C1 controls, lone surrogates (the `u` flag makes a
// well-formed pair one code point, so only unpaired halves match \p{Cs}), and the noncharacters
// U+FFFE/U+FFFF, which no keyboard or spreadsheet produces.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BAD_IN_LINE = /[\u0000-\u001f\u007f-\u009f\ufffe\uffff]|\p{Cs}/u;
// Multi-line fields also keep TAB, LF and CR (Windows line ends in pasted text).
// eslint-disable-next-line no-control-regex -- as above
const BAD_IN_BLOCK = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|\p{Cs}/u;

export interface BadChar {
  /** 0-based UTF-16 index of the first bad character. */
  index: number;
  /** U+XXXX of that character (or of the lone surrogate half). */
  codePoint: string;
}

/** The first character a text field may not hold, or null when the text is clean. */
export function findBadChar(s: string, multiline = false): BadChar | null {
  const m = (multiline ? BAD_IN_BLOCK : BAD_IN_LINE).exec(s);
  if (!m) return null;
  const cp = m[0].codePointAt(0)!;
  return { index: m.index, codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` };
}

/** A bilingual sentence for a bad character in the named field (importers add row and column). */
export function badCharMessages(bad: BadChar, multiline = false): { ja: string; en: string } {
  const what = multiline ? '' : '（改行・タブを含む）';
  const whatEn = multiline ? '' : ' (line breaks and tabs included)';
  return {
    ja: `使えない文字 ${bad.codePoint} が ${bad.index + 1} 文字目にあります。制御文字${what}・NUL・不正な文字（対になっていないサロゲート）は入力できません。`,
    en: `It contains a character that is not allowed (${bad.codePoint}) at position ${bad.index + 1}. Control characters${whatEn}, NUL and broken characters (unpaired surrogates) are refused.`,
  };
}

const CLEAN_MESSAGE = '制御文字・NUL・不正な文字は使えません / control character, NUL or unpaired surrogate';

/**
 * One line of free text (names, titles, institutions, search words): refused when it holds a
 * control character (TAB and line breaks included), NUL or a lone surrogate; then trimmed. Chain
 * `.min()` / `.max()` as on any zod string.
 */
export const TextLine = z
  .string()
  .refine((s) => findBadChar(s, false) === null, { error: CLEAN_MESSAGE })
  .trim();

/** Multi-line free text (comments, notes, summaries): as TextLine, but TAB and line breaks are kept. */
export const TextBlock = z
  .string()
  .refine((s) => findBadChar(s, true) === null, { error: CLEAN_MESSAGE })
  .trim();
