// Words of the statistics that both the .xlsx (main) and the charts (renderer i18n) use, kept in
// one place so a spreadsheet and the chart it came from never name the same thing differently.
import { countryName } from '../countries.ts';
import type { Lang } from '../errors.ts';
import { OTHER_KEY, UNKNOWN_KEY, type BreakdownBy, type FollowUpKind } from './aggregate.ts';

export const COURSE_LABELS = {
  ja: { A: 'A 科学技術体験', B: 'B 共同研究活動', C: 'C 科学技術研修', 'high-school': 'ハイスクール', officials: '科学技術関係者' },
  en: { A: 'A Experience', B: 'B Joint research', C: 'C Training', 'high-school': 'High school', officials: 'S&T officials' },
};
export const FIELD_LABELS = {
  ja: { science: '科学技術', humanities: '人文・社会科学' },
  en: { science: 'Science & technology', humanities: 'Humanities & social sciences' },
};
export const OUTCOME_LABELS: Record<Lang, Record<FollowUpKind, string>> = {
  ja: {
    'returned-student': '留学生として再来日',
    'returned-researcher': '研究者として再来日',
    'joint-research': '共同研究の継続',
    'joint-paper': '共著論文',
    other: 'その他',
  },
  en: {
    'returned-student': 'Returned as a student',
    'returned-researcher': 'Returned as a researcher',
    'joint-research': 'Joint research continued',
    'joint-paper': 'Joint paper',
    other: 'Other',
  },
};
export const KEY_WORDS = {
  ja: { other: 'その他', unknown: '未設定', call: '第{{n}}回' },
  en: { other: 'Other', unknown: 'Not set', call: 'Call {{n}}' },
};

/** The label of a breakdown key: course name, country name, field name, or 第n回. */
export function keyLabel(by: BreakdownBy, key: string | number, lang: Lang): string {
  const w = KEY_WORDS[lang];
  if (key === OTHER_KEY) return w.other;
  if (key === UNKNOWN_KEY) return w.unknown;
  switch (by) {
    case 'course':
      return (COURSE_LABELS[lang] as Record<string, string>)[String(key)] ?? String(key);
    case 'field':
      return (FIELD_LABELS[lang] as Record<string, string>)[String(key)] ?? String(key);
    case 'call':
      return w.call.replace('{{n}}', String(key));
    case 'country':
      return countryName(String(key), lang) || String(key);
  }
}
