import { createTestApp, TestApp } from '../support/test-app';
import { authorityId, completeDraft, createDraft, createUser, expectProblem, loginAll, UserKey, walkTo } from '../support/fixtures';

type Answer = { status: number; body: any; headers: Record<string, string | string[] | undefined> };

/**
 * Concurrency and idempotency (DESIGN §3, §9): two conflicting actions at once, exactly one
 * wins; If-Match answers 412 when stale; Idempotency-Key answers a repeat with the first
 * response, another body with 422, and is scoped to the user.
 */
describe('concurrency and idempotency (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let sgCa: string;

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
    sgCa = await authorityId(t, 'SG-CA');
  });
  afterAll(() => t.close());

  const transition = (bearer: string, id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const req = t.http.post(`/api/v1/requests/${id}/transitions`).set('authorization', bearer);
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    return req.send(body);
  };
  const countBy = (answers: Answer[]) => {
    const counts: Record<string, number> = {};
    for (const a of answers) {
      const key = a.status === 200 || a.status === 201 ? String(a.status) : `${a.status} ${String(a.body?.code)}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  };
  const events = async (id: string, action?: string) =>
    t.sql<{ seq: number; action: string }>(
      `SELECT seq, action FROM request_events WHERE request_id = $1 ${action ? 'AND action = $2' : ''} ORDER BY seq`,
      action ? [id, action] : [id],
    );
  const version = async (id: string) => Number((await t.sql<{ version: number }>(`SELECT version FROM requests WHERE id = $1`, [id]))[0]?.version);

  describe('concurrent actions', () => {
    it('20 concurrent acknowledges: exactly one 200, nineteen 409, one event', async () => {
      const r = await walkTo(t, as, 'SENT');
      const answers = await Promise.all(Array.from({ length: 20 }, () => transition(as.sgOfficer, r.id, { action: 'acknowledge' })));
      expect(countBy(answers)).toEqual({ '200': 1, '409 INVALID_TRANSITION': 19 });
      for (const a of answers.filter((x) => x.status === 409)) expectProblem(a, 409, 'INVALID_TRANSITION');
      expect(await events(r.id, 'acknowledge')).toHaveLength(1);
      expect(await version(r.id)).toBe(r.version + 1);
      const seqs = (await events(r.id)).map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    });

    it('20 concurrent acknowledges with the same If-Match (current at the start): one 200, the others 412', async () => {
      const r = await walkTo(t, as, 'SENT');
      const etag = `"${String(r.version)}"`;
      const answers = await Promise.all(Array.from({ length: 20 }, () => transition(as.sgOfficer, r.id, { action: 'acknowledge' }, { 'if-match': etag })));
      const counts = countBy(answers);
      expect(counts['200']).toBe(1);
      expect(Object.keys(counts).every((k) => ['200', '412 VERSION_CONFLICT', '409 INVALID_TRANSITION'].includes(k))).toBe(true);
      // The winner moved the version: every loser's If-Match is stale, checked before the state (§9 order).
      expect(counts).toEqual({ '200': 1, '412 VERSION_CONFLICT': 19 });
      expect(await events(r.id, 'acknowledge')).toHaveLength(1);
    });

    it('20 concurrent acknowledges with a stale If-Match: all 412, nothing written', async () => {
      const r = await walkTo(t, as, 'SENT');
      const stale = `"${String(r.version - 1)}"`;
      const answers = await Promise.all(Array.from({ length: 20 }, () => transition(as.sgOfficer, r.id, { action: 'acknowledge' }, { 'if-match': stale })));
      expect(countBy(answers)).toEqual({ '412 VERSION_CONFLICT': 20 });
      expectProblem(answers[0] as Answer, 412, 'VERSION_CONFLICT');
      expect(await events(r.id, 'acknowledge')).toHaveLength(0);
      expect(await version(r.id)).toBe(r.version);
    });

    it('two conflicting actions of both sides at once (refuse and withdraw): exactly one wins', async () => {
      const r = await walkTo(t, as, 'SENT');
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 === 0
            ? transition(as.sgOfficer, r.id, { action: 'refuse', ground: 'OTHER', text: 'No' })
            : transition(as.vnProsecutor, r.id, { action: 'withdraw', reason: 'Dropped' }),
        ),
      );
      const counts = countBy(answers);
      expect(counts['200']).toBe(1);
      expect(counts['409 INVALID_TRANSITION']).toBe(19);
      const terminal = (await events(r.id)).filter((e) => e.action === 'refuse' || e.action === 'withdraw');
      expect(terminal).toHaveLength(1);
      const [row] = await t.sql<{ state: string }>(`SELECT state FROM requests WHERE id = $1`, [r.id]);
      expect(row?.state).toBe(terminal[0]?.action === 'refuse' ? 'REFUSED' : 'WITHDRAWN');
      const open = await t.sql(`SELECT 1 FROM deadlines WHERE request_id = $1 AND status IN ('PENDING', 'PAUSED', 'OVERDUE')`, [r.id]);
      expect(open).toHaveLength(0);
    });

    it('concurrent edits of a draft: with one If-Match exactly one wins; without, none is lost', async () => {
      const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
      const patch = (title: string, ifMatch?: string) => {
        const req = t.http.patch(`/api/v1/requests/${draft.id as string}`).set('authorization', as.vnProsecutor);
        if (ifMatch) req.set('if-match', ifMatch);
        return req.send({ title });
      };
      const guarded = await Promise.all(Array.from({ length: 10 }, (_, i) => patch(`guarded ${i}`, '"1"')));
      expect(countBy(guarded)).toEqual({ '200': 1, '412 VERSION_CONFLICT': 9 });
      const winner = guarded.find((a) => a.status === 200)?.body.title;
      const afterGuarded = await t.http.get(`/api/v1/requests/${draft.id as string}`).set('authorization', as.vnProsecutor);
      expect(afterGuarded.body).toMatchObject({ version: 2, title: winner });

      const free = await Promise.all(Array.from({ length: 10 }, (_, i) => patch(`free ${i}`)));
      expect(countBy(free)).toEqual({ '200': 10 });
      expect(await version(draft.id)).toBe(12);
      expect(await events(draft.id, 'edit')).toHaveLength(11);
      expect(new Set(free.map((a) => a.body.version)).size).toBe(10);
    });
  });

  describe('Idempotency-Key', () => {
    it('a repeat with the same key and body answers the first response, marked replayed; one event only', async () => {
      const r = await walkTo(t, as, 'SENT');
      const body = { action: 'acknowledge', note: 'Received' };
      const first = await transition(as.sgOfficer, r.id, body, { 'idempotency-key': 'ack-1' });
      expect(first.status).toBe(200);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      for (let i = 0; i < 2; i++) {
        const again = await transition(as.sgOfficer, r.id, body, { 'idempotency-key': 'ack-1' });
        expect(again.status).toBe(200);
        expect(again.headers['idempotent-replayed']).toBe('true');
        expect(again.headers.etag).toBe(first.headers.etag);
        expect(again.body).toEqual(first.body);
      }
      expect(await events(r.id, 'acknowledge')).toHaveLength(1);
      expect(await version(r.id)).toBe(r.version + 1);
    });

    it('the same key with another body (or on another request) answers 422 IDEMPOTENCY_KEY_REUSED', async () => {
      const r = await walkTo(t, as, 'SENT');
      const other = await walkTo(t, as, 'SENT');
      expect((await transition(as.sgOfficer, r.id, { action: 'acknowledge', note: 'first' }, { 'idempotency-key': 'reuse-1' })).status).toBe(200);
      const reused = await transition(as.sgOfficer, r.id, { action: 'acknowledge', note: 'second' }, { 'idempotency-key': 'reuse-1' });
      expectProblem(reused, 422, 'IDEMPOTENCY_KEY_REUSED');
      const elsewhere = await transition(as.sgOfficer, other.id, { action: 'acknowledge', note: 'first' }, { 'idempotency-key': 'reuse-1' });
      expectProblem(elsewhere, 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(await events(other.id, 'acknowledge')).toHaveLength(0);
    });

    it('a first answer that was an error is replayed as that error, even once the action would succeed', async () => {
      const r = await walkTo(t, as, 'SENT');
      const body = { action: 'start_execution', executingBody: 'Police' };
      const first = await transition(as.sgOfficer, r.id, body, { 'idempotency-key': 'early-start' });
      expectProblem(first, 409, 'INVALID_TRANSITION');
      expect((await transition(as.sgOfficer, r.id, { action: 'acknowledge' })).status).toBe(200);

      const replay = await transition(as.sgOfficer, r.id, body, { 'idempotency-key': 'early-start' });
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect([replay.status, replay.body.code, replay.body.detail]).toEqual([409, 'INVALID_TRANSITION', first.body.detail]);
      expect(String(replay.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(await events(r.id, 'start_execution')).toHaveLength(0);
      const [row] = await t.sql<{ state: string }>(`SELECT state FROM requests WHERE id = $1`, [r.id]);
      expect(row?.state).toBe('ACKNOWLEDGED');
      // Still a whole problem body (DESIGN §9), with a request id.
      expectProblem(replay, 409, 'INVALID_TRANSITION');
    });

    it('keys are per user: another user with the same key and body is independent', async () => {
      const second = await createUser(t, as.admin, {
        email: 'second.prosecutor@vn.example',
        role: 'PROSECUTOR',
        authorityId: await authorityId(t, 'VN-HCM-PROS'),
      });
      const bearer2 = await t.login(second.email);
      const body = completeDraft(sgCa, { title: 'Same key, two prosecutors' });
      const a = await t.http.post('/api/v1/requests').set('authorization', as.vnProsecutor).set('idempotency-key', 'shared-key').send(body);
      const b = await t.http.post('/api/v1/requests').set('authorization', bearer2).set('idempotency-key', 'shared-key').send(body);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.headers['idempotent-replayed']).toBeUndefined();
      expect(b.body.id).not.toBe(a.body.id);
      const rows = await t.sql(`SELECT 1 FROM requests WHERE title = 'Same key, two prosecutors'`);
      expect(rows).toHaveLength(2);
    });

    it('POST /requests with a key creates one draft only; the repeat answers 201 with the same Location and ETag', async () => {
      const body = completeDraft(sgCa, { title: 'Created once' });
      const first = await t.http.post('/api/v1/requests').set('authorization', as.vnProsecutor).set('idempotency-key', 'create-once').send(body);
      expect(first.status).toBe(201);
      for (let i = 0; i < 2; i++) {
        const again = await t.http.post('/api/v1/requests').set('authorization', as.vnProsecutor).set('idempotency-key', 'create-once').send(body);
        expect(again.status).toBe(201);
        expect(again.headers['idempotent-replayed']).toBe('true');
        expect(again.headers.location).toBe(first.headers.location);
        expect(again.headers.etag).toBe(first.headers.etag);
        expect(again.body).toEqual(first.body);
      }
      expect(await t.sql(`SELECT 1 FROM requests WHERE title = 'Created once'`)).toHaveLength(1);
      // No reference was consumed by the repeats.
      const next = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
      expect(Number(next.reference.slice(-6))).toBe(Number((first.body.reference as string).slice(-6)) + 1);
    });

    it('concurrent POSTs with one key create one draft; the others replay it or answer 409 IDEMPOTENCY_KEY_IN_PROGRESS', async () => {
      const body = completeDraft(sgCa, { title: 'Raced creation' });
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => t.http.post('/api/v1/requests').set('authorization', as.vnProsecutor).set('idempotency-key', 'race-create').send(body)),
      );
      const counts = countBy(answers);
      expect(Object.keys(counts).every((k) => ['201', '409 IDEMPOTENCY_KEY_IN_PROGRESS'].includes(k))).toBe(true);
      expect(counts['201']).toBeGreaterThanOrEqual(1);
      expect(new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id)).size).toBe(1);
      for (const a of answers.filter((x) => x.status === 409)) expectProblem(a, 409, 'IDEMPOTENCY_KEY_IN_PROGRESS');
      expect(await t.sql(`SELECT 1 FROM requests WHERE title = 'Raced creation'`)).toHaveLength(1);
    });

    it('concurrent transitions with one key take the action once', async () => {
      const r = await walkTo(t, as, 'SENT');
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => transition(as.sgOfficer, r.id, { action: 'acknowledge' }, { 'idempotency-key': 'race-ack' })),
      );
      const counts = countBy(answers);
      expect(Object.keys(counts).every((k) => ['200', '409 IDEMPOTENCY_KEY_IN_PROGRESS'].includes(k))).toBe(true);
      expect(new Set(answers.filter((a) => a.status === 200).map((a) => a.body.version))).toEqual(new Set([r.version + 1]));
      expect(await events(r.id, 'acknowledge')).toHaveLength(1);
    });

    it('a malformed key answers 400', async () => {
      const r = await walkTo(t, as, 'SENT');
      for (const key of ['x'.repeat(201), 'two words']) {
        expectProblem(await transition(as.sgOfficer, r.id, { action: 'acknowledge' }, { 'idempotency-key': key }), 400, 'VALIDATION_FAILED');
      }
      expect(await events(r.id, 'acknowledge')).toHaveLength(0);
    });
  });
});
