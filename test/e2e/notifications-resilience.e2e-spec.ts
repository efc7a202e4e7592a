import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { bullConnection, QUEUES } from '../../libs/core/src';
import { createTestApp, TestApp } from '../support/test-app';
import { awaitJobs, startTestWorker } from '../support/test-worker';
import { WebhookReceiver } from '../support/webhook-receiver';
import { freePort, kill, spawnRedis, spawnWorker } from '../support/processes';
import { act, authorityId, completeDraft, createDraft, loginAll } from '../support/fixtures';

/**
 * Nothing accepted is lost (DESIGN §11): a worker killed in mid-delivery, and Redis down
 * while actions are accepted. Uses the built worker (`npm run build`) as a real process.
 */
describe('notifications survive crashes (e2e)', () => {
  it('a worker killed (SIGKILL) in mid-delivery: another picks the delivery up within 15 s, same webhook-id', async () => {
    const t = await createTestApp({ clockStart: new Date().toISOString() });
    const receiver = new WebhookReceiver();
    const workers: ChildProcess[] = [];
    const queue = new Queue(QUEUES.notifications, { connection: bullConnection(t.config.REDIS_URL), prefix: t.config.QUEUE_PREFIX });
    try {
      await receiver.start();
      const as = await loginAll(t);
      const sgCa = await authorityId(t, 'SG-CA');
      await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ webhookUrl: receiver.url }).expect(200);
      receiver.replies = ['hang']; // the first delivery never gets an answer
      workers.push(await spawnWorker(t.config));

      const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
      await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
      await act(t, as.vnOfficer, draft.id, { action: 'send' });
      await receiver.next(1);
      const killedAt = Date.now();
      await kill(workers[0] as ChildProcess, 'SIGKILL');

      workers.push(await spawnWorker(t.config));
      await receiver.next(2);
      const [first, second] = receiver.received;
      expect(second?.headers['webhook-id']).toBe(first?.headers['webhook-id']);
      expect((second?.at as number) - killedAt).toBeLessThan(15_000);

      const [{ id: outboxId }] = await t.sql<{ id: string }>(
        `SELECT o.id FROM outbox o JOIN authorities a ON a.id = o.recipient_authority_id WHERE o.request_id = $1 AND o.type = 'request.sent' AND a.code = 'SG-CA'`,
        [draft.id],
      );
      await awaitJobs(queue, [outboxId as string]);
      const [delivery] = await t.sql<{ status: string }>(`SELECT status FROM webhook_deliveries WHERE outbox_id = $1`, [outboxId]);
      expect(delivery?.status).toBe('DELIVERED');
      const [{ undelivered }] = await t.sql<{ undelivered: number }>(
        `SELECT count(*)::int AS undelivered FROM outbox o LEFT JOIN notifications n ON n.outbox_id = o.id WHERE n.id IS NULL`,
      );
      expect(undelivered).toBe(0);
    } finally {
      for (const w of workers) await kill(w, 'SIGTERM');
      await queue.close();
      await receiver.stop();
      await t.close();
    }
  });

  it('Redis down while actions are accepted: the API keeps working, everything is delivered when Redis returns', async () => {
    const port = await freePort();
    let redis = await spawnRedis(port);
    const t = await createTestApp({ clockStart: new Date().toISOString(), env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    const receiver = new WebhookReceiver();
    try {
      await receiver.start();
      const as = await loginAll(t);
      const sgCa = await authorityId(t, 'SG-CA');
      await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ webhookUrl: receiver.url }).expect(200);

      await kill(redis, 'SIGKILL');
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
        await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
        await act(t, as.vnOfficer, draft.id, { action: 'send' });
        ids.push(draft.id);
      }
      const ready = await t.http.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.code).toBe('SERVICE_UNAVAILABLE');
      const [{ waiting }] = await t.sql<{ waiting: number }>(`SELECT count(*)::int AS waiting FROM outbox WHERE dispatched_at IS NULL`);
      expect(waiting).toBe(9); // submitted → VN-CA; sent → SG-CA and VN-HCM-PROS; for each of three

      redis = await spawnRedis(port);
      const w = await startTestWorker(t);
      try {
        await w.deliverAll();
        await receiver.next(3);
        expect(receiver.ofType('request.sent').map((r) => r.json.request.id).sort()).toEqual([...ids].sort());
        const [{ delivered }] = await t.sql<{ delivered: number }>(`SELECT count(*)::int AS delivered FROM notifications`);
        expect(delivered).toBe(9);
        expect((await t.http.get('/health/ready')).status).toBe(200);
      } finally {
        await w.close();
      }
    } finally {
      await receiver.stop();
      await t.close();
      await kill(redis, 'SIGTERM');
    }
  });
});
