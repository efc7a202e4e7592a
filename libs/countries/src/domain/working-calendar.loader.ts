/**
 * Loads `config/working-calendars.yaml` (DESIGN §5): a bad entry stops the boot naming it, e.g.
 * `config/working-calendars.yaml: calendars.VN.2026.makeUpWorkingDays[0]: 2026-01-12 is a weekday: ...`.
 */
import { z } from 'zod';
import { calendarYearSchema, checkCalendarYear, dateOfDayNumber, dayNumberOf, workingCalendarsFileSchema, type CalendarYearLists } from './working-calendar.schema';
import type { CalendarEntry, CalendarYear, CountryWorkingCalendar, WorkingCalendarMap } from './working-calendar.types';
import { ALWAYS, deepFreeze, parseYamlWith, readConfigFile, validateWith, type ValueIssue } from './config-file-error';

const WHAT = 'calendars: { CODE: { YEAR: { nonWorkingDays?, makeUpWorkingDays? } } }';

type RawEntry = { date?: string; from?: string; to?: string; name?: string; source: string };

const toEntry = (e: RawEntry): CalendarEntry => ({
  from: (e.date ?? e.from) as string,
  to: (e.date ?? e.to) as string,
  ...(e.name !== undefined && { name: e.name }),
  source: e.source,
});

function expand(entries: readonly CalendarEntry[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const from = dayNumberOf(e.from) as number;
    const to = dayNumberOf(e.to) as number;
    for (let d = from; d <= to; d++) out.push(dateOfDayNumber(d));
  }
  return out;
}

const yearOf = (year: number, lists: CalendarYearLists): CalendarYear => ({
  year,
  nonWorkingDays: (lists.nonWorkingDays ?? []).map(toEntry),
  makeUpWorkingDays: (lists.makeUpWorkingDays ?? []).map(toEntry),
});

/** A country's calendar of these years (in any order): each listed day expanded, sorted. */
export function countryCalendarOf(country: string, years: readonly CalendarYear[]): CountryWorkingCalendar {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  return deepFreeze({
    country,
    years: sorted,
    nonWorkingDays: sorted.flatMap((y) => expand(y.nonWorkingDays)).sort(),
    makeUpWorkingDays: sorted.flatMap((y) => expand(y.makeUpWorkingDays)).sort(),
  });
}

/** Parses and validates the working-calendars text; throws CountryConfigError naming every bad entry. */
export function parseWorkingCalendars(yamlText: string, source = 'working calendars file'): WorkingCalendarMap {
  const file = parseYamlWith(workingCalendarsFileSchema, yamlText, source, WHAT);
  const map = new Map<string, CountryWorkingCalendar>();
  for (const [country, byYear] of Object.entries(file.calendars)) {
    map.set(country, countryCalendarOf(country, Object.entries(byYear).map(([year, lists]) => yearOf(Number(year), lists))));
  }
  return map;
}

/**
 * One year's schedule as an admin sends it (the shape of a year in the file, the same rules):
 * the year, or every problem with its path in the body.
 */
export function parseCalendarYear(year: number, body: unknown): { ok: true; year: CalendarYear } | { ok: false; issues: ValueIssue[] } {
  const schema = calendarYearSchema.superRefine((lists, ctx) => {
    checkCalendarYear(String(year), lists, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
  }, ALWAYS);
  const result = validateWith(schema as z.ZodType<CalendarYearLists>, body);
  return result.ok ? { ok: true, year: yearOf(year, result.data) } : result;
}

/**
 * The file's calendars with the years an admin set laid over them: a year set replaces the
 * file's entry for that country and year.
 */
export function layerCalendars(file: WorkingCalendarMap, setYears: readonly { country: string; year: CalendarYear }[]): WorkingCalendarMap {
  if (setYears.length === 0) return file;
  const years = new Map<string, Map<number, CalendarYear>>();
  for (const [country, calendar] of file) years.set(country, new Map(calendar.years.map((y) => [y.year, y])));
  for (const { country, year } of setYears) {
    if (!years.has(country)) years.set(country, new Map());
    years.get(country)?.set(year.year, year);
  }
  const map = new Map<string, CountryWorkingCalendar>();
  for (const [country, byYear] of years) map.set(country, countryCalendarOf(country, [...byYear.values()]));
  return map;
}

/** Reads, parses and validates the working-calendars file at `path`. */
export function loadWorkingCalendars(path: string): WorkingCalendarMap {
  return parseWorkingCalendars(readConfigFile(path, 'working calendars'), path);
}
