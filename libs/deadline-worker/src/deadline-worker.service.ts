import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { AppConfig, DEADLINE_JOBS, QUEUES, workerOptions } from '@mla/core';
import { DeadlineJobData, DeadlineScheduler } from '@mla/deadlines';
import { DeadlineFiringService } from './deadline-firing.service';
import { DeadlineReconciler } from './deadline-reconciler';

/**
 * The consumer of the `deadlines` queue, started only by the worker process: fires
 * deadline jobs, runs the periodic reconcile job, and sweeps everything once at start.
 */
@Injectable()
export class DeadlineWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineWorker.name);
  private worker?: Worker;

  constructor(
    private readonly config: AppConfig,
    private readonly firing: DeadlineFiringService,
    private readonly reconciler: DeadlineReconciler,
    private readonly scheduler: DeadlineScheduler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker = new Worker<DeadlineJobData>(QUEUES.deadlines, (job) => this.process(job), {
      ...workerOptions(this.config),
      maxStalledCount: 3,
      // Completed jobs kept a while (inspection, waitUntilFinished), then trimmed.
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    });
    this.worker.on('failed', (job, error) => this.logger.warn(`deadline job ${job?.id} failed: ${error.message}`));
    await this.worker.waitUntilReady();
    if (this.config.RECONCILE_INTERVAL_MS > 0) {
      await this.scheduler.queue.upsertJobScheduler('reconcile', { every: this.config.RECONCILE_INTERVAL_MS }, { name: DEADLINE_JOBS.reconcile, data: { d: '' } });
    }
    await this.reconciler.sweep('full');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  /** The BullMQ worker, for tests that await job completion. */
  get instance(): Worker | undefined {
    return this.worker;
  }

  private async process(job: Job<DeadlineJobData>): Promise<unknown> {
    switch (job.name) {
      case DEADLINE_JOBS.fire:
        return this.firing.fire(job.data.d);
      case DEADLINE_JOBS.reconcile:
        return (await this.reconciler.sweep('due'))?.length ?? 0;
      default:
        // A job name with no handler is a wiring mistake: fail it loudly.
        throw new Error(`no handler for deadline job ${job.name}`);
    }
  }
}
