import { DEADLINE_KINDS, REQUEST_STATES } from '@mla/domain';
import type { Direction } from '../dto/overdue.dto';
import type { BacklogDto, CounterpartFiguresDto, DeadlineOnTimeDto, DirectionStatsDto, GroupBy, GroupStatsDto, StateCountsDto, SupervisionStatsDto } from '../dto/stats.dto';
import type { CellCounters, DurationRow } from './cells.sql';
import { DurationHistogram } from './histogram';

/** The key of a direction's total (never a country, type, priority or channel). */
export const TOTAL_KEY = 'ALL';

/** A row of countersQuery: the counters summed over the window's cells. */
export interface CounterRow extends CellCounters {
  /** The open requests by age in whole days: 0-30, 31-90, 91-180, over 180 (countersQuery with backlogAt). */
  backlog?: number[] | null;
}
export interface PendingRow { direction: Direction; grp: string; kind: string; n: number }
export interface DeadRow { direction: Direction; grp: string; n: number }

/** The durations of one direction and value: acknowledge, execute, answer. */
export interface Durations { ack: DurationHistogram; exec: DurationHistogram; answer: DurationHistogram }

/** One dimension's counters and durations, by direction and value. */
export interface DimensionFigures {
  counters: CounterRow[];
  durations: Map<string, Durations>;
}

export const durationKey = (direction: Direction, value: string) => `${direction}\u0000${value}`;
export const emptyDurations = (): Durations => ({ ack: new DurationHistogram(), exec: new DurationHistogram(), answer: new DurationHistogram() });

/** Puts durationsQuery's rows together per direction and value. */
export function durationsOf(rows: DurationRow[]): Map<string, Durations> {
  const out = new Map<string, Durations>();
  for (const r of rows) {
    const key = durationKey(r.direction, r.value);
    let d = out.get(key);
    if (!d) out.set(key, (d = emptyDurations()));
    for (const metric of ['ack', 'exec', 'answer'] as const) {
      if (r.kind === 'hist') d[metric].addHistogram(r[metric]);
      else d[metric].addDurations(r[metric]);
    }
  }
  return out;
}

export interface StatsRows {
  groups: DimensionFigures;
  countries: DimensionFigures;
  authorities: DimensionFigures;
  authorityNames: Map<string, { code: string; name: string; country: string }>;
  pending: PendingRow[];
  deadDeliveries: DeadRow[];
}

const BACKLOG_KEYS: (keyof BacklogDto)[] = ['days0to30', 'days31to90', 'days91to180', 'over180Days'];
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function emptyGroup(key: string): GroupStatsDto {
  return {
    key,
    requests: 0,
    sent: 0,
    byState: Object.fromEntries(REQUEST_STATES.map((s) => [s, 0])) as unknown as StateCountsDto,
    timeToAcknowledgeHours: { n: 0, median: null, p90: null },
    timeToExecuteDays: { n: 0, median: null, p90: null },
    onTime: DEADLINE_KINDS.map((kind) => ({ kind, ended: 0, onTime: 0, share: null })),
    openBacklog: { days0to30: 0, days31to90: 0, days91to180: 0, over180Days: 0 },
    deadWebhookDeliveries: 0,
  };
}

const percentiles = (h: DurationHistogram, unitSeconds: number) => {
  const at = (p: number) => {
    const v = h.percentile(p);
    return v === null ? null : round(v / unitSeconds, 2);
  };
  return { n: h.n, median: at(0.5), p90: at(0.9) };
};

/** A counterpart's figures from its counters and durations. */
function counterpartFigures(c: CounterRow, d: Durations | undefined, who: Omit<CounterpartFiguresDto, 'sent' | 'answered' | 'replyRate' | 'timeToAnswerDays' | 'chases' | 'chasesPerRequest'>): CounterpartFiguresDto {
  return {
    ...who,
    sent: c.sent,
    answered: c.answered,
    replyRate: c.sent === 0 ? null : round(c.answered / c.sent, 4),
    timeToAnswerDays: percentiles(d?.answer ?? new DurationHistogram(), 86_400),
    chases: c.chases,
    chasesPerRequest: c.sent === 0 ? null : round(c.chases / c.sent, 2),
  };
}

