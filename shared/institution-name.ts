// The one institution-name normaliser: conflict checks, duplicate detection, import and search all
// compare institutions through `institutionKey`, so 国立大学法人東京大学, 東京大学 and
// "ﾄｳｷｮｳ" typed in half-width katakana meet, and so do "Acme Co., Ltd." and "ACME".
//
// Legal-entity forms say what kind of body an institution is, not which one, so they are dropped
// wherever they stand (学校法人 早稲田大学, 早稲田大学 (学校法人)). A name that is nothing but a
// legal form keeps it, so it never collapses to the empty key.
import { normalizeName } from './text.ts';

/** Japanese legal-entity forms, longest first so 国立研究開発法人 is not read as 研究開発法人. */
const JA_FORMS = [
  '国立研究開発法人',
  '地方独立行政法人',
  '独立行政法人',
  '国立大学法人',
  '公立大学法人',
  '大学共同利用機関法人',
  '公益社団法人',
  '公益財団法人',
  '一般社団法人',
  '一般財団法人',
  '社団法人',
  '財団法人',
  '学校法人',
  '株式会社',
  '有限会社',
  '合同会社',
];

// After NFKC, ㈱ is "(株)" and （株） is "(株)" too; 有 and 財 abbreviations likewise.
const JA_ABBREVIATIONS = /\((?:株|有|財|社|学|独)\)/gu;

/**
 * English forms, matched as whole words (after lower-casing) at the start or end, with the comma
 * that often precedes them: "National University Corporation Tokyo", "Acme, Inc.", "Acme Co., Ltd.".
 */
const EN_PREFIX = /^(?:national university corporation|incorporated administrative agency|national research and development agency)\s+/u;
const EN_SUFFIX = /(?:[\s,]+(?:co\.?,?\s*ltd\.?|co\.|ltd\.?|inc\.?|incorporated|corporation|corp\.|limited|llc|k\.k\.))+$/u;

/**
 * Canonical key of an institution name. NFKC first (full-width letters and digits, the ideographic
 * space, half-width katakana ﾄｳｷｮｳ → トウキョウ, ㈱ → (株)), lower case, legal forms removed, white
 * space between Japanese characters removed and any other run collapsed to one space.
 */
export function institutionKey(name: string): string {
  const base = normalizeName(name);
  let s = base.replace(JA_ABBREVIATIONS, ' ');
  for (const form of JA_FORMS) s = s.split(form).join(' ');
  s = s.replace(/[()（）]\s*[()（）]/gu, ' ');
  s = s.replace(EN_PREFIX, '').replace(EN_SUFFIX, '');
  s = s.replace(/\s+/gu, ' ').trim();
  // 早稲田 大学 and 早稲田大学 are the same name: drop spaces that touch a Japanese character.
  s = s.replace(/(?<=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}ー])\s+|\s+(?=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}ー])/gu, '');
  s = s.replace(/^[\s,.・]+|[\s,.・]+$/gu, '');
  return s || base;
}

/** Every key an institution is known by: its names and its aliases. */
export function institutionKeys(names: readonly (string | null | undefined)[]): string[] {
  return [...new Set(names.filter((n): n is string => !!n && !!n.trim()).map(institutionKey))];
}
