import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Clock, DEADLINE_JOBS, QUEUES } from '@mla/core';
import { deadlineJobId, ScheduleChange, ScheduleDelta } from './deadline-schedule';

/** The payload of a deadline job: ids only; the processor re-reads the row. The reconcile job carries none. */
export type DeadlineJobData = { d: string } | Record<string, never>;

/**
 * Puts one delayed job per open deadline in the `deadlines` queue, for its next event.
 * The table is the truth: a lost or stale job is harmless, the reconciler re-creates what
 * is missing and the processor ignores what is no longer due.
 */
@Injectable()
export class DeadlineScheduler {
  private readonly logger = new Logger(DeadlineScheduler.name);

  constructor(
    @InjectQueue(QUEUES.deadlines) readonly queue: Queue<DeadlineJobData>,
    private readonly clock: Clock,
  ) {}

  /**
   * Adds the jobs (batched); an existing job with the same id is left as it is, except that
   * one still delayed although its time has come (clocks disagree) is promoted to run now.
   */
  async schedule(changes: ScheduleChange[]): Promise<void> {
    if (changes.length === 0) return;
    const now = this.clock.now().getTime();
    await this.queue.addBulk(
      changes.map((c) => ({
        name: DEADLINE_JOBS.fire,
        data: { d: c.deadlineId },
        opts: {
          jobId: deadlineJobId(c.deadlineId, c.at),
          delay: Math.max(0, c.at.getTime() - now),
          // Retention is the worker's setting (not stored per job: it would cost Redis memory).
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
        },
      })),
    );
    const due = changes.filter((c) => c.at.getTime() <= now);
    await Promise.all(
      due.map(async (c) => {
        const job = await this.queue.getJob(deadlineJobId(c.deadlineId, c.at));
        if (job && (await job.isDelayed())) await job.promote().catch(() => undefined);
      }),
    );
  }

  async unschedule(changes: ScheduleChange[]): Promise<void> {
    await Promise.all(changes.map((c) => this.queue.remove(deadlineJobId(c.deadlineId, c.at)).catch(() => 0)));
  }

  async apply(delta: ScheduleDelta): Promise<void> {
    await this.unschedule(delta.remove);
    await this.schedule(delta.add);
  }

  /**
   * After a commit: the jobs are in Redis when the action answers, unless Redis is slow or
   * down: then the action answers anyway after a short wait, and the reconciler schedules
   * what could not be (the deadlines table is the truth). Never fails the action.
   */
  async applyAfterCommit(delta: ScheduleDelta, waitMs = 250): Promise<void> {
    if (delta.add.length === 0 && delta.remove.length === 0) return;
    const applied = this.apply(delta).then(
      () => true,
      (error: unknown) => {
        this.logger.warn(`deadline jobs not scheduled now (the reconciler will): ${String(error)}`);
        return true;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), waitMs);
      timer.unref();
    });
    const done = await Promise.race([applied, late]);
    if (timer) clearTimeout(timer);
    if (!done) this.logger.warn('Redis is slow or down: deadline jobs will be scheduled when it answers, or by the reconciler');
  }
}
