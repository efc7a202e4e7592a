/**
 * The shape of `config/working-calendars.yaml`:
 *
 * ```yaml
 * calendars:
 *   VN:
 *     2026:
 *       nonWorkingDays:
 *         - { from: 2026-02-16, to: 2026-02-20, name: Tết Nguyên đán, source: "..." }
 *         - { date: 2026-01-02, source: "..." }
 *       makeUpWorkingDays:
 *         - { date: 2026-01-10, source: "..." }
 * ```
 * A make-up working day must be a Saturday or a Sunday; no day may be both; every date lies
 * in the year it is listed under.
 */
import { z } from 'zod';
import { ALWAYS, asRecord, show } from './config-file-error';
import { isCountryCode } from './iso-codes';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_RANGE_DAYS = 31;

/** Days since 1970-01-01 of a valid YYYY-MM-DD date, else undefined. */
export function dayNumberOf(date: string): number | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / 86_400_000;
}

export const dateOfDayNumber = (n: number): string => new Date(n * 86_400_000).toISOString().slice(0, 10);

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (n: number): number => (((n + 4) % 7) + 7) % 7;

const localDate = z.string().refine((v) => dayNumberOf(v) !== undefined, { error: (issue) => `${show(issue.input)} is not a date YYYY-MM-DD` });

const entry = z
  .strictObject({
    date: localDate.optional(),
    from: localDate.optional(),
    to: localDate.optional(),
    name: z.string().trim().min(1).optional(),
    source: z.string().trim().min(5, { error: (issue) => `${show(issue.input)} is not a source (name the announcement or law, with its URL)` }),
  })
  .superRefine((value, ctx) => {
    const e = asRecord(value) as { date?: unknown; from?: unknown; to?: unknown };
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const single = e.date !== undefined;
    const range = e.from !== undefined || e.to !== undefined;
    if (single === range) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give either date, or from and to' });
      return;
    }
    if (range) {
      if (e.from === undefined) ctx.addIssue({ code: 'custom', path: ['from'], message: 'missing' });
      if (e.to === undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: 'missing' });
      const from = typeof e.from === 'string' ? dayNumberOf(e.from) : undefined;
      const to = typeof e.to === 'string' ? dayNumberOf(e.to) : undefined;
      if (from !== undefined && to !== undefined) {
        if (to < from) ctx.addIssue({ code: 'custom', path: ['to'], message: `${String(e.to)} is before from ${String(e.from)}` });
        else if (to - from + 1 > MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `a range of ${to - from + 1} days (at most ${MAX_RANGE_DAYS})` });
      }
    }
  }, ALWAYS);

/** One year's lists, as in the file under `calendars.CODE.YEAR` and as an admin sends it. */
export const calendarYearSchema = z.strictObject({
  nonWorkingDays: z.array(entry).max(366).optional(),
  makeUpWorkingDays: z.array(entry).max(366).optional(),
});

/**
 * The rules across one year's entries: every date lies in the year, a make-up working day is
 * a Saturday or a Sunday, no day is listed twice. `report(path, message)`: `path` from the year's lists.
 */
export function checkCalendarYear(yearText: string, lists: unknown, report: (path: (string | number)[], message: string) => void): void {
  const seen = new Map<number, string>();
  for (const list of ['nonWorkingDays', 'makeUpWorkingDays'] as const) {
    const entries = asRecord(lists)[list];
    if (!Array.isArray(entries)) continue;
    entries.forEach((raw, i) => {
      const e = asRecord(raw);
      const text = (v: unknown) => (typeof v === 'string' ? v : '');
      const from = dayNumberOf(text(e.date ?? e.from));
      const to = dayNumberOf(text(e.date ?? e.to));
      if (from === undefined || to === undefined || to < from || to - from >= MAX_RANGE_DAYS) return;
      for (let d = from; d <= to; d++) {
        const date = dateOfDayNumber(d);
        if (date.slice(0, 4) !== yearText) {
          report([list, i], `${date} is not in ${yearText}`);
          break;
        }
        if (list === 'makeUpWorkingDays' && weekdayOf(d) !== 0 && weekdayOf(d) !== 6) {
          report([list, i], `${date} is a weekday: a make-up working day is a Saturday or a Sunday`);
        }
        const before = seen.get(d);
        if (before !== undefined) report([list, i], `${date} is already listed at ${before}`);
        else seen.set(d, `${list}[${i}]`);
      }
    });
  }
}

export const yearKey = z.string().regex(/^(19|20|21)\d{2}$/, { error: (issue) => `${show(issue.input)} is not a year` });
export const countryCode = z.string().refine(isCountryCode, { error: (issue) => `${show(issue.input)} is not an ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. VN)` });

export const workingCalendarsFileSchema = z
  .strictObject({ calendars: z.record(countryCode, z.record(yearKey, calendarYearSchema)) })
  .superRefine((file, ctx) => {
    for (const [country, years] of Object.entries(asRecord(asRecord(file).calendars))) {
      for (const [yearText, lists] of Object.entries(asRecord(years))) {
        checkCalendarYear(yearText, lists, (path, message) => ctx.addIssue({ code: 'custom', path: ['calendars', country, yearText, ...path], message }));
      }
    }
  }, ALWAYS);

export type WorkingCalendarsFile = z.infer<typeof workingCalendarsFileSchema>;
export type CalendarYearLists = z.infer<typeof calendarYearSchema>;
