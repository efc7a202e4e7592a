/** One formatter for dates and times: always with the zone it is shown in. */
import { dateTimeFormat, numberFormat } from './intl';
import { canonicalZone } from './names';

export type Lang = 'en' | 'vi';

const locale = (lang: string) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

let viewerZone: string | undefined;

/** The browser's zone by its canonical name (a browser may say Asia/Saigon where the server says Asia/Ho_Chi_Minh); read once, a page keeps its zone. */
export function viewerTimeZone(): string {
  viewerZone ??= canonicalZone(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  return viewerZone;
}

/** e.g. "14 Feb 2027, 23:59 GMT+7" (en) or "23:59 14 thg 2, 2027 GMT+7" (vi). */
export function formatDateTime(iso: string | Date | null | undefined, lang: string, timeZone: string = viewerTimeZone()): string {
  if (!iso) return '—';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return String(iso);
  return dateTimeFormat(locale(lang), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'shortOffset',
  }).format(d);
}

/** A calendar date (YYYY-MM-DD as given, or an instant's day in a zone). */
export function formatDate(value: string | null | undefined, lang: string, timeZone: string = viewerTimeZone()): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return dateTimeFormat(locale(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
  }
  return dateTimeFormat(locale(lang), { dateStyle: 'medium', timeZone }).format(new Date(value));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** A duration in words: "3 days 4 hours" / "3 ngày 4 giờ" (the two largest units). */
export function formatDuration(ms: number, lang: string): string {
  let rest = Math.abs(ms);
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0 || (unit === 'minute' && parts.length === 0)) {
      parts.push(numberFormat(locale(lang), { style: 'unit', unit, unitDisplay: 'long' }).format(n));
      rest -= n * size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

export function formatBytes(bytes: number | null | undefined, lang: string): string {
  if (bytes === null || bytes === undefined) return '—';
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return numberFormat(locale(lang), { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: i === 0 ? 0 : 1 }).format(v);
}

export function formatNumber(n: number | null | undefined, lang: string, digits = 1): string {
  if (n === null || n === undefined) return '—';
  return numberFormat(locale(lang), { maximumFractionDigits: digits }).format(n);
}

/** Today's date (YYYY-MM-DD) in a zone, plus a number of days. */
export function isoDateInZone(timeZone: string, plusDays = 0, from: Date = new Date()): string {
  const parts = dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(from);
  const [y, m, d] = parts.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + plusDays)).toISOString().slice(0, 10);
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The zone's offset at an instant, "+07:00". */
export function offsetOf(timeZone: string, at: Date): string {
  const name = dateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return m ? `${m[1]}:${m[2] ?? '00'}` : '+00:00';
}

/** A wall-clock time ("2026-11-01T10:00") in a zone, as an ISO date-time with that zone's offset. */
export function zonedIso(local: string, timeZone: string): string {
  const [date, time = '00:00'] = local.split('T') as [string, string?];
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const guess = new Date(Date.UTC(y, mo - 1, d, h, mi));
  let offset = offsetOf(timeZone, guess);
  const sign = offset.startsWith('-') ? -1 : 1;
  const [oh, om] = offset.slice(1).split(':').map(Number) as [number, number];
  const corrected = new Date(guess.getTime() - sign * (oh * 60 + om) * 60_000);
  offset = offsetOf(timeZone, corrected);
  return `${date}T${time.slice(0, 5)}:00${offset}`;
}
