import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, withAdvisoryLock } from '@mla/core';
import { DeadlinePlanner, DeadlineScheduler, DeadlinesRepository, nextEventOf, ScheduleChange } from '@mla/deadlines';

/** Fixed key of the advisory lock that makes the sweep one-instance-only. */
export const RECONCILER_LOCK_KEY = 7_264_002_027;
const BATCH = 1000;

/**
 * Re-creates the jobs of open deadlines that have none (never scheduled, lost with Redis)
 * and fires those already due, by scheduling them now. At worker start it sweeps every
 * open deadline; periodically only those whose job should already have fired. Runs under a
 * PostgreSQL advisory lock: with several workers, one sweeps and the others skip.
 */
@Injectable()
export class DeadlineReconciler {
  private readonly logger = new Logger(DeadlineReconciler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly planner: DeadlinePlanner,
    private readonly scheduler: DeadlineScheduler,
    private readonly deadlines: DeadlinesRepository,
  ) {}

  /** Answers the jobs it scheduled, or null when another instance holds the lock. */
  async sweep(mode: 'full' | 'due' = 'due'): Promise<ScheduleChange[] | null> {
    return withAdvisoryLock(this.dataSource, RECONCILER_LOCK_KEY, false, () => this.sweepLocked(mode));
  }

  private async sweepLocked(mode: 'full' | 'due'): Promise<ScheduleChange[]> {
    const now = this.clock.now();
    const scheduled: ScheduleChange[] = [];
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.deadlines.sweepBatch(mode, after, BATCH, now);
      if (rows.length === 0) break;
      const planned = rows.flatMap((row) => {
        const next = nextEventOf(row, this.planner.policyFor(row));
        return next ? [{ deadlineId: row.deadlineId, at: next.at, read: row }] : [];
      });
      // Rows were read without a lock: a job that fired since has already scheduled the next one.
      const current = await this.deadlines.setScheduledForIfUnchanged(planned);
      const batch: ScheduleChange[] = planned.filter((p) => current.has(p.deadlineId)).map(({ deadlineId, at }) => ({ deadlineId, at }));
      await this.scheduler.schedule(batch);
      scheduled.push(...batch);
      after = rows[rows.length - 1]?.deadlineId as string;
      if (rows.length < BATCH) break;
    }
    if (scheduled.length > 0) this.logger.log(`reconciler (${mode}): ${scheduled.length} deadline jobs scheduled`);
    return scheduled;
  }
}
