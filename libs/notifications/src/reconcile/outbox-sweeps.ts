import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig, QUEUES, SweepLoop } from '@mla/core';
import type { NotificationJobData } from '../notification-jobs';
import { OutboxReconciler } from './outbox-reconciler';

/** When the outbox reconciler sweeps: at start, every OUTBOX_RECONCILE_INTERVAL_MS, and when Redis comes back. */
@Injectable()
export class OutboxSweeps implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly loop: SweepLoop;

  constructor(
    config: AppConfig,
    reconciler: OutboxReconciler,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue<NotificationJobData>,
  ) {
    this.loop = new SweepLoop('outbox reconciler', config.OUTBOX_RECONCILE_INTERVAL_MS, () => reconciler.sweep(), new Logger(OutboxSweeps.name));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.loop.start(await this.queue.getBackend().client);
  }

  onApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }
}
