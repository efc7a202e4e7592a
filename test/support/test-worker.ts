import type { INestApplicationContext } from '@nestjs/common';
import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import Redis from 'ioredis';
import { createWorker } from '../../apps/worker/src/bootstrap';
import { DeadlineProcessor, DeadlineReconciler } from '../../libs/deadline-worker/src';
import { DeadlineScheduler, deadlineJobId } from '../../libs/deadlines/src';
import { OutboxRelay } from '../../libs/notifications/src';
import { QUEUES } from '../../libs/core/src';
import { getQueueToken } from '@nestjs/bullmq';
import { AppConfig } from '../../libs/core/src/config/app-config';
import type { TestApp } from './test-app';

export interface TestWorker {
  context: INestApplicationContext;
  worker: Worker;
  queue: Queue;
  /** The notifications queue. */
  notifications: Queue;
  /** Relays the outbox now and awaits the delivery of every row written so far. */
  deliverAll(): Promise<void>;
  /** Runs the reconciler's sweep and awaits the completion of every job it scheduled now. */
  runDue(): Promise<number>;
  close(): Promise<void>;
}

/** Starts a worker (same database, Redis prefix, clock and DNS as the test's API, unless `overrides` say otherwise) in this process. */
export async function startTestWorker(t: TestApp, overrides: Partial<AppConfig> = {}): Promise<TestWorker> {
  const config = Object.assign(new AppConfig(), t.config, overrides);
  const context = await createWorker({ config, clock: t.clock, resolver: t.resolver, migrate: false });
  const worker = context.get(DeadlineProcessor).worker;
  const queue = context.get(DeadlineScheduler).queue;
  const reconciler = context.get(DeadlineReconciler);
  const notifications = context.get(getQueueToken(QUEUES.notifications)) as Queue;
  const relay = context.get(OutboxRelay);
  return {
    context,
    worker,
    queue,
    notifications,
    async deliverAll() {
      await relay.wake();
      const rows = await t.sql<{ id: string }>(`SELECT id FROM outbox WHERE dispatched_at IS NOT NULL`);
      await awaitJobs(notifications, rows.map((r) => r.id), { allowMissing: true });
    },
    async runDue() {
      const scheduled = (await reconciler.sweep('due')) ?? [];
      const now = t.clock.now().getTime();
      const due = scheduled.filter((s) => s.at.getTime() <= now).map((s) => deadlineJobId(s.deadlineId, s.at));
      // Two due jobs of one deadline (its reminder and its due time): the first to run performs every
      // event due and unschedules the other, which is then gone from the queue, never to run.
      await awaitJobs(queue, due, { allowMissing: true });
      return due.length;
    },
    close: () => context.close(),
  };
}

/**
 * Resolves once every job id has finished, whichever worker ran it (BullMQ's queue events):
 * awaits real events, never sleeps. Rejects when one fails.
 */
export async function awaitJobs(queue: Queue, ids: string[], options: { allowMissing?: boolean } = {}): Promise<void> {
  if (ids.length === 0) return;
  // Each job looked up at once adds a listener to the queue: many in parallel is expected here.
  queue.setMaxListeners(0);
  // Read the queue's event stream from its start: a job finishing between our state check and
  // the first read of the stream would otherwise be missed (the default reads only new events).
  const events = new QueueEvents(queue.name, { connection: queue.opts.connection, prefix: queue.opts.prefix, lastEventId: '0' });
  try {
    await events.waitUntilReady();
    await Promise.all(
      ids.map(async (id) => {
        const job = await Job.fromId(queue, id);
        if (!job) {
          if (options.allowMissing) return; // finished long ago and trimmed, or unscheduled by another job
          throw new Error(`no job ${id}`);
        }
        await job.waitUntilFinished(events, 20_000);
      }),
    );
  } finally {
    await events.close();
  }
}

/** Deletes every Redis key of this test's prefix: a FLUSHDB that spares the other test files. */
export async function flushPrefix(t: TestApp): Promise<number> {
  const redis = new Redis(t.config.REDIS_URL);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${t.queuePrefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
