import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, PgChannelListener, SweepLoop, withAdvisoryLock } from '@mla/core';
import { WorkingCalendarsHolder } from '@mla/countries';
import { DeadlineRecomputation } from './deadline-recomputation';
import { WORKING_CALENDARS_CHANNEL, WorkingCalendarYearsRepository } from './working-calendar-years.repository';

/** One process at a time recomputes (the others skip: the one holding the lock sweeps again if asked meanwhile). */
export const CALENDAR_RECOMPUTE_LOCK_KEY = 7_264_002_029;

/** What one sweep did: whether the calendar in force changed, and the recomputations it ran. */
export interface CalendarSweepResult {
  changed: boolean;
  recomputed: { country: string; year: number; version: number; requests: number; deadlines: number }[];
}

/**
 * Keeps every process (API and worker) on the working calendars in force, and no deadline on
 * an old one. A sweep re-reads the years admins set and lays them over the file; then runs the
 * recomputations still owed: one that a crash interrupted after the change committed, and
 * one more of every change once CALENDAR_REFRESH_INTERVAL_MS has passed since it, by when every
 * process has re-read it (a due time computed meanwhile on the old calendar is set right).
 * Sweeps run at start, at every NOTIFY of a change (sent at its commit), when the listening
 * connection comes back (notifications are lost while it is down), and every interval.
 */
@Injectable()
export class WorkingCalendarSweeps implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly loop: SweepLoop;
  private readonly logger = new Logger(WorkingCalendarSweeps.name);
  private readonly listener: PgChannelListener;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly holder: WorkingCalendarsHolder,
    private readonly years: WorkingCalendarYearsRepository,
    private readonly recomputation: DeadlineRecomputation,
  ) {
    this.loop = new SweepLoop('working calendars', config.CALENDAR_REFRESH_INTERVAL_MS, () => this.sweep(), this.logger);
    const wake = () => void this.loop.trigger('reconnect');
    this.listener = new PgChannelListener(config.DATABASE_URL, WORKING_CALENDARS_CHANNEL, { onNotify: wake, onReconnect: wake }, this.logger);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start().catch((error: unknown) => this.logger.warn(`LISTEN ${WORKING_CALENDARS_CHANNEL} failed, re-reading every interval only: ${String(error)}`));
    await this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener.stop();
    await this.loop.stop();
  }

  /** Re-reads the calendars; answers whether the calendar in force changed. */
  async refresh(): Promise<boolean> {
    return this.holder.use(await this.years.all());
  }

  /**
   * Re-reads the calendars and runs the recomputations owed. `waitForLock`: wait for another
   * process's recomputation to end, then run what is still owed (the API, answering the
   * change); otherwise skip when one runs (the loop: that process sweeps again if asked).
   */
  async sweep(options: { waitForLock?: boolean } = {}): Promise<CalendarSweepResult> {
    const changed = await this.refresh();
    const recomputed: CalendarSweepResult['recomputed'] = [];
    await withAdvisoryLock(this.dataSource, CALENDAR_RECOMPUTE_LOCK_KEY, options.waitForLock ?? false, async () => {
      for (const owed of await this.years.owed(this.clock.now(), this.config.CALENDAR_REFRESH_INTERVAL_MS)) {
        const done = await this.recomputation.recomputeCountry(owed.country);
        await this.years.markRecomputed(owed, this.clock.now());
        recomputed.push({ ...owed, ...done });
        if (done.deadlines > 0) this.logger.log(`working calendar ${owed.country} ${owed.year} v${owed.version}: ${done.deadlines} deadline(s) of ${done.requests} request(s) recomputed`);
      }
    });
    return { changed, recomputed };
  }
}
