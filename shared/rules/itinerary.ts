// Itinerary checks (日程表): pure, like the eligibility engine, so the planner shows them as staff
// type and main/ gives the same answer in `list programs`. Every limit comes from the fiscal year's
// rule set; the holiday list is @holiday-jp/holiday_jp's table (maintained upstream, covering
// substitute and citizens' holidays that no simple formula gets right).
import holidays from '@holiday-jp/holiday_jp/lib/holidays.js';
import { addDays, dayNumber, daysInclusive, isIsoDate } from '../dates.ts';
import type { Course, Mode } from '../domain.ts';
import { minutesOf, SLOT_KIND_WORDS, type SlotInput, type SlotKind } from '../programs.ts';
import type { Finding } from './types.ts';
import type { RuleSet } from './ruleset.ts';

export const ITINERARY_VIOLATION_CODES = [
  'DAY_BEYOND_STAY_LIMIT',
  'SLOT_OUTSIDE_STAY',
  'SLOT_TIME_INVALID',
  'SLOT_AFTER_DEADLINE',
  'LECTURE_DAYS_TOO_FEW',
] as const;
export const ITINERARY_WARNING_CODES = ['SLOT_OVERLAP', 'ACTIVITY_ON_HOLIDAY', 'ACTIVITY_ON_WEEKEND', 'ITINERARY_EMPTY'] as const;

export interface ItineraryProgram {
  course: Course;
  fiscalYear: number;
  mode: Mode;
  arrival: string;
  departure: string;
}

/** What a slot needs for the checks: the editor runs them on unsaved rows (id null). */
export type CheckedSlot = Pick<SlotInput, 'date' | 'start' | 'end' | 'kind' | 'atHost' | 'activity'> & { id: string | null };

export interface ItineraryResult {
  violations: Finding[];
  warnings: Finding[];
}

interface HolidayEntry {
  name: string;
  name_en: string;
}
const HOLIDAYS = holidays as unknown as Record<string, HolidayEntry | undefined>;

/**
 * Which holiday table this build carries (how many dates, the last one): a stored program check
 * (programCheckKey) names it, so an upgraded @holiday-jp table that adds or moves a holiday makes
 * every stored check stale by itself, with no revision to remember.
 */
export const HOLIDAY_TABLE_STAMP = (() => {
  const dates = Object.keys(HOLIDAYS);
  return `${dates.length}-${dates.reduce((a, b) => (b > a ? b : a), '')}`;
})();

/** The Japanese public holiday on a date, or null. */
export function holidayOn(iso: string): { ja: string; en: string } | null {
  const h = HOLIDAYS[iso];
  return h ? { ja: h.name, en: h.name_en } : null;
}

/** 0 = Sunday … 6 = Saturday, from the date alone (1970-01-01 was a Thursday). */
export function weekdayOf(iso: string): number {
  return (((dayNumber(iso) + 4) % 7) + 7) % 7;
}

const WEEKDAY_JA = ['日', '月', '火', '水', '木', '金', '土'];
const WEEKDAY_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export function weekdayLabel(iso: string, lang: 'ja' | 'en'): string {
  return (lang === 'ja' ? WEEKDAY_JA : WEEKDAY_EN)[weekdayOf(iso)]!;
}

/** Every date of the stay, arrival to departure inclusive; empty when the dates are not usable. */
export function stayDates(arrival: string, departure: string): string[] {
  if (!isIsoDate(arrival) || !isIsoDate(departure) || departure < arrival) return [];
  const n = daysInclusive(arrival, departure);
  // A typo such as 2062 for 2026 must not make the planner draw thousands of days.
  const shown = Math.min(n, 400);
  return Array.from({ length: shown }, (_, i) => addDays(arrival, i));
}

// Travel and free time on a Sunday are normal (most visits arrive at a weekend); what needs a
// second look is a lecture or a lab visit when the host institution is closed.
const OFF_DAY_EXEMPT: ReadonlySet<SlotKind> = new Set(['travel', 'free']);

