import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, QUEUES, withAdvisoryLock } from '@mla/core';
import { OutboxRepository } from '@mla/outbox';
import { NotificationJobData, requeueDelivery } from '../notification-jobs';

/** Fixed key of the advisory lock that makes the outbox sweep one-instance-only. */
export const OUTBOX_RECONCILER_LOCK_KEY = 7_264_002_028;
const BATCH = 500;

/**
 * Finds notifications dispatched to the queue long enough ago (OUTBOX_STUCK_AFTER_MS) that
 * are still not settled — no inbox copy, or a webhook delivery neither DELIVERED nor DEAD —
 * and whose job is no longer waiting or running (Redis lost it, it spent its attempts on
 * database errors, the queue was emptied), and puts each back under its own job id. Runs
 * under a PostgreSQL advisory lock: with several workers, one sweeps.
 */
@Injectable()
export class OutboxReconciler {
  private readonly logger = new Logger(OutboxReconciler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue<NotificationJobData>,
  ) {}

  /** Answers the outbox ids put back on the queue, or null when another instance holds the lock. */
  sweep(): Promise<string[] | null> {
    return withAdvisoryLock(this.dataSource, OUTBOX_RECONCILER_LOCK_KEY, false, () => this.sweepLocked());
  }

  private async sweepLocked(): Promise<string[]> {
    const before = new Date(this.clock.now().getTime() - this.config.OUTBOX_STUCK_AFTER_MS);
    const requeued: string[] = [];
    for (let after: { dispatchedAt: Date; id: string } | null = null; ; ) {
      const rows = await this.outbox.unsettledSince(before, after, BATCH);
      for (const row of rows) {
        if ((await requeueDelivery(this.queue, row.id, this.config.WEBHOOK_MAX_ATTEMPTS)) === 'queued') requeued.push(row.id);
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1] as { dispatchedAt: Date; id: string };
    }
    if (requeued.length > 0) this.logger.warn(`outbox reconciler: ${requeued.length} notifications put back on the queue`);
    return requeued;
  }
}
