import { DateTime } from 'luxon';
import { AppException, FieldError } from '@mla/core';

/** The longest window the statistics accept. */
export const MAX_WINDOW_YEARS = 5;

export interface StatsWindow {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The window when neither `from` nor `to` is given: the last 12 months in the time zone, today included. */
export function lastTwelveMonths(now: Date, timezone: string): StatsWindow {
  const to = DateTime.fromJSDate(now, { zone: timezone }).startOf('day').plus({ days: 1 });
  return { from: to.minus({ months: 12 }).toJSDate(), to: to.toJSDate() };
}

/**
 * Reads `from` and `to` (ISO 8601); neither given: the last 12 months (lastTwelveMonths). A date, or a date-time without an offset, is read in
 * the supervisor's time zone (a date is that day's start there); a date-time with an
 * offset is taken as given. Both between 1970 and 9999, from < to, at most five years
 * apart; every problem is listed (400 VALIDATION_FAILED).
 */
export function parseStatsWindow(from: string | undefined, to: string | undefined, timezone: string, now: Date = new Date()): StatsWindow {
  if (from === undefined && to === undefined) return lastTwelveMonths(now, timezone);
  const errors: FieldError[] = [];
  const read = (field: 'from' | 'to', text: string | undefined): DateTime | null => {
    if (text === undefined || text === '') {
      errors.push({ field, message: `${field} is required (an ISO 8601 date such as 2026-01-01, or a date-time)` });
      return null;
    }
    const at = DATE_ONLY.test(text) ? DateTime.fromISO(text, { zone: timezone }).startOf('day') : DateTime.fromISO(text, { zone: timezone });
    if (!at.isValid) {
      errors.push({ field, message: `${field} must be an ISO 8601 date or date-time` });
      return null;
    }
    if (at.toUTC().year < 1970 || at.toUTC().year > 9999) {
      errors.push({ field, message: `${field} must fall between the years 1970 and 9999` });
      return null;
    }
    return at;
  };
  const start = read('from', from);
  const end = read('to', to);
  if (start && end) {
    if (start.toMillis() >= end.toMillis()) {
      errors.push({ field: 'to', message: 'to must be later than from (from is inclusive, to exclusive)' });
    } else if (end.toMillis() > start.plus({ years: MAX_WINDOW_YEARS }).toMillis()) {
      errors.push({ field: 'to', message: `the window from..to spans at most ${MAX_WINDOW_YEARS} years` });
    }
  }
  if (errors.length > 0 || !start || !end) throw AppException.validation(errors);
  return { from: start.toJSDate(), to: end.toJSDate() };
}
