import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { act, authorityId, createDraft, errorFields, expectProblem, loginAll, SG_REQUIREMENTS, walkTo, type UserKey } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * What a RequestDto carries for the screens to decide by (issue 18): `missing` from the rules
 * submit applies, the preservation window from the deadline policy, `mayReadAccessLog` by the
 * access log's own rule, and both authorities' time zones.
 */
describe('request decisions in RequestDto (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let sgCa: string;

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
    sgCa = await authorityId(t, 'SG-CA');
  });
  afterAll(() => t?.close());

  const get = async (who: UserKey, id: string) => {
    const res = await t.http.get(`/api/v1/requests/${id}`).set('authorization', as[who]);
    expect(res.status).toBe(200);
    return res.body as Record<string, any>;
  };

  it('names what a draft still lacks, exactly as submit refuses it, and nothing once complete', async () => {
    const draft = await createDraft(t, as.vnProsecutor, { type: 'SUBSCRIBER_INFO', legalBasis: 'ASEAN_MLAT_2004', requestedAuthorityId: sgCa });
    expect([...draft.missing].sort()).toEqual(
      [
        'attachments', // written in Vietnamese: Singapore requires a translation into English
        'details.criminalMatterCertificate',
        'details.maximumPenalty',
        'details.offenceMeasureLink',
        'facts',
        'identifiers',
        'measures',
        'offence.description',
        'offence.provision',
        'title',
      ].sort(),
    );
    expect((await get('vnProsecutor', draft.id)).missing).toEqual(draft.missing);
    const refused = await t.http.post(`/api/v1/requests/${draft.id}/transitions`).set('authorization', as.vnProsecutor).send({ action: 'submit' });
    expectProblem(refused, 422, 'REQUEST_INCOMPLETE');
    expect(errorFields(refused)).toEqual([...new Set(draft.missing as string[])].sort());

    // An IP address without its time: named by its path, on the edit's answer too.
    const patched = await t.http
      .patch(`/api/v1/requests/${draft.id}`)
      .set('authorization', as.vnProsecutor)
      .set('if-match', `"${draft.version}"`)
      .send({
        title: 'Subscriber of the account',
        offence: { description: 'Online fraud', provision: 'Penal Code art. 174' },
        facts: 'Victims paid the account.',
        measures: ['Produce the subscriber information'],
        identifiers: [{ kind: 'IP_ADDRESS', value: '203.0.113.7' }],
        ...SG_REQUIREMENTS,
      });
    expect(patched.status).toBe(200);
    expect(patched.body.missing).toEqual(['identifiers[0].observedAt']);

    const fixed = await t.http
      .patch(`/api/v1/requests/${draft.id}`)
      .set('authorization', as.vnProsecutor)
      .set('if-match', `"${patched.body.version}"`)
      .send({ identifiers: [{ kind: 'IP_ADDRESS', value: '203.0.113.7', observedAt: '2026-11-01T10:00:00+07:00' }] });
    expect(fixed.body.missing).toEqual([]);
    const submitted = await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    expect(submitted.state).toBe('IN_REVIEW');
    expect(submitted.missing).toEqual([]);
  });

  it('a translation attached meets the language requirement: missing says so', async () => {
    const draft = await createDraft(t, as.vnProsecutor, { type: 'SUBSCRIBER_INFO', legalBasis: 'ASEAN_MLAT_2004', requestedAuthorityId: sgCa, language: 'vi' });
    expect(draft.missing).toContain('attachments');
    const file = Buffer.from('%PDF-1.4 translation\n');
    const attached = await t.http
      .post(`/api/v1/requests/${draft.id}/attachments`)
      .query({ kind: 'TRANSLATION', language: 'en', fileName: 'translation.pdf', sha256: createHash('sha256').update(file).digest('hex'), mediaType: 'application/pdf' })
      .set('authorization', as.vnProsecutor)
      .set('content-type', 'application/octet-stream')
      .set('if-match', `"${draft.version}"`)
      .send(file);
    expect(attached.status).toBe(201);
    expect((await get('vnProsecutor', draft.id)).missing).not.toContain('attachments');
  });

  it('tells each caller whether it may read the access log, as GET /access-log answers it', async () => {
    const sent = await walkTo(t, as, 'SENT', { confidential: true });
    const expected: Partial<Record<UserKey, boolean>> = {
      vnProsecutor: false,
      vnOfficer: false,
      vnSupervisor: true,
      sgOfficer: true,
      sgSupervisor: true,
    };
    for (const [who, may] of Object.entries(expected) as [UserKey, boolean][]) {
      const r = await get(who, sent.id);
      const log = await t.http.get(`/api/v1/requests/${sent.id}/access-log`).set('authorization', as[who]);
      expect([who, r.mayReadAccessLog, log.status]).toEqual([who, may, may ? 200 : 403]);
    }
  });

  it("carries both authorities' time zones", async () => {
    const draft = await createDraft(t, as.vnProsecutor, { type: 'SUBSCRIBER_INFO', legalBasis: 'ASEAN_MLAT_2004', requestedAuthorityId: sgCa });
    expect(draft.requestingAuthority.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(draft.requestedAuthority.timezone).toBe('Asia/Singapore');
  });

  it('answers the preservation window of the policy to the officer who confirms or extends, and the server holds to it', async () => {
    const acknowledged = await walkTo(t, as, 'ACKNOWLEDGED', { type: 'PRESERVATION' });
    const today = DateTime.fromJSDate(t.clock.now(), { zone: 'Asia/Singapore' });
    const seen = await get('sgOfficer', acknowledged.id);
    expect(seen.allowedActions).toContain('confirm_preservation');
    expect(seen.preservationWindow).toEqual({ from: today.plus({ days: 60 }).toISODate(), to: today.plus({ days: 90 }).toISODate(), timezone: 'Asia/Singapore' });
    // Nobody else may confirm: no window for them.
    expect((await get('vnProsecutor', acknowledged.id)).preservationWindow).toBeNull();

    const after = DateTime.fromISO(seen.preservationWindow.to).plus({ days: 1 }).toISODate();
    const refused = await t.http
      .post(`/api/v1/requests/${acknowledged.id}/transitions`)
      .set('authorization', as.sgOfficer)
      .send({ action: 'confirm_preservation', preservedUntil: after });
    expect(refused.status).toBe(422);
    const before = DateTime.fromISO(seen.preservationWindow.from).minus({ days: 1 }).toISODate();
    const early = await t.http
      .post(`/api/v1/requests/${acknowledged.id}/transitions`)
      .set('authorization', as.sgOfficer)
      .send({ action: 'confirm_preservation', preservedUntil: before });
    expect(early.status).toBe(422);

    const preserved = await act(t, as.sgOfficer, acknowledged.id, { action: 'confirm_preservation', preservedUntil: seen.preservationWindow.to });
    expect(preserved.state).toBe('PRESERVED');
    const last = DateTime.fromISO(seen.preservationWindow.to);
    expect(preserved.preservationWindow).toEqual({ from: last.plus({ days: 1 }).toISODate(), to: last.plus({ days: 30 }).toISODate(), timezone: 'Asia/Singapore' });
    const beyond = await t.http
      .post(`/api/v1/requests/${acknowledged.id}/transitions`)
      .set('authorization', as.sgOfficer)
      .send({ action: 'extend_preservation', preservedUntil: last.plus({ days: 31 }).toISODate() });
    expect(beyond.status).toBe(422);
    const extended = await act(t, as.sgOfficer, acknowledged.id, { action: 'extend_preservation', preservedUntil: preserved.preservationWindow.to });
    expect(extended.preservationExtensions).toBe(1);
  });
});
