import { STATS_CELLS_OF_REQUESTS } from '@mla/core';
import { REQUEST_STATES, TERMINAL_STATES } from '@mla/domain';
import type { StatsDimension } from '@mla/requests';
import type { Direction } from '../dto/overdue.dto';

const DAY_MS = 86_400_000;
const STATES = 12;
const OUTCOME_SLOTS = 18;
/** The positions (1-based) of the terminal states in a cell's `states` (REQUEST_STATES' order). */
const TERMINAL_POSITIONS = TERMINAL_STATES.map((state) => REQUEST_STATES.indexOf(state) + 1);

/**
 * Both directions, named: the key of the rollup's tables is (country, direction, dim, day or
 * month, value), so a condition on the direction too makes two short index ranges of one
 * dimension's days instead of one range over every dimension of the country.
 */
const DIRECTIONS = `('outgoing', 'incoming')`;

/** The columns of `request_stats_cells`, to name the cells computed from the requests alike. */
const CELL_COLUMNS = 'country, direction, dim, day, value, requests, states, sent, sent_states, executed, answered, chases, outcomes, ack_s, exec_s, answer_s, open_since';

export interface Range {
  from: Date;
  to: Date;
}

/** [from, to) cut into the whole units it holds ([whole.from, whole.to) or null) and the edges before and after them. */
export function cutWindow(from: Date, to: Date, floor: (d: Date) => Date, next: (d: Date) => Date): { whole: Range | null; edges: Range[] } {
  const start = floor(from).getTime() === from.getTime() ? from : next(floor(from));
  const end = floor(to);
  if (start >= end) return { whole: null, edges: from < to ? [{ from, to }] : [] };
  return { whole: { from: start, to: end }, edges: [{ from, to: start }, { from: end, to }].filter((e) => e.from < e.to) };
}

export const utcDay = (d: Date) => new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS);
export const nextUtcDay = (d: Date) => new Date(d.getTime() + DAY_MS);
export const utcMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
export const nextUtcMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export interface CellQuery {
  country: string;
  dim: StatsDimension;
  ranges: Range[];
}

/** The condition on `requests r` of a country's requests (sent, or received once sent) created in the ranges, in the form each side's index serves (a BitmapOr). */
function createdIn(country: string, ranges: Range[], add: (v: unknown) => string): string {
  const windows = ranges.map((e) => `r.created_at >= ${add(e.from)} AND r.created_at < ${add(e.to)}`);
  return windows
    .flatMap((w) => [`(r.requesting_country = ${country} AND ${w})`, `(r.requested_country = ${country} AND r.sent_at IS NOT NULL AND ${w})`])
    .join(' OR ');
}

/** The partial UTC days of the ranges (what no whole day of the rollup covers). */
export function partialDays(ranges: Range[]): Range[] {
  return ranges.flatMap((range) => cutWindow(range.from, range.to, utcDay, nextUtcDay).edges);
}

/**
 * The day cells of a country's requests created in the ranges, for one dimension, as a FROM
 * item `c` with the columns of `request_stats_cells`: the rollup's whole UTC days and, unless
 * `withEdges` is false (the caller reads them once with edgeCellsQuery), the partial days
 * computed from the requests with the migration's own SQL (exact at any instant).
 */
export function dayCells(q: CellQuery, add: (v: unknown) => string, withEdges = true): string {
  const wholes = q.ranges.map((range) => cutWindow(range.from, range.to, utcDay, nextUtcDay).whole).filter((w): w is Range => w !== null);
  const edges = withEdges ? partialDays(q.ranges) : [];
  // No parameter for a statement that would not use it (the server refuses unused ones).
  if (wholes.length === 0 && edges.length === 0) return `(SELECT ${CELL_COLUMNS} FROM request_stats_cells WHERE false) c`;
  const country = add(q.country);
  const dim = add(q.dim);
  const parts: string[] = [];
  for (const whole of wholes) {
    parts.push(
      `SELECT ${CELL_COLUMNS} FROM request_stats_cells WHERE country = ${country} AND direction IN ${DIRECTIONS} AND dim = ${dim} AND day >= ${add(isoDay(whole.from))}::date AND day < ${add(isoDay(whole.to))}::date`,
    );
  }
  if (edges.length > 0) {
    parts.push(`SELECT ${CELL_COLUMNS} FROM (${STATS_CELLS_OF_REQUESTS(createdIn(country, edges, add), 'each')}) AS e(${CELL_COLUMNS}) WHERE e.country = ${country} AND e.dim = ${dim}`);
  }
  return `(${parts.join('\n      UNION ALL\n      ')}) c`;
}

