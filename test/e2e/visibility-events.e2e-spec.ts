import { createTestApp, TestApp } from '../support/test-app';
import { HOUR } from '../support/test-clock';
import { act, authorityId, completeDraft, createAuthority, createDraft, createUser, expectProblem, loginAll, UserKey, walkTo } from '../support/fixtures';

type Req = Record<string, any>;
type Who = UserKey | 'thProsecutor' | 'thOfficer' | 'thSupervisor' | 'hnProsecutor' | 'sg247Officer';

/**
 * Who sees what (DESIGN §2) on every read of a request, and the history (DESIGN §9): list
 * filters and cursor, the hash-chained append-only event log and its verification, and
 * evidence items the database refuses to change.
 */
describe('visibility, lists and events (e2e)', () => {
  let t: TestApp;
  let as: Record<Who, string>;
  let sgCa: string;
  let vnCa: string;
  let thCa: string;

  beforeAll(async () => {
    t = await createTestApp();
    const demo = await loginAll(t);
    sgCa = await authorityId(t, 'SG-CA');
    vnCa = await authorityId(t, 'VN-CA');
    // A third country, a second prosecution office in Viet Nam, and an officer of Singapore's 24/7 point.
    const thPros = await createAuthority(t, demo.admin, { code: 'TH-PROS', country: 'TH', kind: 'PROSECUTION_OFFICE', timezone: 'Asia/Bangkok' });
    const thCaAuthority = await createAuthority(t, demo.admin, { code: 'TH-CA', country: 'TH', kind: 'CENTRAL_AUTHORITY', timezone: 'Asia/Bangkok' });
    thCa = thCaAuthority.id;
    const hnPros = await createAuthority(t, demo.admin, { code: 'VN-HN-PROS', country: 'VN', kind: 'PROSECUTION_OFFICE', timezone: 'Asia/Ho_Chi_Minh' });
    const extra: [Who, string, string, string][] = [
      ['thProsecutor', 'prosecutor@th.example', 'PROSECUTOR', thPros.id],
      ['thOfficer', 'officer@th.example', 'OFFICER', thCa],
      ['thSupervisor', 'supervisor@th.example', 'SUPERVISOR', thCa],
      ['hnProsecutor', 'prosecutor@hn.vn.example', 'PROSECUTOR', hnPros.id],
      ['sg247Officer', 'officer@247.sg.example', 'OFFICER', await authorityId(t, 'SG-247')],
    ];
    const bearers = await Promise.all(
      extra.map(async ([who, email, role, authority]) => {
        await createUser(t, demo.admin, { email, role, authorityId: authority });
        return [who, await t.login(email)] as const;
      }),
    );
    as = { ...demo, ...Object.fromEntries(bearers) } as Record<Who, string>;
  });
  afterAll(() => t.close());

  const ALL: Who[] = ['vnProsecutor', 'vnOfficer', 'vnSupervisor', 'sgProsecutor', 'sgOfficer', 'sgSupervisor', 'admin', 'thProsecutor', 'thOfficer', 'thSupervisor', 'hnProsecutor', 'sg247Officer'];
  const get = (who: Who, path: string) => t.http.get(`/api/v1${path}`).set('authorization', as[who]);
  const listIds = async (who: Who, query = 'limit=100'): Promise<string[]> => {
    const res = await get(who, `/requests?${query}`);
    expect([who, query, res.status]).toEqual([who, query, 200]);
    return (res.body.items as Req[]).map((r) => r.id as string);
  };

  /** Every read of the request answers 200 to exactly `visible`, 404 to everyone else; the list agrees. */
  const expectVisibleTo = async (id: string, stage: string, visible: Who[]) => {
    for (const who of ALL) {
      const sees = visible.includes(who);
      for (const path of [`/requests/${id}`, `/requests/${id}/events`, `/requests/${id}/events/verify`, `/requests/${id}/evidence`]) {
        const res = await get(who, path);
        expect([stage, who, path, res.status]).toEqual([stage, who, path, sees ? 200 : 404]);
        if (!sees) expectProblem(res, 404, 'NOT_FOUND');
      }
      if (who === 'admin') continue;
      expect([stage, who, (await listIds(who)).includes(id)]).toEqual([stage, who, sees]);
    }
  };

  describe('visibility matrix', () => {
    it('a VN → SG request: its draft stays home, the VN officer sees it once submitted, Singapore once sent', async () => {
      const r = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
      await expectVisibleTo(r.id, 'DRAFT', ['vnProsecutor', 'vnSupervisor']);
      await act(t, as.vnProsecutor, r.id, { action: 'submit' });
      await expectVisibleTo(r.id, 'IN_REVIEW', ['vnProsecutor', 'vnSupervisor', 'vnOfficer']);
      await act(t, as.vnOfficer, r.id, { action: 'send' });
      await expectVisibleTo(r.id, 'SENT', ['vnProsecutor', 'vnSupervisor', 'vnOfficer', 'sgOfficer', 'sgSupervisor']);
      await act(t, as.sgOfficer, r.id, { action: 'acknowledge' });
      await act(t, as.sgOfficer, r.id, { action: 'start_execution' });
      await act(t, as.sgOfficer, r.id, {
        action: 'deliver_evidence',
        final: true,
        items: [{ description: 'Subscriber record', kind: 'FILE', sha256: 'e'.repeat(64), sizeBytes: 99 }],
      });
      await expectVisibleTo(r.id, 'EVIDENCE_RECEIVED', ['vnProsecutor', 'vnSupervisor', 'vnOfficer', 'sgOfficer', 'sgSupervisor']);
      for (const who of ['vnProsecutor', 'sgSupervisor'] as Who[]) {
        const evidence = await get(who, `/requests/${r.id as string}/evidence`);
        expect(evidence.body.items).toEqual([expect.objectContaining({ deliveryNo: 1, kind: 'FILE', sha256: 'e'.repeat(64), sizeBytes: 99 })]);
      }
    });

    it('an SG → VN request: the mirror image', async () => {
      const r = await createDraft(t, as.sgProsecutor, completeDraft(vnCa, { title: 'Singapore asks Viet Nam' }));
      await expectVisibleTo(r.id, 'DRAFT', ['sgProsecutor', 'sgSupervisor']);
      await act(t, as.sgProsecutor, r.id, { action: 'submit' });
      // The 24/7 point is an officer authority of Singapore too: its country's submitted requests are its to see.
      await expectVisibleTo(r.id, 'IN_REVIEW', ['sgProsecutor', 'sgSupervisor', 'sgOfficer', 'sg247Officer']);
      await act(t, as.sgOfficer, r.id, { action: 'send' });
      await expectVisibleTo(r.id, 'SENT', ['sgProsecutor', 'sgSupervisor', 'sgOfficer', 'sg247Officer', 'vnOfficer', 'vnSupervisor']);
    });

    it('a third country sees nothing (404 and empty lists); ADMIN gets 403 on the list', async () => {
      for (const who of ['thProsecutor', 'thOfficer', 'thSupervisor'] as Who[]) {
        const res = await get(who, '/requests?limit=100');
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ items: [], nextCursor: null });
      }
      expectProblem(await get('admin', '/requests'), 403, 'FORBIDDEN');
      expectProblem(await get('admin', '/requests?state=SENT'), 403, 'FORBIDDEN');
      // Unknown and malformed ids answer exactly as invisible ones.
      expectProblem(await get('vnSupervisor', '/requests/7d3f1c52-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
      expectProblem(await get('vnSupervisor', '/requests/not-a-uuid'), 404, 'NOT_FOUND');
      expectProblem(await get('vnSupervisor', '/requests/not-a-uuid/events'), 404, 'NOT_FOUND');
    });

    it('a request to the third country: Singapore does not see it', async () => {
      const r = await createDraft(t, as.vnProsecutor, completeDraft(thCa, { title: 'Viet Nam asks Thailand' }));
      await act(t, as.vnProsecutor, r.id, { action: 'submit' });
      await act(t, as.vnOfficer, r.id, { action: 'send' });
      await expectVisibleTo(r.id, 'SENT to TH', ['vnProsecutor', 'vnSupervisor', 'vnOfficer', 'thOfficer', 'thSupervisor']);
    });
  });

  describe('GET /requests: filters and cursor', () => {
    const known: Record<string, Req> = {};

    beforeAll(async () => {
      known.A = await createDraft(t, as.vnProsecutor, completeDraft(sgCa, { title: 'Alpha phishing ring' }));
      known.B = await walkTo(t, as, 'SENT', { type: 'PRESERVATION', priority: 'URGENT', title: 'Bravo ransomware' });
      known.C = await walkTo(t, as, 'IN_REVIEW', { type: 'TRAFFIC_DATA', priority: 'EMERGENCY', title: 'Charlie botnet 100%' });
      const d = await createDraft(t, as.sgProsecutor, completeDraft(vnCa, { title: 'Delta scam' }));
      await act(t, as.sgProsecutor, d.id, { action: 'submit' });
      known.D = await act(t, as.sgOfficer, d.id, { action: 'send' });
      const e = await createDraft(t, as.vnProsecutor, completeDraft(thCa, { type: 'CONTENT_DATA', title: 'Echo extortion' }));
      await act(t, as.vnProsecutor, e.id, { action: 'submit' });
      known.E = await act(t, as.vnOfficer, e.id, { action: 'send' });
    });

    const ids = (...names: string[]) => names.map((n) => known[n]?.id as string);
    /** The known requests a query answers (others may exist in this file's database). */
    const knownIn = async (who: Who, query: string) => {
      const res = await get(who, `/requests?limit=100&${query}`);
      expect([query, res.status]).toEqual([query, 200]);
      const all = new Set((res.body.items as Req[]).map((r) => r.id));
      return { items: res.body.items as Req[], known: Object.keys(known).filter((k) => all.has(known[k]?.id)).sort() };
    };

    it('answers summaries with the contract fields', async () => {
      const res = await get('vnSupervisor', '/requests?limit=100');
      expect(res.body.nextCursor).toBeNull();
      const b = (res.body.items as Req[]).find((r) => r.id === known.B?.id);
      expect(b).toMatchObject({
        id: known.B?.id,
        reference: known.B?.reference,
        version: known.B?.version,
        state: 'SENT',
        type: 'PRESERVATION',
        priority: 'URGENT',
        title: 'Bravo ransomware',
        ballHolder: 'REQUESTED',
        requestingAuthority: expect.objectContaining({ code: 'VN-HCM-PROS', country: 'VN' }),
        requestedAuthority: expect.objectContaining({ code: 'SG-CA', country: 'SG' }),
      });
    });

    it('filters by state (one or a comma list), type and priority', async () => {
      let r = await knownIn('vnSupervisor', 'state=DRAFT');
      expect(r.known).toEqual(['A']);
      expect(r.items.every((i) => i.state === 'DRAFT')).toBe(true);
      r = await knownIn('vnSupervisor', 'state=SENT,IN_REVIEW');
      expect(r.known).toEqual(['B', 'C', 'D', 'E']);
      expect(r.items.every((i) => ['SENT', 'IN_REVIEW'].includes(i.state))).toBe(true);
      r = await knownIn('vnSupervisor', 'type=PRESERVATION');
      expect(r.known).toEqual(['B']);
      expect(r.items.every((i) => i.type === 'PRESERVATION')).toBe(true);
      r = await knownIn('vnSupervisor', 'priority=EMERGENCY');
      expect(r.known).toEqual(['C']);
      expect(r.items.every((i) => i.priority === 'EMERGENCY')).toBe(true);
      r = await knownIn('vnSupervisor', 'type=SUBSCRIBER_INFO&state=SENT');
      expect(r.known).toEqual(['D']);
    });

    it('filters by direction and counterpart country, from each side', async () => {
      let r = await knownIn('vnSupervisor', 'direction=incoming');
      expect(r.known).toEqual(['D']);
      expect(r.items.every((i) => i.requestedAuthority.country === 'VN')).toBe(true);
      r = await knownIn('vnSupervisor', 'direction=outgoing');
      expect(r.known).toEqual(['A', 'B', 'C', 'E']);
      expect(r.items.every((i) => i.requestingAuthority.country === 'VN')).toBe(true);
      r = await knownIn('vnSupervisor', 'counterpartCountry=TH');
      expect(r.known).toEqual(['E']);
      r = await knownIn('vnSupervisor', 'counterpartCountry=SG');
      expect(r.known).toEqual(['A', 'B', 'C', 'D']);

      r = await knownIn('sgOfficer', '');
      expect(r.known).toEqual(['B', 'D']);
      expect((await knownIn('sgOfficer', 'direction=incoming')).known).toEqual(['B']);
      expect((await knownIn('sgOfficer', 'direction=outgoing')).known).toEqual(['D']);
      expect((await knownIn('thOfficer', 'counterpartCountry=VN')).known).toEqual(['E']);
      expect((await knownIn('thOfficer', '')).known).toEqual(['E']);
    });

    it('searches the reference and the title (q), case-insensitively, % taken literally', async () => {
      expect((await knownIn('vnSupervisor', `q=${known.D?.reference as string}`)).known).toEqual(['D']);
      expect((await knownIn('vnSupervisor', 'q=bRaVo')).known).toEqual(['B']);
      expect((await knownIn('vnSupervisor', 'q=botnet')).known).toEqual(['C']);
      expect((await knownIn('vnSupervisor', `q=${encodeURIComponent('100%')}`)).known).toEqual(['C']);
      const percent = await knownIn('vnSupervisor', `q=${encodeURIComponent('%')}`);
      expect(percent.items.every((i) => String(i.title).includes('%') || String(i.reference).includes('%'))).toBe(true);
      expect((await knownIn('vnSupervisor', 'q=SG-2026-')).known).toEqual(['D']);
      expect((await knownIn('vnSupervisor', 'q=nothing-like-this')).items).toEqual([]);
    });

    it('filters overdue requests (an unmet deadline past due)', async () => {
      expect((await knownIn('vnSupervisor', 'overdue=true')).known).toEqual([]);
      t.clock.advance(5 * HOUR); // the EMERGENCY review (4 hours) of C passes
      try {
        expect((await knownIn('vnSupervisor', 'overdue=true')).known).toEqual(['C']);
        expect((await knownIn('vnSupervisor', 'overdue=false')).known).toEqual(['A', 'B', 'D', 'E']);
      } finally {
        t.clock.advance(-5 * HOUR);
      }
    });

    it('answers 400 to a bad filter, limit, cursor or an unknown parameter', async () => {
      const bad = [
        'state=BOGUS',
        'state=DRAFT,BOGUS',
        'type=EVERYTHING',
        'priority=HIGH',
        'direction=sideways',
        'counterpartCountry=sgp',
        'overdue=maybe',
        'limit=101',
        'limit=0',
        'limit=ten',
        'cursor=garbage',
        `cursor=${Buffer.from('2026-11-02T03:00:00.000Z|not-a-uuid').toString('base64url')}`,
        'colour=blue',
        `q=${'x'.repeat(201)}`,
      ];
      for (const query of bad) {
        const res = await get('vnSupervisor', `/requests?${query}`);
        expect([query, res.status]).toEqual([query, 400]);
        expectProblem(res, 400, 'VALIDATION_FAILED');
      }
      expect((await get('vnSupervisor', '/requests?limit=100')).status).toBe(200);
    });

    it('pages with limit 2 across 5 requests: every one exactly once, in the order of the full list', async () => {
      const created: string[] = [];
      for (let i = 0; i < 5; i++) {
        if (i >= 3) t.clock.advance(60_000); // three created in the same instant, two later
        created.push((await createDraft(t, as.hnProsecutor, completeDraft(sgCa, { title: `Hanoi ${i}` }))).id as string);
      }
      const full = await listIds('hnProsecutor', 'limit=100');
      expect([...full].sort()).toEqual([...created].sort());

      const seen: string[] = [];
      const sizes: number[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const res: { status: number; body: { items: Req[]; nextCursor: string | null } } = await get(
          'hnProsecutor',
          `/requests?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        sizes.push(res.body.items.length);
        seen.push(...res.body.items.map((r) => r.id as string));
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      expect(sizes).toEqual([2, 2, 1]);
      expect(seen).toEqual(full);
      // The two created last come first (newest first).
      expect(seen.slice(0, 2)).toEqual([created[4], created[3]]);
      // A cursor combined with a filter keeps the filter.
      const first = await get('hnProsecutor', '/requests?limit=1&q=Hanoi%204');
      expect(first.body.items.map((r: Req) => r.id)).toEqual([created[4]]);
      expect(first.body.nextCursor).toBeNull();
    });
  });

  describe('events: hash chain, append-only, verification', () => {
    it('lists events seq 1..n, each sealing the one before; verify answers valid', async () => {
      const r = await walkTo(t, as, 'CLOSED');
      const res = await get('vnSupervisor', `/requests/${r.id as string}/events`);
      expect(res.status).toBe(200);
      const items = res.body.items as Req[];
      expect(items.map((e) => e.action)).toEqual(['create', 'submit', 'send', 'acknowledge', 'start_execution', 'deliver_evidence', 'close']);
      expect(items.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(items[0]).toMatchObject({ fromState: null, toState: 'DRAFT', prevHash: null });
      items.forEach((e, i) => {
        expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(e).toMatchObject({ actor: expect.objectContaining({ role: expect.any(String) }), input: expect.any(Object), occurredAt: expect.any(String) });
        if (i > 0) {
          expect(e.prevHash).toBe(items[i - 1]?.hash);
          expect(e.fromState).toBe(items[i - 1]?.toState);
        }
      });
      expect(res.body.nextCursor).toBeNull();

      const verify = await get('sgOfficer', `/requests/${r.id as string}/events/verify`);
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({ valid: true, count: 7 });
      expect(verify.body).not.toHaveProperty('brokenAt');

      // Paged by seq.
      const page1 = await get('vnProsecutor', `/requests/${r.id as string}/events?limit=3`);
      expect(page1.body.items.map((e: Req) => e.seq)).toEqual([1, 2, 3]);
      const page2 = await get('vnProsecutor', `/requests/${r.id as string}/events?limit=3&cursor=${page1.body.nextCursor as string}`);
      expect(page2.body.items.map((e: Req) => e.seq)).toEqual([4, 5, 6]);
      const page3 = await get('vnProsecutor', `/requests/${r.id as string}/events?limit=3&cursor=${page2.body.nextCursor as string}`);
      expect(page3.body).toMatchObject({ items: [expect.objectContaining({ seq: 7 })], nextCursor: null });
      expectProblem(await get('vnProsecutor', `/requests/${r.id as string}/events?cursor=abc`), 400, 'VALIDATION_FAILED');
      expectProblem(await get('vnProsecutor', `/requests/${r.id as string}/events?limit=0`), 400, 'VALIDATION_FAILED');
    });

    it('records who acted: user, role, authority and country (the home officer of VN-CA included)', async () => {
      const r = await walkTo(t, as, 'ACKNOWLEDGED');
      const items = (await get('vnProsecutor', `/requests/${r.id as string}/events`)).body.items as Req[];
      const byAction = Object.fromEntries(items.map((e) => [e.action, e.actor]));
      const me = async (who: Who) => (await get(who, '/me')).body;
      const [vnP, vnO, sgO] = [await me('vnProsecutor'), await me('vnOfficer'), await me('sgOfficer')];
      expect(byAction.submit).toEqual({ userId: vnP.id, role: 'PROSECUTOR', authorityId: vnP.authority.id, authorityCode: 'VN-HCM-PROS', country: 'VN' });
      expect(byAction.acknowledge).toEqual({ userId: sgO.id, role: 'OFFICER', authorityId: sgO.authority.id, authorityCode: 'SG-CA', country: 'SG' });
      expect(byAction.send).toEqual({ userId: vnO.id, role: 'OFFICER', authorityId: vnO.authority.id, authorityCode: 'VN-CA', country: 'VN' });
      // Named as they are now, beside the events (their content is what their hashes cover): the reader's own country's people by name, authorities by name.
      const { names } = (await get('vnProsecutor', `/requests/${r.id as string}/events`)).body;
      expect(names).toEqual({
        users: { [vnP.id]: vnP.displayName, [vnO.id]: vnO.displayName },
        authorities: { [vnP.authority.id]: vnP.authority.name, [vnO.authority.id]: vnO.authority.name, [sgO.authority.id]: sgO.authority.name },
      });
    });

    it('the database refuses UPDATE, DELETE and TRUNCATE on request_events', async () => {
      const r = await walkTo(t, as, 'SENT');
      await expect(t.sql(`UPDATE request_events SET input = '{"forged":true}' WHERE request_id = $1 AND seq = 2`, [r.id])).rejects.toThrow(/append-only/);
      await expect(t.sql(`DELETE FROM request_events WHERE request_id = $1 AND seq = 3`, [r.id])).rejects.toThrow(/append-only/);
      await expect(t.sql(`TRUNCATE request_events CASCADE`)).rejects.toThrow(/append-only/);
      const rows = await t.sql(`SELECT 1 FROM request_events WHERE request_id = $1`, [r.id]);
      expect(rows).toHaveLength(3);
      expect((await get('vnOfficer', `/requests/${r.id as string}/events/verify`)).body).toMatchObject({ valid: true, count: 3 });
    });

    it('verify names the first broken link when an event was altered behind the trigger', async () => {
      const tampered = await walkTo(t, as, 'IN_EXECUTION');
      const untouched = await walkTo(t, as, 'IN_EXECUTION');
      await t.sql(`ALTER TABLE request_events DISABLE TRIGGER request_events_append_only`);
      try {
        await t.sql(`UPDATE request_events SET input = input || '{"note":"forged"}' WHERE request_id = $1 AND seq = 3`, [tampered.id]);
      } finally {
        await t.sql(`ALTER TABLE request_events ENABLE TRIGGER request_events_append_only`);
      }
      const verify = await get('vnSupervisor', `/requests/${tampered.id as string}/events/verify`);
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({ valid: false, brokenAt: 3 });
      expect((await get('vnSupervisor', `/requests/${untouched.id as string}/events/verify`)).body).toMatchObject({ valid: true });
      // The trigger is back.
      await expect(t.sql(`DELETE FROM request_events WHERE request_id = $1`, [tampered.id])).rejects.toThrow(/append-only/);
    });

    it('verify names a changed state of an earlier event, not a later one', async () => {
      const r = await walkTo(t, as, 'ACKNOWLEDGED');
      await t.sql(`ALTER TABLE request_events DISABLE TRIGGER request_events_append_only`);
      try {
        await t.sql(`UPDATE request_events SET to_state = 'SENT' WHERE request_id = $1 AND seq = 2`, [r.id]);
      } finally {
        await t.sql(`ALTER TABLE request_events ENABLE TRIGGER request_events_append_only`);
      }
      expect((await get('sgSupervisor', `/requests/${r.id as string}/events/verify`)).body).toMatchObject({ valid: false, brokenAt: 2 });
    });
  });

  describe('evidence items', () => {
    it('are immutable: the database refuses UPDATE and DELETE', async () => {
      const r = await walkTo(t, as, 'EVIDENCE_RECEIVED');
      const [item] = await t.sql<{ id: string }>(`SELECT id FROM evidence_items WHERE request_id = $1`, [r.id]);
      await expect(t.sql(`UPDATE evidence_items SET description = 'forged' WHERE id = $1`, [item?.id])).rejects.toThrow(/never edited or deleted/);
      await expect(t.sql(`UPDATE evidence_items SET sha256 = $2 WHERE id = $1`, [item?.id, 'f'.repeat(64)])).rejects.toThrow(/never edited or deleted/);
      await expect(t.sql(`DELETE FROM evidence_items WHERE id = $1`, [item?.id])).rejects.toThrow(/never edited or deleted/);
      const evidence = await get('vnProsecutor', `/requests/${r.id as string}/evidence`);
      expect(evidence.body.items).toEqual([expect.objectContaining({ id: item?.id, description: 'Subscriber record', sha256: 'c'.repeat(64) })]);
    });

    it('are listed only to those who see the request', async () => {
      const r = await walkTo(t, as, 'EVIDENCE_RECEIVED');
      for (const who of ['vnProsecutor', 'vnOfficer', 'vnSupervisor', 'sgOfficer', 'sgSupervisor'] as Who[]) {
        const res = await get(who, `/requests/${r.id as string}/evidence`);
        expect([who, res.status, res.body.items?.length]).toEqual([who, 200, 1]);
      }
      for (const who of ['sgProsecutor', 'admin', 'thOfficer', 'thSupervisor', 'hnProsecutor', 'sg247Officer'] as Who[]) {
        expectProblem(await get(who, `/requests/${r.id as string}/evidence`), 404, 'NOT_FOUND');
      }
    });
  });
});
