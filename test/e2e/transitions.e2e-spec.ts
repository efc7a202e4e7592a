import { createTestApp, TestApp } from '../support/test-app';
import { act, authorityId, completeDraft, createDraft, errorFields, expectProblem, loginAll, UserKey, walkTo, WalkState } from '../support/fixtures';

type Req = Record<string, any>;

/**
 * The state machine through the API (DESIGN §3, §9): who may take each action (403), from
 * which state and for which type (409), with which input (400 for a field the action does
 * not accept, 422 for a missing one), in the contract's order of checks; the preservation
 * rules; report_delay, refuse, withdraw and return; allowedActions at every step.
 */
describe('transitions (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let sgCa: string;
  /** One request in each state, for the checks that change nothing. */
  const at: Partial<Record<WalkState | 'ACK_PRESERVATION', Req>> = {};

  beforeAll(async () => {
    t = await createTestApp(); // Monday 2 November 2026, 11:00 in Singapore
    as = await loginAll(t);
    sgCa = await authorityId(t, 'SG-CA');
    for (const state of ['DRAFT', 'IN_REVIEW', 'SENT', 'ACKNOWLEDGED', 'PRESERVED', 'IN_EXECUTION', 'INFO_REQUESTED', 'EVIDENCE_RECEIVED', 'CLOSED'] as WalkState[]) {
      at[state] = await walkTo(t, as, state);
    }
    at.ACK_PRESERVATION = await walkTo(t, as, 'ACKNOWLEDGED', { type: 'PRESERVATION' });
  });
  afterAll(() => t.close());

  const transition = (who: UserKey, id: string, body: unknown, ifMatch?: string) => {
    const req = t.http.post(`/api/v1/requests/${id}/transitions`).set('authorization', as[who]);
    if (ifMatch !== undefined) req.set('if-match', ifMatch);
    return req.send(body as object);
  };
  const read = async (who: UserKey, id: string): Promise<Req> => {
    const res = await t.http.get(`/api/v1/requests/${id}`).set('authorization', as[who]);
    expect(res.status).toBe(200);
    return res.body as Req;
  };
  const version = async (id: string) => Number((await t.sql<{ version: number }>(`SELECT version FROM requests WHERE id = $1`, [id]))[0]?.version);
  const eventCount = async (id: string) => Number((await t.sql<{ n: string }>(`SELECT count(*) AS n FROM request_events WHERE request_id = $1`, [id]))[0]?.n);
  const fixture = (state: keyof typeof at): Req => at[state] as Req;
  const deadline = (r: Req, kind: string) => (r.deadlines as Req[]).filter((d) => d.kind === kind);

  /** A complete, valid body of each action: a refusal then comes from who, state or type only. */
  const validBody: Record<string, Record<string, unknown>> = {
    submit: { action: 'submit' },
    return: { action: 'return', reason: 'Add the provision' },
    send: { action: 'send' },
    acknowledge: { action: 'acknowledge', note: 'Received' },
    confirm_preservation: { action: 'confirm_preservation', preservedUntil: '2027-01-15' },
    extend_preservation: { action: 'extend_preservation', preservedUntil: '2027-02-15' },
    start_execution: { action: 'start_execution', executingBody: 'Police' },
    report_delay: { action: 'report_delay', reason: 'Provider slow', expectedBy: '2027-03-01' },
    request_info: { action: 'request_info', message: 'Which time zone?' },
    provide_info: { action: 'provide_info', message: 'UTC+7' },
    deliver_evidence: { action: 'deliver_evidence', final: true, items: [{ description: 'Record', kind: 'FILE', sha256: 'd'.repeat(64), sizeBytes: 1 }] },
    close: { action: 'close', outcome: 'Done' },
    refuse: { action: 'refuse', ground: 'DUAL_CRIMINALITY', text: 'Not an offence here' },
    withdraw: { action: 'withdraw', reason: 'Case dropped' },
  };

  describe('403: a role or side that may never take the action', () => {
    const cases: [string, keyof typeof at, UserKey][] = [
      ['submit', 'DRAFT', 'vnSupervisor'],
      ['submit', 'IN_REVIEW', 'vnOfficer'], // the role check comes before the state
      ['return', 'IN_REVIEW', 'vnProsecutor'],
      ['return', 'SENT', 'sgOfficer'], // an officer, of the wrong side
      ['send', 'IN_REVIEW', 'vnProsecutor'],
      ['send', 'SENT', 'sgOfficer'],
      ['acknowledge', 'SENT', 'vnOfficer'], // the requesting side's officer
      ['acknowledge', 'SENT', 'vnProsecutor'],
      ['confirm_preservation', 'ACK_PRESERVATION', 'vnOfficer'],
      ['confirm_preservation', 'ACK_PRESERVATION', 'vnProsecutor'],
      ['extend_preservation', 'PRESERVED', 'vnOfficer'],
      ['extend_preservation', 'PRESERVED', 'vnProsecutor'],
      ['start_execution', 'ACKNOWLEDGED', 'vnOfficer'],
      ['start_execution', 'ACKNOWLEDGED', 'vnProsecutor'],
      ['report_delay', 'IN_EXECUTION', 'vnOfficer'],
      ['report_delay', 'ACKNOWLEDGED', 'vnProsecutor'],
      ['request_info', 'IN_EXECUTION', 'vnOfficer'],
      ['request_info', 'IN_EXECUTION', 'vnProsecutor'],
      ['provide_info', 'INFO_REQUESTED', 'sgOfficer'],
      ['provide_info', 'INFO_REQUESTED', 'vnOfficer'],
      ['deliver_evidence', 'IN_EXECUTION', 'vnOfficer'],
      ['deliver_evidence', 'IN_EXECUTION', 'vnProsecutor'],
      ['close', 'EVIDENCE_RECEIVED', 'sgOfficer'],
      ['close', 'EVIDENCE_RECEIVED', 'vnOfficer'],
      ['close', 'PRESERVED', 'sgOfficer'],
      ['refuse', 'SENT', 'vnOfficer'],
      ['refuse', 'SENT', 'vnProsecutor'],
      ['withdraw', 'IN_REVIEW', 'vnOfficer'],
      ['withdraw', 'SENT', 'sgOfficer'],
    ];
    it.each(cases)('%s on %s by %s answers 403 FORBIDDEN and changes nothing', async (action, state, who) => {
      const r = fixture(state);
      const before = await version(r.id);
      expectProblem(await transition(who, r.id, validBody[action]), 403, 'FORBIDDEN');
      expect(await version(r.id)).toBe(before);
    });

    it('a supervisor of either country may take no action at all (403)', async () => {
      const states: (keyof typeof at)[] = ['DRAFT', 'IN_REVIEW', 'SENT', 'ACKNOWLEDGED', 'ACK_PRESERVATION', 'PRESERVED', 'IN_EXECUTION', 'INFO_REQUESTED', 'EVIDENCE_RECEIVED'];
      for (const state of states) {
        const r = fixture(state);
        for (const [action, body] of Object.entries(validBody)) {
          expect([state, action, (await transition('vnSupervisor', r.id, body)).status]).toEqual([state, action, 403]);
          if (!['DRAFT', 'IN_REVIEW'].includes(state)) {
            expect([state, action, (await transition('sgSupervisor', r.id, body)).status]).toEqual([state, action, 403]);
          }
        }
      }
      expectProblem(await transition('sgSupervisor', fixture('SENT').id, validBody.acknowledge), 403, 'FORBIDDEN');
    });

    it('an ADMIN or a prosecutor of another office gets 404 for every action (it sees no request)', async () => {
      for (const [action, body] of Object.entries(validBody)) {
        expect([action, (await transition('admin', fixture('SENT').id, body)).status]).toEqual([action, 404]);
        expect([action, (await transition('sgProsecutor', fixture('SENT').id, body)).status]).toEqual([action, 404]);
      }
      expectProblem(await transition('admin', fixture('SENT').id, validBody.acknowledge), 404, 'NOT_FOUND');
    });
  });

  describe('409: the state or the type does not allow it', () => {
    const cases: [string, keyof typeof at, UserKey][] = [
      ['submit', 'IN_REVIEW', 'vnProsecutor'],
      ['withdraw', 'DRAFT', 'vnProsecutor'],
      ['send', 'SENT', 'vnOfficer'],
      ['return', 'SENT', 'vnOfficer'],
      ['close', 'SENT', 'vnProsecutor'],
      ['close', 'IN_EXECUTION', 'vnProsecutor'],
      ['confirm_preservation', 'PRESERVED', 'sgOfficer'],
      ['extend_preservation', 'ACK_PRESERVATION', 'sgOfficer'],
      ['start_execution', 'IN_EXECUTION', 'sgOfficer'],
      ['report_delay', 'SENT', 'sgOfficer'],
      ['request_info', 'INFO_REQUESTED', 'sgOfficer'],
      ['provide_info', 'IN_EXECUTION', 'vnProsecutor'],
      ['deliver_evidence', 'ACKNOWLEDGED', 'sgOfficer'],
      ['deliver_evidence', 'EVIDENCE_RECEIVED', 'sgOfficer'],
      ['refuse', 'EVIDENCE_RECEIVED', 'sgOfficer'],
      ['refuse', 'PRESERVED', 'sgOfficer'],
      ['close', 'CLOSED', 'vnProsecutor'],
      ['withdraw', 'CLOSED', 'vnProsecutor'],
      ['refuse', 'CLOSED', 'sgOfficer'],
      // The type: preservation actions only for PRESERVATION; execution never for it.
      ['confirm_preservation', 'ACKNOWLEDGED', 'sgOfficer'],
      ['start_execution', 'ACK_PRESERVATION', 'sgOfficer'],
      ['request_info', 'ACK_PRESERVATION', 'sgOfficer'],
    ];
    it.each(cases)('%s on %s by %s answers 409 INVALID_TRANSITION and changes nothing', async (action, state, who) => {
      const r = fixture(state);
      const [before, events] = [await version(r.id), await eventCount(r.id)];
      expectProblem(await transition(who, r.id, validBody[action]), 409, 'INVALID_TRANSITION');
      expect([await version(r.id), await eventCount(r.id)]).toEqual([before, events]);
    });

    it('acknowledge twice: the second answers 409', async () => {
      const r = await walkTo(t, as, 'SENT');
      expect((await transition('sgOfficer', r.id, { action: 'acknowledge' })).status).toBe(200);
      expectProblem(await transition('sgOfficer', r.id, { action: 'acknowledge' }), 409, 'INVALID_TRANSITION');
    });
  });

  describe('422: missing input', () => {
    const cases: [string, keyof typeof at, UserKey, Record<string, unknown>, string[]][] = [
      ['return', 'IN_REVIEW', 'vnOfficer', { action: 'return' }, ['reason']],
      ['return (blank reason)', 'IN_REVIEW', 'vnOfficer', { action: 'return', reason: '   ' }, ['reason']],
      ['refuse', 'SENT', 'sgOfficer', { action: 'refuse' }, ['ground', 'text']],
      ['refuse (ground only)', 'SENT', 'sgOfficer', { action: 'refuse', ground: 'OTHER' }, ['text']],
      ['report_delay', 'IN_EXECUTION', 'sgOfficer', { action: 'report_delay' }, ['expectedBy', 'reason']],
      ['request_info', 'IN_EXECUTION', 'sgOfficer', { action: 'request_info' }, ['message']],
      ['provide_info', 'INFO_REQUESTED', 'vnProsecutor', { action: 'provide_info', message: '' }, ['message']],
      // A final delivery may carry no items ("nothing more"); one that is not final carries at least one.
      ['deliver_evidence (no items, not final)', 'IN_EXECUTION', 'sgOfficer', { action: 'deliver_evidence', final: false }, ['items']],
      ['deliver_evidence (nothing)', 'IN_EXECUTION', 'sgOfficer', { action: 'deliver_evidence' }, ['final']],
      ['deliver_evidence (an empty list of items, not final)', 'IN_EXECUTION', 'sgOfficer', { action: 'deliver_evidence', final: false, items: [] }, ['items']],
      [
        'deliver_evidence (FILE without sha256 and size)',
        'IN_EXECUTION',
        'sgOfficer',
        { action: 'deliver_evidence', final: false, items: [{ description: 'Server image', kind: 'FILE' }] },
        ['items[0].sha256', 'items[0].sizeBytes'],
      ],
      ['confirm_preservation', 'ACK_PRESERVATION', 'sgOfficer', { action: 'confirm_preservation' }, ['preservedUntil']],
      ['extend_preservation', 'PRESERVED', 'sgOfficer', { action: 'extend_preservation' }, ['preservedUntil']],
      ['close', 'EVIDENCE_RECEIVED', 'vnProsecutor', { action: 'close' }, ['outcome']],
      ['withdraw', 'IN_REVIEW', 'vnProsecutor', { action: 'withdraw' }, ['reason']],
    ];
    it.each(cases)('%s on %s by %s answers 422 REQUEST_INCOMPLETE naming every missing field', async (_name, state, who, body, fields) => {
      const r = fixture(state);
      const evidenceCount = async () => (await t.sql(`SELECT 1 FROM evidence_items WHERE request_id = $1`, [r.id])).length;
      const before = [await version(r.id), await eventCount(r.id), await evidenceCount()];
      const res = await transition(who, r.id, body);
      expectProblem(res, 422, 'REQUEST_INCOMPLETE');
      expect(errorFields(res)).toEqual([...fields].sort());
      expect([await version(r.id), await eventCount(r.id), await evidenceCount()]).toEqual(before);
    });
  });

  describe('400: a malformed body', () => {
    const cases: [string, keyof typeof at, UserKey, unknown, string][] = [
      ['reason on acknowledge', 'SENT', 'sgOfficer', { action: 'acknowledge', reason: 'x' }, 'reason'],
      ['note on send', 'IN_REVIEW', 'vnOfficer', { action: 'send', note: 'x' }, 'note'],
      ['reason on submit', 'DRAFT', 'vnProsecutor', { action: 'submit', reason: 'x' }, 'reason'],
      ['message on return', 'IN_REVIEW', 'vnOfficer', { action: 'return', reason: 'x', message: 'y' }, 'message'],
      ['ground on close', 'EVIDENCE_RECEIVED', 'vnProsecutor', { action: 'close', outcome: 'x', ground: 'OTHER' }, 'ground'],
      ['preservedUntil on start_execution', 'ACKNOWLEDGED', 'sgOfficer', { action: 'start_execution', preservedUntil: '2027-01-15' }, 'preservedUntil'],
      ['an unknown field', 'SENT', 'sgOfficer', { action: 'acknowledge', bogus: 1 }, 'bogus'],
      ['an unknown action', 'SENT', 'sgOfficer', { action: 'fly' }, 'action'],
      ['no action', 'SENT', 'sgOfficer', { note: 'x' }, 'action'],
      ['the system action expire', 'PRESERVED', 'sgOfficer', { action: 'expire' }, 'action'],
      ['expire by the prosecutor', 'PRESERVED', 'vnProsecutor', { action: 'expire' }, 'action'],
      ['a number for reason', 'IN_REVIEW', 'vnOfficer', { action: 'return', reason: 5 }, 'reason'],
      ['a string for final', 'IN_EXECUTION', 'sgOfficer', { action: 'deliver_evidence', final: 'yes', items: [{ description: 'x', kind: 'DOCUMENT' }] }, 'final'],
      ['a bad preservedUntil', 'ACK_PRESERVATION', 'sgOfficer', { action: 'confirm_preservation', preservedUntil: 'in two months' }, 'preservedUntil'],
      ['a bad ground', 'SENT', 'sgOfficer', { action: 'refuse', ground: 'NO_REASON', text: 'x' }, 'ground'],
      ['a bad expectedBy', 'IN_EXECUTION', 'sgOfficer', { action: 'report_delay', reason: 'x', expectedBy: 'next week' }, 'expectedBy'],
      ['a bad assigneeId', 'SENT', 'sgOfficer', { action: 'acknowledge', assigneeId: 'bob' }, 'assigneeId'],
      ['items not an array', 'IN_EXECUTION', 'sgOfficer', { action: 'deliver_evidence', final: true, items: 'all' }, 'items'],
      ['a bad evidence kind', 'IN_EXECUTION', 'sgOfficer', { action: 'deliver_evidence', final: true, items: [{ description: 'x', kind: 'PHOTO' }] }, 'items'],
      ['a bad sha256', 'IN_EXECUTION', 'sgOfficer', { action: 'deliver_evidence', final: true, items: [{ description: 'x', kind: 'FILE', sha256: 'xyz', sizeBytes: 1 }] }, 'items'],
    ];
    it.each(cases)('%s answers 400 VALIDATION_FAILED naming the field', async (_name, state, who, body, field) => {
      const r = fixture(state);
      const before = await version(r.id);
      const res = await transition(who, r.id, body);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(errorFields(res).some((f) => f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`))).toBe(true);
      expect(await version(r.id)).toBe(before);
    });

    it('answers 400 to a body that is not a JSON object', async () => {
      const id = fixture('SENT').id as string;
      const url = `/api/v1/requests/${id}/transitions`;
      expectProblem(await t.http.post(url).set('authorization', as.sgOfficer).send([{ action: 'acknowledge' }]), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http.post(url).set('authorization', as.sgOfficer).set('content-type', 'application/json').send('"acknowledge"'), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http.post(url).set('authorization', as.sgOfficer).set('content-type', 'application/json').send('null'), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http.post(url).set('authorization', as.sgOfficer), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http.post(url).set('authorization', as.sgOfficer).set('content-type', 'application/json').send('{"action":'), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http.post(url).set('authorization', as.sgOfficer).set('content-type', 'text/plain').send('acknowledge'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect((await read('sgOfficer', id)).state).toBe('SENT');
    });
  });

  describe('order of checks: 400 → 404 → 403 → 412 → 409 → 422', () => {
    it('a malformed body on an invisible request answers 400, the well-formed one 404', async () => {
      const draft = fixture('DRAFT').id as string;
      expectProblem(await transition('sgOfficer', draft, { action: 'send', bogus: 1 }), 400, 'VALIDATION_FAILED');
      expectProblem(await transition('sgOfficer', draft, { action: 'send' }), 404, 'NOT_FOUND');
      const inReview = fixture('IN_REVIEW').id as string;
      expectProblem(await transition('sgOfficer', inReview, { action: 'acknowledge', reason: 'x' }), 400, 'VALIDATION_FAILED');
      expectProblem(await transition('sgOfficer', inReview, { action: 'acknowledge' }), 404, 'NOT_FOUND');
      const nobody = '7d3f1c52-0000-4000-8000-000000000000';
      expectProblem(await transition('sgOfficer', nobody, { action: 'fly' }), 400, 'VALIDATION_FAILED');
      expectProblem(await transition('sgOfficer', nobody, { action: 'acknowledge' }), 404, 'NOT_FOUND');
      expectProblem(await transition('sgOfficer', 'not-a-uuid', { action: 'acknowledge' }), 404, 'NOT_FOUND');
    });

    it('an invisible request answers 404 before any role check (a draft for the VN officer; anything for SG before send)', async () => {
      expectProblem(await transition('vnOfficer', fixture('DRAFT').id, validBody.send), 404, 'NOT_FOUND');
      expectProblem(await transition('sgSupervisor', fixture('IN_REVIEW').id, validBody.send), 404, 'NOT_FOUND');
    });

    it('403 before 412, 412 before 409, 409 before 422, 403 before 422, 412 before 422', async () => {
      const sent = fixture('SENT');
      expectProblem(await transition('vnOfficer', sent.id, validBody.acknowledge, '"999"'), 403, 'FORBIDDEN');
      expectProblem(await transition('vnProsecutor', sent.id, validBody.close, '"999"'), 412, 'VERSION_CONFLICT');
      expectProblem(await transition('vnProsecutor', sent.id, validBody.close, `"${String(sent.version)}"`), 409, 'INVALID_TRANSITION');
      expectProblem(await transition('vnProsecutor', sent.id, { action: 'close' }), 409, 'INVALID_TRANSITION');
      const inReview = fixture('IN_REVIEW');
      expectProblem(await transition('vnProsecutor', inReview.id, { action: 'return' }), 403, 'FORBIDDEN');
      expectProblem(await transition('vnOfficer', inReview.id, { action: 'return' }, '"999"'), 412, 'VERSION_CONFLICT');
      expectProblem(await transition('vnOfficer', inReview.id, { action: 'return' }), 422, 'REQUEST_INCOMPLETE');
      // Missing input before a business rule: no reason, and an expected date in the past.
      const executing = fixture('IN_EXECUTION');
      const both = await transition('sgOfficer', executing.id, { action: 'report_delay', expectedBy: '2026-10-01' });
      expectProblem(both, 422, 'REQUEST_INCOMPLETE');
      expect(errorFields(both)).toEqual(['reason']);
    });

    it('a current If-Match is accepted; the answer carries the new ETag', async () => {
      const r = await walkTo(t, as, 'SENT');
      const res = await transition('sgOfficer', r.id, { action: 'acknowledge' }, `"${String(r.version)}"`);
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(r.version + 1);
      expect(res.headers.etag).toBe(`"${String(r.version + 1)}"`);
    });
  });

  describe('preservation (DESIGN §5: at least 60, at most 90 days; extensions of up to 30 days, at most 3)', () => {
    // Now: Monday 2 November 2026, 03:00Z = 11:00 in Singapore. +60 days: 1 January 2027; +90 days: 31 January 2027.
    const confirm = (id: string, preservedUntil: string) => transition('sgOfficer', id, { action: 'confirm_preservation', preservedUntil });
    const extend = (id: string, preservedUntil: string) => transition('sgOfficer', id, { action: 'extend_preservation', preservedUntil });

    it('refuses a preserved-until date less than 60 or more than 90 days ahead (422 RULE_VIOLATED), changing nothing', async () => {
      const r = await walkTo(t, as, 'ACKNOWLEDGED', { type: 'PRESERVATION' });
      for (const until of ['2026-12-31', '2027-01-01T02:59:59Z', '2026-10-01', '2027-02-01', '2027-01-31T03:00:01Z', '2027-06-01']) {
        const res = await confirm(r.id, until);
        expect([until, res.status, res.body.code]).toEqual([until, 422, 'RULE_VIOLATED']);
        expectProblem(res, 422, 'RULE_VIOLATED');
        expect(errorFields(res)).toEqual(['preservedUntil']);
      }
      const after = await read('sgOfficer', r.id);
      expect(after).toMatchObject({ state: 'ACKNOWLEDGED', version: r.version, preservedUntil: null });
    });

    it('accepts exactly 60 days (a date: the end of that day in Singapore) and exactly 90 days (a date-time)', async () => {
      const low = await walkTo(t, as, 'ACKNOWLEDGED', { type: 'PRESERVATION' });
      const lowRes = await confirm(low.id, '2027-01-01');
      expect(lowRes.status).toBe(200);
      expect(lowRes.body).toMatchObject({ state: 'PRESERVED', preservedUntil: '2027-01-01T15:59:59.999Z', preservationExtensions: 0, ballHolder: 'REQUESTING' });

      const exact = await walkTo(t, as, 'ACKNOWLEDGED', { type: 'PRESERVATION' });
      const exactRes = await confirm(exact.id, '2027-01-01T03:00:00Z');
      expect(exactRes.status).toBe(200);

      const high = await walkTo(t, as, 'ACKNOWLEDGED', { type: 'PRESERVATION' });
      const highRes = await confirm(high.id, '2027-01-31T03:00:00Z');
      expect(highRes.status).toBe(200);
      expect(highRes.body.preservedUntil).toBe('2027-01-31T03:00:00.000Z');

      const zoned = await walkTo(t, as, 'ACKNOWLEDGED', { type: 'PRESERVATION' });
      const zonedRes = await confirm(zoned.id, '2027-01-15T12:00:00+08:00');
      expect(zonedRes.status).toBe(200);
      expect(zonedRes.body.preservedUntil).toBe('2027-01-15T04:00:00.000Z');
    });

    it('a date-only value means the end of that day in Asia/Singapore; the expiry deadline follows it', async () => {
      const r = await walkTo(t, as, 'ACKNOWLEDGED', { type: 'PRESERVATION' });
      const res = await confirm(r.id, '2027-01-20');
      expect(res.status).toBe(200);
      expect(res.body.preservedUntil).toBe('2027-01-20T15:59:59.999Z');
      expect(deadline(res.body, 'PRESERVATION_EXPIRY')).toEqual([
        expect.objectContaining({ party: 'REQUESTING', status: 'PENDING', dueAt: '2027-01-20T15:59:59.999Z' }),
      ]);
      expect(deadline(res.body, 'PRESERVATION_CONFIRMATION')).toEqual([expect.objectContaining({ status: 'MET' })]);
    });

    it('extends by up to 30 days, at most 3 times; a 4th, a longer, an earlier or an equal date answer 422', async () => {
      const r = await walkTo(t, as, 'ACKNOWLEDGED', { type: 'PRESERVATION' });
      expect((await confirm(r.id, '2027-01-20')).status).toBe(200);

      for (const until of ['2027-01-10', '2027-01-20', '2027-02-20', '2027-01-20T15:59:59.999Z']) {
        const res = await extend(r.id, until);
        expect([until, res.status, res.body.code]).toEqual([until, 422, 'RULE_VIOLATED']);
        expect(errorFields(res)).toEqual(['preservedUntil']);
      }
      expect((await read('sgOfficer', r.id)).preservationExtensions).toBe(0);

      const steps: [string, string][] = [
        ['2027-02-19', '2027-02-19T15:59:59.999Z'],
        ['2027-03-21', '2027-03-21T15:59:59.999Z'],
        ['2027-04-20', '2027-04-20T15:59:59.999Z'],
      ];
      for (const [i, [until, at]] of steps.entries()) {
        const res = await extend(r.id, until);
        expect([until, res.status]).toEqual([until, 200]);
        expect(res.body).toMatchObject({ state: 'PRESERVED', preservedUntil: at, preservationExtensions: i + 1 });
        const expiry = deadline(res.body, 'PRESERVATION_EXPIRY').filter((d) => d.status === 'PENDING');
        expect(expiry).toEqual([expect.objectContaining({ dueAt: at })]);
      }
      const fourth = await extend(r.id, '2027-04-25');
      expectProblem(fourth, 422, 'RULE_VIOLATED');
      const final = await read('vnProsecutor', r.id);
      expect(final).toMatchObject({ preservedUntil: '2027-04-20T15:59:59.999Z', preservationExtensions: 3 });
      const events = await t.sql<{ action: string }>(`SELECT action FROM request_events WHERE request_id = $1 AND action = 'extend_preservation'`, [r.id]);
      expect(events).toHaveLength(3);
    });
  });

  describe('report_delay', () => {
    it('shows the estimate beside the EXECUTION deadline, whose due time stays', async () => {
      const r = await walkTo(t, as, 'IN_EXECUTION');
      const [execution] = deadline(r, 'EXECUTION');
      const res = await transition('sgOfficer', r.id, { action: 'report_delay', reason: 'The provider answers slowly', expectedBy: '2027-01-15' });
      expect(res.status).toBe(200);
      const estimate = { reason: 'The provider answers slowly', expectedBy: '2027-01-15', reportedAt: t.clock.now().toISOString() };
      expect(res.body).toMatchObject({ state: 'IN_EXECUTION', version: r.version + 1, delayEstimate: estimate });
      expect(deadline(res.body, 'EXECUTION')).toEqual([
        expect.objectContaining({ id: execution.id, dueAt: execution.dueAt, status: 'PENDING', reportedDelay: estimate }),
      ]);
      const seen = await read('vnProsecutor', r.id);
      expect(seen.delayEstimate).toEqual(estimate);
      expect(deadline(seen, 'EXECUTION')[0]).toMatchObject({ dueAt: execution.dueAt, reportedDelay: estimate });
    });

    it('is accepted from ACKNOWLEDGED (state unchanged); an expected date in the past answers 422 RULE_VIOLATED', async () => {
      const r = await walkTo(t, as, 'ACKNOWLEDGED');
      const res = await transition('sgOfficer', r.id, { action: 'report_delay', reason: 'Backlog', expectedBy: '2026-12-01' });
      expect(res.status).toBe(200);
      expect(res.body.state).toBe('ACKNOWLEDGED');
      const past = await transition('sgOfficer', r.id, { action: 'report_delay', reason: 'Backlog', expectedBy: '2026-10-01' });
      expectProblem(past, 422, 'RULE_VIOLATED');
      expect(errorFields(past)).toEqual(['expectedBy']);
    });
  });

  describe('refuse, withdraw, return', () => {
    const statuses = (r: Req) => Object.fromEntries((r.deadlines as Req[]).map((d) => [d.kind, d.status]));

    it('refuse from SENT: REFUSED, the ground and text shown, open deadlines CANCELLED, nothing left to do', async () => {
      const r = await walkTo(t, as, 'SENT');
      const res = await transition('sgOfficer', r.id, { action: 'refuse', ground: 'DUAL_CRIMINALITY', text: 'Not an offence in Singapore' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        state: 'REFUSED',
        refusal: { ground: 'DUAL_CRIMINALITY', text: 'Not an offence in Singapore' },
        closedAt: t.clock.now().toISOString(),
        ballHolder: null,
        allowedActions: [],
      });
      expect(statuses(res.body)).toEqual({ REVIEW: 'MET', ACKNOWLEDGEMENT: 'CANCELLED', EXECUTION: 'CANCELLED' });
      const seen = await read('vnProsecutor', r.id);
      expect(seen).toMatchObject({ state: 'REFUSED', refusal: { ground: 'DUAL_CRIMINALITY', text: 'Not an offence in Singapore' }, allowedActions: [] });
      expectProblem(await transition('vnProsecutor', r.id, validBody.withdraw), 409, 'INVALID_TRANSITION');
    });

    it('refuse from INFO_REQUESTED cancels the paused EXECUTION and the INFO_RESPONSE', async () => {
      const r = await walkTo(t, as, 'INFO_REQUESTED');
      expect(statuses(r)).toMatchObject({ EXECUTION: 'PAUSED', INFO_RESPONSE: 'PENDING' });
      const res = await transition('sgOfficer', r.id, { action: 'refuse', ground: 'INSUFFICIENT_INFORMATION', text: 'No answer' });
      expect(res.status).toBe(200);
      expect(statuses(res.body)).toMatchObject({ EXECUTION: 'CANCELLED', INFO_RESPONSE: 'CANCELLED', ACKNOWLEDGEMENT: 'MET' });
    });

    it('withdraw from IN_REVIEW and from IN_EXECUTION: WITHDRAWN, open deadlines CANCELLED, the reason in the history', async () => {
      const inReview = await walkTo(t, as, 'IN_REVIEW');
      const a = await transition('vnProsecutor', inReview.id, { action: 'withdraw', reason: 'The suspect confessed' });
      expect(a.status).toBe(200);
      expect(a.body).toMatchObject({ state: 'WITHDRAWN', ballHolder: null, allowedActions: [] });
      expect(statuses(a.body)).toEqual({ REVIEW: 'CANCELLED' });
      expect((await read('vnOfficer', inReview.id)).allowedActions).toEqual([]);

      const executing = await walkTo(t, as, 'IN_EXECUTION');
      const b = await transition('vnProsecutor', executing.id, { action: 'withdraw', reason: 'Case closed at home' });
      expect(b.status).toBe(200);
      expect(b.body.state).toBe('WITHDRAWN');
      expect(statuses(b.body)).toMatchObject({ EXECUTION: 'CANCELLED', ACKNOWLEDGEMENT: 'MET', REVIEW: 'MET' });
      const [event] = await t.sql<{ input: Record<string, unknown>; from_state: string; to_state: string }>(
        `SELECT input, from_state, to_state FROM request_events WHERE request_id = $1 AND action = 'withdraw'`,
        [executing.id],
      );
      expect(event).toEqual({ input: { reason: 'Case closed at home' }, from_state: 'IN_EXECUTION', to_state: 'WITHDRAWN' });

      const preserved = await walkTo(t, as, 'PRESERVED');
      const c = await transition('vnProsecutor', preserved.id, { action: 'withdraw', reason: 'No longer needed' });
      expect(c.status).toBe(200);
      expect(statuses(c.body)).toMatchObject({ PRESERVATION_EXPIRY: 'CANCELLED' });
    });

    it('return sends the request back to DRAFT (REVIEW met); it can be edited and submitted again', async () => {
      const r = await walkTo(t, as, 'IN_REVIEW');
      const res = await transition('vnOfficer', r.id, { action: 'return', reason: 'State the provision of law' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: 'DRAFT', ballHolder: 'REQUESTING' });
      expect(statuses(res.body)).toEqual({ REVIEW: 'MET' });
      expect((await read('vnProsecutor', r.id)).allowedActions).toEqual(['submit']);

      const edited = await t.http
        .patch(`/api/v1/requests/${r.id as string}`)
        .set('authorization', as.vnProsecutor)
        .send({ offence: { description: 'Online fraud', provision: 'Penal Code art. 174(4)' } });
      expect(edited.status).toBe(200);
      const again = await transition('vnProsecutor', r.id, { action: 'submit' });
      expect(again.status).toBe(200);
      expect(again.body.state).toBe('IN_REVIEW');
      expect((again.body.deadlines as Req[]).map((d) => `${d.kind}:${d.status}`).sort()).toEqual(['REVIEW:MET', 'REVIEW:PENDING']);
      const events = await t.sql<{ action: string }>(`SELECT action FROM request_events WHERE request_id = $1 ORDER BY seq`, [r.id]);
      expect(events.map((e) => e.action)).toEqual(['create', 'submit', 'return', 'edit', 'submit']);
    });

    it('provide_info returns the request to the state it came from (ACKNOWLEDGED)', async () => {
      const r = await walkTo(t, as, 'ACKNOWLEDGED');
      expect((await transition('sgOfficer', r.id, validBody.request_info)).body.state).toBe('INFO_REQUESTED');
      const res = await transition('vnProsecutor', r.id, validBody.provide_info);
      expect(res.status).toBe(200);
      expect(res.body.state).toBe('ACKNOWLEDGED');
    });
  });

  describe('business rules of other actions (422 RULE_VIOLATED)', () => {
    it('an assignee must be an officer of the requested authority', async () => {
      const me = async (who: UserKey) => (await t.http.get('/api/v1/me').set('authorization', as[who])).body.id as string;
      const r = await walkTo(t, as, 'SENT');
      const wrong = await transition('sgOfficer', r.id, { action: 'acknowledge', assigneeId: await me('vnOfficer') });
      expectProblem(wrong, 422, 'RULE_VIOLATED');
      expect(errorFields(wrong)).toEqual(['assigneeId']);
      const right = await transition('sgOfficer', r.id, { action: 'acknowledge', assigneeId: await me('sgOfficer') });
      expect(right.status).toBe(200);
      expect(right.body.assigneeId).toBe(await me('sgOfficer'));
    });

    it('close names a follow-up only for a PRESERVED request, and only one that continues it', async () => {
      const evidence = await walkTo(t, as, 'EVIDENCE_RECEIVED');
      const preserved = await walkTo(t, as, 'PRESERVED');
      const other = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
      const notPreserved = await transition('vnProsecutor', evidence.id, { action: 'close', outcome: 'x', followUpRequestId: preserved.id });
      expectProblem(notPreserved, 422, 'RULE_VIOLATED');
      const unrelated = await transition('vnProsecutor', preserved.id, { action: 'close', outcome: 'x', followUpRequestId: other.id });
      expectProblem(unrelated, 422, 'RULE_VIOLATED');
      expect(errorFields(unrelated)).toEqual(['followUpRequestId']);
      expect((await transition('vnProsecutor', preserved.id, { action: 'close', outcome: 'Not needed after all' })).status).toBe(200);
    });

    it('a correction must supersede an earlier item of the same request', async () => {
      const r = await walkTo(t, as, 'IN_EXECUTION');
      const res = await transition('sgOfficer', r.id, {
        action: 'deliver_evidence',
        final: false,
        items: [{ description: 'Correction', kind: 'DOCUMENT', supersedesId: '7d3f1c52-0000-4000-8000-000000000000' }],
      });
      expectProblem(res, 422, 'RULE_VIOLATED');
      expect(errorFields(res)).toEqual(['items[0].supersedesId']);
    });
  });

  describe('allowedActions for every role at every state of a walk', () => {
    type Expect = Record<UserKey, string[] | 404>;
    const check = async (id: string, state: string, ballHolder: string | null, expected: Expect) => {
      for (const who of Object.keys(expected) as UserKey[]) {
        const res = await t.http.get(`/api/v1/requests/${id}`).set('authorization', as[who]);
        const want = expected[who];
        if (want === 404) {
          expect([state, who, res.status]).toEqual([state, who, 404]);
        } else {
          expect([state, who, res.status, res.body.state, res.body.ballHolder, res.body.allowedActions]).toEqual([state, who, 200, state, ballHolder, want]);
        }
      }
    };
    const hiddenFromSg = { sgProsecutor: 404, sgOfficer: 404, sgSupervisor: 404 } as const;
    const afterSend = { sgProsecutor: 404 as const, sgSupervisor: [] as string[], admin: 404 as const, vnSupervisor: [] as string[] };

    it('walks a SUBSCRIBER_INFO request from DRAFT to CLOSED', async () => {
      const r = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
      const id = r.id as string;
      await check(id, 'DRAFT', 'REQUESTING', { vnProsecutor: ['submit'], vnOfficer: 404, vnSupervisor: [], ...hiddenFromSg, admin: 404 });
      await act(t, as.vnProsecutor, id, { action: 'submit' });
      await check(id, 'IN_REVIEW', 'REQUESTING', { vnProsecutor: ['withdraw'], vnOfficer: ['return', 'send'], vnSupervisor: [], ...hiddenFromSg, admin: 404 });
      await act(t, as.vnOfficer, id, { action: 'send' });
      await check(id, 'SENT', 'REQUESTED', { ...afterSend, vnProsecutor: ['withdraw'], vnOfficer: [], sgOfficer: ['acknowledge', 'refuse'] });
      await act(t, as.sgOfficer, id, { action: 'acknowledge' });
      await check(id, 'ACKNOWLEDGED', 'REQUESTED', {
        ...afterSend,
        vnProsecutor: ['withdraw'],
        vnOfficer: [],
        sgOfficer: ['start_execution', 'report_delay', 'request_info', 'refuse'],
      });
      await act(t, as.sgOfficer, id, { action: 'start_execution' });
      await check(id, 'IN_EXECUTION', 'REQUESTED', {
        ...afterSend,
        vnProsecutor: ['withdraw'],
        vnOfficer: [],
        sgOfficer: ['report_delay', 'request_info', 'deliver_evidence', 'refuse'],
      });
      await act(t, as.sgOfficer, id, validBody.request_info);
      await check(id, 'INFO_REQUESTED', 'REQUESTING', { ...afterSend, vnProsecutor: ['provide_info', 'withdraw'], vnOfficer: [], sgOfficer: ['refuse'] });
      await act(t, as.vnProsecutor, id, validBody.provide_info);
      await check(id, 'IN_EXECUTION', 'REQUESTED', {
        ...afterSend,
        vnProsecutor: ['withdraw'],
        vnOfficer: [],
        sgOfficer: ['report_delay', 'request_info', 'deliver_evidence', 'refuse'],
      });
      await act(t, as.sgOfficer, id, validBody.deliver_evidence);
      await check(id, 'EVIDENCE_RECEIVED', 'REQUESTING', { ...afterSend, vnProsecutor: ['close', 'withdraw'], vnOfficer: [], sgOfficer: [] });
      await act(t, as.vnProsecutor, id, validBody.close);
      await check(id, 'CLOSED', null, { ...afterSend, vnProsecutor: [], vnOfficer: [], sgOfficer: [] });
    });

    it('walks a PRESERVATION request to PRESERVED', async () => {
      const r = await walkTo(t, as, 'ACKNOWLEDGED', { type: 'PRESERVATION' });
      await check(r.id, 'ACKNOWLEDGED', 'REQUESTED', {
        ...afterSend,
        vnProsecutor: ['withdraw'],
        vnOfficer: [],
        sgOfficer: ['confirm_preservation', 'report_delay', 'refuse'],
      });
      await act(t, as.sgOfficer, r.id, { action: 'confirm_preservation', preservedUntil: '2027-01-20' });
      await check(r.id, 'PRESERVED', 'REQUESTING', { ...afterSend, vnProsecutor: ['close', 'withdraw'], vnOfficer: [], sgOfficer: ['extend_preservation'] });
    });
  });
});
