import { DateTime } from 'luxon';
import { AppException } from '@mla/core';
import { extensionLimit, preservationWindow } from '@mla/deadlines';
import type { DeadlinePolicy } from '@mla/deadlines';

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

/** confirm_preservation: at least the policy's minimum, at most its maximum period from now (DESIGN §5). */
export function checkConfirmation(until: PreservedUntil, now: Date, p: DeadlinePolicy['preservation'], tz: string): void {
  const { earliest, latest } = preservationWindow(now, p, tz);
  if (!within(until, earliest, latest, tz)) {
    throw AppException.rule(
      `Data must be preserved for at least ${p.minimum} and at most ${p.maximumPeriod}: from ${localDay(earliest, tz)} to ${localDay(latest, tz)} (${tz})`,
      [{ field: 'preservedUntil', message: `must lie between ${earliest.toISOString()} and ${latest.toISOString()}` }],
    );
  }
}

/** extend_preservation: later than now preserved, by at most one extension, at most maxExtensions times. */
export function checkExtension(until: PreservedUntil, current: Date, extensionsSoFar: number, p: DeadlinePolicy['preservation'], tz: string): void {
  if (extensionsSoFar >= p.maxExtensions) {
    throw AppException.rule(`The preservation was already extended ${extensionsSoFar} times, the policy's maximum`, [
      { field: 'preservedUntil', message: `no extension left (maximum ${p.maxExtensions})` },
    ]);
  }
  const limit = extensionLimit(current, p, tz);
  if (until.at <= current || !within(until, current, limit, tz)) {
    throw AppException.rule(`An extension moves the preserved-until date later by at most ${p.extension}`, [
      { field: 'preservedUntil', message: `must lie after ${current.toISOString()} and not after ${limit.toISOString()}` },
    ]);
  }
}
