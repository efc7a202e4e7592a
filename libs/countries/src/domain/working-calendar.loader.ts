/**
 * Loads `config/working-calendars.yaml` (DESIGN §5): a bad entry stops the boot naming it, e.g.
 * `config/working-calendars.yaml: calendars.VN.2026.makeUpWorkingDays[0]: 2026-01-12 is a weekday: ...`.
 */
import { dateOfDayNumber, dayNumberOf, workingCalendarsFileSchema } from './working-calendar.schema';
import type { CalendarEntry, CalendarYear, CountryWorkingCalendar, WorkingCalendarMap } from './working-calendar.types';
import { deepFreeze, parseYamlWith, readConfigFile } from './config-file-error';

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

/** Parses and validates the working-calendars text; throws CountryConfigError naming every bad entry. */
export function parseWorkingCalendars(yamlText: string, source = 'working calendars file'): WorkingCalendarMap {
  const file = parseYamlWith(workingCalendarsFileSchema, yamlText, source, WHAT);
  const map = new Map<string, CountryWorkingCalendar>();
  for (const [country, byYear] of Object.entries(file.calendars)) {
    const years: CalendarYear[] = Object.entries(byYear)
      .map(([year, lists]) => ({
        year: Number(year),
        nonWorkingDays: (lists.nonWorkingDays ?? []).map(toEntry),
        makeUpWorkingDays: (lists.makeUpWorkingDays ?? []).map(toEntry),
      }))
      .sort((a, b) => a.year - b.year);
    map.set(
      country,
      deepFreeze({
        country,
        years,
        nonWorkingDays: years.flatMap((y) => expand(y.nonWorkingDays)).sort(),
        makeUpWorkingDays: years.flatMap((y) => expand(y.makeUpWorkingDays)).sort(),
      }),
    );
  }
  return map;
}

/** Reads, parses and validates the working-calendars file at `path`. */
export function loadWorkingCalendars(path: string): WorkingCalendarMap {
  return parseWorkingCalendars(readConfigFile(path, 'working calendars'), path);
}
