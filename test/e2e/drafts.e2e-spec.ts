import { createTestApp, TestApp } from '../support/test-app';
import { act, authorityId, completeDraft, createDraft, errorFields, expectProblem, loginAll, UserKey, walkTo } from '../support/fixtures';

/**
 * Drafts (DESIGN §3, §4, §9): creation with its reference and defaults, validation (400) and
 * business rules (422), edits with versions and If-Match, deletion that keeps history, and
 * the completeness check of `submit`.
 */
describe('drafts (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let sgCa: string;
  let vnCa: string;

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
    sgCa = await authorityId(t, 'SG-CA');
    vnCa = await authorityId(t, 'VN-CA');
  });
  afterAll(() => t.close());

  const post = (who: UserKey, body: unknown) => t.http.post('/api/v1/requests').set('authorization', as[who]).send(body as object);
  const patch = (who: UserKey, id: string, body: unknown, ifMatch?: string) => {
    const req = t.http.patch(`/api/v1/requests/${id}`).set('authorization', as[who]);
    if (ifMatch !== undefined) req.set('if-match', ifMatch);
    return req.send(body as object);
  };
  const del = (who: UserKey, id: string, ifMatch?: string) => {
    const req = t.http.delete(`/api/v1/requests/${id}`).set('authorization', as[who]);
    if (ifMatch !== undefined) req.set('if-match', ifMatch);
    return req;
  };
  const get = (who: UserKey, id: string) => t.http.get(`/api/v1/requests/${id}`).set('authorization', as[who]);
  const countRequests = async () => Number((await t.sql<{ n: string }>(`SELECT count(*) AS n FROM requests`))[0]?.n);
  const minimal = (extra: Record<string, unknown> = {}) => ({ type: 'SUBSCRIBER_INFO', legalBasis: 'ASEAN_MLAT_2004', requestedAuthorityId: sgCa, ...extra });

  describe('POST /requests', () => {
    it('creates a draft (201) with Location, ETag, a reference per country in sequence, and the defaults', async () => {
      const first = await post('vnProsecutor', minimal());
      expect(first.status).toBe(201);
      expect(first.headers.location).toBe(`/api/v1/requests/${first.body.id as string}`);
      expect(first.headers.etag).toBe('"1"');
      expect(first.body).toMatchObject({
        id: expect.any(String),
        reference: 'VN-2026-000001',
        version: 1,
        state: 'DRAFT',
        type: 'SUBSCRIBER_INFO',
        priority: 'ROUTINE',
        channel: 'CENTRAL_AUTHORITY',
        legalBasis: 'ASEAN_MLAT_2004',
        requestingAuthority: expect.objectContaining({ code: 'VN-HCM-PROS', country: 'VN' }),
        requestedAuthority: expect.objectContaining({ id: sgCa, code: 'SG-CA', country: 'SG' }),
        title: null,
        measures: [],
        identifiers: [],
        relatedRequestId: null,
        neededBy: null,
        confidential: false,
        ballHolder: 'REQUESTING',
        deadlines: [],
        allowedActions: ['submit'],
      });

      const second = await post('vnProsecutor', completeDraft(sgCa, { priority: 'URGENT', neededBy: '2026-12-15', confidential: true }));
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({ reference: 'VN-2026-000002', priority: 'URGENT', neededBy: '2026-12-15', confidential: true });

      // Each requesting country has its own sequence.
      const sg = await post('sgProsecutor', minimal({ requestedAuthorityId: vnCa }));
      expect(sg.status).toBe(201);
      expect(sg.body.reference).toBe('SG-2026-000001');

      // The GET answers the same, with the ETag; the history starts with `create`.
      const read = await get('vnProsecutor', first.body.id);
      expect(read.status).toBe(200);
      expect(read.headers.etag).toBe('"1"');
      expect(read.body.reference).toBe('VN-2026-000001');
      const events = await t.http.get(`/api/v1/requests/${first.body.id as string}/events`).set('authorization', as.vnProsecutor);
      expect(events.body.items).toEqual([expect.objectContaining({ seq: 1, action: 'create', fromState: null, toState: 'DRAFT' })]);
    });

    it('never reuses a reference, not even a deleted draft one', async () => {
      const a = await createDraft(t, as.vnProsecutor, minimal());
      expect((await del('vnProsecutor', a.id)).status).toBe(204);
      const b = await createDraft(t, as.vnProsecutor, minimal());
      const seq = (ref: string) => Number(ref.slice(-6));
      expect(seq(b.reference)).toBe(seq(a.reference) + 1);
    });

    it('answers 400 to malformed content, naming the field, and creates nothing', async () => {
      const before = await countRequests();
      const cases: [string, Record<string, unknown>, RegExp][] = [
        ['unknown field', minimal({ bogus: 1 }), /^bogus$/],
        ['unknown nested field', minimal({ offence: { description: 'x', provision: 'y', bogus: 1 } }), /^offence\.bogus$/],
        ['bad type', minimal({ type: 'FOO' }), /^type$/],
        ['bad priority', minimal({ priority: 'HIGH' }), /^priority$/],
        ['bad channel', minimal({ channel: 'FAX' }), /^channel$/],
        ['bad legal basis', minimal({ legalBasis: 'TREATY' }), /^legalBasis$/],
        ['bad identifier kind', minimal({ identifiers: [{ kind: 'SSN', value: '123' }] }), /^identifiers(\.|\[)0\]?\.kind$/],
        ['IP out of range', minimal({ identifiers: [{ kind: 'IP_ADDRESS', value: '999.1.1.1', observedAt: '2026-11-01T10:00:00+07:00' }] }), /^identifiers(\.|\[)0\]?\.value$/],
        ['IP observedAt without zone', minimal({ identifiers: [{ kind: 'IP_ADDRESS', value: '203.0.113.7', observedAt: '2026-11-01T10:00:00' }] }), /^identifiers(\.|\[)0\]?\.observedAt$/],
        ['e-mail not an address', minimal({ identifiers: [{ kind: 'EMAIL', value: 'not-mail' }] }), /^identifiers(\.|\[)0\]?\.value$/],
        ['IMEI too short', minimal({ identifiers: [{ kind: 'IMEI', value: '12345' }] }), /^identifiers(\.|\[)0\]?\.value$/],
        ['URL without scheme', minimal({ identifiers: [{ kind: 'URL', value: 'example.com/x' }] }), /^identifiers(\.|\[)0\]?\.value$/],
        ['neededBy not a date', minimal({ neededBy: 'tomorrow' }), /^neededBy$/],
        ['neededBy impossible date', minimal({ neededBy: '2026-13-01' }), /^neededBy$/],
        ['null priority', minimal({ priority: null }), /^priority$/],
        ['null channel', minimal({ channel: null }), /^channel$/],
        ['null measures', minimal({ measures: null }), /^measures$/],
        ['null confidential', minimal({ confidential: null }), /^confidential$/],
        ['confidential not boolean', minimal({ confidential: 'yes' }), /^confidential$/],
        ['measures not an array', minimal({ measures: 'produce everything' }), /^measures$/],
        ['title not a string', minimal({ title: 42 }), /^title$/],
        ['requestedAuthorityId not a uuid', minimal({ requestedAuthorityId: 'SG-CA' }), /^requestedAuthorityId$/],
        ['relatedRequestId not a uuid', minimal({ relatedRequestId: 'VN-2026-000001' }), /^relatedRequestId$/],
      ];
      for (const [name, body, field] of cases) {
        const res = await post('vnProsecutor', body);
        expect([name, res.status, res.body.code]).toEqual([name, 400, 'VALIDATION_FAILED']);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect([name, errorFields(res).some((f) => field.test(f))]).toEqual([name, true]);
      }
      const missing = await post('vnProsecutor', { title: 'No type, basis or authority' });
      expectProblem(missing, 400, 'VALIDATION_FAILED');
      expect(errorFields(missing)).toEqual(expect.arrayContaining(['legalBasis', 'requestedAuthorityId', 'type']));
      expectProblem(await post('vnProsecutor', []), 400, 'VALIDATION_FAILED');
      expectProblem(
        await t.http.post('/api/v1/requests').set('authorization', as.vnProsecutor).set('content-type', 'application/json').send('{"type":'),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await t.http.post('/api/v1/requests').set('authorization', as.vnProsecutor).set('content-type', 'text/plain').send('type=PRESERVATION'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      expect(await countRequests()).toBe(before);
    });

    it('never answers 5xx to hostile input: a body over the limit (413), a NUL character, __proto__ (400)', async () => {
      const before = await countRequests();
      const huge = await post('vnProsecutor', minimal({ facts: 'x'.repeat(t.config.BODY_LIMIT_BYTES + 10) }));
      expectProblem(huge, 413, 'PAYLOAD_TOO_LARGE');
      const nul = await post('vnProsecutor', minimal({ title: 'a\u0000b' }));
      expectProblem(nul, 400, 'VALIDATION_FAILED');
      expect(errorFields(nul)).toEqual(['title']);
      const proto = await t.http
        .post('/api/v1/requests')
        .set('authorization', as.vnProsecutor)
        .set('content-type', 'application/json')
        .send(`{"type":"SUBSCRIBER_INFO","legalBasis":"ASEAN_MLAT_2004","requestedAuthorityId":"${sgCa}","__proto__":{"admin":true}}`);
      expectProblem(proto, 400, 'VALIDATION_FAILED');
      const tooLong = await post('vnProsecutor', minimal({ title: 't'.repeat(301) }));
      expectProblem(tooLong, 400, 'VALIDATION_FAILED');
      expect(await countRequests()).toBe(before);
    });

    it('answers 422 RULE_VIOLATED to a requested authority of its own country or an unknown one', async () => {
      const before = await countRequests();
      const own = await post('vnProsecutor', minimal({ requestedAuthorityId: vnCa }));
      expectProblem(own, 422, 'RULE_VIOLATED');
      expect(errorFields(own)).toEqual(['requestedAuthorityId']);
      const unknown = await post('vnProsecutor', minimal({ requestedAuthorityId: '7d3f1c52-0000-4000-8000-000000000000' }));
      expectProblem(unknown, 422, 'RULE_VIOLATED');
      expect(errorFields(unknown)).toEqual(['requestedAuthorityId']);
      expect(await countRequests()).toBe(before);
    });

    it('answers 422 RULE_VIOLATED to a relatedRequestId that is not a PRESERVATION request it can see', async () => {
      const subscriber = await createDraft(t, as.vnProsecutor, minimal());
      const notPreservation = await post('vnProsecutor', minimal({ relatedRequestId: subscriber.id }));
      expectProblem(notPreservation, 422, 'RULE_VIOLATED');
      expect(errorFields(notPreservation)).toEqual(['relatedRequestId']);

      const unknown = await post('vnProsecutor', minimal({ relatedRequestId: '7d3f1c52-0000-4000-8000-000000000000' }));
      expectProblem(unknown, 422, 'RULE_VIOLATED');
      expect(errorFields(unknown)).toEqual(['relatedRequestId']);

      // Singapore's own preservation request: invisible to VN, so answered exactly as an unknown one.
      const sgPreservation = await createDraft(t, as.sgProsecutor, minimal({ type: 'PRESERVATION', requestedAuthorityId: vnCa }));
      const hidden = await post('vnProsecutor', minimal({ relatedRequestId: sgPreservation.id }));
      expectProblem(hidden, 422, 'RULE_VIOLATED');
      expect(hidden.body.detail).toBe(unknown.body.detail);

      // A preservation request may be continued by a follow-up of another type.
      const preservation = await createDraft(t, as.vnProsecutor, minimal({ type: 'PRESERVATION' }));
      const followUp = await post('vnProsecutor', minimal({ relatedRequestId: preservation.id }));
      expect(followUp.status).toBe(201);
      expect(followUp.body.relatedRequestId).toBe(preservation.id);
    });

    it.each(['vnOfficer', 'vnSupervisor', 'sgOfficer', 'admin'] as UserKey[])('answers 403 when %s creates a request', async (who) => {
      const before = await countRequests();
      expectProblem(await post(who, completeDraft(sgCa)), 403, 'FORBIDDEN');
      expect(await countRequests()).toBe(before);
    });
  });

  describe('PATCH /requests/:id', () => {
    it('changes a draft, increments its version and ETag, and records an edit event', async () => {
      const draft = await createDraft(t, as.vnProsecutor, minimal());
      const res = await patch('vnProsecutor', draft.id, { title: 'A better title', measures: ['Produce the subscriber record'], priority: 'EMERGENCY' });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({ id: draft.id, version: 2, state: 'DRAFT', title: 'A better title', measures: ['Produce the subscriber record'], priority: 'EMERGENCY' });
      expect(res.body.reference).toBe(draft.reference);

      // With the current If-Match; null clears an optional field.
      const again = await patch('vnProsecutor', draft.id, { title: null, neededBy: '2027-01-15' }, '"2"');
      expect(again.status).toBe(200);
      expect(again.headers.etag).toBe('"3"');
      expect(again.body).toMatchObject({ version: 3, title: null, neededBy: '2027-01-15' });

      const rows = await t.sql<{ action: string }>(`SELECT action FROM request_events WHERE request_id = $1 ORDER BY seq`, [draft.id]);
      expect(rows.map((r) => r.action)).toEqual(['create', 'edit', 'edit']);
    });

    it('records in the edit event only the fields whose value changed (a console saves the whole form)', async () => {
      const body = completeDraft(sgCa);
      const draft = await createDraft(t, as.vnProsecutor, body);
      const res = await patch('vnProsecutor', draft.id, { ...body, title: 'Renamed', details: { ...(body.details as object) } }, '"1"');
      expect(res.status).toBe(200);
      const [edit] = await t.sql<{ input: Record<string, unknown> }>(`SELECT input FROM request_events WHERE request_id = $1 AND action = 'edit'`, [draft.id]);
      expect(edit?.input).toEqual({ title: 'Renamed' });
      expect(res.body).toMatchObject({ title: 'Renamed', facts: body.facts });
    });

    it('answers 412 VERSION_CONFLICT to a stale If-Match, and changes nothing', async () => {
      const draft = await createDraft(t, as.vnProsecutor, minimal());
      expect((await patch('vnProsecutor', draft.id, { title: 'v2' }, '"1"')).status).toBe(200);
      const stale = await patch('vnProsecutor', draft.id, { title: 'lost update' }, '"1"');
      expectProblem(stale, 412, 'VERSION_CONFLICT');
      expectProblem(await patch('vnProsecutor', draft.id, { title: 'lost update' }, 'garbage'), 412, 'VERSION_CONFLICT');
      const read = await get('vnProsecutor', draft.id);
      expect(read.body).toMatchObject({ version: 2, title: 'v2' });
    });

    it('answers 409 INVALID_TRANSITION once the request left DRAFT (content frozen)', async () => {
      const inReview = await walkTo(t, as, 'IN_REVIEW');
      const res = await patch('vnProsecutor', inReview.id, { title: 'Too late' });
      expectProblem(res, 409, 'INVALID_TRANSITION');
      const sent = await walkTo(t, as, 'SENT');
      expectProblem(await patch('vnProsecutor', sent.id, { title: 'Too late' }), 409, 'INVALID_TRANSITION');
      expect((await get('vnProsecutor', sent.id)).body.title).toBe(sent.title);
      // Stale If-Match is checked before the state (DESIGN §9 order).
      expectProblem(await patch('vnProsecutor', sent.id, { title: 'Too late' }, '"1"'), 412, 'VERSION_CONFLICT');
    });

    it("answers 404 to another prosecution office's draft, and 403 to non-prosecutors", async () => {
      const draft = await createDraft(t, as.vnProsecutor, minimal());
      expectProblem(await patch('sgProsecutor', draft.id, { title: 'Not mine' }), 404, 'NOT_FOUND');
      expectProblem(await patch('vnProsecutor', '7d3f1c52-0000-4000-8000-000000000000', { title: 'x' }), 404, 'NOT_FOUND');
      expectProblem(await patch('vnProsecutor', 'not-a-uuid', { title: 'x' }), 404, 'NOT_FOUND');
      for (const who of ['vnOfficer', 'vnSupervisor', 'admin'] as UserKey[]) {
        expectProblem(await patch(who, draft.id, { title: 'Not mine' }), 403, 'FORBIDDEN');
      }
      expect((await get('vnProsecutor', draft.id)).body.version).toBe(1);
    });

    it('answers 400 to an empty body, an unknown field, a null for a field that always has a value', async () => {
      const draft = await createDraft(t, as.vnProsecutor, minimal());
      expectProblem(await patch('vnProsecutor', draft.id, {}), 400, 'VALIDATION_FAILED');
      const unknown = await patch('vnProsecutor', draft.id, { reference: 'VN-2026-999999' });
      expectProblem(unknown, 400, 'VALIDATION_FAILED');
      expect(errorFields(unknown)).toEqual(['reference']);
      for (const field of ['priority', 'type', 'legalBasis', 'requestedAuthorityId', 'measures', 'identifiers', 'confidential']) {
        const res = await patch('vnProsecutor', draft.id, { [field]: null });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect([field, errorFields(res)]).toEqual([field, [field]]);
      }
      expectProblem(await patch('vnProsecutor', draft.id, { state: 'SENT' }), 400, 'VALIDATION_FAILED');
      expect((await get('vnProsecutor', draft.id)).body.version).toBe(1);
    });

    it('answers 422 when an edit names a requested authority of its own country', async () => {
      const draft = await createDraft(t, as.vnProsecutor, minimal());
      const res = await patch('vnProsecutor', draft.id, { requestedAuthorityId: vnCa });
      expectProblem(res, 422, 'RULE_VIOLATED');
      expect(errorFields(res)).toEqual(['requestedAuthorityId']);
    });
  });

  describe('DELETE /requests/:id', () => {
    it('deletes a draft (204): it is gone from GET and the list, and its history keeps a delete event', async () => {
      const draft = await createDraft(t, as.vnProsecutor, minimal({ title: 'To be deleted' }));
      const res = await del('vnProsecutor', draft.id, '"1"');
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expectProblem(await get('vnProsecutor', draft.id), 404, 'NOT_FOUND');
      expectProblem(await get('vnSupervisor', draft.id), 404, 'NOT_FOUND');
      const list = await t.http.get('/api/v1/requests?limit=100').set('authorization', as.vnProsecutor);
      expect((list.body.items as { id: string }[]).map((r) => r.id)).not.toContain(draft.id);
      expectProblem(await del('vnProsecutor', draft.id), 404, 'NOT_FOUND');
      expectProblem(await patch('vnProsecutor', draft.id, { title: 'ghost' }), 404, 'NOT_FOUND');

      const events = await t.sql<{ seq: number; action: string; from_state: string; actor: { userId: string } }>(
        `SELECT seq, action, from_state, actor FROM request_events WHERE request_id = $1 ORDER BY seq`,
        [draft.id],
      );
      expect(events.map((e) => e.action)).toEqual(['create', 'delete']);
      expect(events[1]).toMatchObject({ seq: 2, from_state: 'DRAFT' });
    });

    it('answers 409 to a request that is no longer a draft, 412 to a stale If-Match, 404 to another office, 403 to others', async () => {
      const inReview = await walkTo(t, as, 'IN_REVIEW');
      expectProblem(await del('vnProsecutor', inReview.id), 409, 'INVALID_TRANSITION');
      expect((await get('vnProsecutor', inReview.id)).status).toBe(200);

      const draft = await createDraft(t, as.vnProsecutor, minimal());
      await patch('vnProsecutor', draft.id, { title: 'v2' });
      expectProblem(await del('vnProsecutor', draft.id, '"1"'), 412, 'VERSION_CONFLICT');
      expectProblem(await del('sgProsecutor', draft.id), 404, 'NOT_FOUND');
      for (const who of ['vnOfficer', 'vnSupervisor', 'sgOfficer', 'admin'] as UserKey[]) expectProblem(await del(who, draft.id), 403, 'FORBIDDEN');
      expect((await get('vnProsecutor', draft.id)).status).toBe(200);
    });
  });

  describe('submit: completeness (DESIGN §4)', () => {
    const submit = (id: string) => t.http.post(`/api/v1/requests/${id}/transitions`).set('authorization', as.vnProsecutor).send({ action: 'submit' });

    it('answers 422 REQUEST_INCOMPLETE listing every missing field, and changes nothing', async () => {
      const draft = await createDraft(t, as.vnProsecutor, {
        type: 'SUBSCRIBER_INFO',
        legalBasis: 'BILATERAL_TREATY',
        requestedAuthorityId: sgCa,
        offence: { description: '   ' },
        identifiers: [
          { kind: 'EMAIL', value: 'suspect@example.com' },
          { kind: 'IP_ADDRESS', value: '203.0.113.7' },
        ],
      });
      const res = await submit(draft.id);
      expectProblem(res, 422, 'REQUEST_INCOMPLETE');
      expect(errorFields(res)).toEqual(
        [
          'facts', 'identifiers[1].observedAt', 'measures', 'offence.description', 'offence.provision', 'title', 'treatyName',
          // Singapore's own (config/countries.yaml): a request in Vietnamese needs an English translation, and its extra fields.
          'attachments', 'details.criminalMatterCertificate', 'details.maximumPenalty', 'details.offenceMeasureLink',
        ].sort(),
      );
      const country = (res.body.errors as { field: string; source?: string }[]).filter((e) => e.field === 'attachments' || e.field.startsWith('details.'));
      for (const e of country) expect(e.source).toMatch(/ASEAN|Mutual Assistance in Criminal Matters Act 2000/);
      expect((res.body.errors as { field: string; source?: string }[]).find((e) => e.field === 'title')?.source).toBeUndefined();
      const read = await get('vnProsecutor', draft.id);
      expect(read.body).toMatchObject({ state: 'DRAFT', version: 1, submittedAt: null, deadlines: [] });
      const events = await t.sql(`SELECT 1 FROM request_events WHERE request_id = $1`, [draft.id]);
      expect(events).toHaveLength(1);
    });

    it('requires at least one identifier for every type but WITNESS_STATEMENT', async () => {
      const withoutIdentifiers = completeDraft(sgCa, { identifiers: [] });
      for (const type of ['PRESERVATION', 'SUBSCRIBER_INFO', 'TRAFFIC_DATA', 'CONTENT_DATA', 'SEIZED_DEVICE', 'OTHER']) {
        const draft = await createDraft(t, as.vnProsecutor, { ...withoutIdentifiers, type });
        const res = await submit(draft.id);
        expectProblem(res, 422, 'REQUEST_INCOMPLETE');
        expect([type, errorFields(res)]).toEqual([type, ['identifiers']]);
      }
      const witness = await createDraft(t, as.vnProsecutor, { ...withoutIdentifiers, type: 'WITNESS_STATEMENT' });
      const ok = await submit(witness.id);
      expect(ok.status).toBe(200);
      expect(ok.body.state).toBe('IN_REVIEW');
    });

    it('accepts a complete draft; a bilateral treaty with its name; an IP with a zoned timestamp', async () => {
      const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa, { legalBasis: 'BILATERAL_TREATY', treatyName: 'VN-SG Treaty on MLA (2026)' }));
      const res = await submit(draft.id);
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({ state: 'IN_REVIEW', version: 2, submittedAt: expect.any(String), allowedActions: ['withdraw'] });

      // Completing a draft by PATCH makes it submittable.
      const partial = await createDraft(t, as.vnProsecutor, completeDraft(sgCa, { facts: null }));
      expectProblem(await submit(partial.id), 422, 'REQUEST_INCOMPLETE');
      await patch('vnProsecutor', partial.id, { facts: 'Now stated.' });
      expect((await submit(partial.id)).status).toBe(200);
    });

    it('is taken by the requesting prosecutor only', async () => {
      const draft = await createDraft(t, as.vnProsecutor, completeDraft(sgCa));
      // The officer does not see a draft; the supervisor does but may not act; SG sees nothing.
      expectProblem(await act403or404(t, as.vnOfficer, draft.id), 404, 'NOT_FOUND');
      expectProblem(await act403or404(t, as.vnSupervisor, draft.id), 403, 'FORBIDDEN');
      expectProblem(await act403or404(t, as.sgProsecutor, draft.id), 404, 'NOT_FOUND');
      expectProblem(await act403or404(t, as.admin, draft.id), 404, 'NOT_FOUND');
      await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    });
  });
});

function act403or404(t: TestApp, bearer: string, id: string) {
  return t.http.post(`/api/v1/requests/${id}/transitions`).set('authorization', bearer).send({ action: 'submit' });
}