/** A row of edgeCellsQuery: a cell of a partial day, its durations and open requests' age origins comma-separated. */
/** The rollup's counters of one direction and value of a dimension (a cell's, or their sum). */
export interface CellCounters {
  direction: Direction;
  value: string;
  requests: number;
  states: number[];
  sent: number;
  sent_states: number[];
  executed: number;
  answered: number;
  chases: number;
  outcomes: number[];
}

export interface EdgeCellRow extends CellCounters {
  dim: StatsDimension;
  ack: string;
  exec: string;
  answer: string;
  open_since: string;
}

/**
 * The cells of the partial UTC days of [from, to) for the dimensions, computed once from the
 * requests created in them (each side's index, a few thousand rows at most: two partial
 * days) with the migration's own SQL; null when the window starts and ends at UTC midnight.
 */
export function edgeCellsQuery(country: string, dims: StatsDimension[], from: Date, to: Date): { sql: string; params: unknown[] } | null {
  const edges = partialDays([{ from, to }]);
  if (edges.length === 0) return null;
  const params: unknown[] = [];
  const add = (v: unknown) => `$${params.push(v)}`;
  const c = add(country);
  const sql = `
    SELECT e.direction, e.dim, e.value, e.requests, e.states, e.sent, e.sent_states, e.executed, e.answered, e.chases, e.outcomes,
      array_to_string(e.ack_s, ',') AS ack, array_to_string(e.exec_s, ',') AS exec, array_to_string(e.answer_s, ',') AS answer,
      array_to_string(e.open_since, ',') AS open_since
    FROM (${STATS_CELLS_OF_REQUESTS(createdIn(c, edges, add), 'each')}) AS e(${CELL_COLUMNS})
    WHERE e.country = ${c} AND e.dim = ANY(${add(dims)}::text[])`;
  return { sql, params };
}

const sums = (column: string, n: number) => `ARRAY[${Array.from({ length: n }, (_, i) => `coalesce(sum(c.${column}[${i + 1}]), 0)`).join(', ')}]::int[]`;

/** The origin of the rollup's `open_since` (migration 1765130000000): 2000-01-01 UTC. */
const OPEN_SINCE_EPOCH_MS = Date.UTC(2000, 0, 1);

/**
 * A day cell's open requests by age bucket. Without reading `open_since` when the cell has
 * none open (its counts by state say so), or when it is outgoing (ages start at creation,
 * within its day) and its whole day falls in one bucket; otherwise by binary search in its
 * sorted `open_since` (stats_backlog, migration 1765250000000).
 */
function backlogOf(d31: string, d91: string, d181: string): string {
  const bucket = (x: string) => `CASE WHEN ${x} > ${d31}::float8 THEN 0 WHEN ${x} > ${d91}::float8 THEN 1 WHEN ${x} > ${d181}::float8 THEN 2 ELSE 3 END`;
  const open = `(c.requests${TERMINAL_POSITIONS.map((i) => ` - c.states[${i}]`).join('')})`;
  const dayStart = `((c.day - DATE '2000-01-01') * 86400)`;
  // (Its caller's OFFSET 0 keeps the subquery whole: each cell's CASE evaluated once, not once per sum.)
  return `CASE
        WHEN ${open} = 0 THEN ARRAY[0, 0, 0, 0]
        WHEN c.direction = 'outgoing' AND ${bucket(dayStart)} = ${bucket(`${dayStart} + 86399`)}
          THEN ARRAY[${[0, 1, 2, 3].map((b) => `CASE WHEN ${bucket(dayStart)} = ${b} THEN ${open} ELSE 0 END`).join(', ')}]
        ELSE stats_backlog(c.open_since, ${d31}, ${d91}, ${d181})
      END`;
}

