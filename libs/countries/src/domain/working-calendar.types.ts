/**
 * Each country's real working calendar (DESIGN §5): the days its government announces as
 * non-working (e.g. Viet Nam's five days of Tết) and the weekend days it announces as working
 * (make-up days of a swap), per year and each with its source. Layered over the holiday library
 * by the business-day arithmetic.
 */

/** A listed day, or a range of days, with its source. Dates are local calendar dates YYYY-MM-DD. */
export interface CalendarEntry {
  from: string;
  /** Equal to `from` for a single day. */
  to: string;
  name?: string;
  source: string;
}

export interface CalendarYear {
  year: number;
  nonWorkingDays: readonly CalendarEntry[];
  makeUpWorkingDays: readonly CalendarEntry[];
}

/**
 * What the business-day arithmetic takes (`@mla/deadlines` `WorkingCalendar` has this shape):
 * every listed date, ranges expanded, sorted.
 */
export interface WorkingDayOverrides {
  nonWorkingDays: readonly string[];
  makeUpWorkingDays: readonly string[];
}

export interface CountryWorkingCalendar extends WorkingDayOverrides {
  /** ISO 3166-1 alpha-2. */
  country: string;
  years: readonly CalendarYear[];
}

export type WorkingCalendarMap = ReadonlyMap<string, CountryWorkingCalendar>;
