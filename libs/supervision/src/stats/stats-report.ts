import { DEADLINE_KINDS, REQUEST_STATES } from '@mla/domain';
import type { Direction } from '../dto/overdue.dto';
import type { BacklogDto, DirectionStatsDto, GroupBy, GroupStatsDto, StateCountsDto, SupervisionStatsDto } from '../dto/stats.dto';
import { CLOSED_STATES, OPEN_STATES } from './stats.sql';

/** The key of a direction's total (never a country, type, priority or channel). */
export const TOTAL_KEY = 'ALL';

export interface CountRow { direction: Direction; grp: string; state: string; age_bucket: number | null; n: number }
export interface PercentileRow { direction: Direction; grp: string | null; total: boolean; n: number; p50: number | null; p90: number | null }
export interface OnTimeRow { direction: Direction; grp: string; kind: string; ended: number; on_time: number }
export interface DeadRow { direction: Direction; grp: string; n: number }

export interface StatsRows {
  counts: CountRow[];
  acknowledgement: PercentileRow[];
  onTime: OnTimeRow[];
  execution: PercentileRow[];
  deadDeliveries: DeadRow[];
}

/** A row of the `summary` statement: one group of a direction (or its total, `total`). */
export interface SummaryRow {
  direction: Direction;
  grp: string | null;
  total: boolean;
  ack_n: number;
  ack_p: number[] | null;
  exec_n: number;
  exec_p: number[] | null;
  /** Per deadline kind (DEADLINE_KINDS order): MET, MET on time, OVERDUE. */
  outcomes: (number | null)[];
  /** `STATE:bucket` for the open states, `STATE` for the closed ones. */
  [count: string]: unknown;
}
export interface PendingRow { direction: Direction; grp: string; kind: string; n: number }

/** The statements' rows in the report's shape: counts per state and age, percentiles, on-time per kind, dead deliveries. */
export function statsRowsOf(summary: SummaryRow[], pending: PendingRow[], dead: DeadRow[]): StatsRows {
  const rows: StatsRows = { counts: [], acknowledgement: [], onTime: [], execution: [], deadDeliveries: dead };
  for (const r of summary) {
    const grp = r.total ? null : (r.grp as string);
    const percentile = (n: number, p: number[] | null): PercentileRow => ({ direction: r.direction, grp, total: r.total, n, p50: p?.[0] ?? null, p90: p?.[1] ?? null });
    if (r.ack_n > 0) rows.acknowledgement.push(percentile(r.ack_n, r.ack_p));
    if (r.exec_n > 0) rows.execution.push(percentile(r.exec_n, r.exec_p));
    if (r.total) continue;
    const count = (state: string, age_bucket: number | null, n: unknown) => {
      if (Number(n) > 0) rows.counts.push({ direction: r.direction, grp: r.grp as string, state, age_bucket, n: Number(n) });
    };
    for (const state of OPEN_STATES) for (const b of [0, 1, 2, 3]) count(state, b, r[`${state}:${b}`]);
    for (const state of CLOSED_STATES) count(state, null, r[state]);
    DEADLINE_KINDS.forEach((kind, k) => {
      const [met, onTime, overdue] = [0, 1, 2].map((j) => Number(r.outcomes[3 * k + j] ?? 0));
      const late = pending.filter((p) => p.direction === r.direction && p.grp === r.grp && p.kind === kind).reduce((sum, p) => sum + p.n, 0);
      const ended = (met as number) + (overdue as number) + late;
      if (ended > 0) rows.onTime.push({ direction: r.direction, grp: r.grp as string, kind, ended, on_time: onTime as number });
    });
  }
  return rows;
}

const BACKLOG_KEYS: (keyof BacklogDto)[] = ['days0to30', 'days31to90', 'days91to180', 'over180Days'];
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function emptyGroup(key: string): GroupStatsDto {
  return {
    key,
    requests: 0,
    byState: Object.fromEntries(REQUEST_STATES.map((s) => [s, 0])) as unknown as StateCountsDto,
    timeToAcknowledgeHours: { n: 0, median: null, p90: null },
    timeToExecuteDays: { n: 0, median: null, p90: null },
    onTime: DEADLINE_KINDS.map((kind) => ({ kind, ended: 0, onTime: 0, share: null })),
    openBacklog: { days0to30: 0, days31to90: 0, days91to180: 0, over180Days: 0 },
    deadWebhookDeliveries: 0,
  };
}

/**
 * Puts the statements' rows together: per direction, one entry per group that has a
 * request (sorted by key) and the direction's total. Counts of the total are sums of the
 * groups; its percentiles come from PostgreSQL (GROUPING SETS), never averaged.
 * Durations: hours and days with two decimals; shares with four.
 */
export function buildStatsReport(
  rows: StatsRows,
  meta: { country: string; from: Date; to: Date; groupBy: GroupBy; now: Date },
): SupervisionStatsDto {
  const directions: Record<Direction, { total: GroupStatsDto; groups: Map<string, GroupStatsDto> }> = {
    outgoing: { total: emptyGroup(TOTAL_KEY), groups: new Map() },
    incoming: { total: emptyGroup(TOTAL_KEY), groups: new Map() },
  };
  const group = (direction: Direction, key: string) => {
    const d = directions[direction];
    let g = d.groups.get(key);
    if (!g) d.groups.set(key, (g = emptyGroup(key)));
    return g;
  };
  const both = (direction: Direction, key: string, apply: (g: GroupStatsDto) => void) => {
    apply(group(direction, key));
    apply(directions[direction].total);
  };

  for (const r of rows.counts) {
    both(r.direction, r.grp, (g) => {
      g.requests += r.n;
      (g.byState as unknown as Record<string, number>)[r.state] += r.n;
      if (r.age_bucket !== null) g.openBacklog[BACKLOG_KEYS[r.age_bucket] as keyof BacklogDto] += r.n;
    });
  }
  for (const r of rows.onTime) {
    both(r.direction, r.grp, (g) => {
      const k = g.onTime.find((o) => o.kind === r.kind);
      if (!k) return;
      k.ended += r.ended;
      k.onTime += r.on_time;
    });
  }
  for (const r of rows.deadDeliveries) both(r.direction, r.grp, (g) => (g.deadWebhookDeliveries += r.n));
  const percentiles = (list: PercentileRow[], field: 'timeToAcknowledgeHours' | 'timeToExecuteDays', unitSeconds: number) => {
    for (const r of list) {
      const g = r.total ? directions[r.direction].total : group(r.direction, r.grp as string);
      g[field] = {
        n: r.n,
        median: r.p50 === null ? null : round(r.p50 / unitSeconds, 2),
        p90: r.p90 === null ? null : round(r.p90 / unitSeconds, 2),
      };
    }
  };
  percentiles(rows.acknowledgement, 'timeToAcknowledgeHours', 3600);
  percentiles(rows.execution, 'timeToExecuteDays', 86_400);

  const finish = (d: { total: GroupStatsDto; groups: Map<string, GroupStatsDto> }): DirectionStatsDto => {
    const all = [d.total, ...d.groups.values()];
    for (const g of all) for (const o of g.onTime) o.share = o.ended === 0 ? null : round(o.onTime / o.ended, 4);
    return { total: d.total, groups: [...d.groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) };
  };
  return {
    country: meta.country,
    from: meta.from.toISOString(),
    to: meta.to.toISOString(),
    groupBy: meta.groupBy,
    generatedAt: meta.now.toISOString(),
    outgoing: finish(directions.outgoing),
    incoming: finish(directions.incoming),
  };
}
