/**
 * ISO 8601 durations (DESIGN §5), parsed and added by luxon: hours, minutes and seconds
 * count on the clock (elapsed time); years, months, weeks and days count calendar units in
 * a time zone, so a daylight-saving change never moves a deadline by an hour.
 */
import { DateTime, Duration } from 'luxon';

/** A parsed, positive ISO 8601 duration: calendar units (integers) and clock milliseconds. */
export interface ParsedIsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  /** Hours, minutes and seconds, as elapsed milliseconds. */
  clockMs: number;
}

const cache = new Map<string, ParsedIsoDuration | null>();
const CACHE_LIMIT = 10_000;
/** Upper case designators only, no sign: luxon's parser is lenient about both. */
const SHAPE = /^P[0-9.,YMWDTHS]+$/;

function parseUncached(iso: string): ParsedIsoDuration | null {
  if (!SHAPE.test(iso) || iso.endsWith('T')) return null;
  const d = Duration.fromISO(iso);
  if (!d.isValid || d.quarters !== 0) return null;
  const calendar = [d.years, d.months, d.weeks, d.days];
  // Calendar units are whole numbers; clock units may carry a decimal fraction (PT1.5H).
  if (calendar.some((v) => !Number.isSafeInteger(v) || v < 0)) return null;
  if ([d.hours, d.minutes, d.seconds, d.milliseconds].some((v) => !Number.isFinite(v) || v < 0)) return null;
  const clockMs = Math.round(Duration.fromObject({ hours: d.hours, minutes: d.minutes, seconds: d.seconds, milliseconds: d.milliseconds }).toMillis());
  if (!Number.isSafeInteger(clockMs)) return null;
  const [years, months, weeks, days] = calendar as [number, number, number, number];
  return [years, months, weeks, days, clockMs].some((v) => v > 0) ? { years, months, weeks, days, clockMs } : null;
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
  return (d.years * 365 + d.months * 30 + d.weeks * 7 + d.days) * 86_400_000 + d.clockMs;
}

/** Throws unless the IANA time zone is known. */
export function assertTimezone(timezone: string): void {
  if (!DateTime.now().setZone(timezone).isValid) throw new RangeError(`unknown time zone "${timezone}"`);
}

/**
 * start + duration: calendar units first, in the time zone (keeping the local wall-clock
 * time; a day past the month's end is clamped to its last day), then the clock units as
 * elapsed time.
 */
export function addIsoDuration(start: Date, iso: string, timezone: string): Date {
  const d = mustParse(iso);
  if (Number.isNaN(start.getTime())) throw new RangeError('invalid start date');
  const local = DateTime.fromJSDate(start, { zone: timezone });
  if (!local.isValid) throw new RangeError(`unknown time zone "${timezone}"`);
  const calendar = d.years || d.months || d.weeks || d.days ? local.plus({ years: d.years, months: d.months, weeks: d.weeks, days: d.days }) : local;
  return new Date(calendar.toMillis() + d.clockMs);
}
