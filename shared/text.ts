// Institution names arrive typed by hand, pasted from Excel and imported from Shift_JIS CSV, so the
// same institution shows up as "Tsinghua University", "ＴＳＩＮＧＨＵＡ\u3000University " and so on.
// Every comparison of names goes through this one function so that counts (e.g. "one institution or
// several") do not depend on who typed the name or where it came from.

/**
 * Canonical form of a name for comparison: Unicode NFKC (full-width letters/digits and the
 * ideographic space U+3000 become their ASCII forms), lower-case, white-space runs collapsed to one
 * space, trimmed. Not for display: it loses the staff's spelling.
 */
export function normalizeName(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}
