import { REQUEST_STATES } from '@mla/domain';
import type { RequestRow } from '../request.row';

/**
 * The statistics' rollup (DESIGN §8, §14 "Figures"), as pure logic: what one request adds
 * to the cells of `request_stats_cells` (migration 1765130000000, whose SQL computes the
 * same from the table for the backfill), and the change between two versions of it.
 */

/** The dimensions of a cell; `counterpart_type` is the yearly report's (country|type). */
export const STATS_DIMENSIONS = ['counterpart', 'authority', 'type', 'priority', 'channel', 'counterpart_type'] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];
export type StatsDirection = 'outgoing' | 'incoming';

/** Slots of `deadline_outcomes` (three per deadline kind). */
export const OUTCOME_SLOTS = 18;

export interface CellKey {
  country: string;
  direction: StatsDirection;
  dim: StatsDimension;
  /** The UTC day of the request's creation, YYYY-MM-DD. */
  day: string;
  value: string;
}

/** A cell's counters, or a change of them; durations in seconds (a change: v ≥ 0 added, v < 0 removes -(v + 1)). */
export interface CellValues {
  requests: number;
  states: number[];
  sent: number;
  sentStates: number[];
  executed: number;
  answered: number;
  chases: number;
  outcomes: number[];
  ackS: number[];
  execS: number[];
  answerS: number[];
  /** Open requests: when their age starts, in seconds since 2000-01-01 UTC (creation for outgoing, arrival for incoming). */
  openSince: number[];
}

export type CellChange = CellKey & CellValues;

/** The fields of a request the rollup reads (a RequestRow, possibly with the `deletedAt` a delete sets). */
export type RolledRow = Pick<
  RequestRow,
  | 'state'
  | 'type'
  | 'priority'
  | 'channel'
  | 'requestingCountry'
  | 'requestedCountry'
  | 'requestingAuthorityId'
  | 'requestedAuthorityId'
  | 'createdAt'
  | 'sentAt'
  | 'acknowledgedAt'
  | 'executedAt'
  | 'closedAt'
  | 'deadlineOutcomes'
> & { deletedAt?: Date | null };

const OPEN_SINCE_EPOCH_MS = Date.UTC(2000, 0, 1);
const TERMINAL = ['CLOSED', 'REFUSED', 'WITHDRAWN', 'EXPIRED'];
const openSince = (at: Date) => Math.max(0, Math.floor((new Date(at).getTime() - OPEN_SINCE_EPOCH_MS) / 1000));
const seconds = (from: Date, to: Date) => Math.floor((new Date(to).getTime() - new Date(from).getTime()) / 1000);

/** When the counterpart answered: the final evidence delivered (executed), or the refusal. */
export function answeredAtOf(row: RolledRow): Date | null {
  return row.executedAt ?? (row.state === 'REFUSED' ? row.closedAt : null);
}

