// The vocabulary of adopted programs (実施プログラム): itinerary slot kinds, participants' positions,
// sex and roles, with the words staff and host institutions use for them in Japanese and English.
// Shared so the table editor, the importer and the print views name things the same way.
import { z } from 'zod';
import type { Lang } from './errors.ts';
import { normalizeText, type Parsed } from './parse.ts';
import { CountryCode, Id } from './domain.ts';
import { TextBlock, TextLine } from './text.ts';

export const SLOT_KINDS = ['lecture', 'lab-visit', 'research', 'site-visit', 'culture', 'exchange', 'travel', 'free'] as const;
/**
 * Kinds of 身分, for grouping and the editor's list. What a host typed (教授, 大学院生, …) is kept
 * as the participant's positionTitle and shown and exported as typed; the kind is only its group.
 */
export const POSITIONS = [
  'undergraduate',
  'graduate',
  'master',
  'doctoral',
  'postdoc',
  'researcher',
  'faculty',
  'kosen',
  'high-school',
  'student',
  'teacher',
  'engineer',
  'official',
  'other',
] as const;
export const SEXES = ['female', 'male', 'other'] as const;
export const ROLES = ['invitee', 'escort'] as const;

export const SlotKind = z.enum(SLOT_KINDS);
export const Position = z.enum(POSITIONS);
export const Sex = z.enum(SEXES);
export const Role = z.enum(ROLES);
export type SlotKind = z.infer<typeof SlotKind>;
export type Position = z.infer<typeof Position>;
export type Sex = z.infer<typeof Sex>;
export type Role = z.infer<typeof Role>;

/** 'HH:MM', 00:00–24:00 (24:00 lets a slot run to midnight without crossing into the next day). */
const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const TimeOfDay = z.string().regex(TIME_OF_DAY, 'HH:MM');

type Words<T extends string> = Record<T, { ja: string; en: string; aliases: readonly string[] }>;

export const SLOT_KIND_WORDS: Words<SlotKind> = {
  lecture: { ja: '講義', en: 'Lecture', aliases: ['レクチャー', 'セミナー', '講演'] },
  'lab-visit': { ja: '研究室訪問', en: 'Lab visit', aliases: ['研究室見学', 'lab'] },
  research: { ja: '共同研究', en: 'Research', aliases: ['研究', '実験', '共同研究活動'] },
  'site-visit': { ja: '施設見学', en: 'Site visit', aliases: ['見学', '企業見学', '工場見学'] },
  culture: { ja: '文化体験', en: 'Culture', aliases: ['文化', '日本文化体験'] },
  exchange: { ja: '交流会', en: 'Exchange', aliases: ['交流', '懇親会', '歓迎会'] },
  travel: { ja: '移動', en: 'Travel', aliases: ['移動日', '来日', '離日'] },
  free: { ja: '自由', en: 'Free', aliases: ['自由時間', '休憩', '自由行動'] },
};

// The 身分 vocabulary (docs/import-vocabulary.md): every word an import accepts, grouped by kind.
// A word outside it is refused with its row, column and this list, never turned into another word.
export const POSITION_WORDS: Words<Position> = {
  undergraduate: { ja: '学部生', en: 'Undergraduate', aliases: ['学部学生', '大学生', 'bachelor', 'bachelor student', 'undergraduate student'] },
  graduate: { ja: '大学院生', en: 'Graduate student', aliases: ['大学院学生', '院生', 'graduate', 'postgraduate', 'postgraduate student'] },
  master: { ja: '修士', en: 'Master’s student', aliases: ['修士課程', '修士学生', '修士課程学生', '博士前期', '博士前期課程', 'master', 'masters', 'master student', 'msc', 'msc student'] },
  doctoral: { ja: '博士', en: 'Doctoral student', aliases: ['博士課程', '博士学生', '博士課程学生', '博士後期', '博士後期課程', 'phd', 'ph.d.', 'phd student', 'phd candidate', 'doctoral', 'doctoral candidate'] },
  postdoc: { ja: 'ポスドク', en: 'Postdoc', aliases: ['博士研究員', 'postdoctoral', 'post-doc', 'postdoctoral fellow', 'postdoctoral researcher', 'research fellow'] },
  researcher: { ja: '研究者', en: 'Researcher', aliases: ['研究員', '主任研究員', 'research scientist', 'scientist'] },
  faculty: { ja: '大学教員', en: 'Faculty', aliases: ['教授', '准教授', '助教授', '講師', '助教', '助手', '特任教授', '名誉教授', 'professor', 'associate professor', 'assistant professor', 'lecturer'] },
  kosen: { ja: '高専生', en: 'KOSEN student', aliases: ['高専', '高専学生', '高等専門学校生', 'kosen', 'college of technology student'] },
  'high-school': { ja: '高校生', en: 'High-school student', aliases: ['高校', '高等学校', '高等学校生徒', 'high school', 'high school student', 'secondary school student'] },
  student: { ja: '学生', en: 'Student', aliases: ['student'] },
  teacher: { ja: '教員', en: 'Teacher', aliases: ['教師', '教諭', '引率教員', 'school teacher', 'teacher'] },
  engineer: { ja: '技術者', en: 'Engineer', aliases: ['技術職員', 'エンジニア', 'engineer', 'technician'] },
  official: { ja: '行政官', en: 'Official', aliases: ['政府職員', '行政職員', '公務員', 'government official', 'government officer', 'civil servant'] },
  other: { ja: 'その他', en: 'Other', aliases: ['職員', 'staff', 'other'] },
};

