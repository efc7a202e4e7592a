import type { ChildProcess } from 'node:child_process';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { QueueEvents } from 'bullmq';
import { Client } from 'pg';
import request from 'supertest';
import { createApi } from '../../apps/api/src/bootstrap';
import type { AppConfig } from '../../libs/core/src/config/app-config';
import { DeadlineSweeps } from '../../libs/deadline-worker/src';
import { NotificationProcessor, OutboxReconciler, OutboxRelay } from '../../libs/notifications/src';
import { TcpProxy } from '../support/tcp-proxy';
import { WebhookReceiver } from '../support/webhook-receiver';
import { deadlineJobId } from '../../libs/deadlines/src';
import { IdempotencyRepository } from '../../libs/core/src';
import { createTestApp, TestApp } from '../support/test-app';
import { DAY } from '../support/test-clock';
import { awaitJobs, startTestWorker, TestWorker } from '../support/test-worker';
import { freePort, kill, spawnRedis } from '../support/processes';
import { act, authorityId, completeDraft, createDraft, loginAll, UserKey } from '../support/fixtures';

/**
 * Nothing accepted is lost (DESIGN §11) when Redis loses its data: the reconcilers' schedule
 * is the worker's own, and Redis coming back triggers a full sweep at once, with the worker
 * never restarted.
 */