/** The cells one request counts in, with what it adds to each (none once deleted). */
export function cellsOf(row: RolledRow | null, chases: number): CellChange[] {
  if (!row || row.deletedAt) return [];
  const day = new Date(row.createdAt).toISOString().slice(0, 10);
  const sent = row.sentAt !== null;
  const state = REQUEST_STATES.indexOf(row.state as (typeof REQUEST_STATES)[number]);
  const oneHot = (on: boolean) => REQUEST_STATES.map((_, i) => (on && i === state ? 1 : 0));
  const answeredAt = answeredAtOf(row);
  const values: CellValues = {
    requests: 1,
    states: oneHot(true),
    sent: sent ? 1 : 0,
    sentStates: oneHot(sent),
    executed: row.executedAt ? 1 : 0,
    answered: answeredAt ? 1 : 0,
    chases,
    outcomes: Array.from({ length: OUTCOME_SLOTS }, (_, i) => Number(row.deadlineOutcomes?.[i] ?? 0)),
    openSince: [],
    ackS: row.sentAt && row.acknowledgedAt ? [seconds(row.sentAt, row.acknowledgedAt)] : [],
    execS: row.sentAt && row.executedAt ? [seconds(row.sentAt, row.executedAt)] : [],
    answerS: row.sentAt && answeredAt ? [seconds(row.sentAt, answeredAt)] : [],
  };
  const sides: { country: string; direction: StatsDirection; counterpart: string; authority: string }[] = [
    { country: row.requestingCountry, direction: 'outgoing', counterpart: row.requestedCountry, authority: row.requestedAuthorityId },
    ...(sent ? [{ country: row.requestedCountry, direction: 'incoming' as const, counterpart: row.requestingCountry, authority: row.requestingAuthorityId }] : []),
  ];
  return sides.flatMap((s) => {
    const dims: Record<StatsDimension, string> = {
      counterpart: s.counterpart,
      authority: s.authority,
      type: row.type,
      priority: row.priority,
      channel: row.channel,
      counterpart_type: `${s.counterpart}|${row.type}`,
    };
    const origin = s.direction === 'outgoing' ? row.createdAt : row.sentAt;
    const open = !TERMINAL.includes(row.state) && origin ? [openSince(origin)] : [];
    return STATS_DIMENSIONS.map((dim) => ({ country: s.country, direction: s.direction, dim, day, value: dims[dim], ...values, openSince: open }));
  });
}

const keyOf = (k: CellKey) => [k.country, k.direction, k.dim, k.day, k.value].join('\u0000');
const minus = (a: number[], b: number[]) => a.map((x, i) => x - (b[i] ?? 0));
const plus = (a: number[], b: number[]) => a.map((x, i) => x + (b[i] ?? 0));
/** The change of a sorted duration list: removals of before's values (-(v + 1)), then additions of after's. */
function durationChange(before: number[], after: number[]): number[] {
  const removed = before.filter((v) => !after.includes(v));
  const added = after.filter((v) => !before.includes(v));
  return [...removed.map((v) => -(v + 1)), ...added];
}

/**
 * What an action changes in the cells: the request's cells after it, less its cells
 * before, plus `chases` new chase events. Cells that do not change are left out; the
 * answer is sorted by key (every transaction locks cells in the same order: no deadlock).
 */
export function cellChanges(before: RolledRow | null, after: RolledRow | null, chases = 0): CellChange[] {
  return sortedChanged(changesOf(before, after, chases));
}

/** One version change of a request: its row before and after an action, and the chases it recorded. */
export interface RolledChange {
  before: RolledRow | null;
  after: RolledRow | null;
  chases: number;
}

/** The changes of several requests in one statement (an action and the one it leads to), merged per cell. */
export function cellChangesOfAll(list: RolledChange[]): CellChange[] {
  const merged = new Map<string, CellChange>();
  for (const { before, after, chases } of list) {
    for (const [key, c] of changesOf(before, after, chases)) {
      const m = merged.get(key);
      merged.set(
        key,
        !m
          ? c
          : {
              ...m,
              requests: m.requests + c.requests,
              states: plus(m.states, c.states),
              sent: m.sent + c.sent,
              sentStates: plus(m.sentStates, c.sentStates),
              executed: m.executed + c.executed,
              answered: m.answered + c.answered,
              chases: m.chases + c.chases,
              outcomes: plus(m.outcomes, c.outcomes),
              ackS: [...m.ackS, ...c.ackS],
              execS: [...m.execS, ...c.execS],
              answerS: [...m.answerS, ...c.answerS],
              openSince: [...m.openSince, ...c.openSince],
            },
      );
    }
  }
  return sortedChanged(merged);
}

