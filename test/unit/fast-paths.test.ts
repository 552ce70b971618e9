// The hand-written fast paths of issue 12 give exactly the answers of the code they replaced:
// date parsing by character codes (was a regex), times of day by the schema's regex (was a zod
// parse), and name normalisation skipping NFKC for printable ASCII.
import { describe, expect, it } from 'vitest';
import { daysInMonth, parseIsoDate } from '../../shared/dates.ts';
import { minutesOf, TimeOfDay } from '../../shared/programs.ts';
import { normalizeName } from '../../shared/text.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function oldParse(s: string) {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

describe('fast paths', () => {
  it('parseIsoDate accepts and refuses what the pattern did', () => {
    const cases = ['2026-07-01', '2024-02-29', '2025-02-29', '2025-13-01', '0000-01-01', '2026-7-01', '2026-07-01 ', ' 2026-07-01', '2026/07/01', '２０２６-07-01', '2026-07-0a', '+026-07-01', '2026-07-01\n', '', '99999-01-01', '2026-00-10', '2026-04-31', '2026-12-31'];
    for (const s of cases) expect(parseIsoDate(s), s).toEqual(oldParse(s));
  });

  it('minutesOf reads every time TimeOfDay accepts, and NaN for the rest', () => {
    const cases = ['00:00', '09:30', '23:59', '24:00', '24:01', '7:30', '07:3', '0730', '07:60', ' 07:30', '07:30 ', '１０:００', ''];
    for (const t of cases) {
      const valid = TimeOfDay.safeParse(t).success;
      expect(Number.isNaN(minutesOf(t)), t).toBe(!valid);
      if (valid) expect(minutesOf(t)).toBe(Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)));
    }
  });

  it('normalizeName is NFKC, lower case and collapsed spaces, whether or not the text is ASCII', () => {
    const full = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
    const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
    for (const s of [ascii, `  Nguyen   Van  ${ascii} A `, 'ＮＧＵＹＥＮ　Ｖａｎ', 'Université de Hanoï', '東京大学', 'Ａ\tB', '']) expect(normalizeName(s)).toBe(full(s));
  });
});
