import { Queue } from 'bullmq';
import { NOTIFICATION_JOBS } from '@mla/core';

/** The payload of a notification job: the outbox row's id only; the processor re-reads it. */
export interface NotificationJobData {
  o: string;
}

/** Enqueues deliveries: job id = outbox id (a retry of a DEAD delivery gets its own id). */
export async function enqueueDeliveries(queue: Queue<NotificationJobData>, items: { outboxId: string; jobId?: string }[], attempts: number): Promise<void> {
  if (items.length === 0) return;
  await queue.addBulk(
    items.map((i) => ({
      name: NOTIFICATION_JOBS.deliver,
      data: { o: i.outboxId },
      opts: {
        jobId: i.jobId ?? i.outboxId,
        attempts,
        backoff: { type: 'jitter' },
        removeOnComplete: { count: 10_000 },
        removeOnFail: { count: 10_000 },
      },
    })),
  );
}
