/** The preservation window and extension limit (DESIGN §3, §5), calendar arithmetic in a zone. */
import type { DeadlinePolicy } from '../policy/deadline-policy.types';
import { addIsoDuration } from './iso-duration';

/** The preserved-until dates allowed at confirmation: [confirmedAt + minimum, confirmedAt + maximumPeriod]. */
export function preservationWindow(
  confirmedAt: Date,
  p: DeadlinePolicy['preservation'],
  timezone: string,
): { earliest: Date; latest: Date } {
  return { earliest: addIsoDuration(confirmedAt, p.minimum, timezone), latest: addIsoDuration(confirmedAt, p.maximumPeriod, timezone) };
}

/** The latest preserved-until date one extension may set: currentUntil + extension. */
export function extensionLimit(currentUntil: Date, p: DeadlinePolicy['preservation'], timezone: string): Date {
  return addIsoDuration(currentUntil, p.extension, timezone);
}
