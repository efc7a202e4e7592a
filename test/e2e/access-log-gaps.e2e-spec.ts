import { createTestApp, TestApp } from '../support/test-app';
import { DAY } from '../support/test-clock';
import { act, authorityId, completeDraft, createDraft, createUser, expectProblem, loginAll, UserKey, walkTo } from '../support/fixtures';

type Json = Record<string, any>;

/**
 * Every read of a confidential request is in its access log (issue 22, item 4). The choice
 * (README, "Where the code extends DESIGN.md"): a confidential request's title is never shown
 * in lists, searches or the overdue queue, and `q` matches only its reference there — so a
 * list page logs nothing and discloses nothing; every answer that carries its content (an
 * action's, an extension's, a reassignment's), every read of its access log, and a GET with
 * `If-None-Match: *` (answered as an unconditional GET) is logged.
 */
describe('access-log gaps (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let secret: Json;
  let plain: Json;
  let secondSgOfficer: string;

  const READERS: UserKey[] = ['vnProsecutor', 'vnOfficer', 'vnSupervisor', 'sgOfficer', 'sgSupervisor'];

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
    const sgCa = await authorityId(t, 'SG-CA');
    secondSgOfficer = (await createUser(t, as.admin, { email: 'officer2@ca.sg.example', role: 'OFFICER', authorityId: sgCa })).id as string;
    secret = await walkTo(t, as, 'IN_EXECUTION', { confidential: true, title: 'MARKER-SECRET-TITLE', facts: 'MARKER-SECRET-FACTS' });
    plain = await walkTo(t, as, 'IN_EXECUTION', { title: 'MARKER-PLAIN-TITLE' });
  });
  afterAll(() => t.close());

  const log = async (id: string) =>
    t.sql<{ what: string; detail: Json; role: string; country: string }>(`SELECT what, detail, role, country FROM access_log WHERE request_id = $1 ORDER BY at, id`, [id]);
  const count = async (id: string) => (await log(id)).length;
  /** Moves the clock on a second and answers the new now: rows logged from here on are told apart from earlier ones (same-instant rows have no order). */
  const mark = (): Date => {
    t.clock.advance(1000);
    return t.clock.now();
  };
  const logSince = async (id: string, at: Date) =>
    t.sql<{ what: string; detail: Json; role: string; country: string }>(`SELECT what, detail, role, country FROM access_log WHERE request_id = $1 AND at >= $2 ORDER BY at`, [id, at]);
  const get = (who: UserKey, path: string) => t.http.get(`/api/v1${path}`).set('authorization', as[who]);

  describe('lists, searches and the overdue queue show no confidential title (and so log nothing)', () => {
    it.each(READERS)('GET /requests for %s: the confidential request is listed by reference, its title null', async (who) => {
      const before = await count(secret.id);
      const res = await get(who, '/requests?limit=100');
      expect(res.status).toBe(200);
      const items = res.body.items as Json[];
      expect(items.find((r) => r.id === secret.id)).toMatchObject({ reference: secret.reference, confidential: true, title: null });
      expect(items.find((r) => r.id === plain.id)).toMatchObject({ title: 'MARKER-PLAIN-TITLE', confidential: false });
      expect(JSON.stringify(res.body)).not.toContain('MARKER-SECRET');
      expect(await count(secret.id)).toBe(before);
    });

    it.each(READERS)('GET /requests?q= for %s: the title does not match a confidential request; its reference does', async (who) => {
      const before = await count(secret.id);
      for (const q of ['MARKER-SECRET', 'SECRET-TITLE', 'marker']) {
        const res = await get(who, `/requests?limit=100&q=${encodeURIComponent(q)}`);
        expect(res.status).toBe(200);
        expect((res.body.items as Json[]).map((r) => r.id)).not.toContain(secret.id);
      }
      expect((await get(who, '/requests?q=MARKER-PLAIN').expect(200)).body.items.map((r: Json) => r.id)).toEqual([plain.id]);
      const byReference = await get(who, `/requests?q=${encodeURIComponent(secret.reference)}`).expect(200);
      expect(byReference.body.items).toEqual([expect.objectContaining({ id: secret.id, title: null })]);
      expect(await count(secret.id)).toBe(before);
    });

    it.each<UserKey>(['vnSupervisor', 'sgSupervisor'])('GET /supervision/overdue for %s: the confidential entry has no title', async (who) => {
      t.clock.advance(40 * DAY);
      try {
        const before = await count(secret.id);
        const res = await get(who, '/supervision/overdue?limit=100');
        expect(res.status).toBe(200);
        const entries = res.body.items as Json[];
        const mine = entries.filter((d) => d.request.id === secret.id);
        expect(mine.length).toBeGreaterThan(0);
        for (const d of mine) expect(d.request).toMatchObject({ reference: secret.reference, title: null });
        expect(entries.find((d) => d.request.id === plain.id)?.request.title).toBe('MARKER-PLAIN-TITLE');
        expect(JSON.stringify(res.body)).not.toContain('MARKER-SECRET');
        expect(await count(secret.id)).toBe(before);
      } finally {
        t.clock.advance(-40 * DAY);
      }
    });
  });

  describe('answers that carry the content are logged', () => {
    it('a transition answer', async () => {
      const before = mark();
      const answer = await act(t, as.sgOfficer, secret.id, { action: 'report_delay', reason: 'Provider slow', expectedBy: '2027-03-01' });
      expect(answer.facts).toBe('MARKER-SECRET-FACTS');
      expect(await logSince(secret.id, before)).toEqual([{ what: 'action', detail: { action: 'report_delay' }, role: 'OFFICER', country: 'SG' }]);
    });

    it('a deadline extension answer', async () => {
      const detail = await get('sgSupervisor', `/requests/${secret.id}`).expect(200);
      const execution = (detail.body.deadlines as Json[]).find((d) => d.kind === 'EXECUTION') as Json;
      const before = mark();
      const res = await t.http
        .post(`/api/v1/requests/${secret.id}/deadlines/${execution.id}/extensions`)
        .set('authorization', as.sgSupervisor)
        .send({ dueAt: new Date(new Date(execution.dueAt).getTime() + 10 * DAY).toISOString(), reason: 'Provider asked for more time' });
      expect(res.status).toBe(200);
      expect(res.body.title).toBe('MARKER-SECRET-TITLE');
      expect(await logSince(secret.id, before)).toEqual([{ what: 'action', detail: { action: 'extend_deadline' }, role: 'SUPERVISOR', country: 'SG' }]);
    });

    it('a reassignment answer', async () => {
      const before = mark();
      const res = await t.http
        .post(`/api/v1/supervision/requests/${secret.id}/assignee`)
        .set('authorization', as.sgSupervisor)
        .send({ assigneeId: secondSgOfficer, reason: 'Workload' });
      expect(res.status).toBe(200);
      expect(res.body.facts).toBe('MARKER-SECRET-FACTS');
      expect(await logSince(secret.id, before)).toEqual([{ what: 'action', detail: { action: 'reassign' }, role: 'SUPERVISOR', country: 'SG' }]);
    });

    it('a draft edit answer (and a refused action logs nothing: nothing was answered)', async () => {
      const draft = await createDraft(t, as.vnProsecutor, completeDraft(await authorityId(t, 'SG-CA'), { confidential: true }));
      const edited = await t.http.patch(`/api/v1/requests/${draft.id}`).set('authorization', as.vnProsecutor).send({ facts: 'Edited facts' });
      expect(edited.status).toBe(200);
      expect((await log(draft.id)).map((r) => [r.what, r.detail])).toEqual([['action', { action: 'edit' }]]);
      expectProblem(await t.http.post(`/api/v1/requests/${draft.id}/transitions`).set('authorization', as.vnProsecutor).send({ action: 'withdraw', reason: 'no' }), 409, 'INVALID_TRANSITION');
      expect(await count(draft.id)).toBe(1);
    });

    it('a request that is not confidential logs no action answer', async () => {
      await act(t, as.sgOfficer, plain.id, { action: 'report_delay', reason: 'Provider slow', expectedBy: '2027-03-01' });
      expect(await count(plain.id)).toBe(0);
    });
  });

  describe('reads of the access log itself are logged', () => {
    it('by each reader it answers; not a refused one', async () => {
      const before = mark();
      const vn = await get('vnSupervisor', `/requests/${secret.id}/access-log`).expect(200);
      expect(vn.body.items[0]).toMatchObject({ what: 'access_log', user: { email: 'supervisor@vn.example' } });
      mark();
      await get('sgOfficer', `/requests/${secret.id}/access-log`).expect(200);
      mark();
      expectProblem(await get('vnProsecutor', `/requests/${secret.id}/access-log`), 403, 'FORBIDDEN');
      expect((await logSince(secret.id, before)).map((r) => `${r.what}:${r.role}:${r.country}`)).toEqual(['access_log:SUPERVISOR:VN', 'access_log:OFFICER:SG']);
    });
  });

  describe('If-None-Match: * gets no free answer', () => {
    it.each(['', '/events', '/evidence', '/attachments'])('GET …%s with * answers 200 with the body, logged', async (path) => {
      const before = await count(secret.id);
      const res = await get('sgOfficer', `/requests/${secret.id}${path}`).set('if-none-match', '*');
      expect(res.status).toBe(200);
      expect(res.text.length).toBeGreaterThan(0);
      expect(res.headers.etag).toBeDefined();
      expect(await count(secret.id)).toBe(before + 1);
      // With its own tag, the copy is current: 304, nothing disclosed, nothing logged.
      const again = await get('sgOfficer', `/requests/${secret.id}${path}`).set('if-none-match', res.headers.etag as string);
      expect(again.status).toBe(304);
      expect(await count(secret.id)).toBe(before + 1);
      // `*` among tags that do not match is no match either.
      expect((await get('sgOfficer', `/requests/${secret.id}${path}`).set('if-none-match', '"nope", *')).status).toBe(200);
      expect(await count(secret.id)).toBe(before + 2);
    });
  });
});
