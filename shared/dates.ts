// Calendar dates as staff mean them: YYYY-MM-DD with no time zone. Plain integer arithmetic rather
// than `Date`, because a `Date` carries a time zone and a laptop in Japan and one on a business trip
// abroad must agree on how long a stay is and how old an invitee is on arrival.

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The number written by s[from, to) in ASCII digits, or -1 if any character is not one. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Strict: the exact YYYY-MM-DD shape and a real calendar date (no 2025-02-29, no 2025-13-01). */
export function parseIsoDate(s: string): CalendarDate | null {
  // By character codes, not ISO_DATE.exec: the program list parses a few thousand dates per page
  // (stays, slots, birth dates) and the regex's match arrays were a tenth of its rule checks.
  // Exactly the pattern's language: ten characters, digits but for the two hyphens.
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  if (year < 0 || month < 0 || day < 0) return null;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(s: string): boolean {
  return parseIsoDate(s) !== null;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatIsoDate(d: CalendarDate): string {
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil): a
// count that makes date differences a subtraction.
function daysFromCivil({ year, month, day }: CalendarDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): CalendarDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function mustParse(s: string): CalendarDate {
  const d = parseIsoDate(s);
  if (!d) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(s)}`);
  return d;
}

/** Days since 1970-01-01. Throws RangeError on an invalid date. */
export function dayNumber(iso: string): number {
  return daysFromCivil(mustParse(iso));
}

/** Throws RangeError on an invalid date. */
export function addDays(iso: string, days: number): string {
  return formatIsoDate(civilFromDays(daysFromCivil(mustParse(iso)) + days));
}

/**
 * Days from `from` to `to` counting both ends, as the program counts a stay (1 July → 7 July is 7
 * days). 0 or less when `to` is before `from`. Throws RangeError on an invalid date.
 */
export function daysInclusive(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/**
 * Age in full years on `on`. Counted by month and day, so the age goes up on the birthday itself;
 * someone born on 29 February goes up on 1 March in common years, which is also where Japan's age
 * law (年齢計算ニ関スル法律) lands. Negative when `on` is before the birth. Throws RangeError on an
 * invalid date.
 */
export function ageOn(birthDate: string, on: string): number {
  const b = mustParse(birthDate);
  const d = mustParse(on);
  const beforeBirthday = d.month < b.month || (d.month === b.month && d.day < b.day);
  return d.year - b.year - (beforeBirthday ? 1 : 0);
}

/**
 * The one "today" of the app: the calendar date at `now` in the laptop's time zone (Japan for the
 * JST office), never UTC, which would make the morning in Japan still "yesterday" until 09:00.
 * `timeZone` is for tests and for callers that must name the zone; default: the system's.
 */
export function todayIso(now: Date = new Date(), timeZone?: string): string {
  return localDateOf(now, timeZone);
}

/** The calendar date of an instant in the laptop's (or the given) time zone. */
export function localDateOf(instant: Date, timeZone?: string): string {
  // The system's zone: Date's local fields, which follow it (and a changed TZ) like Intl does.
  // Building an Intl.DateTimeFormat was a tenth of a millisecond on every queue call.
  if (timeZone === undefined) return formatIsoDate({ year: instant.getFullYear(), month: instant.getMonth() + 1, day: instant.getDate() });
  const parts = zoneFormat(timeZone).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

// A named zone's formatter never changes meaning, so one per zone is kept.
const zoneFormats = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let f = zoneFormats.get(timeZone);
  if (!f) zoneFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f;
}