function changesOf(before: RolledRow | null, after: RolledRow | null, chases: number): Map<string, CellChange> {
  const cells = new Map<string, CellChange>();
  for (const c of cellsOf(after, chases)) cells.set(keyOf(c), c);
  for (const b of cellsOf(before, 0)) {
    const key = keyOf(b);
    const a = cells.get(key);
    const zero = (n: number) => new Array<number>(n).fill(0);
    const base: CellValues = a ?? {
      requests: 0, states: zero(b.states.length), sent: 0, sentStates: zero(b.sentStates.length), executed: 0, answered: 0,
      chases: 0, outcomes: zero(OUTCOME_SLOTS), ackS: [], execS: [], answerS: [], openSince: [],
    };
    cells.set(key, {
      ...b,
      requests: base.requests - b.requests,
      states: minus(base.states, b.states),
      sent: base.sent - b.sent,
      sentStates: minus(base.sentStates, b.sentStates),
      executed: base.executed - b.executed,
      answered: base.answered - b.answered,
      chases: base.chases,
      outcomes: minus(base.outcomes, b.outcomes),
      ackS: durationChange(b.ackS, base.ackS),
      execS: durationChange(b.execS, base.execS),
      answerS: durationChange(b.answerS, base.answerS),
      openSince: durationChange(b.openSince, base.openSince),
    });
  }
  return cells;
}

function sortedChanged(cells: Map<string, CellChange>): CellChange[] {
  const changed = (c: CellChange) =>
    c.requests !== 0 || c.sent !== 0 || c.executed !== 0 || c.answered !== 0 || c.chases !== 0 ||
    [...c.states, ...c.sentStates, ...c.outcomes].some((x) => x !== 0) || c.ackS.length + c.execS.length + c.answerS.length + c.openSince.length > 0;
  return [...cells.entries()]
    .filter(([, c]) => changed(c))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, c]) => c);
}

/**
 * The histograms' bins (migration 1765130000000's DURATION_BINS and stats_bin): five minutes
 * each below a day, an hour each below 7 days, a day each below 1,100 days, then one.
 */
export const DURATION_BINS = 1526;

/** The bin of a duration in seconds (the migration's stats_bin). */
export function durationBin(s: number): number {
  if (s < 86_400) return Math.floor(s / 300);
  if (s < 604_800) return 264 + Math.floor(s / 3600);
  if (s < 95_040_000) return 425 + Math.floor(s / 86_400);
  return DURATION_BINS - 1;
}

/** The lower bound of a bin, in seconds (what a duration in it counts as). */
export function binSeconds(bin: number): number {
  if (bin < 288) return bin * 300;
  if (bin < 432) return (bin - 264) * 3600;
  return (bin - 425) * 86_400;
}

export interface MonthKey {
  country: string;
  direction: StatsDirection;
  dim: StatsDimension;
  /** The first day of the UTC month of creation, YYYY-MM-01. */
  month: string;
  value: string;
}

/** A change of a month's histograms: per metric, bins (0-based) and the counts added there. */
export type MonthChange = MonthKey & { ack: [number[], number[]]; exec: [number[], number[]]; answer: [number[], number[]] };

/** The month histograms' changes that go with cell changes (the durations' changes, binned), by key order. */
export function monthChangesOf(cells: CellChange[]): MonthChange[] {
  const months = new Map<string, MonthChange>();
  const binned = (changes: number[], into: [number[], number[]]) => {
    for (const v of changes) {
      const bin = durationBin(v < 0 ? -v - 1 : v);
      const at = into[0].indexOf(bin);
      if (at >= 0) into[1][at] = (into[1][at] as number) + (v < 0 ? -1 : 1);
      else {
        into[0].push(bin);
        into[1].push(v < 0 ? -1 : 1);
      }
    }
  };
  for (const c of cells) {
    if (c.dim === 'counterpart_type' || c.ackS.length + c.execS.length + c.answerS.length === 0) continue;
    const key: MonthKey = { country: c.country, direction: c.direction, dim: c.dim, month: `${c.day.slice(0, 7)}-01`, value: c.value };
    const id = [key.country, key.direction, key.dim, key.month, key.value].join('\u0000');
    let m = months.get(id);
    if (!m) months.set(id, (m = { ...key, ack: [[], []], exec: [[], []], answer: [[], []] }));
    binned(c.ackS, m.ack);
    binned(c.execS, m.exec);
    binned(c.answerS, m.answer);
  }
  return [...months.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, m]) => m)
    .filter((m) => [m.ack, m.exec, m.answer].some(([, counts]) => counts.some((n) => n !== 0)));
}
