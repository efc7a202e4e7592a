/**
 * Business days (DESIGN §5): weekends (Saturday, Sunday) and public holidays of the ball
 * holder's country, from the maintained `date-holidays` library, counted in the ball
 * holder's time zone; a business-day deadline ends at 23:59:59.999 local time.
 *
 * The library is corrected by the country's working calendar when one is given: the days its
 * government announces as non-working are never business days, and the weekend days it
 * announces as working (the make-up days of a swap) always are (data with its source, in
 * `config/working-calendars.yaml`, loaded by `@mla/countries`).
 *
 * Fast enough for a million due dates: one Holidays instance per country, and each year's
 * holidays computed once per country into one set of day numbers; a working calendar is
 * turned into two sets of day numbers once per calendar object; days are walked as integers.
 */
import Holidays from 'date-holidays';
import { DAY_MS, fromLocalMs, toLocalMs } from './zoned-time';

/** Where the ball holder works: ISO 3166-1 alpha-2 country and IANA time zone. */
export interface BallHolderPlace {
  country: string;
  timezone: string;
}

/**
 * A country's announced corrections to the holiday library: local calendar dates YYYY-MM-DD.
 * Treat it as immutable: it is compiled once per object.
 */
export interface WorkingCalendar {
  /** Never business days (announced holidays the library lacks, days swapped off). */
  readonly nonWorkingDays: readonly string[];
  /** Business days even on a weekend or a library holiday (make-up days of a swap). */
  readonly makeUpWorkingDays: readonly string[];
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const calendars = new Map<string, Holidays | null>();
let supported: Record<string, string> | undefined;

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

/** A country's public holidays as day numbers, filled in one calendar year at a time. */
interface HolidayDays {
  days: Set<number>;
  years: Set<number>;
}

const holidays = new Map<string, HolidayDays>();

/**
 * Adds the public holidays date-holidays lists for a year. A holiday may last several days
 * (e.g. Tết in Vietnam: one entry from its first day to its end) and run into the next year.
 */
function addYear(country: string, state: HolidayDays, year: number): void {
  state.years.add(year);
  const cal = calendarFor(country);
  if (!cal) return;
  for (const h of cal.getHolidays(year)) {
    if (h.type !== 'public') continue;
    const m = LOCAL_DATE.exec(h.date.slice(0, 10));
    if (!m) continue;
    const first = dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
    const length = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
    for (let d = first; d < first + length; d++) state.days.add(d);
  }
}

/** The holiday days of a country, with the year of `dayNum` and the one before it computed. */
function holidaysAround(country: string, dayNum: number): Set<number> {
  let state = holidays.get(country);
  if (!state) holidays.set(country, (state = { days: new Set(), years: new Set() }));
  const year = yearOf(dayNum);
  if (!state.years.has(year)) addYear(country, state, year);
  if (!state.years.has(year - 1)) addYear(country, state, year - 1);
  return state.days;
}

/** A working calendar as day numbers. */
interface CompiledCalendar {
  off: ReadonlySet<number>;
  on: ReadonlySet<number>;
}

const compiledCalendars = new WeakMap<WorkingCalendar, CompiledCalendar>();

function dayNumberOfLocalDate(localDate: string): number {
  const m = LOCAL_DATE.exec(localDate);
  const n = m ? dayNumber(Number(m[1]), Number(m[2]), Number(m[3])) : NaN;
  if (!m || new Date(n * DAY_MS).toISOString().slice(0, 10) !== localDate) throw new RangeError(`"${localDate}" is not a date YYYY-MM-DD`);
  return n;
}

function compile(calendar: WorkingCalendar | undefined): CompiledCalendar | undefined {
  if (!calendar) return undefined;
  let compiled = compiledCalendars.get(calendar);
  if (!compiled) {
    compiled = { off: new Set(calendar.nonWorkingDays.map(dayNumberOfLocalDate)), on: new Set(calendar.makeUpWorkingDays.map(dayNumberOfLocalDate)) };
    compiledCalendars.set(calendar, compiled);
  }
  return compiled;
}

function isBusinessDayNumber(dayNum: number, country: string, calendar?: CompiledCalendar): boolean {
  if (calendar) {
    if (calendar.off.has(dayNum)) return false;
    if (calendar.on.has(dayNum)) return true;
  }
  const wd = weekday(dayNum);
  if (wd === 0 || wd === 6) return false;
  return !holidaysAround(country, dayNum).has(dayNum);
}

/**
 * Whether a local calendar date (YYYY-MM-DD) is a business day in the country; `calendar` is
 * the country's announced corrections to the holiday library, when there are any.
 */
export function isBusinessDay(localDate: string, country: string, calendar?: WorkingCalendar): boolean {
  const m = LOCAL_DATE.exec(localDate);
  if (!m) throw new RangeError(`"${localDate}" is not a date YYYY-MM-DD`);
  return isBusinessDayNumber(dayNumber(Number(m[1]), Number(m[2]), Number(m[3])), country.toUpperCase(), compile(calendar));
}

/**
 * The end (23:59:59.999 local) of the `days`-th business day after the start's local date
 * in the place's time zone; the start day itself never counts. `calendar` is the ball holder's
 * country's working calendar (announced non-working and make-up days), when there is one.
 */
export function addBusinessDays(start: Date, days: number, place: BallHolderPlace, calendar?: WorkingCalendar): Date {
  if (!Number.isSafeInteger(days) || days < 1) throw new RangeError(`business days must be a positive integer, not ${days}`);
  const startMs = start.getTime();
  if (Number.isNaN(startMs)) throw new RangeError('invalid start date');
  const country = place.country.toUpperCase();
  const compiled = compile(calendar);
  let d = Math.floor(toLocalMs(startMs, place.timezone) / DAY_MS);
  for (let left = days; left > 0; ) {
    d += 1;
    if (isBusinessDayNumber(d, country, compiled)) left -= 1;
  }
  return new Date(fromLocalMs((d + 1) * DAY_MS - 1, place.timezone));
}
