/**
 * Fast, exact conversions between instants and local wall-clock time in an IANA zone.
 * Luxon gives each zone's UTC offset; the offset is cached per zone and UTC day (a zone
 * changes its offset at most once a day), so a million due dates cost no Intl call each.
 * A wall-clock time that occurs twice (autumn DST) maps to its later instant; one that does
 * not exist (spring DST gap) is pushed forward by the gap, as luxon does.
 */
import { DateTime } from 'luxon';

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const CACHE_LIMIT = 100_000;

/** zone -> UTC day number -> offset in minutes for the whole day, or NaN when it changes that day. */
const offsets = new Map<string, Map<number, number>>();

function exactOffset(zone: string, ms: number): number {
  const dt = DateTime.fromMillis(ms, { zone });
  if (!dt.isValid) throw new RangeError(`unknown time zone "${zone}" or invalid instant`);
  return dt.offset;
}

/** The zone's UTC offset in minutes at an instant. */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError('invalid instant');
  let byDay = offsets.get(zone);
  if (!byDay) offsets.set(zone, (byDay = new Map()));
  const day = Math.floor(ms / DAY_MS);
  let offset = byDay.get(day);
  if (offset === undefined) {
    const first = exactOffset(zone, day * DAY_MS);
    offset = first === exactOffset(zone, (day + 1) * DAY_MS - 1) ? first : NaN;
    if (byDay.size >= CACHE_LIMIT) byDay.clear();
    byDay.set(day, offset);
  }
  return Number.isNaN(offset) ? exactOffset(zone, ms) : offset;
}

/** The local wall-clock time of an instant, as milliseconds of a UTC-based timeline. */
export function toLocalMs(ms: number, zone: string): number {
  return ms + zoneOffsetMinutes(zone, ms) * MINUTE_MS;
}

/** The instant at which the zone's clocks show the wall-clock time `localMs`. */
export function fromLocalMs(localMs: number, zone: string): number {
  const before = zoneOffsetMinutes(zone, localMs - DAY_MS);
  const after = zoneOffsetMinutes(zone, localMs + DAY_MS);
  const early = localMs - before * MINUTE_MS;
  const late = localMs - after * MINUTE_MS;
  const earlyOk = zoneOffsetMinutes(zone, early) === before;
  const lateOk = zoneOffsetMinutes(zone, late) === after;
  if (earlyOk && lateOk) return Math.max(early, late);
  if (lateOk) return late;
  if (earlyOk) return early;
  return early; // in a gap: the offset before it pushes the time forward by the gap
}
