import { DataSource } from 'typeorm';
import { FederationDeliverySweeps, FederationOutboxWriter, NodeIdentity, type DeliveryReport } from '@mla/federation';
import { authorityId, completeDraft, USERS } from '../support/fixtures';
import { freePort } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';
import { startTestWorker, TestWorker } from '../support/test-worker';

/** Longer than the file: a message delivered here was delivered by a wake, never by the timer. */
const INTERVAL_MS = 3_600_000;
/** How long a wake may take here (a shared CI machine); the issue aims at 500 ms from commit to the peer. */
const WAKE_WITHIN_MS = 15_000;
const LISTEN = 'LISTEN federation_outbox';

/**
 * Delivery at once (issue 20: p99 ≤ 500 ms from an action's commit to the peer): the worker
 * LISTENs on `federation_outbox` (FEDERATION_LISTEN) and runs a delivery pass as soon as a
 * message commits, its timer (here an hour) only the safety net; a lost listening connection
 * is re-established, and the pass it runs then delivers what was written while it was down.
 * VN and SG in one process, peered both ways, VN's worker in this process with the test's clock
 * (never moved here: only a wake can deliver).
 */
describe('federation: delivery woken by the commit (e2e)', () => {
  let vn: TestApp;
  let sg: TestApp;
  let worker: TestWorker;
  let sgPeerId: string;
  let requestId: string;
  const reports: DeliveryReport[] = [];
  const waiters: (() => void)[] = [];

  beforeAll(async () => {
    const sgPort = await freePort();
    sg = await createTestApp({ env: { NODE_ID: 'sg.test', NODE_COUNTRIES: 'SG', NODE_URL: `http://127.0.0.1:${sgPort}` } });
    await sg.app.listen(sgPort, '127.0.0.1');
    const vnPort = await freePort();
    vn = await createTestApp({ directory: true, env: { NODE_ID: 'vn.test', NODE_COUNTRIES: 'VN', NODE_URL: `http://127.0.0.1:${vnPort}` } });
    await vn.app.listen(vnPort, '127.0.0.1');
    const added = await vn.http.post('/api/v1/peers').set('authorization', await vn.login(USERS.admin)).send({ url: sg.config.nodeUrl, keyThumbprint: sg.app.get(NodeIdentity).signingKey().kid });
    expect(added.status).toBe(201);
    sgPeerId = added.body.id;
    const back = await sg.http.post('/api/v1/peers').set('authorization', await sg.login(USERS.admin)).send({ url: vn.config.nodeUrl, keyThumbprint: vn.app.get(NodeIdentity).signingKey().kid });
    expect(back.status).toBe(201);
    const draft = await vn.http.post('/api/v1/requests').set('authorization', await vn.login(USERS.vnProsecutor)).send(completeDraft(await authorityId(vn, 'US-OIA')));
    expect(draft.status).toBe(201);
    requestId = draft.body.id;
    worker = await startTestWorker(vn, { FEDERATION_LISTEN: true, FEDERATION_DELIVERY_INTERVAL_MS: INTERVAL_MS });
    worker.context.get(FederationDeliverySweeps).loop.onSwept((_reason, result) => {
      reports.push(...(result as DeliveryReport[]));
      for (const wake of waiters.splice(0)) wake();
    });
  }, 90_000);
  afterAll(async () => {
    await worker?.close();
    await vn?.close();
    await sg?.close();
  });

  /** Writes a message to SG in a transaction (as an action does), committed when this resolves. */
  function enqueue(): Promise<string> {
    const writer = worker.context.get(FederationOutboxWriter);
    return worker.context.get(DataSource).transaction((m) =>
      writer.enqueue(m, {
        // A type SG keeps without applying it: the wake is what is tested here (the shared life's messages: federation-shared-life.e2e-spec).
        peerId: sgPeerId, peerNode: 'sg.test', type: 'test.note', requestId,
        fromAuthority: { code: 'VN-CA', country: 'VN' }, toAuthority: { code: 'SG-CA', country: 'SG' },
        event: { seq: 2, action: 'send' }, content: { title: 'Subscriber of the account' },
      }, vn.clock.now()),
    );
  }

  /** Resolves with the pass's report on the message once a pass of the worker's loop has tried it; rejects after `within` ms. */
  function triedBy(id: string, within = WAKE_WITHIN_MS): Promise<DeliveryReport> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no delivery pass tried ${id} within ${within} ms`)), within);
      const look = () => {
        const report = reports.find((r) => r.id === id);
        if (!report) return void waiters.push(look);
        clearTimeout(timer);
        resolve(report);
      };
      look();
    });
  }

  /** The listening connection's backend, if there is one now. */
  const listenerPids = async () => (await vn.sql<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = $1`, [LISTEN])).map((r) => r.pid);

  /** Polls (bounded) until the listening connection is another backend than `gone`. */
  async function listeningAgain(gone: number): Promise<number> {
    const until = Date.now() + WAKE_WITHIN_MS;
    for (;;) {
      const pids = await listenerPids();
      if (pids.length === 1 && pids[0] !== gone) return pids[0] as number;
      if (Date.now() > until) throw new Error(`no LISTEN federation_outbox connection again within ${WAKE_WITHIN_MS} ms (now: ${JSON.stringify(pids)})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Each message tried once by the woken pass and answered by SG's signed receipt. */
  const outboxRow = async (id: string) =>
    (await vn.sql<{ state: string; attempts: number; receipt_payload: { messageId: string } | null }>(`SELECT state, attempts, receipt_payload FROM federation_outbox WHERE id = $1`, [id]))[0];

  it('delivers a message as soon as it commits, the timer an hour away', async () => {
    expect(worker.context.get(FederationDeliverySweeps).wake.listening).toBe(true);
    expect(await listenerPids()).toHaveLength(1);
    const id = await enqueue();
    const report = await triedBy(id);
    expect(report).toEqual({ id, state: 'DELIVERED', error: null });
    expect(await outboxRow(id)).toMatchObject({ state: 'DELIVERED', attempts: 1, receipt_payload: expect.objectContaining({ messageId: id }) });
    expect(await sg.sql(`SELECT 1 FROM federation_inbox WHERE message_id = $1`, [id])).toHaveLength(1);
  });

  it('runs one pass after another for messages that commit while a pass runs, none left behind', async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, () => enqueue()));
    const tried = await Promise.all(ids.map((id) => triedBy(id)));
    expect(tried.map((r) => r.state)).toEqual(ids.map(() => 'DELIVERED'));
    for (const id of ids) expect(await outboxRow(id)).toMatchObject({ state: 'DELIVERED', attempts: 1 });
  });

  it('listens again after losing its connection, and delivers what was written meanwhile and after', async () => {
    const [pid] = await listenerPids();
    // Terminated and gone (waited for): a message written now is NOTIFYed to nobody.
    expect(await vn.sql(`SELECT pg_terminate_backend($1, 10000) AS gone`, [pid])).toEqual([{ gone: true }]);
    const meanwhile = await enqueue();
    const again = await listeningAgain(pid as number);
    // The pass run when the connection came back delivered it (no NOTIFY reached the worker, no tick came).
    expect(await triedBy(meanwhile)).toEqual({ id: meanwhile, state: 'DELIVERED', error: null });
    const after = await enqueue();
    expect(await triedBy(after)).toEqual({ id: after, state: 'DELIVERED', error: null });
    expect(await listenerPids()).toEqual([again]);
  });
});

describe('federation: a node that does not federate (e2e)', () => {
  it('listens to nothing: the single-node mode keeps its connections as they were', async () => {
    const single = await createTestApp();
    const worker = await startTestWorker(single, { FEDERATION_LISTEN: true, FEDERATION_DELIVERY_INTERVAL_MS: INTERVAL_MS });
    try {
      expect(worker.context.get(FederationDeliverySweeps).wake.listening).toBe(false);
      expect(await single.sql(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN federation%'`)).toEqual([]);
    } finally {
      await worker.close();
      await single.close();
    }
  }, 60_000);
});