describe('nothing lost when Redis loses its data (e2e)', () => {
  let port: number;
  let redis: ChildProcess;
  let t: TestApp;
  let w: TestWorker;
  let as: Record<UserKey, string>;

  beforeAll(async () => {
    port = await freePort();
    redis = await spawnRedis(port);
    t = await createTestApp({ clockStart: '2026-11-02T03:00:00.000Z', env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    w = await startTestWorker(t);
    as = await loginAll(t);
  });
  afterAll(async () => {
    await w.close();
    await t.close();
    await kill(redis, 'SIGTERM');
  });

  it('every past-due deadline fires, and every open one has its job again, once Redis returns empty', async () => {
    const sgCa = await authorityId(t, 'SG-CA');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa, { priority: i % 2 === 0 ? 'URGENT' : 'ROUTINE' }));
      await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
      if (i < 2) await act(t, as.vnOfficer, draft.id, { action: 'send' });
      ids.push(draft.id);
    }
    const sweeps = w.context.get(DeadlineSweeps);
    const reconnected = new Promise<{ deadlineId: string; at: Date }[]>((resolve) =>
      sweeps.loop.onSwept((reason, result) => {
        if (reason === 'reconnect') resolve(result as { deadlineId: string; at: Date }[]);
      }),
    );

    await kill(redis, 'SIGKILL'); // every job gone with it
    t.clock.advance(9 * DAY); // past every REVIEW and ACKNOWLEDGEMENT due time (Deepavali included), while Redis is away
    redis = await spawnRedis(port); // back, empty

    const scheduled = await reconnected;
    const now = t.clock.now().getTime();
    await awaitJobs(w.queue, scheduled.filter((s) => s.at.getTime() <= now).map((s) => deadlineJobId(s.deadlineId, s.at)));

    const open = await t.sql<{ id: string; kind: string; status: string; due_at: Date; scheduled_for: Date | null; request_id: string; escalation_level: number }>(
      `SELECT id, kind, status, due_at, scheduled_for, request_id, escalation_level FROM deadlines
       WHERE request_id = ANY($1) AND status IN ('PENDING','OVERDUE') ORDER BY kind`,
      [ids],
    );
    const pastDue = open.filter((d) => d.due_at.getTime() <= now);
    expect(pastDue.map((d) => d.kind).sort()).toEqual(['ACKNOWLEDGEMENT', 'ACKNOWLEDGEMENT', 'REVIEW', 'REVIEW']);
    for (const d of pastDue) {
      expect(d.status).toBe('OVERDUE');
      const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM request_events WHERE request_id = $1 AND action = 'deadline_overdue'`, [d.request_id]);
      expect(n).toBeGreaterThanOrEqual(1);
    }
    // Every open deadline with an event still to come (a level-2 one has none) has its job in the new Redis.
    const ahead = open.filter((d) => d.escalation_level < 2);
    expect(ahead.length).toBeGreaterThanOrEqual(4);
    for (const d of ahead) {
      expect(d.scheduled_for).not.toBeNull();
      const job = await w.queue.getJob(deadlineJobId(d.id, d.scheduled_for as Date));
      expect(job).toBeTruthy();
    }
  });
});

/**
 * Nothing lost between the outbox and its recipient: the outbox reconciler puts back what was
 * dispatched but never settled; database errors spend no webhook attempt.
 */
describe('nothing lost between the outbox and the recipient (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let receiver: WebhookReceiver;
  let proxy: TcpProxy;

  beforeAll(async () => {
    t = await createTestApp({ clockStart: '2026-11-02T03:00:00.000Z', env: { WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_BACKOFF_MS: '5' } });
    as = await loginAll(t);
    receiver = new WebhookReceiver();
    await receiver.start();
    await t.http.patch(`/api/v1/authorities/${await authorityId(t, 'SG-CA')}`).set('authorization', as.admin).send({ webhookUrl: receiver.url }).expect(200);
    const url = new URL(t.config.DATABASE_URL);
    proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  });
  afterAll(async () => {
    await receiver.stop();
    await proxy.stop();
    await t.close();
  });

  const sendOne = async () => {
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(await authorityId(t, 'SG-CA')));
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    await act(t, as.vnOfficer, draft.id, { action: 'send' });
    const [row] = await t.sql<{ id: string }>(
      `SELECT o.id FROM outbox o JOIN authorities a ON a.id = o.recipient_authority_id WHERE o.request_id = $1 AND o.type = 'request.sent' AND a.code = 'SG-CA'`,
      [draft.id],
    );
    return row?.id as string;
  };
  const inboxCopies = async (outboxId: string) => (await t.sql(`SELECT 1 FROM notifications WHERE outbox_id = $1`, [outboxId])).length;

  it('restores a notification whose job was deleted from Redis; it reaches the inbox once', async () => {
    const w = await startTestWorker(t);
    try {
      const processor = w.context.get(NotificationProcessor);
      await processor.worker.pause();
      const outboxId = await sendOne();
      await w.context.get(OutboxRelay).wake(); // dispatched: its job is in Redis
      expect(await w.notifications.remove(outboxId)).toBe(1); // …and deleted (a dashboard, a Redis loss)
      processor.worker.resume();

      const reconciler = w.context.get(OutboxReconciler);
      expect(await reconciler.sweep()).toEqual([]); // not yet stuck: dispatched a moment ago
      t.clock.advance(t.config.OUTBOX_STUCK_AFTER_MS + 1000);
      expect(await reconciler.sweep()).toContain(outboxId);
      await awaitJobs(w.notifications, [outboxId]);
      expect(await inboxCopies(outboxId)).toBe(1);
      expect(await reconciler.sweep()).toEqual([]); // settled now: nothing more to do
    } finally {
      await w.close();
    }
  });

  it('restores a delivery whose job spent its attempts while PostgreSQL refused connections; no webhook attempt was spent', async () => {
    const port = await proxy.start();
    const url = new URL(t.config.DATABASE_URL);
    url.port = String(port);
    const w = await startTestWorker(t, { DATABASE_URL: url.toString() });
    try {
      const processor = w.context.get(NotificationProcessor);
      await processor.worker.pause();
      const outboxId = await sendOne();
      await w.context.get(OutboxRelay).wake();
      proxy.refuse(); // the worker's database goes away
      const failed = new Promise<void>((resolve) =>
        processor.worker.on('failed', (job) => {
          if (job?.id === outboxId && job.attemptsMade >= (job.opts.attempts ?? 1)) resolve();
        }),
      );
      processor.worker.resume();
      await failed; // every attempt of the job spent on database errors
      proxy.accept();

      const before = receiver.received.length;
      t.clock.advance(t.config.OUTBOX_STUCK_AFTER_MS + 1000);
      // The job's earlier failure is in the queue's event stream: await the completion of its new run.
      const events = new QueueEvents(w.notifications.name, { connection: w.notifications.opts.connection, prefix: w.notifications.opts.prefix });
      try {
        await events.waitUntilReady();
        const completed = new Promise<void>((resolve) => events.on('completed', ({ jobId }) => jobId === outboxId && resolve()));
        expect(await w.context.get(OutboxReconciler).sweep()).toContain(outboxId);
        await completed;
      } finally {
        await events.close();
      }
      expect(await inboxCopies(outboxId)).toBe(1);
      const [delivery] = await t.sql<{ status: string; attempts: number; round_attempts: number }>(
        `SELECT status, attempts, round_attempts FROM webhook_deliveries WHERE outbox_id = $1`,
        [outboxId],
      );
      expect(delivery).toEqual({ status: 'DELIVERED', attempts: 1, round_attempts: 1 });
      expect(receiver.received.slice(before).filter((r) => r.headers['webhook-id'] === outboxId)).toHaveLength(1);
    } finally {
      await w.close();
    }
  });
});

/** An idempotent POST whose process dies after its commit is not run again. */
describe('idempotency that survives a crash (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;

  beforeAll(async () => {
    t = await createTestApp({ clockStart: '2026-11-02T03:00:00.000Z' });
    as = await loginAll(t);
  });
  afterAll(() => t.close());

  it('the answer commits with the action: a crash before the answer is recorded cannot make a repeat run it again', async () => {
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(await authorityId(t, 'SG-CA')));
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    await act(t, as.vnOfficer, draft.id, { action: 'send' });
    // The recording after the answer is where a crash used to leave a claim without its answer:
    // make it fail, as a process killed right after the action's commit.
    const late = jest.spyOn(t.app.get(IdempotencyRepository), 'complete').mockRejectedValue(new Error('the process died'));
    try {
      const first = await t.http
        .post(`/api/v1/requests/${draft.id}/transitions`)
        .set('authorization', as.sgOfficer)
        .set('idempotency-key', 'ack-after-crash')
        .send({ action: 'acknowledge' });
      expect(first.status).toBe(200);
      expect(late).not.toHaveBeenCalled();
      // Written by the action's own transaction.
      const [same] = await t.sql<{ same: boolean }>(
        `SELECT (SELECT xmin::text FROM idempotency_keys WHERE key = 'ack-after-crash') = (SELECT xmin::text FROM request_events WHERE request_id = $1 AND action = 'acknowledge') AS same`,
        [draft.id],
      );
      expect(same?.same).toBe(true);

      t.clock.advance(2 * 60_000); // long past the time after which an unanswered claim counts as abandoned
      const again = await t.http
        .post(`/api/v1/requests/${draft.id}/transitions`)
        .set('authorization', as.sgOfficer)
        .set('idempotency-key', 'ack-after-crash')
        .send({ action: 'acknowledge' });
      expect(again.status).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await t.sql(`SELECT 1 FROM request_events WHERE request_id = $1 AND action = 'acknowledge'`, [draft.id])).toHaveLength(1);
    } finally {
      late.mockRestore();
    }
  });

  it('a creation too: its answer, with the reference drawn in the same statement, is replayed', async () => {
    const body = completeDraft(await authorityId(t, 'SG-CA'), { title: 'Created before a crash' });
    const first = await t.http.post('/api/v1/requests').set('authorization', as.vnProsecutor).set('idempotency-key', 'create-crash').send(body);
    expect(first.status).toBe(201);
    const [stored] = await t.sql<{ response_body: string; same: boolean }>(
      `SELECT k.response_body, k.xmin::text = r.xmin::text AS same FROM idempotency_keys k, requests r WHERE k.key = 'create-crash' AND r.id = $1`,
      [first.body.id],
    );
    expect(stored?.same).toBe(true);
    expect(JSON.parse(stored?.response_body as string).reference).toBe(first.body.reference);
    t.clock.advance(2 * 60_000);
    const again = await t.http.post('/api/v1/requests').set('authorization', as.vnProsecutor).set('idempotency-key', 'create-crash').send(body);
    expect([again.status, again.headers['idempotent-replayed'], again.body]).toEqual([201, 'true', first.body]);
    expect(await t.sql(`SELECT 1 FROM requests WHERE title = 'Created before a crash'`)).toHaveLength(1);
  });
});

/** A Redis error in a request's path answers 503, and changes nothing. */
describe('Redis down in a request’s path (e2e)', () => {
  it('the retry of a DEAD delivery answers 503 and leaves it DEAD; once Redis is back it is delivered', async () => {
    const port = await freePort();
    let redis = await spawnRedis(port);
    const t = await createTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}`, WEBHOOK_MAX_ATTEMPTS: '1' } });
    const receiver = new WebhookReceiver();
    let w: TestWorker | undefined;
    try {
      await receiver.start();
      const as = await loginAll(t);
      const sgCa = await authorityId(t, 'SG-CA');
      await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ webhookUrl: receiver.url }).expect(200);
      receiver.replies = [500];
      w = await startTestWorker(t);
      const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
      await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
      await act(t, as.vnOfficer, draft.id, { action: 'send' });
      await w.deliverAll();
      const [dead] = await t.sql<{ id: string; status: string }>(`SELECT d.id, d.status FROM webhook_deliveries d JOIN outbox o ON o.id = d.outbox_id WHERE o.request_id = $1`, [draft.id]);
      expect(dead?.status).toBe('DEAD');
      await w.close();
      w = undefined;

      await kill(redis, 'SIGKILL');
      const retry = () => t.http.post(`/api/v1/authorities/${sgCa}/webhook-deliveries/${dead?.id}/retry`).set('authorization', as.admin);
      const down = await retry();
      expect([down.status, down.body.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
      const [still] = await t.sql<{ status: string }>(`SELECT status FROM webhook_deliveries WHERE id = $1`, [dead?.id]);
      expect(still?.status).toBe('DEAD');

      redis = await spawnRedis(port);
      w = await startTestWorker(t);
      const ok = await retry();
      expect(ok.status).toBe(200);
      await w.deliverAll();
      const [after] = await t.sql<{ status: string }>(`SELECT status FROM webhook_deliveries WHERE id = $1`, [dead?.id]);
      expect(after?.status).toBe('DELIVERED');
    } finally {
      await w?.close();
      await receiver.stop();
      await t.close();
      await kill(redis, 'SIGTERM');
    }
  });
});

