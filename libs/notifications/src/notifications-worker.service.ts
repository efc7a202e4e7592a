import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { AppConfig, NOTIFICATION_JOBS, QUEUES, workerOptions } from '@mla/core';
import { NotificationDeliveryService } from './notification-delivery.service';
import type { NotificationJobData } from './notification-jobs';

/** Exponential backoff with full jitter: base × 2^(n−1) × [0.5, 1.5). */
export function jitteredBackoff(base: number, attemptsMade: number): number {
  return Math.round(base * 2 ** Math.max(0, attemptsMade - 1) * (0.5 + Math.random()));
}

/** The consumer of the `notifications` queue, started only by the worker process. */
@Injectable()
export class NotificationsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationsWorker.name);
  private worker?: Worker<NotificationJobData>;

  constructor(
    private readonly config: AppConfig,
    private readonly delivery: NotificationDeliveryService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker = new Worker<NotificationJobData>(QUEUES.notifications, (job) => this.process(job), {
      ...workerOptions(this.config),
      concurrency: this.config.NOTIFICATIONS_CONCURRENCY,
      maxStalledCount: 5,
      settings: { backoffStrategy: (attemptsMade: number) => jitteredBackoff(this.config.WEBHOOK_BACKOFF_MS, attemptsMade) },
    });
    this.worker.on('failed', (job, error) => this.logger.warn(`notification job ${job?.id} attempt ${job?.attemptsMade} failed: ${error.message}`));
    await this.worker.waitUntilReady();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  get instance(): Worker<NotificationJobData> | undefined {
    return this.worker;
  }

  private process(job: Job<NotificationJobData>) {
    if (job.name !== NOTIFICATION_JOBS.deliver) throw new Error(`no handler for notification job ${job.name}`);
    return this.delivery.deliver(job.data.o, { made: job.attemptsMade, max: job.opts.attempts ?? 1 });
  }
}
