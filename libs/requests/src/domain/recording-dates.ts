/** The dates of correspondence with an OFFLINE counterpart (DESIGN §14): none in the future. Pure. */
import { DateTime } from 'luxon';
import type { FieldError } from '@mla/core';
import type { RecordedFrom } from '@mla/domain';
import { ruleViolated } from './actions/refusal';

/** The date of an instant in a time zone (YYYY-MM-DD). */
function dayIn(zone: string, at: Date): string {
  return DateTime.fromJSDate(at, { zone }).toISODate() as string;
}

/** A letter received: neither its date nor its arrival in the future, and not dated after it arrived (the recorder's zone). */
export function checkRecordedFromDates(r: RecordedFrom, now: Date, zone: string): void {
  const receivedAt = new Date(r.receivedAt);
  const errors: FieldError[] = [];
  if (receivedAt.getTime() > now.getTime()) errors.push({ field: 'recordedFrom.receivedAt', message: 'lies in the future' });
  if (r.correspondenceDate > dayIn(zone, now)) errors.push({ field: 'recordedFrom.correspondenceDate', message: 'lies in the future' });
  else if (errors.length === 0 && r.correspondenceDate > dayIn(zone, receivedAt)) {
    errors.push({ field: 'recordedFrom.correspondenceDate', message: 'is after the day the letter was received' });
  }
  if (errors.length > 0) throw ruleViolated('The correspondence cannot be dated so', errors);
}

/** A dispatch (the request's, a chaser's) never lies in the future. */
export function checkDispatchedAt(field: string, dispatchedAt: string, now: Date): void {
  if (new Date(dispatchedAt).getTime() > now.getTime()) throw ruleViolated('A dispatch cannot lie in the future', [{ field, message: 'lies in the future' }]);
}
