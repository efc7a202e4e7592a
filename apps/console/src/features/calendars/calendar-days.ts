/**
 * The calendar editor's day entries: "2027-02-08" for one day, "2027-02-08 – 2027-02-12"
 * (also `..`, ` to `, or a plain `-` between two dates) for a range of at most 31 days. The
 * same rules as the API's (libs/countries working-calendar.schema): every date a real date in
 * the year, a range in order, a make-up working day a Saturday or a Sunday, no day twice.
 */

export type ListName = 'nonWorkingDays' | 'makeUpWorkingDays';

export interface DayRow {
  days: string;
  name: string;
  source: string;
}

export interface EntryInput {
  date?: string;
  from?: string;
  to?: string;
  name?: string;
  source: string;
}

/** What is wrong with a row, as a message key (and its values) of the calendars namespace. */
export interface RowProblem {
  list: ListName;
  index: number;
  field: 'days' | 'source';
  key: string;
  values?: Record<string, string | number>;
}

export const MAX_RANGE_DAYS = 31;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a real YYYY-MM-DD date, else undefined (2027-02-30 is none). */
export function dayNumber(date: string): number | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const back = new Date(Date.UTC(y, mo - 1, d));
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return back.getTime() / 86_400_000;
}

const dateOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
/** 0 = Sunday … 6 = Saturday. */
const weekdayOf = (n: number) => (((n + 4) % 7) + 7) % 7;

/** A row's days as typed: one date, or two with a separator between them; null when it is neither. */
export function parseDays(text: string): { from: string; to: string } | null {
  const trimmed = text.trim();
  if (DATE.test(trimmed)) return { from: trimmed, to: trimmed };
  const m = /^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|–|—|-|to|đến)\s*(\d{4}-\d{2}-\d{2})$/i.exec(trimmed);
  return m ? { from: m[1] as string, to: m[2] as string } : null;
}

/** An entry as the API gives it, as the editor shows it. */
export function daysText(entry: { from: string; to: string }): string {
  return entry.from === entry.to ? entry.from : `${entry.from} – ${entry.to}`;
}

/** The problems of the editor's rows, before anything is sent. Rows left wholly empty are ignored. */
export function checkRows(year: number, lists: Record<ListName, DayRow[]>): RowProblem[] {
  const problems: RowProblem[] = [];
  const seen = new Map<number, { list: ListName; index: number }>();
  for (const list of ['nonWorkingDays', 'makeUpWorkingDays'] as const) {
    lists[list].forEach((row, index) => {
      if (isEmpty(row)) return;
      const report = (field: RowProblem['field'], key: string, values?: RowProblem['values']) => problems.push({ list, index, field, key, ...(values && { values }) });
      if (row.source.trim().length < 5) report('source', 'sourceShort');
      const days = parseDays(row.days);
      if (!days) return report('days', 'daysFormat');
      const from = dayNumber(days.from);
      const to = dayNumber(days.to);
      if (from === undefined || to === undefined) return report('days', 'notADate', { date: from === undefined ? days.from : days.to });
      if (to < from) return report('days', 'rangeBackwards');
      if (to - from + 1 > MAX_RANGE_DAYS) return report('days', 'rangeTooLong', { count: to - from + 1, max: MAX_RANGE_DAYS });
      for (let d = from; d <= to; d++) {
        const date = dateOf(d);
        if (Number(date.slice(0, 4)) !== year) return report('days', 'notInYear', { date, year });
        if (list === 'makeUpWorkingDays' && weekdayOf(d) !== 0 && weekdayOf(d) !== 6) return report('days', 'weekday', { date });
        const before = seen.get(d);
        if (before) return report('days', 'listedTwice', { date, row: before.index + 1 });
        seen.set(d, { list, index });
      }
    });
  }
  return problems;
}

const isEmpty = (row: DayRow) => row.days.trim() === '' && row.name.trim() === '' && row.source.trim() === '';

/** The body of PUT /countries/:code/calendars/:year from the rows (a day as `date`, a range as `from`/`to`). */
export function toBody(lists: Record<ListName, DayRow[]>): Record<ListName, EntryInput[]> {
  const entries = (rows: DayRow[]) =>
    rows.filter((r) => !isEmpty(r)).map((r): EntryInput => {
      const days = parseDays(r.days);
      const name = r.name.trim();
      const when = !days ? { date: r.days.trim() } : days.from === days.to ? { date: days.from } : { from: days.from, to: days.to };
      return { ...when, ...(name && { name }), source: r.source.trim() };
    });
  return { nonWorkingDays: entries(lists.nonWorkingDays), makeUpWorkingDays: entries(lists.makeUpWorkingDays) };
}

/**
 * Which row and field an API problem names: `nonWorkingDays[2].source`, `makeUpWorkingDays[0]`,
 * `nonWorkingDays[1].to` (the days), or null for the body as a whole. Indices count the rows sent,
 * so the caller maps them back past the empty rows it left out.
 */
export function rowOfField(field: string): { list: ListName; index: number; field: 'days' | 'source' | 'name' } | null {
  const m = /^(nonWorkingDays|makeUpWorkingDays)\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (!m) return null;
  const sub = m[3];
  return { list: m[1] as ListName, index: Number(m[2]), field: sub === 'source' ? 'source' : sub === 'name' ? 'name' : 'days' };
}

/** The indices of the rows actually sent (not wholly empty), so that the API's index n names rows[sentIndices[n]]. */
export function sentIndices(rows: DayRow[]): number[] {
  return rows.flatMap((r, i) => (isEmpty(r) ? [] : [i]));
}
