/**
 * The preservation rules (DESIGN §3, §5): the preserved-until window at confirmation and
 * the limit of an extension, calendar arithmetic in the preserving authority's zone. Pure:
 * a check answers the refusal (a business rule, HTTP 422) or null.
 */
import { DateTime } from 'luxon';
import { addIsoDuration } from './iso-duration';

export interface PreservationPolicy {
  /** The shortest preservation period from confirmation (ISO 8601 duration). */
  minimum: string;
  /** The longest preservation period from confirmation (ISO 8601 duration). */
  maximumPeriod: string;
  /** How far one extension may move the preserved-until date (ISO 8601 duration). */
  extension: string;
  /** How many extensions are allowed (0 or more). */
  maxExtensions: number;
}

/** A business rule broken by a well-formed value: what is wrong, and per field. */
export interface RuleRefusal {
  detail: string;
  errors: { field: string; message: string }[];
}

/** The preserved-until dates allowed at confirmation: [confirmedAt + minimum, confirmedAt + maximumPeriod]. */
export function preservationWindow(confirmedAt: Date, p: PreservationPolicy, timezone: string): { earliest: Date; latest: Date } {
  return { earliest: addIsoDuration(confirmedAt, p.minimum, timezone), latest: addIsoDuration(confirmedAt, p.maximumPeriod, timezone) };
}

/** The latest preserved-until date one extension may set: currentUntil + extension. */
export function extensionLimit(currentUntil: Date, p: PreservationPolicy, timezone: string): Date {
  return addIsoDuration(currentUntil, p.extension, timezone);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A preserved-until value as given: a date means the end of that day at the preserving authority. */
export interface PreservedUntil {
  at: Date;
  /** Set when the officer named a day rather than an instant: limits then compare by local day. */
  localDate: string | null;
}

export function parsePreservedUntil(value: string, timezone: string): PreservedUntil {
  if (DATE_ONLY.test(value)) {
    return { at: DateTime.fromISO(value, { zone: timezone }).endOf('day').toJSDate(), localDate: value };
  }
  return { at: new Date(value), localDate: null };
}

const localDay = (d: Date, tz: string) => DateTime.fromJSDate(d, { zone: tz }).toISODate() as string;

/** Whether `until` lies within [earliest, latest]: by local day when a day was named. */
function within(until: PreservedUntil, earliest: Date, latest: Date, tz: string): boolean {
  if (until.localDate) return until.localDate >= localDay(earliest, tz) && until.localDate <= localDay(latest, tz);
  return until.at >= earliest && until.at <= latest;
}

/** confirm_preservation: at least the policy's minimum, at most its maximum period from now. */
export function confirmationRefusal(until: PreservedUntil, now: Date, p: PreservationPolicy, tz: string): RuleRefusal | null {
  const { earliest, latest } = preservationWindow(now, p, tz);
  if (within(until, earliest, latest, tz)) return null;
  return {
    detail: `Data must be preserved for at least ${p.minimum} and at most ${p.maximumPeriod}: from ${localDay(earliest, tz)} to ${localDay(latest, tz)} (${tz})`,
    errors: [{ field: 'preservedUntil', message: `must lie between ${earliest.toISOString()} and ${latest.toISOString()}` }],
  };
}

/** extend_preservation: later than now preserved, by at most one extension, at most maxExtensions times. */
export function extensionRefusal(until: PreservedUntil, current: Date, extensionsSoFar: number, p: PreservationPolicy, tz: string): RuleRefusal | null {
  if (extensionsSoFar >= p.maxExtensions) {
    return {
      detail: `The preservation was already extended ${extensionsSoFar} times, the policy's maximum`,
      errors: [{ field: 'preservedUntil', message: `no extension left (maximum ${p.maxExtensions})` }],
    };
  }
  const limit = extensionLimit(current, p, tz);
  if (until.at > current && within(until, current, limit, tz)) return null;
  return {
    detail: `An extension moves the preserved-until date later by at most ${p.extension}`,
    errors: [{ field: 'preservedUntil', message: `must lie after ${current.toISOString()} and not after ${limit.toISOString()}` }],
  };
}
