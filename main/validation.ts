import type { z } from 'zod';

/** Turns zod issues into short bilingual sentences naming the field, for staff and for the CLI. */
export function zodIssuesToMessages(issues: readonly z.core.$ZodIssue[]): { path: string; ja: string; en: string }[] {
  return issues.map((i) => {
    const path = i.path.map(String).join('.') || '(入力)';
    const pathEn = i.path.map(String).join('.') || '(input)';
    return { path, ja: `${path}: ${i.message}`, en: `${pathEn}: ${i.message}` };
  });
}
