import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '@mla/core';
import { OverdueFilter, overdueQuery, OverdueRow } from './overdue/overdue.sql';
import type { StatsDimension } from '@mla/requests';
import { countersQuery, type DurationRow, durationsQuery, type EdgeCellRow, edgeCellsQuery } from './stats/cells.sql';
import { addEdgeCells } from './stats/edge-cells';
import { type CounterRow, type DeadRow, type DimensionFigures, durationsOf, type PendingRow, type StatsRows } from './stats/stats-report';
import { StatsInput, statsStatements, StatsStatement } from './stats/stats.sql';

/**
 * Settings of the analytical statements only (SET LOCAL: they end with their transaction
 * and never reach the pool's other users): sorts and hashes of a few hundred thousand rows
 * stay in memory, and no JIT compilation (it costs more than it saves at this size).
 */
const ANALYTICAL_SETTINGS = `SET LOCAL work_mem = '64MB'; SET LOCAL jit = off`;

/** The SQL of supervision: the overdue queue and the statistics (hand-written, parameterised). */
@Injectable()
export class SupervisionRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  overdue(filter: OverdueFilter): Promise<OverdueRow[]> {
    const { sql, params } = overdueQuery(filter);
    return this.dataSource.query(sql, params);
  }

  /**
   * The statistics of a window, its statements side by side on separate connections (each
   * its own snapshot): the rollup's counters and durations for the grouping, per counterpart
   * country and per authority (whole UTC days and months only); the window's partial days
   * computed once from the few requests created in them, for the three dimensions; the
   * pending deadlines and dead deliveries from the tables.
   */
  async stats(input: StatsInput): Promise<StatsRows> {
    const dims = [...new Set<StatsDimension>([input.groupBy, 'counterpart', 'authority'])];
    const edgeQuery = edgeCellsQuery(input.country, dims, input.from, input.to);
    const edges = edgeQuery ? (this.analytical({ name: 'edges', ...edgeQuery }) as Promise<EdgeCellRow[]>) : Promise.resolve([]);
    const dimension = (dim: StatsDimension, backlog = false, metrics?: ('ack' | 'exec' | 'answer')[]): Promise<DimensionFigures> =>
      Promise.all([
        this.analytical({ name: `counters:${dim}`, ...countersQuery(input.country, dim, input.from, input.to, backlog ? input.now : undefined, false) }) as Promise<CounterRow[]>,
        this.analytical({ name: `durations:${dim}`, ...durationsQuery(input.country, dim, input.from, input.to, metrics, false) }) as Promise<DurationRow[]>,
        edges,
      ]).then(([counters, durations, e]) => addEdgeCells({ counters, durations: durationsOf(durations) }, e, dim, backlog ? input.now : undefined));
    const [pending, dead] = statsStatements(input).map((s) => this.analytical(s));
    const groups = dimension(input.groupBy, true);
    const [g, countries, authorities, names, p, d] = await Promise.all([
      groups,
      // The counterparts' figures need only the time to answer.
      input.groupBy === 'counterpart' ? groups : dimension('counterpart', false, ['answer']),
      dimension('authority', false, ['answer']),
      this.dataSource.query(`SELECT id::text AS id, code, name, country FROM authorities`) as Promise<{ id: string; code: string; name: string; country: string }[]>,
      pending as Promise<PendingRow[]>,
      dead as Promise<DeadRow[]>,
    ]);
    return {
      groups: g,
      countries,
      authorities,
      authorityNames: new Map(names.map((a) => [a.id, a])),
      pending: p,
      deadDeliveries: d,
    };
  }

  /** The rollup's counters per counterpart country and type of the requests created in [from, to). */
  yearly(country: string, from: Date, to: Date): Promise<CounterRow[]> {
    return this.analytical({ name: 'yearly', ...countersQuery(country, 'counterpart_type', from, to) }) as Promise<CounterRow[]>;
  }

  private analytical(s: StatsStatement): Promise<unknown[]> {
    return this.tx.run(async (m) => {
      await m.query(ANALYTICAL_SETTINGS);
      return (await m.query(s.sql, s.params)) as unknown[];
    });
  }
}
