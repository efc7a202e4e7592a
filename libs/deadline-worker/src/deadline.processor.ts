import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, Type } from '@nestjs/common';
import type { Job } from 'bullmq';
import { z } from 'zod';
import { AppConfig, DEADLINE_JOBS, QUEUES, workerOptions } from '@mla/core';
import { DeadlineFiringService } from './deadline-firing.service';
import { DeadlineReconciler } from './deadline-reconciler';

/** A deadline job carries the deadline's id only; the processor re-reads the row. */
const FIRE_PAYLOAD = z.strictObject({ d: z.uuid() });

/**
 * The consumer of the `deadlines` queue, in the worker process only: fires deadline jobs
 * (a `reconcile` job left by an earlier version sweeps what is due). A job whose name has no
 * handler, or whose payload is not what its name says, fails loudly.
 */
@Injectable()
export abstract class DeadlineProcessor extends WorkerHost {
  private readonly logger = new Logger(DeadlineProcessor.name);

  constructor(
    private readonly firing: DeadlineFiringService,
    private readonly reconciler: DeadlineReconciler,
  ) {
    super();
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
