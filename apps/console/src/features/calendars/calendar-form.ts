import { z } from 'zod';
import type { CalendarYear } from './api/calendars';
import { checkRows, daysText, type DayRow, type ListName } from './calendar-days';

export const LISTS: ListName[] = ['nonWorkingDays', 'makeUpWorkingDays'];
export const emptyRow = (source = ''): DayRow => ({ days: '', name: '', source });

export interface CalendarValues {
  year: string;
  nonWorkingDays: DayRow[];
  makeUpWorkingDays: DayRow[];
}

/** A year's rows (or one empty row of non-working days for a new year). */
export function valuesOf(initialYear: number, year: CalendarYear | undefined): CalendarValues {
  const rows = (list: CalendarYear['nonWorkingDays'] | undefined) => (list ?? []).map((e) => ({ days: daysText(e), name: e.name ?? '', source: e.source }));
  const values = { year: String(initialYear), nonWorkingDays: rows(year?.nonWorkingDays), makeUpWorkingDays: rows(year?.makeUpWorkingDays) };
  if (values.nonWorkingDays.length === 0) values.nonWorkingDays.push(emptyRow());
  return values;
}

export const yearOk = (text: string) => /^\d{4}$/.test(text) && Number(text) >= 1900 && Number(text) <= 2199;

/** A message of a row's problem: its label's key and values (translated where shown). */
export const encodeProblem = (key: string, values?: Record<string, string | number>) => JSON.stringify({ key, values });
export function decodeProblem(message: string | undefined): { key: string; values?: Record<string, string | number> } | null {
  if (!message) return null;
  try {
    return JSON.parse(message) as { key: string; values?: Record<string, string | number> };
  } catch {
    return null;
  }
}

/** The year in range, and every row as the API checks it (calendar-days' checkRows) before it is sent. */
export const calendarSchema = z
  .object({ year: z.string().trim(), nonWorkingDays: z.array(z.object({ days: z.string(), name: z.string(), source: z.string() })), makeUpWorkingDays: z.array(z.object({ days: z.string(), name: z.string(), source: z.string() })) })
  .superRefine((v, ctx) => {
    if (!yearOk(v.year)) {
      ctx.addIssue({ code: 'custom', path: ['year'], message: encodeProblem('yearRange') });
      return;
    }
    for (const p of checkRows(Number(v.year), v)) ctx.addIssue({ code: 'custom', path: [p.list, p.index, p.field], message: encodeProblem(p.key, p.values) });
  });
