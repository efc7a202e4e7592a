import type { StatsDimension } from '@mla/requests';
import type { EdgeCellRow } from './cells.sql';
import { parseInts } from './histogram';
import { type CounterRow, type DimensionFigures, durationKey, emptyDurations } from './stats-report';

/** The origin of the rollup's `open_since` (migration 1765130000000). */
const OPEN_SINCE_EPOCH_MS = Date.UTC(2000, 0, 1);

const addInto = (into: number[], add: number[]) => add.forEach((n, i) => (into[i] = Number(into[i] ?? 0) + Number(n)));

/**
 * Adds the cells of a window's partial days (edgeCellsQuery) of one dimension to its figures
 * read from the rollup: counters summed, durations into the histograms, and with `backlogAt`
 * the open requests counted by age in whole days (0-30, 31-90, 91-180, over 180) at that instant.
 */
export function addEdgeCells(figures: DimensionFigures, edges: EdgeCellRow[], dim: StatsDimension, backlogAt?: Date): DimensionFigures {
  const [d31, d91, d181] = [31, 91, 181].map((days) => ((backlogAt?.getTime() ?? 0) - OPEN_SINCE_EPOCH_MS) / 1000 - days * 86_400) as [number, number, number];
  for (const e of edges) {
    if (e.dim !== dim) continue;
    let c = figures.counters.find((r) => r.direction === e.direction && r.value === e.value);
    if (!c) {
      c = { direction: e.direction, value: e.value, requests: 0, states: [], sent: 0, sent_states: [], executed: 0, answered: 0, chases: 0, outcomes: [] } satisfies CounterRow;
      if (backlogAt) c.backlog = [0, 0, 0, 0];
      figures.counters.push(c);
    }
    c.requests += e.requests;
    c.sent += e.sent;
    c.executed += e.executed;
    c.answered += e.answered;
    c.chases += e.chases;
    addInto(c.states, e.states);
    addInto(c.sent_states, e.sent_states);
    addInto(c.outcomes, e.outcomes);
    if (backlogAt) {
      const backlog = (c.backlog ??= [0, 0, 0, 0]);
      parseInts(e.open_since, (since) => {
        const bucket = since > d31 ? 0 : since > d91 ? 1 : since > d181 ? 2 : 3;
        backlog[bucket] = Number(backlog[bucket] ?? 0) + 1;
      });
    }
    const key = durationKey(e.direction, e.value);
    let d = figures.durations.get(key);
    if (!d) figures.durations.set(key, (d = emptyDurations()));
    d.ack.addDurations(e.ack);
    d.exec.addDurations(e.exec);
    d.answer.addDurations(e.answer);
  }
  return figures;
}
