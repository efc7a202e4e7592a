import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, Type } from '@nestjs/common';
import type { Job } from 'bullmq';
import { z } from 'zod';
import { AppConfig, NOTIFICATION_JOBS, QUEUES, workerOptions } from '@mla/core';
import { NotificationDeliveryService } from './notification-delivery.service';

/** Exponential backoff with full jitter: base × 2^(n−1) × [0.5, 1.5). */
export function jitteredBackoff(base: number, attemptsMade: number): number {
  return Math.round(base * 2 ** Math.max(0, attemptsMade - 1) * (0.5 + Math.random()));
}

/** A notification job carries the outbox row's id only; the processor re-reads it. */
const DELIVER_PAYLOAD = z.strictObject({ o: z.uuid() });

/** The consumer of the `notifications` queue, in the worker process only. */
@Injectable()
export abstract class NotificationProcessor extends WorkerHost {
  private readonly logger = new Logger(NotificationProcessor.name);

  constructor(private readonly delivery: NotificationDeliveryService) {
    super();
  }

  process(job: Job): Promise<unknown> {
    if (job.name !== NOTIFICATION_JOBS.deliver) throw new Error(`no handler for notification job ${job.name}`);
    const payload = DELIVER_PAYLOAD.safeParse(job.data);
    if (!payload.success) throw new Error(`notification job ${job.id}: payload ${JSON.stringify(job.data)} is not { o: <outbox uuid> }`);
    return this.delivery.deliver(payload.data.o);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`notification job ${job?.id} attempt ${job?.attemptsMade} failed: ${error.message}`);
  }
}

/** The processor class with this configuration's worker settings (BullMQ reads them from the decorator). */
export function notificationProcessorFor(config: AppConfig): Type<NotificationProcessor> {
  @Processor(QUEUES.notifications, {
    ...workerOptions(config),
    concurrency: config.NOTIFICATIONS_CONCURRENCY,
    maxStalledCount: 5,
    settings: { backoffStrategy: (attemptsMade: number) => jitteredBackoff(config.WEBHOOK_BACKOFF_MS, attemptsMade) },
  })
  class ConfiguredNotificationProcessor extends NotificationProcessor {}
  return ConfiguredNotificationProcessor;
}
