import { z } from 'zod';

const jaError = z.locales.ja().localeError;
const enError = z.locales.en().localeError;

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
    const ja = custom ? i.message : (text(jaError(raw)) ?? i.message);
    return {
      path,
      ja: `${path || '(入力)'}: ${ja}`,
      en: `${path || '(input)'}: ${custom ? i.message : en}`,
    };
  });
}