/**
 * Per direction and value of the dimension, the counters of the requests created in [from,
 * to), summed; with `backlogAt` (now): and the open ones counted by age in whole days at
 * that instant (`backlog`: 0-30, 31-90, 91-180, over 180), each cell's by backlogOf.
 */
export function countersQuery(country: string, dim: StatsDimension, from: Date, to: Date, backlogAt?: Date, withEdges = true): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const add = (v: unknown) => `$${params.push(v)}`;
  const cells = dayCells({ country, dim, ranges: [{ from, to }] }, add, withEdges);
  // Older than 30, 90, 180 whole days: the age started before now less 31, 91, 181 days.
  const [d31, d91, d181] = backlogAt ? [31, 91, 181].map((days) => add((backlogAt.getTime() - OPEN_SINCE_EPOCH_MS) / 1000 - days * 86_400)) : [];
  const sql = `
    SELECT c.direction, c.value, sum(c.requests)::int AS requests, ${sums('states', STATES)} AS states, sum(c.sent)::int AS sent,
      ${sums('sent_states', STATES)} AS sent_states, sum(c.executed)::int AS executed, sum(c.answered)::int AS answered,
      sum(c.chases)::int AS chases, ${sums('outcomes', OUTCOME_SLOTS)} AS outcomes${
        backlogAt
          ? `,
      ARRAY[sum(c.backlog[1]), sum(c.backlog[2]), sum(c.backlog[3]), sum(c.backlog[4])]::int[] AS backlog
    FROM (SELECT c.*, ${backlogOf(d31 as string, d91 as string, d181 as string)} AS backlog FROM ${cells} OFFSET 0) c`
          : `
    FROM ${cells}`
      }
    GROUP BY c.direction, c.value`;
  return { sql, params };
}

/** A row of durationsQuery: `hist` (a month's histograms, DURATION_BINS each) or `durations` (a day cell's, in seconds), comma-separated. */
export interface DurationRow {
  direction: 'outgoing' | 'incoming';
  value: string;
  kind: 'hist' | 'durations';
  ack: string;
  exec: string;
  answer: string;
}

/**
 * Per direction and value, the durations of the requests created in [from, to): the whole
 * UTC months as histograms from `request_stats_months` (a row each), the rest as the day
 * cells' exact durations (binned in the service: cheaper than unnest in SQL).
 */
export function durationsQuery(
  country: string,
  dim: StatsDimension,
  from: Date,
  to: Date,
  metrics: readonly ('ack' | 'exec' | 'answer')[] = ['ack', 'exec', 'answer'],
  withEdges = true,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  // The metrics not asked for come as '' (nothing to read or send).
  const text = (metric: 'ack' | 'exec' | 'answer', column: string) => (metrics.includes(metric) ? `array_to_string(${column}, ',')` : `''`);
  const add = (v: unknown) => `$${params.push(v)}`;
  const cut = cutWindow(from, to, utcMonth, nextUtcMonth);
  const parts: string[] = [];
  if (cut.whole) {
    parts.push(`SELECT direction, value, 'hist' AS kind, ${text('ack', 'ack_h')} AS ack, ${text('exec', 'exec_h')} AS exec, ${text('answer', 'answer_h')} AS answer
      FROM request_stats_months WHERE country = ${add(country)} AND direction IN ${DIRECTIONS} AND dim = ${add(dim)} AND month >= ${add(isoDay(cut.whole.from))}::date AND month < ${add(isoDay(cut.whole.to))}::date`);
  }
  if (cut.edges.length > 0) {
    const cells = dayCells({ country, dim, ranges: cut.edges }, add, withEdges);
    parts.push(`SELECT c.direction, c.value, 'durations' AS kind, ${text('ack', 'c.ack_s')} AS ack, ${text('exec', 'c.exec_s')} AS exec, ${text('answer', 'c.answer_s')} AS answer
      FROM ${cells} WHERE cardinality(c.ack_s) + cardinality(c.exec_s) + cardinality(c.answer_s) > 0`);
  }
  if (parts.length === 0) return { sql: `SELECT NULL AS direction WHERE false`, params };
  return { sql: parts.join('\n    UNION ALL\n    '), params };
}
