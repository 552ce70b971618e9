import { z } from 'zod';

const jaError = z.locales.ja().localeError;
const enError = z.locales.en().localeError;

/** zod's Japanese locale leaves type names in English ("numberは1以上"); say them in Japanese. */
const JA_TYPES: [RegExp, string][] = [
  [/\bnumber\b/g, '数値'],
  [/\bint\b/g, '整数'],
  [/\bstring\b/g, '文字列'],
  [/\bboolean\b/g, '真偽値'],
  [/\barray\b/g, '配列'],
  [/\bobject\b/g, 'オブジェクト'],
  [/\bundefined\b/g, '未入力'],
  [/\bnull\b/g, '空'],
];
const jaTypes = (s: string) => JA_TYPES.reduce((acc, [re, ja]) => acc.replace(re, ja), s);

function text(r: ReturnType<typeof enError>): string | undefined {
  return typeof r === 'string' ? r : r?.message;
}

/**
 * Turns zod issues into short bilingual sentences naming the field, for staff and for the CLI.
 * Zod writes its messages in one language; its own ja/en locales give both. A message written
 * into a schema (e.g. 'YYYY-MM-DD') is kept as it is in both.
 */
export function zodIssuesToMessages(issues: readonly z.core.$ZodIssue[]): { path: string; ja: string; en: string }[] {
  return issues.map((i) => {
    const path = i.path.map(String).join('.');
    const raw = i as unknown as Parameters<typeof enError>[0];
    const en = text(enError(raw)) ?? i.message;
    const custom = en !== i.message;
    const ja = custom ? i.message : jaTypes(text(jaError(raw)) ?? i.message);
    return {
      path,
      ja: `${path || '(入力)'}: ${ja}`,
      en: `${path || '(input)'}: ${custom ? i.message : en}`,
    };
  });
}
