/**
 * Business days (DESIGN §5): weekends (Saturday, Sunday) and public holidays of the ball
 * holder's country, from the maintained `date-holidays` library, counted in the ball
 * holder's time zone; a business-day deadline ends at 23:59:59.999 local time.
 *
 * Fast enough for a million due dates: one Holidays instance per country and one set of
 * holiday day numbers per country and year, computed once; days are walked as integers.
 */
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

/** Where the ball holder works: ISO 3166-1 alpha-2 country and IANA time zone. */
export interface BallHolderPlace {
  country: string;
  timezone: string;
}

const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const calendars = new Map<string, Holidays | null>();
let supported: Record<string, string> | undefined;
const holidaySets = new Map<string, Set<number>>();

/** Days since 1970-01-01 of a calendar date. */
function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function yearOf(dayNum: number): number {
  return new Date(dayNum * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekday(dayNum: number): number {
  return (((dayNum + 4) % 7) + 7) % 7;
}

function calendarFor(country: string): Holidays | null {
  let cal = calendars.get(country);
  if (cal === undefined) {
    supported ??= new Holidays().getCountries();
    cal = Object.prototype.hasOwnProperty.call(supported, country) ? new Holidays(country) : null;
    calendars.set(country, cal);
  }
  return cal;
}

/** True when `date-holidays` has a holiday calendar for the country (else only weekends count). */
export function hasHolidayCalendar(country: string): boolean {
  return calendarFor(country.toUpperCase()) !== null;
}

/**
 * The public holidays of a country falling in a year, as day numbers. A holiday may last
 * several days (e.g. Tết in Vietnam: one entry from its first day to its end), and one of
 * the previous year may run into this one.
 */
function holidaysOf(country: string, year: number): Set<number> {
  const key = `${country}:${year}`;
  let set = holidaySets.get(key);
  if (set) return set;
  set = new Set<number>();
  const cal = calendarFor(country);
  if (cal) {
    for (const h of [...cal.getHolidays(year - 1), ...cal.getHolidays(year)]) {
      if (h.type !== 'public') continue;
      const m = LOCAL_DATE.exec(h.date.slice(0, 10));
      if (!m) continue;
      const first = dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
      const length = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
      for (let d = first; d < first + length; d++) if (yearOf(d) === year) set.add(d);
    }
  }
  holidaySets.set(key, set);
  return set;
}

function isBusinessDayNumber(dayNum: number, country: string): boolean {
  const wd = weekday(dayNum);
  if (wd === 0 || wd === 6) return false;
  return !holidaysOf(country, yearOf(dayNum)).has(dayNum);
}

/** Whether a local calendar date (YYYY-MM-DD) is a business day in the country. */
export function isBusinessDay(localDate: string, country: string): boolean {
  const m = LOCAL_DATE.exec(localDate);
  if (!m) throw new RangeError(`"${localDate}" is not a date YYYY-MM-DD`);
  return isBusinessDayNumber(dayNumber(Number(m[1]), Number(m[2]), Number(m[3])), country.toUpperCase());
}

/**
 * The end (23:59:59.999 local) of the `days`-th business day after the start's local date
 * in the place's time zone; the start day itself never counts.
 */
export function addBusinessDays(start: Date, days: number, place: BallHolderPlace): Date {
  if (!Number.isSafeInteger(days) || days < 1) throw new RangeError(`business days must be a positive integer, not ${days}`);
  const local = DateTime.fromMillis(start.getTime(), { zone: place.timezone });
  if (!local.isValid) throw new RangeError(`invalid start or unknown time zone "${place.timezone}"`);
  const country = place.country.toUpperCase();
  let d = dayNumber(local.year, local.month, local.day);
  for (let left = days; left > 0; ) {
    d += 1;
    if (isBusinessDayNumber(d, country)) left -= 1;
  }
  const day = new Date(d * DAY_MS);
  return DateTime.fromObject(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: 23, minute: 59, second: 59, millisecond: 999 },
    { zone: place.timezone },
  ).toJSDate();
}