function jaDate(iso: string): string {
  return `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

function f(code: string, message: string, messageEn: string, params: Finding['params']): Finding {
  return { code, message, messageEn, params };
}

/** Slots in display order: by date, then start, then end. */
export function sortSlots<T extends CheckedSlot>(slots: readonly T[]): T[] {
  return [...slots].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
}

/**
 * The course A lecture rule: more than `share` of the activity days (the stay's days without the
 * arrival and departure days) must include a lecture held at the host institution. Returns the
 * smallest number of lecture days that satisfies it.
 */
export function lectureDaysRequired(activityDays: number, share: number): number {
  // "More than half" of 5 days is 3, of 4 days is 3: the first whole number strictly above.
  return Math.floor(activityDays * share + 1e-9) + 1;
}

export function checkItinerary(program: ItineraryProgram, slots: readonly CheckedSlot[], ruleSet: RuleSet): ItineraryResult {
  const violations: Finding[] = [];
  const warnings: Finding[] = [];
  const values = ruleSet.values;
  const limit = values.courses[program.course].maxStayDays;
  const dates = stayDates(program.arrival, program.departure);
  const datesValid = dates.length > 0;

  // Days past the stay limit are named one by one, so the planner can colour exactly those columns.
  if (datesValid) {
    dates.forEach((date, i) => {
      if (i + 1 <= limit) return;
      violations.push(
        f(
          'DAY_BEYOND_STAY_LIMIT',
          `${jaDate(date)}は${i + 1}日目で、このコースの滞在上限${limit}日間を超えています。`,
          `${date} is day ${i + 1}, beyond the course's ${limit}-day stay limit.`,
          { date, day: i + 1, limit },
        ),
      );
    });
  }

  // Nothing planned yet is its own (warning) state: reporting every content rule against an empty
  // plan (no lectures, …) would bury the one thing staff need to know.
  if (slots.length === 0) {
    warnings.push(f('ITINERARY_EMPTY', '日程がまだ入力されていません。', 'No itinerary has been entered yet.', {}));
    return { violations, warnings };
  }

  const deadline = `${program.fiscalYear + 1}-${values.visitEndsBeforeMonthDay}`;
  const offDays = new Set<string>();
  const lectureDays = new Set<string>();
  const byDate = new Map<string, CheckedSlot[]>();

  for (const s of slots) {
    const slotId = s.id;
    const start = minutesOf(s.start);
    const end = minutesOf(s.end);
    if (!isIsoDate(s.date) || Number.isNaN(start) || Number.isNaN(end) || end <= start) {
      violations.push(
        f(
          'SLOT_TIME_INVALID',
          `「${s.activity}」の日時（${s.date} ${s.start}〜${s.end}）が正しくありません。終了は開始より後にしてください。`,
          `"${s.activity}" has an invalid date or time (${s.date} ${s.start}–${s.end}); the end must be after the start.`,
          { slotId, date: s.date, start: s.start, end: s.end },
        ),
      );
      continue;
    }
    if (datesValid && (s.date < program.arrival || s.date > program.departure)) {
      violations.push(
        f(
          'SLOT_OUTSIDE_STAY',
          `「${s.activity}」（${jaDate(s.date)}）が滞在期間（${program.arrival}〜${program.departure}）の外にあります。`,
          `"${s.activity}" (${s.date}) is outside the stay (${program.arrival} to ${program.departure}).`,
          { slotId, date: s.date, arrival: program.arrival, departure: program.departure },
        ),
      );
    }
    if (!(s.date < deadline)) {
      violations.push(
        f(
          'SLOT_AFTER_DEADLINE',
          `「${s.activity}」（${s.date}）は、${program.fiscalYear}年度の交流の期限（${deadline}より前に終了）を過ぎています。`,
          `"${s.activity}" (${s.date}) is past FY${program.fiscalYear}'s deadline (visits end before ${deadline}).`,
          { slotId, date: s.date, deadline },
        ),
      );
    }
    const list = byDate.get(s.date) ?? [];
    list.push(s);
    byDate.set(s.date, list);
    if (s.kind === 'lecture' && s.atHost) lectureDays.add(s.date);

    if (!OFF_DAY_EXEMPT.has(s.kind) && !offDays.has(s.date)) {
      const holiday = holidayOn(s.date);
      const wd = weekdayOf(s.date);
      if (holiday) {
        offDays.add(s.date);
        warnings.push(
          f(
            'ACTIVITY_ON_HOLIDAY',
            `${jaDate(s.date)}（${WEEKDAY_JA[wd]}）は祝日「${holiday.ja}」です。受入れ機関の対応を確認してください。`,
            `${s.date} (${WEEKDAY_EN[wd]}) is a public holiday in Japan (${holiday.en}); check that the host can receive the group.`,
            { date: s.date, holiday: holiday.ja, holidayEn: holiday.en },
          ),
        );
      } else if (wd === 0 || wd === 6) {
        offDays.add(s.date);
        warnings.push(
          f(
            'ACTIVITY_ON_WEEKEND',
            `${jaDate(s.date)}（${WEEKDAY_JA[wd]}）は週末です。受入れ機関の対応を確認してください。`,
            `${s.date} (${WEEKDAY_EN[wd]}) is a weekend; check that the host can receive the group.`,
            { date: s.date, weekday: WEEKDAY_EN[wd]! },
          ),
        );
      }
    }
  }

  // Overlaps: within a day, sorted by start, each slot against the ones still running. Touching
  // slots (10:00–11:00 then 11:00–12:00) do not overlap.
  for (const [date, list] of byDate) {
    const sorted = sortSlots(list);
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i]!;
      for (let j = i + 1; j < sorted.length; j++) {
        const b = sorted[j]!;
        if (minutesOf(b.start) >= minutesOf(a.end)) break;
        warnings.push(
          f(
            'SLOT_OVERLAP',
            `${jaDate(date)}の「${a.activity}」（${a.start}〜${a.end}）と「${b.activity}」（${b.start}〜${b.end}）の時間が重なっています。`,
            `On ${date}, "${a.activity}" (${a.start}–${a.end}) overlaps "${b.activity}" (${b.start}–${b.end}).`,
            { date, slotId: a.id, otherSlotId: b.id },
          ),
        );
      }
    }
  }

  if (program.course === 'A' && datesValid) {
    const activity = dates.slice(1, -1);
    if (activity.length > 0) {
      const actual = activity.filter((d) => lectureDays.has(d)).length;
      const required = lectureDaysRequired(activity.length, values.courseALectureDayShare);
      if (actual < required) {
        violations.push(
          f(
            'LECTURE_DAYS_TOO_FEW',
            `Aコースでは、来日日・離日日を除く活動日（${activity.length}日）の半数を超える日に受入れ機関での${SLOT_KIND_WORDS.lecture.ja}が必要です（${required}日以上）。現在は${actual}日です。`,
            `Course A needs a lecture at the host on more than half of the ${activity.length} activity days (arrival and departure excluded): at least ${required}; now ${actual}.`,
            { activityDays: activity.length, required, actual, share: values.courseALectureDayShare },
          ),
        );
      }
    }
  }

  return { violations, warnings };
}
