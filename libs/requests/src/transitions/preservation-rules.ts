import { DateTime } from 'luxon';
import { AppException } from '@mla/core';
import { extensionLimit, preservationWindow } from '@mla/deadlines';
import type { DeadlinePolicy } from '@mla/deadlines';

/** A preserved-until value: a date means the end of that day at the preserving authority. */
export function parsePreservedUntil(value: string, timezone: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return DateTime.fromISO(value, { zone: timezone }).endOf('day').toJSDate();
  }
  return new Date(value);
}

const day = (d: Date, tz: string) => DateTime.fromJSDate(d, { zone: tz }).toISO() ?? d.toISOString();

/** confirm_preservation: at least the policy's minimum, at most its maximum period from now (DESIGN §5). */
export function checkConfirmation(until: Date, now: Date, p: DeadlinePolicy['preservation'], timezone: string): void {
  const { earliest, latest } = preservationWindow(now, p, timezone);
  if (until < earliest || until > latest) {
    throw AppException.rule(
      `Data must be preserved for at least ${p.minimum} and at most ${p.maximumPeriod}: between ${day(earliest, timezone)} and ${day(latest, timezone)}`,
      [{ field: 'preservedUntil', message: `must lie between ${earliest.toISOString()} and ${latest.toISOString()}` }],
    );
  }
}

/** extend_preservation: later than now preserved, by at most one extension, at most maxExtensions times. */
export function checkExtension(until: Date, current: Date, extensionsSoFar: number, p: DeadlinePolicy['preservation'], timezone: string): void {
  if (extensionsSoFar >= p.maxExtensions) {
    throw AppException.rule(`The preservation was already extended ${extensionsSoFar} times, the policy's maximum`, [
      { field: 'preservedUntil', message: `no extension left (maximum ${p.maxExtensions})` },
    ]);
  }
  const limit = extensionLimit(current, p, timezone);
  if (until <= current || until > limit) {
    throw AppException.rule(`An extension moves the preserved-until date later by at most ${p.extension}`, [
      { field: 'preservedUntil', message: `must lie after ${current.toISOString()} and not after ${limit.toISOString()}` },
    ]);
  }
}