const byKey = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/**
 * Puts the rows together: per direction, one entry per group that has a request (sorted by
 * key) and the direction's total (counts summed; percentiles over all its durations, never
 * averaged); per counterpart country and authority, the figures of DESIGN §14.
 * Durations: hours and days with two decimals; shares with four.
 */
export function buildStatsReport(
  rows: StatsRows,
  meta: { country: string; from: Date; to: Date; groupBy: GroupBy; now: Date },
): SupervisionStatsDto {
  const directions = {} as Record<Direction, DirectionStatsDto>;
  for (const direction of ['outgoing', 'incoming'] as const) {
    const total = emptyGroup(TOTAL_KEY);
    const totalDurations = emptyDurations();
    const groups = new Map<string, GroupStatsDto>();
    const both = (key: string, apply: (g: GroupStatsDto) => void) => {
      const g = groups.get(key);
      if (!g) return;
      apply(g);
      apply(total);
    };
    for (const c of rows.groups.counters.filter((r) => r.direction === direction)) {
      const g = emptyGroup(c.value);
      groups.set(c.value, g);
      const d = rows.groups.durations.get(durationKey(direction, c.value)) ?? emptyDurations();
      g.timeToAcknowledgeHours = percentiles(d.ack, 3600);
      g.timeToExecuteDays = percentiles(d.exec, 86_400);
      totalDurations.ack.add(d.ack);
      totalDurations.exec.add(d.exec);
      both(c.value, (x) => {
        x.requests += c.requests;
        x.sent += c.sent;
        REQUEST_STATES.forEach((state, i) => ((x.byState as unknown as Record<string, number>)[state] += Number(c.states[i] ?? 0)));
        DEADLINE_KINDS.forEach((kind, k) => {
          const o = x.onTime.find((t) => t.kind === kind) as DeadlineOnTimeDto;
          o.ended += Number(c.outcomes[3 * k] ?? 0) + Number(c.outcomes[3 * k + 2] ?? 0);
          o.onTime += Number(c.outcomes[3 * k + 1] ?? 0);
        });
      });
    }
    total.timeToAcknowledgeHours = percentiles(totalDurations.ack, 3600);
    total.timeToExecuteDays = percentiles(totalDurations.exec, 86_400);
    for (const p of rows.pending.filter((r) => r.direction === direction)) {
      both(p.grp, (x) => ((x.onTime.find((t) => t.kind === p.kind) as DeadlineOnTimeDto).ended += p.n));
    }
    for (const c of rows.groups.counters.filter((r) => r.direction === direction)) {
      both(c.value, (x) => BACKLOG_KEYS.forEach((key, i) => (x.openBacklog[key] += Number(c.backlog?.[i] ?? 0))));
    }
    for (const r of rows.deadDeliveries.filter((r) => r.direction === direction)) both(r.grp, (x) => (x.deadWebhookDeliveries += r.n));
    for (const g of [total, ...groups.values()]) for (const o of g.onTime) o.share = o.ended === 0 ? null : round(o.onTime / o.ended, 4);

    const byCountry = rows.countries.counters
      .filter((c) => c.direction === direction)
      .map((c) => counterpartFigures(c, rows.countries.durations.get(durationKey(direction, c.value)), { country: c.value }))
      .sort(byKey((f) => f.country));
    const byAuthority = rows.authorities.counters
      .filter((c) => c.direction === direction)
      .map((c) => {
        const a = rows.authorityNames.get(c.value);
        return counterpartFigures(c, rows.authorities.durations.get(durationKey(direction, c.value)), {
          country: a?.country ?? '',
          authorityId: c.value,
          authorityCode: a?.code ?? null,
          authorityName: a?.name ?? null,
        });
      })
      .sort(byKey((f) => `${f.country} ${f.authorityCode ?? ''}`));
    directions[direction] = { total, groups: [...groups.values()].sort(byKey((g) => g.key)), byCountry, byAuthority };
  }
  return {
    country: meta.country,
    from: meta.from.toISOString(),
    to: meta.to.toISOString(),
    groupBy: meta.groupBy,
    generatedAt: meta.now.toISOString(),
    outgoing: directions.outgoing,
    incoming: directions.incoming,
  };
}
