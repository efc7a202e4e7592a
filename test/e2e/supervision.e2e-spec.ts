import { REQUEST_OUTCOMES_BACKFILL, STATS_ROLLUP_BACKFILL } from '../../libs/core/src/database/migrations';
import { createTestApp, TestApp } from '../support/test-app';
import { DAY, HOUR } from '../support/test-clock';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { act, authorityId, completeDraft, createDraft, loginAll, UserKey } from '../support/fixtures';

/**
 * Supervision (DESIGN §8): the overdue queue (deadlines made overdue by the worker through
 * the injected clock), the statistics on a small dataset whose medians, percentiles,
 * on-time shares and backlog buckets are computed by hand, the CSV, reassignment, and
 * /metrics. Describe blocks run in order: the overdue queue first, before the statistics'
 * dataset (whose past-due deadlines would join the queue) is inserted.
 */
describe('supervision (e2e)', () => {
  let t: TestApp;
  let w: TestWorker;
  let as: Record<UserKey, string>;
  let thSupervisor: string;
  let ids: Record<string, string>;
  let users: Record<string, string>;

  const problem = (res: { status: number; body: any; headers: Record<string, any> }, status: number, code: string) => {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  };
  const get = (bearer: string, url: string) => t.http.get(url).set('authorization', bearer);

  beforeAll(async () => {
    t = await createTestApp({ clockStart: '2026-11-02T03:00:00.000Z' }); // Monday 10:00 in Ho Chi Minh City
    w = await startTestWorker(t);
    as = await loginAll(t);
    ids = {
      vnPros: await authorityId(t, 'VN-HCM-PROS'),
      vnCa: await authorityId(t, 'VN-CA'),
      sgPros: await authorityId(t, 'SG-PROS'),
      sgCa: await authorityId(t, 'SG-CA'),
    };
    // A third country, created as ADMIN through the API: Thailand's central authority and supervisor.
    const th = await t.http
      .post('/api/v1/authorities')
      .set('authorization', as.admin)
      .send({ code: 'TH-CA', name: 'Thailand central authority', country: 'TH', kind: 'CENTRAL_AUTHORITY', timezone: 'Asia/Bangkok', language: 'en' });
    expect(th.status).toBe(201);
    ids.thCa = th.body.id;
    const newUser = async (email: string, role: string, authority: string) => {
      const res = await t.http
        .post('/api/v1/users')
        .set('authorization', as.admin)
        .send({ email, displayName: email, role, authorityId: authority, password: 'demo-password-2026' });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    users = {
      thSupervisor: await newUser('supervisor@th.example', 'SUPERVISOR', ids.thCa),
      vnOfficer2: await newUser('officer2@vn.example', 'OFFICER', ids.vnCa),
    };
    const [row] = await t.sql<{ id: string }>(`SELECT id FROM users WHERE email = 'officer@vn.example'`);
    users.vnOfficer = row!.id;
    const [sgOff] = await t.sql<{ id: string }>(`SELECT id FROM users WHERE email = 'officer@sg.example'`);
    users.sgOfficer = sgOff!.id;
    const [pros] = await t.sql<{ id: string }>(`SELECT id FROM users WHERE email = 'prosecutor@vn.example'`);
    users.vnProsecutor = pros!.id;
    thSupervisor = await t.login('supervisor@th.example');
  });
  afterAll(async () => {
    await w.close();
    await t.close();
  });

  describe('the overdue queue', () => {
    const r: Record<string, string> = {};

    beforeAll(async () => {
      t.clock.set('2026-11-02T03:00:00.000Z');
      // r1: VN → SG, sent: SG holds ACKNOWLEDGEMENT and EXECUTION.
      r.r1 = (await createDraft(t, as.vnProsecutor, completeDraft(ids.sgCa!))).id;
      await act(t, as.vnProsecutor, r.r1, { action: 'submit' });
      await act(t, as.vnOfficer, r.r1, { action: 'send' });
      // r2: VN → SG, URGENT, submitted only: Viet Nam holds REVIEW.
      r.r2 = (await createDraft(t, as.vnProsecutor, completeDraft(ids.sgCa!, { priority: 'URGENT' }))).id;
      await act(t, as.vnProsecutor, r.r2, { action: 'submit' });
      // r3: SG → VN, sent: Viet Nam holds ACKNOWLEDGEMENT and EXECUTION.
      r.r3 = (await createDraft(t, as.sgProsecutor, completeDraft(ids.vnCa!))).id;
      await act(t, as.sgProsecutor, r.r3, { action: 'submit' });
      await act(t, as.sgOfficer, r.r3, { action: 'send' });
      // r4: SG → VN, submitted, never sent: Viet Nam may not see it.
      r.r4 = (await createDraft(t, as.sgProsecutor, completeDraft(ids.vnCa!))).id;
      await act(t, as.sgProsecutor, r.r4, { action: 'submit' });

      // 25 days later: every acknowledgement and review is at level 2, both executions (20 days) at level 1.
      t.clock.set('2026-11-27T03:00:00.000Z');
      for (let i = 0; i < 5 && (await w.runDue()) > 0; i++);
    });

    it('lists the unmet deadlines past due of both directions, most overdue first, with the ball holder', async () => {
      const res = await get(as.vnSupervisor, '/api/v1/supervision/overdue');
      expect(res.status).toBe(200);
      const items = res.body.items as any[];
      const got = items.map((i) => `${i.request.id === r.r1 ? 'r1' : i.request.id === r.r2 ? 'r2' : i.request.id === r.r3 ? 'r3' : '?'}:${i.kind}:${i.escalationLevel}`);
      expect(got.sort()).toEqual(['r1:ACKNOWLEDGEMENT:2', 'r1:EXECUTION:1', 'r2:REVIEW:2', 'r3:ACKNOWLEDGEMENT:2', 'r3:EXECUTION:1'].sort());
      expect(res.body.nextCursor).toBeNull();
      // Most overdue first: ascending due time, and days overdue computed against the injected clock.
      const dues = items.map((i) => new Date(i.dueAt).getTime());
      expect(dues).toEqual([...dues].sort((a, b) => a - b));
      const now = new Date('2026-11-27T03:00:00.000Z').getTime();
      for (const i of items) expect(i.daysOverdue).toBe(Math.floor((now - new Date(i.dueAt).getTime()) / DAY));
      expect(items[0]).toMatchObject({ kind: 'REVIEW', status: 'OVERDUE', direction: 'outgoing', counterpartCountry: 'SG' });

      // Every field, for one item of each side; due times as the request itself shows them.
      const r1 = (await get(as.vnSupervisor, `/api/v1/requests/${r.r1}`)).body;
      const ack1 = items.find((i) => i.request.id === r.r1 && i.kind === 'ACKNOWLEDGEMENT');
      const d1 = r1.deadlines.find((d: any) => d.kind === 'ACKNOWLEDGEMENT');
      expect(ack1).toEqual({
        deadlineId: d1.id,
        kind: 'ACKNOWLEDGEMENT',
        status: 'OVERDUE',
        dueAt: d1.dueAt,
        daysOverdue: Math.floor((now - new Date(d1.dueAt).getTime()) / DAY),
        escalationLevel: 2,
        direction: 'outgoing',
        counterpartCountry: 'SG',
        request: { id: r.r1, reference: r1.reference, title: r1.title, type: 'SUBSCRIBER_INFO', priority: 'ROUTINE', state: 'SENT' },
        ballHolder: { side: 'REQUESTED', authorityId: ids.sgCa, authorityCode: 'SG-CA', country: 'SG' },
        assignee: null,
      });
      const review = items.find((i) => i.request.id === r.r2);
      expect(review.ballHolder).toEqual({ side: 'REQUESTING', authorityId: ids.vnPros, authorityCode: 'VN-HCM-PROS', country: 'VN' });
      expect(review.request.priority).toBe('URGENT');
      const ack3 = items.find((i) => i.request.id === r.r3 && i.kind === 'ACKNOWLEDGEMENT');
      expect(ack3).toMatchObject({ direction: 'incoming', counterpartCountry: 'SG', ballHolder: { side: 'REQUESTED', authorityCode: 'VN-CA', country: 'VN' } });
    });

    it("shows Singapore its own side, never Viet Nam's unsent requests to it, and a third country nothing", async () => {
      const sg = await get(as.sgSupervisor, '/api/v1/supervision/overdue');
      const sgSeen = (sg.body.items as any[]).map((i) => `${i.request.id}:${i.kind}`);
      expect(sgSeen).toEqual(expect.arrayContaining([`${r.r4}:REVIEW`, `${r.r1}:ACKNOWLEDGEMENT`, `${r.r3}:ACKNOWLEDGEMENT`]));
      expect(sgSeen.some((s) => s.startsWith(r.r2!))).toBe(false); // a VN draft under review, never sent
      const vn = await get(as.vnSupervisor, '/api/v1/supervision/overdue');
      expect((vn.body.items as any[]).some((i) => i.request.id === r.r4)).toBe(false);
      const th = await get(thSupervisor, '/api/v1/supervision/overdue');
      expect(th.status).toBe(200);
      expect(th.body).toEqual({ items: [], nextCursor: null });
    });

    it('filters by counterpart, kind, level and priority', async () => {
      const keys = async (query: string) =>
        ((await get(as.vnSupervisor, `/api/v1/supervision/overdue?${query}`)).body.items as any[]).map((i) => `${i.request.id}:${i.kind}`).sort();
      expect(await keys('counterpartCountry=SG')).toHaveLength(5);
      expect(await keys('counterpartCountry=TH')).toEqual([]);
      expect(await keys('kind=ACKNOWLEDGEMENT')).toEqual([`${r.r1}:ACKNOWLEDGEMENT`, `${r.r3}:ACKNOWLEDGEMENT`].sort());
      expect(await keys('level=1')).toEqual([`${r.r1}:EXECUTION`, `${r.r3}:EXECUTION`].sort());
      expect(await keys('level=2&kind=REVIEW')).toEqual([`${r.r2}:REVIEW`]);
      expect(await keys('priority=URGENT')).toEqual([`${r.r2}:REVIEW`]);
      expect(await keys('priority=EMERGENCY')).toEqual([]);
    });

    it('pages with a cursor through the same order', async () => {
      const all = ((await get(as.vnSupervisor, '/api/v1/supervision/overdue')).body.items as any[]).map((i) => i.deadlineId);
      const paged: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await get(as.vnSupervisor, `/api/v1/supervision/overdue?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        paged.push(...(res.body.items as any[]).map((i) => i.deadlineId));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(paged).toEqual(all);
    });

    it('refuses bad filters (400) and the other roles (403)', async () => {
      for (const query of ['limit=0', 'limit=101', 'kind=LATE', 'level=3', 'level=x', 'priority=HIGH', 'counterpartCountry=sg', 'cursor=bm9wZQ', 'color=red']) {
        problem(await get(as.vnSupervisor, `/api/v1/supervision/overdue?${query}`), 400, 'VALIDATION_FAILED');
      }
      for (const who of ['vnProsecutor', 'vnOfficer', 'admin'] as const) {
        problem(await get(as[who], '/api/v1/supervision/overdue'), 403, 'FORBIDDEN');
        problem(await get(as[who], '/api/v1/supervision/stats?from=2026-01-01&to=2026-02-01'), 403, 'FORBIDDEN');
      }
      problem(await t.http.get('/api/v1/supervision/overdue'), 401, 'UNAUTHENTICATED');
    });

    it('counts a PENDING deadline just past due (not yet marked by the worker) at level 1', async () => {
      const id = (await createDraft(t, as.vnProsecutor, completeDraft(ids.sgCa!, { priority: 'EMERGENCY' }))).id;
      const submitted = await act(t, as.vnProsecutor, id, { action: 'submit' }); // REVIEW in 4 hours
      const review = submitted.deadlines.find((d: any) => d.kind === 'REVIEW');
      t.clock.set(new Date(new Date(review.dueAt).getTime() + HOUR));
      const res = await get(as.vnSupervisor, '/api/v1/supervision/overdue?priority=EMERGENCY');
      expect(res.body.items).toEqual([
        expect.objectContaining({ deadlineId: review.id, kind: 'REVIEW', status: 'PENDING', escalationLevel: 1, daysOverdue: 0 }),
      ]);
      const level2 = await get(as.vnSupervisor, '/api/v1/supervision/overdue?priority=EMERGENCY&level=2');
      expect(level2.body.items).toEqual([]);
    });
  });

  describe('reassignment', () => {
    let incoming: string; // SG → VN, sent: Viet Nam's officers handle it
    let outgoing: string; // VN → SG, sent

    beforeAll(async () => {
      t.clock.set('2026-11-30T03:00:00.000Z');
      incoming = (await createDraft(t, as.sgProsecutor, completeDraft(ids.vnCa!))).id;
      await act(t, as.sgProsecutor, incoming, { action: 'submit' });
      await act(t, as.sgOfficer, incoming, { action: 'send' });
      await act(t, as.vnOfficer, incoming, { action: 'acknowledge', assigneeId: users.vnOfficer });
      outgoing = (await createDraft(t, as.vnProsecutor, completeDraft(ids.sgCa!))).id;
      await act(t, as.vnProsecutor, outgoing, { action: 'submit' });
      await act(t, as.vnOfficer, outgoing, { action: 'send' });
    });

    const reassign = (bearer: string, id: string, body: Record<string, unknown>) =>
      t.http.post(`/api/v1/supervision/requests/${id}/assignee`).set('authorization', bearer).send(body);

    it("lets the requested country's supervisor hand the request to another officer: one audited, chained event", async () => {
      const before = (await get(as.vnSupervisor, `/api/v1/requests/${incoming}`)).body;
      expect(before.assigneeId).toBe(users.vnOfficer);
      const res = await reassign(as.vnSupervisor, incoming, { assigneeId: users.vnOfficer2, reason: 'Officer Binh is on leave' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: incoming, assigneeId: users.vnOfficer2, version: before.version + 1, state: 'ACKNOWLEDGED' });
      expect(res.headers.etag).toBe(`"${before.version + 1}"`);

      const events = (await get(as.vnSupervisor, `/api/v1/requests/${incoming}/events`)).body.items as any[];
      const last = events[events.length - 1];
      expect(last).toMatchObject({
        action: 'reassign',
        fromState: 'ACKNOWLEDGED',
        toState: 'ACKNOWLEDGED',
        actor: { role: 'SUPERVISOR', country: 'VN' },
        input: { assigneeId: users.vnOfficer2, previousAssigneeId: users.vnOfficer, reason: 'Officer Binh is on leave' },
      });
      const verify = await get(as.vnSupervisor, `/api/v1/requests/${incoming}/events/verify`);
      expect(verify.body).toMatchObject({ valid: true });
      const outbox = await t.sql<{ recipient_authority_id: string; recipient_user_id: string }>(
        `SELECT recipient_authority_id, recipient_user_id FROM outbox WHERE request_id = $1 AND type = 'request.reassigned'`,
        [incoming],
      );
      expect(outbox).toEqual([{ recipient_authority_id: ids.vnCa, recipient_user_id: users.vnOfficer2 }]);
      // The overdue queue and the request show the new holder.
      expect((await get(as.vnOfficer, `/api/v1/requests/${incoming}`)).body.assigneeId).toBe(users.vnOfficer2);
    });

    it('answers 422 for anyone but an active officer of the requested authority, or the current assignee', async () => {
      for (const assigneeId of [users.sgOfficer, users.vnProsecutor, users.vnOfficer2, '00000000-0000-4000-8000-000000000000']) {
        const res = await reassign(as.vnSupervisor, incoming, { assigneeId, reason: 'Another officer' });
        problem(res, 422, 'RULE_VIOLATED');
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'assigneeId' })]);
      }
    });

    it('answers 403 to the requesting side and the other roles, 404 where the request is not visible', async () => {
      const body = { assigneeId: users.vnOfficer, reason: 'Back to Binh' };
      problem(await reassign(as.sgSupervisor, incoming, body), 403, 'FORBIDDEN'); // Singapore requested it
      problem(await reassign(as.vnSupervisor, outgoing, body), 403, 'FORBIDDEN'); // Viet Nam is the requesting side
      problem(await reassign(as.vnOfficer, incoming, body), 403, 'FORBIDDEN');
      problem(await reassign(as.vnProsecutor, incoming, body), 403, 'FORBIDDEN');
      problem(await reassign(thSupervisor, incoming, body), 404, 'NOT_FOUND');
      const unsent = (await createDraft(t, as.sgProsecutor, completeDraft(ids.vnCa!))).id;
      problem(await reassign(as.vnSupervisor, unsent, body), 404, 'NOT_FOUND');
      problem(await reassign(as.vnSupervisor, '7d0cbb1e-0000-4000-8000-000000000000', body), 404, 'NOT_FOUND');
      problem(await reassign(as.vnSupervisor, 'not-a-uuid', body), 404, 'NOT_FOUND');
    });

    it('answers 400 to a malformed body, 412 to a stale If-Match, 409 on a terminal request', async () => {
      problem(await reassign(as.vnSupervisor, incoming, { assigneeId: users.vnOfficer }), 400, 'VALIDATION_FAILED');
      problem(await reassign(as.vnSupervisor, incoming, { assigneeId: 'x', reason: 'Because' }), 400, 'VALIDATION_FAILED');
      problem(await reassign(as.vnSupervisor, incoming, { assigneeId: users.vnOfficer, reason: 'Because', extra: 1 }), 400, 'VALIDATION_FAILED');
      const stale = await t.http
        .post(`/api/v1/supervision/requests/${incoming}/assignee`)
        .set('authorization', as.vnSupervisor)
        .set('if-match', '"1"')
        .send({ assigneeId: users.vnOfficer, reason: 'Back to Binh' });
      problem(stale, 412, 'VERSION_CONFLICT');

      const refused = (await createDraft(t, as.sgProsecutor, completeDraft(ids.vnCa!))).id;
      await act(t, as.sgProsecutor, refused, { action: 'submit' });
      await act(t, as.sgOfficer, refused, { action: 'send' });
      await act(t, as.vnOfficer, refused, { action: 'refuse', ground: 'DUAL_CRIMINALITY', text: 'Not an offence here' });
      problem(await reassign(as.vnSupervisor, refused, { assigneeId: users.vnOfficer2, reason: 'Too late' }), 409, 'INVALID_TRANSITION');
    });
  });

  describe('statistics', () => {
    /**
     * The dataset, inserted with known timestamps (clock: 2026-02-20T00:00Z; window January 2026):
     *   outgoing VN → SG: o1 CLOSED (ack 2 h, executed in 10 days, on time), o2 IN_EXECUTION
     *     (ack 4 h; REVIEW met; EXECUTION PENDING but past due), o3 EVIDENCE_RECEIVED (ack 6 h,
     *     late; executed in 14 days), o4 SENT (ACKNOWLEDGEMENT OVERDUE; EXECUTION due later),
     *     o5 DRAFT; outside the window o7 (at `to`), o8 (1 ms before `from`), o9 (deleted);
     *   outgoing VN → TH: o6 REFUSED (ack 24 h; EXECUTION cancelled);
     *   incoming SG → VN: i1 IN_EXECUTION (ack 10 h; EXECUTION OVERDUE), i2 IN_REVIEW (never
     *     sent: not Viet Nam's to see), i3 PRESERVED (ack 24 h; confirmation late);
     *   between others: x1 SG → TH (Thailand's, never Viet Nam's);
     *   older, for the backlog buckets: b1 (234 days) and b2 (128 days), both open.
     * Dead webhook deliveries: two on o1, one on i1 (and a delivered one on o1, not counted).
     */
    const NOW = '2026-02-20T00:00:00.000Z';
    const Q = 'from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z';
    const req: Record<string, string> = {};
    let seq = 0;

    interface Row {
      from: 'VN' | 'SG';
      to: 'VN' | 'SG' | 'TH';
      state: string;
      type?: string;
      priority?: string;
      channel?: string;
      created: string;
      sent?: string;
      ack?: string;
      deleted?: boolean;
    }
    const insertRequest = async (name: string, o: Row) => {
      const authority = { VN: ids.vnCa, SG: ids.sgCa, TH: ids.thCa } as Record<string, string>;
      const requesting = o.from === 'VN' ? ids.vnPros : ids.sgPros;
      const [row] = await t.sql<{ id: string }>(
        `INSERT INTO requests (reference, state, type, priority, channel, legal_basis, requesting_authority_id, requested_authority_id,
           requesting_country, requested_country, created_by, title, submitted_at, sent_at, acknowledged_at, created_at, updated_at, deleted_at)
         VALUES ($1, $2, $3, $4, $5, 'ASEAN_MLAT_2004', $6, $7, $8, $9, $10, $11, $12, $12, $13, $14, $14, $15) RETURNING id`,
        [
          `ST-2026-${String(++seq).padStart(6, '0')}`,
          o.state,
          o.type ?? 'SUBSCRIBER_INFO',
          o.priority ?? 'ROUTINE',
          o.channel ?? 'CENTRAL_AUTHORITY',
          requesting,
          authority[o.to],
          o.from,
          o.to,
          users.vnProsecutor,
          `Statistics request ${name}`,
          o.sent ?? null,
          o.ack ?? null,
          o.created,
          o.deleted ? o.created : null,
        ],
      );
      req[name] = row!.id;
    };
    const insertDeadline = async (name: string, kind: string, status: string, due: string, met?: string) => {
      const party = ['REVIEW', 'INFO_RESPONSE', 'PRESERVATION_EXPIRY'].includes(kind) ? 'REQUESTING' : 'REQUESTED';
      await t.sql(
        `INSERT INTO deadlines (request_id, kind, party, status, start_at, due_at, span_ms, escalation_level, met_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5::timestamptz - interval '1 day', $5, 86400000, $6, $7, $5::timestamptz - interval '1 day', $5)`,
        [req[name], kind, party, status, due, status === 'OVERDUE' ? 1 : 0, met ?? null],
      );
    };
    const insertDelivery = async (name: string, recipient: string, status: 'DEAD' | 'DELIVERED') => {
      await t.sql(
        `WITH o AS (INSERT INTO outbox (type, request_id, recipient_authority_id, payload, created_at, dispatched_at)
                    VALUES ('request.sent', $1, $2, '{}', '2026-01-10T00:00:00Z', '2026-01-10T00:00:00Z') RETURNING id)
         INSERT INTO webhook_deliveries (outbox_id, authority_id, url, status, attempts, created_at, dead_at)
         SELECT id, $2, 'https://receiver.example/hook', $3::varchar, 8, '2026-01-10T00:00:00Z', CASE WHEN $3::varchar = 'DEAD' THEN '2026-01-11T00:00:00Z'::timestamptz END FROM o`,
        [req[name], recipient, status],
      );
    };

    beforeAll(async () => {
      t.clock.set(NOW);
      await insertRequest('o1', { from: 'VN', to: 'SG', state: 'CLOSED', created: '2026-01-01T00:00:00.000Z', sent: '2026-01-02T00:00:00Z', ack: '2026-01-02T02:00:00Z' });
      await insertDeadline('o1', 'ACKNOWLEDGEMENT', 'MET', '2026-01-05T00:00:00Z', '2026-01-02T02:00:00Z');
      await insertDeadline('o1', 'EXECUTION', 'MET', '2026-01-22T00:00:00Z', '2026-01-12T00:00:00Z');
      await insertRequest('o2', {
        from: 'VN', to: 'SG', state: 'IN_EXECUTION', type: 'TRAFFIC_DATA', priority: 'URGENT', channel: 'NETWORK_24_7',
        created: '2026-01-10T00:00:00Z', sent: '2026-01-11T00:00:00Z', ack: '2026-01-11T04:00:00Z',
      });
      await insertDeadline('o2', 'REVIEW', 'MET', '2026-01-11T00:00:00Z', '2026-01-11T00:00:00Z');
      await insertDeadline('o2', 'ACKNOWLEDGEMENT', 'MET', '2026-01-12T00:00:00Z', '2026-01-11T04:00:00Z');
      await insertDeadline('o2', 'EXECUTION', 'PENDING', '2026-01-31T00:00:00Z'); // past due at NOW: ended, not on time
      await insertRequest('o3', { from: 'VN', to: 'SG', state: 'EVIDENCE_RECEIVED', created: '2026-01-15T00:00:00Z', sent: '2026-01-16T00:00:00Z', ack: '2026-01-16T06:00:00Z' });
      await insertDeadline('o3', 'ACKNOWLEDGEMENT', 'MET', '2026-01-16T05:00:00Z', '2026-01-16T06:00:00Z'); // an hour late
      await insertDeadline('o3', 'EXECUTION', 'MET', '2026-02-05T00:00:00Z', '2026-01-30T00:00:00Z');
      await insertRequest('o4', {
        from: 'VN', to: 'SG', state: 'SENT', type: 'CONTENT_DATA', priority: 'EMERGENCY', channel: 'DIRECT',
        created: '2026-01-20T00:00:00Z', sent: '2026-01-21T00:00:00Z',
      });
      await insertDeadline('o4', 'ACKNOWLEDGEMENT', 'OVERDUE', '2026-01-21T08:00:00Z');
      await insertDeadline('o4', 'EXECUTION', 'PENDING', '2026-04-01T00:00:00Z'); // not yet due: not counted
      await insertRequest('o5', { from: 'VN', to: 'SG', state: 'DRAFT', created: '2026-01-25T00:00:00Z' });
      await insertRequest('o6', {
        from: 'VN', to: 'TH', state: 'REFUSED', type: 'WITNESS_STATEMENT',
        created: '2026-01-05T00:00:00Z', sent: '2026-01-06T00:00:00Z', ack: '2026-01-07T00:00:00Z',
      });
      await insertDeadline('o6', 'ACKNOWLEDGEMENT', 'MET', '2026-01-08T00:00:00Z', '2026-01-07T00:00:00Z');
      await insertDeadline('o6', 'EXECUTION', 'CANCELLED', '2026-04-06T00:00:00Z');
      await insertRequest('o7', { from: 'VN', to: 'SG', state: 'CLOSED', created: '2026-02-01T00:00:00.000Z', sent: '2026-02-01T01:00:00Z', ack: '2026-02-01T02:00:00Z' });
      await insertRequest('o8', { from: 'VN', to: 'SG', state: 'DRAFT', created: '2025-12-31T23:59:59.999Z' });
      await insertRequest('o9', { from: 'VN', to: 'SG', state: 'DRAFT', created: '2026-01-09T00:00:00Z', deleted: true });
      await insertRequest('i1', { from: 'SG', to: 'VN', state: 'IN_EXECUTION', created: '2026-01-03T00:00:00Z', sent: '2026-01-04T00:00:00Z', ack: '2026-01-04T10:00:00Z' });
      await insertDeadline('i1', 'ACKNOWLEDGEMENT', 'MET', '2026-01-06T00:00:00Z', '2026-01-04T10:00:00Z');
      await insertDeadline('i1', 'EXECUTION', 'OVERDUE', '2026-01-24T00:00:00Z');
      await insertRequest('i2', { from: 'SG', to: 'VN', state: 'IN_REVIEW', created: '2026-01-08T00:00:00Z' });
      await insertRequest('i3', {
        from: 'SG', to: 'VN', state: 'PRESERVED', type: 'PRESERVATION', priority: 'URGENT', channel: 'NETWORK_24_7',
        created: '2026-01-12T00:00:00Z', sent: '2026-01-12T12:00:00Z', ack: '2026-01-13T12:00:00Z',
      });
      await insertDeadline('i3', 'PRESERVATION_CONFIRMATION', 'MET', '2026-01-13T00:00:00Z', '2026-01-13T12:00:00Z');
      await insertRequest('x1', { from: 'SG', to: 'TH', state: 'SENT', created: '2026-01-10T00:00:00Z', sent: '2026-01-11T00:00:00Z' });
      await insertRequest('b1', { from: 'VN', to: 'SG', state: 'IN_EXECUTION', created: '2025-07-01T00:00:00Z', sent: '2025-07-02T00:00:00Z', ack: '2025-07-02T01:00:00Z' });
      await insertRequest('b2', { from: 'VN', to: 'SG', state: 'ACKNOWLEDGED', created: '2025-10-15T00:00:00Z', sent: '2025-10-16T00:00:00Z', ack: '2025-10-16T01:00:00Z' });
      await insertDelivery('o1', ids.sgCa!, 'DEAD');
      await insertDelivery('o1', ids.vnPros!, 'DEAD');
      await insertDelivery('o1', ids.sgCa!, 'DELIVERED');
      await insertDelivery('i1', ids.vnCa!, 'DEAD');
      // The rows above bypass the write path: derive what each action keeps on its request.
      await t.sql(REQUEST_OUTCOMES_BACKFILL);
      await t.sql(STATS_ROLLUP_BACKFILL);
    });

    const stats = async (query: string, bearer = as.vnSupervisor) => {
      const res = await get(bearer, `/api/v1/supervision/stats?${query}`);
      expect(res.status).toBe(200);
      return res.body;
    };
    const zeroStates = {
      DRAFT: 0, IN_REVIEW: 0, SENT: 0, ACKNOWLEDGED: 0, PRESERVED: 0, IN_EXECUTION: 0,
      INFO_REQUESTED: 0, EVIDENCE_RECEIVED: 0, CLOSED: 0, REFUSED: 0, WITHDRAWN: 0, EXPIRED: 0,
    };
    const onTime = (entries: Record<string, [number, number, number | null]>) =>
      ['REVIEW', 'ACKNOWLEDGEMENT', 'PRESERVATION_CONFIRMATION', 'EXECUTION', 'INFO_RESPONSE', 'PRESERVATION_EXPIRY'].map((kind) => {
        const [ended, met, share] = entries[kind] ?? [0, 0, null];
        return { kind, ended, onTime: met, share };
      });

    it('computes every figure of both directions by counterpart, exactly', async () => {
      const body = await stats(`${Q}&groupBy=counterpart`);
      expect(body).toMatchObject({ country: 'VN', from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z', groupBy: 'counterpart', generatedAt: NOW });

      const sg = {
        key: 'SG',
        requests: 5,
        sent: 4, // o5 is a draft: created, never sent
        byState: { ...zeroStates, CLOSED: 1, IN_EXECUTION: 1, EVIDENCE_RECEIVED: 1, SENT: 1, DRAFT: 1 },
        // 2, 4 and 6 hours: median 4; p90 at rank 0.9 × 2 = 1.8, between 4 and 6: 5.6.
        timeToAcknowledgeHours: { n: 3, median: 4, p90: 5.6 },
        // 10 and 14 days: median 12; p90 = 10 + 0.9 × 4 = 13.6.
        timeToExecuteDays: { n: 2, median: 12, p90: 13.6 },
        onTime: onTime({ REVIEW: [1, 1, 1], ACKNOWLEDGEMENT: [4, 2, 0.5], EXECUTION: [3, 2, 0.6667] }),
        // Ages on 20 February: o2 41 days, o3 36, o4 exactly 31 (so 31-90), o5 26.
        openBacklog: { days0to30: 1, days31to90: 3, days91to180: 0, over180Days: 0 },
        deadWebhookDeliveries: 2,
      };
      const th = {
        key: 'TH',
        requests: 1,
        sent: 1,
        byState: { ...zeroStates, REFUSED: 1 },
        timeToAcknowledgeHours: { n: 1, median: 24, p90: 24 },
        timeToExecuteDays: { n: 0, median: null, p90: null },
        onTime: onTime({ ACKNOWLEDGEMENT: [1, 1, 1] }),
        openBacklog: { days0to30: 0, days31to90: 0, days91to180: 0, over180Days: 0 },
        deadWebhookDeliveries: 0,
      };
      expect(body.outgoing.groups).toEqual([sg, th]);
      expect(body.outgoing.total).toEqual({
        ...sg,
        key: 'ALL',
        requests: 6,
        sent: 5,
        byState: { ...sg.byState, REFUSED: 1 },
        // 2, 4, 6, 24 hours: median 5; p90 at rank 2.7: 6 + 0.7 × 18 = 18.6 (computed over all, not averaged).
        timeToAcknowledgeHours: { n: 4, median: 5, p90: 18.6 },
        onTime: onTime({ REVIEW: [1, 1, 1], ACKNOWLEDGEMENT: [5, 3, 0.6], EXECUTION: [3, 2, 0.6667] }),
      });

      const incoming = {
        key: 'SG',
        requests: 2,
        sent: 2,
        byState: { ...zeroStates, IN_EXECUTION: 1, PRESERVED: 1 },
        // 10 and 24 hours: median 17; p90 = 10 + 0.9 × 14 = 22.6.
        timeToAcknowledgeHours: { n: 2, median: 17, p90: 22.6 },
        timeToExecuteDays: { n: 0, median: null, p90: null },
        onTime: onTime({ ACKNOWLEDGEMENT: [1, 1, 1], PRESERVATION_CONFIRMATION: [1, 0, 0], EXECUTION: [1, 0, 0] }),
        // Counted from arrival (sent_at): 47 and 38.5 days.
        openBacklog: { days0to30: 0, days31to90: 2, days91to180: 0, over180Days: 0 },
        deadWebhookDeliveries: 1,
      };
      expect(body.incoming.groups).toEqual([incoming]);
      expect(body.incoming.total).toEqual({ ...incoming, key: 'ALL' });
      // Singapore answered o1 and o3 (executed in 10 and 14 days) of the four sent to it.
      expect(body.outgoing.byCountry[0]).toEqual({
        country: 'SG', sent: 4, answered: 2, replyRate: 0.5, timeToAnswerDays: { n: 2, median: 12, p90: 13.6 }, chases: 0, chasesPerRequest: 0,
      });
      expect(body.outgoing.byAuthority[0]).toMatchObject({ country: 'SG', authorityId: ids.sgCa, authorityCode: 'SG-CA', sent: 4, answered: 2 });
    });

    it('groups by type, priority and channel', async () => {
      const keys = (d: any) => Object.fromEntries((d.groups as any[]).map((g) => [g.key, g.requests]));
      const byType = await stats(`${Q}&groupBy=type`);
      expect(keys(byType.outgoing)).toEqual({ CONTENT_DATA: 1, SUBSCRIBER_INFO: 3, TRAFFIC_DATA: 1, WITNESS_STATEMENT: 1 });
      expect(keys(byType.incoming)).toEqual({ PRESERVATION: 1, SUBSCRIBER_INFO: 1 });
      const subscriber = (byType.outgoing.groups as any[]).find((g) => g.key === 'SUBSCRIBER_INFO');
      expect(subscriber.timeToAcknowledgeHours).toEqual({ n: 2, median: 4, p90: 5.6 }); // o1 2 h, o3 6 h
      expect(byType.outgoing.total.timeToAcknowledgeHours).toEqual({ n: 4, median: 5, p90: 18.6 });

      const byPriority = await stats(`${Q}&groupBy=priority`);
      expect(keys(byPriority.outgoing)).toEqual({ EMERGENCY: 1, ROUTINE: 4, URGENT: 1 });
      expect(keys(byPriority.incoming)).toEqual({ ROUTINE: 1, URGENT: 1 });
      const routine = (byPriority.outgoing.groups as any[]).find((g) => g.key === 'ROUTINE');
      expect(routine.onTime.find((o: any) => o.kind === 'ACKNOWLEDGEMENT')).toEqual({ kind: 'ACKNOWLEDGEMENT', ended: 3, onTime: 2, share: 0.6667 });

      const byChannel = await stats(`${Q}&groupBy=channel`);
      expect(keys(byChannel.outgoing)).toEqual({ CENTRAL_AUTHORITY: 4, DIRECT: 1, NETWORK_24_7: 1 });
      expect(keys(byChannel.incoming)).toEqual({ CENTRAL_AUTHORITY: 1, NETWORK_24_7: 1 });
      expect((byChannel.incoming.groups as any[]).find((g) => g.key === 'CENTRAL_AUTHORITY').deadWebhookDeliveries).toBe(1);
    });

    it('includes from and excludes to; a date is read in the supervisor’s time zone', async () => {
      const sgRequests = (body: any) => (body.outgoing.groups as any[]).find((g) => g.key === 'SG')?.requests ?? 0;
      expect(sgRequests(await stats('from=2026-01-01T00:00:00.001Z&to=2026-02-01T00:00:00Z'))).toBe(4); // o1 left out
      expect(sgRequests(await stats('from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00.001Z'))).toBe(6); // o7 let in
      expect(sgRequests(await stats('from=2025-12-31T23:59:59.999Z&to=2026-02-01T00:00:00Z'))).toBe(6); // o8 let in
      // 2026-01-01 in Ho Chi Minh City starts at 2025-12-31T17:00Z: o8 is in, and February starts at 2026-01-31T17:00Z.
      const local = await stats('from=2026-01-01&to=2026-02-01');
      expect(local).toMatchObject({ from: '2025-12-31T17:00:00.000Z', to: '2026-01-31T17:00:00.000Z' });
      expect(sgRequests(local)).toBe(6);
      expect(sgRequests(await stats('from=2026-01-01T07:00:00&to=2026-02-01T07:00:00'))).toBe(5); // local times, no offset
    });

    it('buckets the open backlog by age: 0-30, 31-90, 91-180, over 180 days', async () => {
      const body = await stats('from=2025-06-01T00:00:00Z&to=2026-02-01T00:00:00Z');
      const sg = (body.outgoing.groups as any[]).find((g) => g.key === 'SG');
      // b1 234 days, b2 128 days, o8 (a draft of 31 December) 50, then o2-o5 as before (o1 is closed).
      expect(sg.openBacklog).toEqual({ days0to30: 1, days31to90: 4, days91to180: 1, over180Days: 1 });
      expect(sg.requests).toBe(8);
    });

    it("counts only the supervisor's country: a third country sees only its own", async () => {
      const th = await stats(Q, thSupervisor);
      expect(th.outgoing).toEqual({ total: expect.objectContaining({ key: 'ALL', requests: 0 }), groups: [], byCountry: [], byAuthority: [] });
      // x1 from Singapore and o6 from Viet Nam, both addressed to Thailand; nothing of the VN-SG requests.
      expect(th.incoming.groups.map((g: any) => [g.key, g.requests])).toEqual([['SG', 1], ['VN', 1]]);
      const sg = await stats(Q, as.sgSupervisor);
      // Singapore: its requests to Viet Nam (i1, i2, i3) and to Thailand (x1); received from Viet Nam once sent (o1-o4).
      expect(sg.outgoing.groups.map((g: any) => [g.key, g.requests])).toEqual([['TH', 1], ['VN', 3]]);
      expect(sg.incoming.groups.map((g: any) => [g.key, g.requests])).toEqual([['VN', 4]]);
    });

    it('answers CSV for Accept: text/csv, one row per direction and group, totals included', async () => {
      const res = await get(as.vnSupervisor, `/api/v1/supervision/stats?${Q}`).set('accept', 'text/csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="supervision-VN-counterpart-2026-01-01-2026-02-01.csv"');
      const text = res.text;
      expect(text.endsWith('\r\n')).toBe(true);
      const [header, ...rows] = text.trimEnd().split('\r\n').map((l) => l.split(','));
      expect(header!.slice(0, 3)).toEqual(['direction', 'counterpart', 'requests']);
      expect(header).toEqual(expect.arrayContaining(['state_CLOSED', 'acknowledge_median_hours', 'execute_p90_days', 'EXECUTION_on_time_share', 'backlog_over_180_days', 'dead_webhook_deliveries']));
      expect(rows.map((r) => r.slice(0, 3))).toEqual([
        ['outgoing', 'SG', '5'],
        ['outgoing', 'TH', '1'],
        ['outgoing', 'ALL', '6'],
        ['incoming', 'SG', '2'],
        ['incoming', 'ALL', '2'],
      ]);
      for (const row of rows) expect(row).toHaveLength(header!.length);
      const cell = (row: number, column: string) => rows[row]![header!.indexOf(column)];
      expect(cell(0, 'acknowledge_median_hours')).toBe('4');
      expect(cell(0, 'acknowledge_p90_hours')).toBe('5.6');
      expect(cell(0, 'EXECUTION_on_time_share')).toBe('0.6667');
      expect(cell(1, 'execute_median_days')).toBe(''); // nothing executed: an empty cell
      expect(cell(2, 'acknowledge_p90_hours')).toBe('18.6');
      expect(cell(4, 'dead_webhook_deliveries')).toBe('1');
      // JSON stays the default, and wins a tie.
      const json = await get(as.vnSupervisor, `/api/v1/supervision/stats?${Q}`).set('accept', 'text/csv;q=0.5, application/json');
      expect(json.headers['content-type']).toMatch(/^application\/json/);
    });

    it('without from and to answers the last 12 months in the supervisor’s time zone', async () => {
      t.clock.set('2026-11-27T03:00:00.000Z'); // 27 November, 10:00 in Ho Chi Minh City
      const res = await get(as.vnSupervisor, '/api/v1/supervision/stats');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ country: 'VN', from: '2025-11-27T17:00:00.000Z', to: '2026-11-27T17:00:00.000Z', groupBy: 'counterpart' });
      const explicit = await get(as.vnSupervisor, '/api/v1/supervision/stats?from=2025-11-28&to=2026-11-28');
      expect({ ...res.body, generatedAt: null }).toEqual({ ...explicit.body, generatedAt: null });
    });

    it('refuses a bad window with 400 VALIDATION_FAILED, naming the field', async () => {
      const bad = async (query: string, field: string) => {
        const res = await get(as.vnSupervisor, `/api/v1/supervision/stats?${query}`);
        problem(res, 400, 'VALIDATION_FAILED');
        expect((res.body.errors as any[]).map((e) => e.field)).toContain(field);
      };
      await bad('to=2026-02-01', 'from');
      await bad('from=2026-01-01', 'to');
      await bad('from=yesterday&to=2026-02-01', 'from');
      await bad('from=2026-02-30&to=2026-03-01', 'from');
      await bad('from=2026-02-01&to=2026-02-01', 'to');
      await bad('from=2026-02-01&to=2026-01-01', 'to');
      await bad('from=2020-01-01&to=2025-01-02', 'to'); // more than five years
      await bad('from=1969-12-01&to=1970-02-01', 'from');
      await bad(`${Q}&groupBy=country`, 'groupBy');
      await bad(`${Q}&format=csv`, 'format');
      expect((await get(as.vnSupervisor, '/api/v1/supervision/stats?from=2020-01-01&to=2025-01-01')).status).toBe(200); // five years exactly
    });
  });

  describe('/metrics', () => {
    it('exposes Prometheus text without a token, outside /api/v1', async () => {
      await get(as.vnSupervisor, '/api/v1/supervision/overdue?limit=1');
      const res = await t.http.get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = res.text;
      const value = (line: string) => Number(text.split('\n').find((l) => l.startsWith(`${line} `))?.split(' ')[1]);

      expect(text).toContain('# TYPE mla_requests gauge');
      const states = await t.sql<{ state: string; n: number }>(`SELECT state, count(*)::int AS n FROM requests WHERE deleted_at IS NULL GROUP BY state`);
      for (const { state, n } of states) expect([state, value(`mla_requests{state="${state}"}`)]).toEqual([state, n]);
      expect(value('mla_requests{state="WITHDRAWN"}')).toBe(0);

      expect(text).toContain('# TYPE mla_overdue_deadlines gauge');
      const overdue = await t.sql<{ level: number; n: number }>(
        `SELECT greatest(escalation_level, 1)::int AS level, count(*)::int AS n FROM deadlines
         WHERE status = 'OVERDUE' OR (status = 'PENDING' AND due_at < $1) GROUP BY 1`,
        [t.clock.now()],
      );
      for (const { level, n } of overdue) expect(value(`mla_overdue_deadlines{level="${level}"}`)).toBe(n);

      for (const state of ['waiting', 'delayed', 'active', 'failed']) {
        expect(Number.isInteger(value(`mla_queue_jobs{queue="deadlines",state="${state}"}`))).toBe(true);
      }
      // Durations by route pattern, never the raw URL.
      expect(text).toContain('# TYPE mla_http_request_duration_seconds histogram');
      expect(value('mla_http_request_duration_seconds_count{method="GET",route="/api/v1/supervision/overdue",status_code="200"}')).toBeGreaterThan(0);
      expect(text).toMatch(/route="\/api\/v1\/requests\/:id"/);
      expect(text).not.toMatch(/route="\/api\/v1\/requests\/[0-9a-f]{8}-/);
      expect(text).toContain('process_cpu_user_seconds_total');

      expect((await t.http.get('/api/v1/metrics')).status).toBe(404);
    });
  });
});
