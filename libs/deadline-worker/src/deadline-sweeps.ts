import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, DEADLINE_JOBS, SweepLoop } from '@mla/core';
import { DeadlineScheduler } from '@mla/deadlines';
import { DeadlineReconciler } from './deadline-reconciler';

/**
 * When the deadlines reconciler sweeps, in every worker (the advisory lock lets one sweep at
 * a time): everything at start and whenever Redis comes back (its jobs may be gone), what is
 * due every RECONCILE_INTERVAL_MS. The schedule is this process's timer, not a Redis job, so
 * losing Redis's data cannot stop it.
 */
@Injectable()
export class DeadlineSweeps implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly loop: SweepLoop;

  constructor(
    config: AppConfig,
    private readonly reconciler: DeadlineReconciler,
    private readonly scheduler: DeadlineScheduler,
  ) {
    this.loop = new SweepLoop('deadlines reconciler', config.RECONCILE_INTERVAL_MS, (reason) => this.reconciler.sweep(reason === 'interval' ? 'due' : 'full'), new Logger(DeadlineSweeps.name));
  }

  async onApplicationBootstrap(): Promise<void> {
    // The repeat job of earlier versions is no longer used: the schedule is the loop's.
    await this.scheduler.queue.removeJobScheduler(DEADLINE_JOBS.reconcile).catch(() => false);
    await this.loop.start(await this.scheduler.queue.getBackend().client);
  }

  onApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }
}
