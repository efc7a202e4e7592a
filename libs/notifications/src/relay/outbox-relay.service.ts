import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig, Clock, PgChannelListener, QUEUES, TransactionRunner } from '@mla/core';
import { OUTBOX_CHANNEL, OutboxRepository } from '@mla/outbox';
import { enqueueDeliveries, NotificationJobData } from '../notification-jobs';

const BATCH = 500;

/**
 * Moves outbox rows into the `notifications` queue (job id = outbox id) and marks them
 * dispatched, in one transaction per batch, rows locked with SKIP LOCKED so several workers
 * share the work. Woken by LISTEN/NOTIFY when an action commits, with a slow poll as a
 * fallback. If Redis is down the batch rolls back and the rows wait: nothing is lost.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly listener: PgChannelListener;
  private poll?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly outbox: OutboxRepository,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue<NotificationJobData>,
  ) {
    const wake = () => void this.wake();
    this.listener = new PgChannelListener(config.DATABASE_URL, OUTBOX_CHANNEL, { onNotify: wake, onReconnect: wake }, this.logger);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
    this.poll = setInterval(() => void this.wake(), this.config.OUTBOX_POLL_MS);
    this.poll.unref();
    await this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    await this.running;
    await this.listener.stop();
  }

  /** Relays until the outbox is empty; a wake during a run causes one more pass. */
  wake(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while (!this.stopped && (await this.relayBatch()) === BATCH);
        } while (this.again && !this.stopped);
      } catch (error) {
        this.logger.warn(`outbox relay paused (rows stay in the outbox): ${String(error)}`);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** One batch; answers how many rows it moved. */
  async relayBatch(): Promise<number> {
    return this.tx.run(async (m) => {
      const ids = await this.outbox.claimUndispatched(m, BATCH);
      if (ids.length === 0) return 0;
      await enqueueDeliveries(this.queue, ids, this.config.WEBHOOK_MAX_ATTEMPTS);
      await this.outbox.markDispatched(m, ids, this.clock.now());
      return ids.length;
    });
  }
}
