import { Queue } from 'bullmq';
import { NOTIFICATION_JOBS } from '@mla/core';

/** The payload of a notification job: the outbox row's id only; the processor re-reads it. */
export interface NotificationJobData {
  o: string;
}

/** Enqueues deliveries: job id = outbox id, so a row's delivery is one job whoever enqueues it. */
export async function enqueueDeliveries(queue: Queue<NotificationJobData>, outboxIds: string[], attempts: number): Promise<void> {
  if (outboxIds.length === 0) return;
  await queue.addBulk(
    outboxIds.map((outboxId) => ({
      name: NOTIFICATION_JOBS.deliver,
      data: { o: outboxId },
      opts: {
        jobId: outboxId,
        attempts,
        backoff: { type: 'jitter' },
        removeOnComplete: { count: 10_000 },
        removeOnFail: { count: 10_000 },
      },
    })),
  );
}

const IN_QUEUE = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/**
 * Puts an outbox row's delivery back on the queue under its own job id: nothing when its job
 * is still waiting or running; otherwise (failed, completed, gone) a fresh job. Delivering
 * twice is harmless: the inbox copy is stored once, a webhook receiver drops a repeated
 * `webhook-id`.
 */
export async function requeueDelivery(queue: Queue<NotificationJobData>, outboxId: string, attempts: number): Promise<'in-queue' | 'queued'> {
  const job = await queue.getJob(outboxId);
  if (job) {
    if (IN_QUEUE.has(await job.getState())) return 'in-queue';
    await job.remove();
  }
  await enqueueDeliveries(queue, [outboxId], attempts);
  return 'queued';
}
