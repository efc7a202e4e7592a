import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '@mla/core';
import { OverdueFilter, overdueQuery, OverdueRow } from './overdue/overdue.sql';
import { type DeadRow, type PendingRow, type StatsRows, statsRowsOf, type SummaryRow } from './stats/stats-report';
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

  /** The statements of a report, side by side on separate connections (each its own snapshot). */
  async stats(input: StatsInput): Promise<StatsRows> {
    const statements = statsStatements(input);
    const results = await Promise.all(statements.map((s) => this.analytical(s)));
    const byName = Object.fromEntries(statements.map((s, i) => [s.name, results[i]])) as { summary: SummaryRow[]; pendingPastDue: PendingRow[]; deadDeliveries: DeadRow[] };
    return statsRowsOf(byName.summary, byName.pendingPastDue, byName.deadDeliveries);
  }

  private analytical(s: StatsStatement): Promise<unknown[]> {
    return this.tx.run(async (m) => {
      await m.query(ANALYTICAL_SETTINGS);
      return (await m.query(s.sql, s.params)) as unknown[];
    });
  }
}