/**
 * A database outage is a 503 with Retry-After, never a 500 (issue 22 item 8): PostgreSQL cut
 * (the TCP proxy) under load — reads, creations and a submit caught inside its transaction —
 * and every answer is a 2xx or a 503; once it is back, the submit that failed is taken again
 * and nothing is half-written.
 */
describe('PostgreSQL cut under load (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let proxy: TcpProxy;
  let cut: NestFastifyApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    // Sessions are checked in PostgreSQL on every call (no per-replica cache): the outage reaches authentication too.
    t = await createTestApp({ env: { SESSION_CACHE_MS: '0' } });
    as = await loginAll(t);
    const url = new URL(t.config.DATABASE_URL);
    proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(await proxy.start());
    // A second API process on the same database, through the proxy.
    const config = Object.assign(Object.create(Object.getPrototypeOf(t.config) as object) as AppConfig, t.config, { DATABASE_URL: url.toString() });
    cut = await createApi({ config, clock: t.clock, migrate: false, seed: false, directory: false });
    await cut.init();
    await cut.getHttpAdapter().getInstance().ready();
    http = request(cut.getHttpServer());
  });
  afterAll(async () => {
    await cut.close().catch(() => undefined);
    await proxy.stop();
    await t.close();
  });

  it('reads, creations and a submit in flight answer 200 or 503 (with Retry-After), never 500', async () => {
    const sgCa = await authorityId(t, 'SG-CA');
    const drafts = await Promise.all(Array.from({ length: 6 }, () => createDraft(t, as.vnProsecutor, completeDraft(sgCa))));
    const inFlight = drafts[0]?.id as string;

    // The submit is caught inside its transaction: the test holds the request's row lock.
    const locker = new Client({ connectionString: t.config.DATABASE_URL });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM requests WHERE id = $1 FOR UPDATE', [inFlight]);
    const submit = http.post(`/api/v1/requests/${inFlight}/transitions`).set('authorization', as.vnProsecutor).send({ action: 'submit' }).then((r) => r);
    for (let waited = 0; ; waited++) {
      const [row] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [t.databaseName]);
      if ((row?.n ?? 0) > 0) break;
      if (waited > 500) throw new Error('the submit never reached the lock');
      await new Promise((r) => setImmediate(r));
    }

    // Load: reads, creations and submits, while PostgreSQL goes away.
    const load = [
      ...drafts.slice(1).map((d) => http.post(`/api/v1/requests/${d.id}/transitions`).set('authorization', as.vnProsecutor).send({ action: 'submit' })),
      ...drafts.map((d) => http.get(`/api/v1/requests/${d.id}`).set('authorization', as.vnSupervisor)),
      ...Array.from({ length: 4 }, () => http.post('/api/v1/requests').set('authorization', as.vnProsecutor).send(completeDraft(sgCa))),
      http.get('/api/v1/requests').set('authorization', as.vnOfficer),
    ].map((r) => r.then((x) => x));
    proxy.refuse();
    const answers = [await submit, ...(await Promise.all(load))];
    // While it is away, every call that needs it is a 503 too.
    answers.push(await http.get(`/api/v1/requests/${inFlight}`).set('authorization', as.vnSupervisor));
    await locker.query('ROLLBACK');
    await locker.end();

    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(2);
    expect((answers[0] as request.Response).status).toBe(503); // the submit caught in flight
    for (const a of answers.filter((x) => x.status === 503)) {
      expect(a.body.code).toBe('SERVICE_UNAVAILABLE');
      expect(Number(a.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }

    // Back: the submit that failed left nothing half-written, and is taken now.
    proxy.accept();
    const [row] = await t.sql<{ state: string }>(`SELECT state FROM requests WHERE id = $1`, [inFlight]);
    expect(row?.state).toBe('DRAFT');
    let again = await http.post(`/api/v1/requests/${inFlight}/transitions`).set('authorization', as.vnProsecutor).send({ action: 'submit' });
    // The pool may hand out a connection the cut broke once more: that too is a 503, and a retry is served.
    for (let i = 0; again.status === 503 && i < 10; i++) {
      again = await http.post(`/api/v1/requests/${inFlight}/transitions`).set('authorization', as.vnProsecutor).send({ action: 'submit' });
    }
    expect(again.status).toBe(200);
    expect(again.body.state).not.toBe('DRAFT');
  }, 60_000);
});
