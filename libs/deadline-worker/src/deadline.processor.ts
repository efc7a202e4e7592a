import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, Type } from '@nestjs/common';
import type { Job } from 'bullmq';
import { z } from 'zod';
import { AppConfig, DEADLINE_JOBS, QUEUES, workerOptions } from '@mla/core';
import { DeadlineScheduler } from '@mla/deadlines';
import { DeadlineFiringService } from './deadline-firing.service';
import { DeadlineReconciler } from './deadline-reconciler';

/** A deadline job carries the deadline's id only; the processor re-reads the row. */
const FIRE_PAYLOAD = z.strictObject({ d: z.uuid() });

/**
 * The consumer of the `deadlines` queue, in the worker process only: fires deadline jobs,
 * runs the periodic reconcile job, and sweeps everything once at start. A job whose name
 * has no handler, or whose payload is not what its name says, fails loudly.
 */
@Injectable()
export abstract class DeadlineProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeadlineProcessor.name);

  constructor(
    private readonly config: AppConfig,
    private readonly firing: DeadlineFiringService,
    private readonly reconciler: DeadlineReconciler,
    private readonly scheduler: DeadlineScheduler,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.worker.waitUntilReady();
    if (this.config.RECONCILE_INTERVAL_MS > 0) {
      await this.scheduler.queue.upsertJobScheduler('reconcile', { every: this.config.RECONCILE_INTERVAL_MS }, { name: DEADLINE_JOBS.reconcile, data: {} });
    }
    await this.reconciler.sweep('full');
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case DEADLINE_JOBS.fire: {
        const payload = FIRE_PAYLOAD.safeParse(job.data);
        if (!payload.success) throw new Error(`deadline job ${job.id}: payload ${JSON.stringify(job.data)} is not { d: <deadline uuid> }`);
        return this.firing.fire(payload.data.d);
      }
      case DEADLINE_JOBS.reconcile:
        return (await this.reconciler.sweep('due'))?.length ?? 0;
      default:
        throw new Error(`no handler for deadline job ${job.name}`);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`deadline job ${job?.id} failed: ${error.message}`);
  }
}

/** The processor class with this configuration's worker settings (BullMQ reads them from the decorator). */
export function deadlineProcessorFor(config: AppConfig): Type<DeadlineProcessor> {
  @Processor(QUEUES.deadlines, {
    ...workerOptions(config),
    maxStalledCount: 3,
    // Completed jobs kept a while (inspection, waitUntilFinished), then trimmed.
    removeOnComplete: { count: 1000 },
    removeOnFail: { count: 5000 },
  })
  class ConfiguredDeadlineProcessor extends DeadlineProcessor {}
  return ConfiguredDeadlineProcessor;
}
