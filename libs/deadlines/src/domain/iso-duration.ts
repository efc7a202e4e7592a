/**
 * ISO 8601 durations (DESIGN §5): hours, minutes and seconds count on the clock (absolute
 * elapsed time); years, months, weeks and days count calendar units in a time zone, so a
 * daylight-saving change never moves a deadline by an hour.
 */
import { DateTime } from 'luxon';
import { DAY_MS, fromLocalMs, toLocalMs, zoneOffsetMinutes } from './zoned-time';

/** A parsed, positive ISO 8601 duration: calendar units (integers) and clock milliseconds. */
export interface ParsedIsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  /** Hours, minutes and seconds, as elapsed milliseconds. */
  clockMs: number;
}

// Calendar units are whole numbers; clock units may carry a decimal fraction (PT1.5H).
const ISO_DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const cache = new Map<string, ParsedIsoDuration | null>();
const CACHE_LIMIT = 10_000;

function parseUncached(iso: string): ParsedIsoDuration | null {
  const m = ISO_DURATION.exec(iso);
  if (!m || iso.endsWith('T')) return null;
  const [years, months, weeks, days] = [m[1], m[2], m[3], m[4]].map((v) => (v === undefined ? 0 : Number(v)));
  const [h, min, s] = [m[5], m[6], m[7]].map((v) => (v === undefined ? 0 : Number(v)));
  const clockMs = Math.round(h * 3_600_000 + min * 60_000 + s * 1000);
  const parsed = { years, months, weeks, days, clockMs };
  const values = [years, months, weeks, days, clockMs];
  if (values.some((v) => !Number.isSafeInteger(v))) return null;
  return values.some((v) => v > 0) ? parsed : null;
}

/**
 * Parses a positive ISO 8601 duration (`PT8H`, `P20D`, `P1DT12H`, `PT30S`); null when the
 * text is not one (negative, zero, fractional calendar units, lower case, malformed).
 */
export function parseIsoDuration(iso: string): ParsedIsoDuration | null {
  let parsed = cache.get(iso);
  if (parsed !== undefined) return parsed;
  parsed = typeof iso === 'string' ? parseUncached(iso) : null;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(iso, parsed);
  return parsed;
}

/** True when the text is a positive ISO 8601 duration this module can compute with. */
export function isPositiveIsoDuration(iso: unknown): iso is string {
  return typeof iso === 'string' && parseIsoDuration(iso) !== null;
}

function mustParse(iso: string): ParsedIsoDuration {
  const parsed = parseIsoDuration(iso);
  if (!parsed) throw new RangeError(`"${iso}" is not a positive ISO 8601 duration`);
  return parsed;
}

/**
 * A duration's nominal length in milliseconds (a day is 24 h, a week 7 days, a month 30
 * days, a year 365 days): for "before the due time" reminders and comparing policy values.
 */
export function isoDurationNominalMs(iso: string): number {
  const d = mustParse(iso);
  return ((d.years * 365 + d.months * 30 + d.weeks * 7 + d.days) * 24 * 3_600_000) + d.clockMs;
}

/** Throws unless the IANA time zone is known. */
export function assertTimezone(timezone: string): void {
  if (!DateTime.now().setZone(timezone).isValid) throw new RangeError(`unknown time zone "${timezone}"`);
}

/** Years and months first (the day clamped to the month's length), then weeks and days, on the local calendar. */
function addCalendar(ms: number, d: ParsedIsoDuration, timezone: string): number {
  const local = new Date(toLocalMs(ms, timezone));
  const monthIndex = local.getUTCMonth() + d.months + 12 * d.years;
  const year = local.getUTCFullYear();
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay) + d.days + 7 * d.weeks;
  const timeOfDay = ((local.getTime() % DAY_MS) + DAY_MS) % DAY_MS;
  return fromLocalMs(Date.UTC(year, monthIndex, day) + timeOfDay, timezone);
}

/**
 * start + duration: calendar units first, in the time zone (keeping the local wall-clock
 * time), then the clock units as elapsed time.
 */
export function addIsoDuration(start: Date, iso: string, timezone: string): Date {
  const d = mustParse(iso);
  let ms = start.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid start date');
  if (d.years || d.months || d.weeks || d.days) ms = addCalendar(ms, d, timezone);
  else zoneOffsetMinutes(timezone, ms); // the zone must be known even when only the clock counts
  return new Date(ms + d.clockMs);
}
