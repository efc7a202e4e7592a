import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@mla/core';
import { DeadlinePlanner, DeadlineScheduler, DeadlinesRepository, DeadlineSubject, nextEventOf, ScheduleChange } from '@mla/deadlines';

/** Fixed key of the advisory lock that makes the sweep one-instance-only. */
export const RECONCILER_LOCK_KEY = 7_264_002_027;
const BATCH = 1000;

interface SweepRow extends DeadlineSubject {
  deadlineId: string;
  dueAt: Date;
  spanMs: string;
  escalationLevel: number;
  remindersSent: number;
}

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
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [RECONCILER_LOCK_KEY])) as { locked: boolean }[];
      if (!locked) return null;
      try {
        return await this.sweepLocked(mode);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [RECONCILER_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }

  private async sweepLocked(mode: 'full' | 'due'): Promise<ScheduleChange[]> {
    const now = this.clock.now();
    const scheduled: ScheduleChange[] = [];
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT d.id AS "deadlineId", d.due_at AS "dueAt", d.span_ms AS "spanMs", d.escalation_level AS "escalationLevel",
                d.reminders_sent AS "remindersSent", r.id, r.type, r.priority, r.legal_basis AS "legalBasis",
                r.requesting_country AS "requestingCountry", r.requested_country AS "requestedCountry",
                '' AS "requestingAuthorityTimezone", '' AS "requestedAuthorityTimezone"
         FROM deadlines d JOIN requests r ON r.id = d.request_id
         WHERE d.status IN ('PENDING','OVERDUE') AND d.escalation_level < 2 AND d.id > $1
           ${mode === 'due' ? 'AND (d.scheduled_for IS NULL OR d.scheduled_for <= $3)' : ''}
         ORDER BY d.id LIMIT $2`,
        mode === 'due' ? [after, BATCH, now] : [after, BATCH],
      )) as SweepRow[];
      if (rows.length === 0) break;
      const planned = rows.flatMap((row) => {
        const next = nextEventOf(row, this.planner.policyFor(row));
        return next ? [{ deadlineId: row.deadlineId, at: next.at, read: row }] : [];
      });
      // Rows were read without a lock: a job that fired since has already scheduled the next one.
      const current = await this.deadlines.setScheduledForIfUnchanged(this.dataSource.manager, planned);
      const batch: ScheduleChange[] = planned.filter((p) => current.has(p.deadlineId)).map(({ deadlineId, at }) => ({ deadlineId, at }));
      await this.scheduler.schedule(batch);
      scheduled.push(...batch);
      after = (rows[rows.length - 1] as SweepRow).deadlineId;
      if (rows.length < BATCH) break;
    }
    if (scheduled.length > 0) this.logger.log(`reconciler (${mode}): ${scheduled.length} deadline jobs scheduled`);
    return scheduled;
  }
}