/** Every Japanese 身分 word an import accepts, for refusal messages and the docs. */
export const POSITION_VOCABULARY_JA: readonly string[] = Object.values(POSITION_WORDS).flatMap((w) => [w.ja, ...w.aliases.filter((a) => /[^\x20-\x7e]/.test(a))]);

export const SEX_WORDS: Words<Sex> = {
  female: { ja: '女', en: 'Female', aliases: ['女性', 'f', 'w', '女子', 'woman'] },
  male: { ja: '男', en: 'Male', aliases: ['男性', 'm', '男子', 'man'] },
  other: { ja: 'その他', en: 'Other', aliases: ['x', '回答しない', 'non-binary'] },
};

export const ROLE_WORDS: Words<Role> = {
  invitee: { ja: '招へい者', en: 'Invitee', aliases: ['招聘者', '参加者', '研修生'] },
  escort: { ja: '引率者', en: 'Escort', aliases: ['引率', '引率教員', 'chaperone'] },
};

export function label<T extends string>(words: Words<T>, value: T, lang: Lang): string {
  return words[value][lang];
}

// Spaces, dots, hyphens and apostrophes vary freely ("Ph.D.", "Master's", "post-doc").
const NOISE = /[\s・_.'’-]/g;
const key = (s: string) => normalizeText(s).toLowerCase().replace(NOISE, '');

function lookup<T extends string>(words: Words<T>): (v: unknown) => Parsed<T> {
  const map = new Map<string, T>();
  for (const [value, w] of Object.entries(words) as [T, Words<T>[T]][]) {
    for (const s of [value, w.ja, w.en, ...w.aliases]) map.set(key(s), value);
  }
  return (v) => {
    if (typeof v !== 'string') return { ok: false };
    const hit = map.get(key(v));
    return hit === undefined ? { ok: false } : { ok: true, value: hit };
  };
}

export const parseSlotKind = lookup(SLOT_KIND_WORDS);
export const parsePosition = lookup(POSITION_WORDS);
export const parseSex = lookup(SEX_WORDS);
export const parseRole = lookup(ROLE_WORDS);

/** Minutes since midnight of a valid 'HH:MM'; NaN otherwise. */
export function minutesOf(time: string): number {
  // The schema's own pattern, tested directly: a zod parse per call was most of the itinerary
  // checks' time in a page of 100 programs (three calls per slot).
  if (!TIME_OF_DAY.test(time)) return Number.NaN;
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function timeOf(minutes: number): string {
  const m = Math.max(0, Math.min(24 * 60, Math.round(minutes)));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Family name first, as Japanese rosters and passports in most of Asia order it. */
export function romanName(p: { familyName: string; givenName: string }): string {
  return `${p.familyName.toUpperCase()} ${p.givenName}`.trim();
}

const optText = (max: number) => TextLine.max(max).nullable();

/** One person on a program's roster, as staff enter it or the host's list gives it. */
export const ParticipantInput = z.object({
  /** null for a new row; an existing id keeps the row's identity (and created time) across saves. */
  id: Id.nullable(),
  familyName: TextLine.min(1).max(100),
  givenName: TextLine.max(100),
  nativeName: optText(200),
  sex: Sex.nullable(),
  /** YYYY-MM-DD; checked by the eligibility engine, so a bad date is a finding, not a rejected save. */
  birthDate: TextLine.max(20).nullable(),
  /** ISO 3166-1 alpha-2. */
  nationality: CountryCode.nullable(),
  affiliation: optText(200),
  position: Position.nullable(),
  /**
   * The 身分 exactly as the host wrote it (教授, 大学院生, Associate Professor), shown and exported
   * instead of the kind's label. null: the kind's label is the title. A title outside the
   * vocabulary is refused by the import; one given here decides the kind (see db/programs.ts).
   */
  positionTitle: TextLine.max(60).nullable().default(null),
  role: Role,
  email: optText(254),
});
export type ParticipantInput = z.infer<typeof ParticipantInput>;

/** How a participant's 身分 reads: the typed title, else the kind's label. */
export function positionText(p: { position: Position | null; positionTitle?: string | null }, lang: Lang): string {
  if (p.positionTitle) return p.positionTitle;
  return p.position ? POSITION_WORDS[p.position][lang] : '';
}
export const Participant = ParticipantInput.extend({ id: z.string() });
export type Participant = z.infer<typeof Participant>;

export const SlotInput = z.object({
  id: Id.nullable(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  start: TimeOfDay,
  end: TimeOfDay,
  activity: TextLine.min(1).max(300),
  kind: SlotKind,
  /** Course A counts lecture days "at the host institution"; a lecture elsewhere does not count. */
  atHost: z.boolean(),
  place: optText(200),
  personInCharge: optText(200),
  note: TextBlock.max(1000).nullable(),
});
export type SlotInput = z.infer<typeof SlotInput>;
export const Slot = SlotInput.extend({ id: z.string() });
export type Slot = z.infer<typeof Slot>;
