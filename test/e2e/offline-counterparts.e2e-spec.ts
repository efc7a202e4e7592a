import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../support/test-app';
import { DAY } from '../support/test-clock';
import { act, authorityId, binaryBody, createDraft, createUser, errorFields, expectProblem, loginAll, UserKey, walkTo } from '../support/fixtures';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdfDir = mkdtempSync(join(tmpdir(), 'mla-chaser-e2e-'));
const pdfText = (pdf: Buffer, name: string): string => {
  const path = join(pdfDir, `${name}.pdf`);
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

/**
 * Counterparts that are not on this node (DESIGN §14): a request sent to the US Office of
 * International Affairs (OFFLINE) is dispatched with its transmission, its acts recorded by
 * Viet Nam's officers from the letters received (the event names the OIA as the actor and the
 * officer as the recorder), chased while an act is awaited, and a request received on paper is
 * registered and runs as any incoming request.
 */
describe('OFFLINE counterparts: send, record, chase, receive on paper (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let oia: string;
  let vnCa: string;
  let sgCa: string;

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
    vnCa = await authorityId(t, 'VN-CA');
    sgCa = await authorityId(t, 'SG-CA');
    // The demo seed's OFFLINE authority (DESIGN §14), its names in English and Vietnamese.
    oia = await authorityId(t, 'US-OIA');
  });
  afterAll(() => t.close());

  const draftToOia = (overrides: Record<string, unknown> = {}) => ({
    type: 'SUBSCRIBER_INFO', priority: 'ROUTINE', channel: 'CENTRAL_AUTHORITY', legalBasis: 'RECIPROCITY', requestedAuthorityId: oia,
    title: 'Subscriber of the account used in an online fraud', language: 'en',
    offence: { description: 'Online fraud against 120 victims', provision: 'Penal Code art. 174' },
    facts: 'Victims transferred money after messages from the account.', measures: ['Produce the subscriber information of account X'],
    identifiers: [{ kind: 'EMAIL', value: 'fraud@example.com' }], ...overrides,
  });
  const transmission = (at = t.clock.now()) => ({ channel: 'DIPLOMATIC', dispatchedAt: at.toISOString(), dispatchReference: 'NV-2026-0831' });
  /** A VN → US-OIA request, submitted (IN_REVIEW). */
  const inReview = async (overrides: Record<string, unknown> = {}) => {
    const d = await createDraft(t, as.vnProsecutor, draftToOia(overrides));
    return act(t, as.vnProsecutor, d.id, { action: 'submit' });
  };
  const sentToOia = async (overrides: Record<string, unknown> = {}) => act(t, as.vnOfficer, (await inReview(overrides)).id, { action: 'send', transmission: transmission() });
  const letter = Buffer.from('%PDF-1.4 Letter IAD/2026/114 from the Office of International Affairs\n'.repeat(20));
  let scans = 0;
  const attachScan = async (who: UserKey, id: string, file = Buffer.concat([letter, Buffer.from(`scan ${++scans}`)])) =>
    t.http
      .post(`/api/v1/requests/${id}/attachments`)
      .query({ kind: 'CORRESPONDENCE', language: 'en', fileName: 'IAD-2026-114.pdf', sha256: sha256(file), mediaType: 'application/pdf' })
      .set('authorization', as[who])
      .set('content-type', 'application/octet-stream')
      .send(file);
  const recordedFrom = (documentId: string, overrides: Record<string, unknown> = {}) => ({
    correspondenceDate: t.clock.now().toISOString().slice(0, 10), receivedAt: t.clock.now().toISOString(), channel: 'EMAIL', reference: 'IAD/2026/114', documentId, ...overrides,
  });
  const transition = (who: UserKey, id: string, body: Record<string, unknown>) => t.http.post(`/api/v1/requests/${id}/transitions`).set('authorization', as[who]).send(body);
  /** Records an act of the OIA from a fresh scan; answers the request. */
  const record = async (id: string, body: Record<string, unknown>) => {
    const scan = await attachScan('vnOfficer', id);
    expect(scan.status).toBe(201);
    return act(t, as.vnOfficer, id, { ...body, recordedFrom: recordedFrom(scan.body.id) });
  };
  const events = async (who: UserKey, id: string) => (await t.http.get(`/api/v1/requests/${id}/events`).set('authorization', as[who])).body.items as Record<string, any>[];

  describe('send to an OFFLINE authority', () => {
    it('requires the transmission (422 naming it), refuses a dispatch in the future, keeps it and starts the chase interval of its channel', async () => {
      const r = await inReview();
      const none = await transition('vnOfficer', r.id, { action: 'send' });
      expectProblem(none, 422, 'REQUEST_INCOMPLETE');
      expect(errorFields(none)).toEqual(['transmission']);
      const future = await transition('vnOfficer', r.id, { action: 'send', transmission: transmission(new Date(t.clock.now().getTime() + DAY)) });
      expectProblem(future, 422, 'RULE_VIOLATED');
      expect(errorFields(future)).toEqual(['transmission.dispatchedAt']);
      const bad = await transition('vnOfficer', r.id, { action: 'send', transmission: { channel: 'PIGEON', dispatchedAt: 'yesterday' } });
      expectProblem(bad, 400, 'VALIDATION_FAILED');

      const dispatchedAt = new Date(t.clock.now().getTime() - 2 * DAY);
      const sent = await act(t, as.vnOfficer, r.id, { action: 'send', transmission: transmission(dispatchedAt) });
      expect(sent).toMatchObject({ state: 'SENT', transmission: { channel: 'DIPLOMATIC', dispatchedAt: dispatchedAt.toISOString(), dispatchReference: 'NV-2026-0831' } });
      expect(sent.requestedAuthority).toMatchObject({ code: 'US-OIA', reach: 'OFFLINE' });
      // 30 days by the diplomatic channel (config/deadline-policy.yaml), from the dispatch.
      expect(sent.chase).toEqual({ dueAt: new Date(dispatchedAt.getTime() + 30 * DAY).toISOString(), count: 0, lastChasedAt: null });
      expect(sent.mayChase).toBe(true);
      // The OIA has no inbox here: nobody's outbox row names it.
      expect(await t.sql(`SELECT 1 FROM outbox WHERE recipient_authority_id = $1`, [oia])).toEqual([]);
    });

    it('refuses a transmission for an authority on MLA Hub (422)', async () => {
      const r = await walkTo(t, as, 'IN_REVIEW');
      const res = await transition('vnOfficer', r.id, { action: 'send', transmission: transmission() });
      expectProblem(res, 422, 'RULE_VIOLATED');
      expect(errorFields(res)).toEqual(['transmission']);
      expect(sgCa).toBe(r.requestedAuthority.id);
    });
  });

  describe('correspondence and recorded acts', () => {
    it('lets this side’s officer attach correspondence in any non-terminal state; nobody else (403/404)', async () => {
      const r = await sentToOia();
      const added = await attachScan('vnOfficer', r.id);
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ kind: 'CORRESPONDENCE', fileName: 'IAD-2026-114.pdf' });
      expectProblem(await attachScan('vnProsecutor', r.id), 403, 'FORBIDDEN');
      expectProblem(await attachScan('sgOfficer', r.id), 404, 'NOT_FOUND');
      // On a request to Singapore (LOCAL), no side keeps another's correspondence.
      const sg = await walkTo(t, as, 'SENT');
      expectProblem(await attachScan('vnOfficer', sg.id), 403, 'FORBIDDEN');
      const evs = await events('vnOfficer', r.id);
      expect(evs.at(-1)).toMatchObject({ action: 'attach_correspondence', audience: 'REQUESTING', input: { kind: 'CORRESPONDENCE' } });
    });

    it('records the acknowledgement from a letter: the OIA as the actor, the officer as the recorder, both in the hash', async () => {
      const r = await sentToOia();
      const scan = await attachScan('vnOfficer', r.id);
      expect(r.recordableActions).toEqual(['acknowledge', 'refuse']);
      const yesterday = new Date(t.clock.now().getTime() - DAY);
      const rf = recordedFrom(scan.body.id, { receivedAt: yesterday.toISOString(), correspondenceDate: new Date(yesterday.getTime() - DAY).toISOString().slice(0, 10) });
      const acked = await act(t, as.vnOfficer, r.id, { action: 'acknowledge', note: 'Received, assigned to a trial attorney', recordedFrom: rf });
      expect(acked.state).toBe('ACKNOWLEDGED');
      // The chase interval restarts from the letter's arrival, by the channel it came by (e-mail: 14 days).
      expect(acked.chase.dueAt).toBe(new Date(new Date(rf.receivedAt).getTime() + 14 * DAY).toISOString());
      const ev = (await events('vnOfficer', r.id)).at(-1) as Record<string, any>;
      expect(ev).toMatchObject({
        action: 'acknowledge',
        actor: { userId: null, role: 'OFFICER', authorityId: oia, authorityCode: 'US-OIA', country: 'US' },
        recorder: { role: 'OFFICER', authorityCode: 'VN-CA', country: 'VN', displayName: expect.stringContaining('Trần Thị Bình') },
        recordedFrom: { reference: 'IAD/2026/114', channel: 'EMAIL', documentId: scan.body.id, receivedAt: rf.receivedAt },
        input: { note: 'Received, assigned to a trial attorney' },
      });
      expect(ev.input.recordedFrom).toBeUndefined();
      const verify = await t.http.get(`/api/v1/requests/${r.id}/events/verify`).set('authorization', as.vnOfficer);
      expect(verify.body).toMatchObject({ valid: true });
      // Tampering with the recorder breaks the chain: the hash covers it.
      await t.sql(`ALTER TABLE request_events DISABLE TRIGGER request_events_append_only`);
      await t.sql(`UPDATE request_events SET recorder = jsonb_set(recorder, '{authorityCode}', '"VN-247"') WHERE request_id = $1 AND action = 'acknowledge'`, [r.id]);
      await t.sql(`ALTER TABLE request_events ENABLE TRIGGER request_events_append_only`);
      const broken = await t.http.get(`/api/v1/requests/${r.id}/events/verify`).set('authorization', as.vnOfficer);
      expect(broken.body).toMatchObject({ valid: false });
    });

    it('refuses a record without recordedFrom, from a document that is no correspondence of this request, dated in the future (422)', async () => {
      const r = await sentToOia();
      const none = await transition('vnOfficer', r.id, { action: 'acknowledge' });
      expectProblem(none, 422, 'REQUEST_INCOMPLETE');
      expect(errorFields(none)).toEqual(['recordedFrom']);
      const other = await sentToOia();
      const elsewhere = await attachScan('vnOfficer', other.id);
      for (const documentId of [elsewhere.body.id, '00000000-0000-4000-8000-000000000000']) {
        const res = await transition('vnOfficer', r.id, { action: 'acknowledge', recordedFrom: recordedFrom(documentId) });
        expectProblem(res, 422, 'RULE_VIOLATED');
        expect(errorFields(res)).toEqual(['recordedFrom.documentId']);
      }
      const scan = await attachScan('vnOfficer', r.id);
      const tomorrow = new Date(t.clock.now().getTime() + DAY);
      const future = await transition('vnOfficer', r.id, { action: 'acknowledge', recordedFrom: recordedFrom(scan.body.id, { receivedAt: tomorrow.toISOString(), correspondenceDate: tomorrow.toISOString().slice(0, 10) }) });
      expectProblem(future, 422, 'RULE_VIOLATED');
      expect(errorFields(future)).toEqual(['recordedFrom.correspondenceDate', 'recordedFrom.receivedAt']);
      const malformed = await transition('vnOfficer', r.id, { action: 'acknowledge', recordedFrom: { reference: 'x' } });
      expectProblem(malformed, 400, 'VALIDATION_FAILED');
      const notRecordable = await transition('vnOfficer', r.id, { action: 'close', outcome: 'x', recordedFrom: recordedFrom(scan.body.id) });
      expectProblem(notRecordable, 400, 'VALIDATION_FAILED');
      expect((await t.http.get(`/api/v1/requests/${r.id}`).set('authorization', as.vnOfficer)).body.state).toBe('SENT');
    });

    it('lets no one else record: a prosecutor or supervisor of this side, an officer for a LOCAL counterpart (403); a third country sees nothing (404)', async () => {
      const r = await sentToOia();
      const scan = await attachScan('vnOfficer', r.id);
      for (const who of ['vnProsecutor', 'vnSupervisor'] as const) {
        expectProblem(await transition(who, r.id, { action: 'acknowledge', recordedFrom: recordedFrom(scan.body.id) }), 403, 'FORBIDDEN');
      }
      expectProblem(await transition('sgOfficer', r.id, { action: 'acknowledge', recordedFrom: recordedFrom(scan.body.id) }), 404, 'NOT_FOUND');
      const sg = await walkTo(t, as, 'SENT');
      const res = await transition('vnOfficer', sg.id, { action: 'acknowledge', recordedFrom: recordedFrom(scan.body.id) });
      expectProblem(res, 403, 'FORBIDDEN');
      expect(res.body.detail).toContain('SG-CA works on MLA Hub');
      // Singapore's own officer acknowledging with a recordedFrom: not an OFFLINE counterpart's act.
      expectProblem(await transition('sgOfficer', sg.id, { action: 'acknowledge', recordedFrom: recordedFrom(scan.body.id) }), 422, 'RULE_VIOLATED');
    });

    it('records each act of the OIA through the one state table: execution, delay, information, evidence (declared), refusal', async () => {
      const r = await sentToOia();
      await record(r.id, { action: 'acknowledge' });
      let s = await record(r.id, { action: 'start_execution', executingBody: 'FBI Cyber Division' });
      expect(s).toMatchObject({ state: 'IN_EXECUTION', executingBody: 'FBI Cyber Division' });
      s = await record(r.id, { action: 'report_delay', reason: 'The provider answers slowly', expectedBy: new Date(t.clock.now().getTime() + 40 * DAY).toISOString().slice(0, 10) });
      expect(s.delayEstimate.reason).toBe('The provider answers slowly');
      s = await record(r.id, { action: 'request_info', message: 'Which time zone are the timestamps in?' });
      expect(s.state).toBe('INFO_REQUESTED');
      // The ball is with Viet Nam: nothing to chase.
      expect(s).toMatchObject({ mayChase: false, chase: { dueAt: null } });
      s = await act(t, as.vnProsecutor, r.id, { action: 'provide_info', message: 'UTC+7' });
      expect(s.state).toBe('IN_EXECUTION');
      expect(s.chase.dueAt).not.toBeNull();
      s = await record(r.id, { action: 'deliver_evidence', final: true, items: [{ description: 'Subscriber records on a DVD by courier', kind: 'FILE', sha256: 'd'.repeat(64), sizeBytes: 4096 }] });
      expect(s).toMatchObject({ state: 'EVIDENCE_RECEIVED', chase: { dueAt: null } });
      const evidence = await t.http.get(`/api/v1/requests/${r.id}/evidence`).set('authorization', as.vnProsecutor);
      expect(evidence.body.items).toHaveLength(1);
      const acts = (await events('vnOfficer', r.id)).filter((e) => e.recorder).map((e) => [e.action, e.actor.authorityCode]);
      expect(acts).toEqual([
        ['acknowledge', 'US-OIA'], ['start_execution', 'US-OIA'], ['report_delay', 'US-OIA'], ['request_info', 'US-OIA'], ['deliver_evidence', 'US-OIA'],
      ]);

      const refused = await sentToOia();
      const done = await record(refused.id, { action: 'refuse', ground: 'DUAL_CRIMINALITY', text: 'Not an offence under U.S. law' });
      expect(done).toMatchObject({ state: 'REFUSED', chase: { dueAt: null }, refusal: { ground: 'DUAL_CRIMINALITY' } });
    });

    it('records the confirmation and extension of a preservation', async () => {
      const r = await sentToOia({ type: 'PRESERVATION', identifiers: [{ kind: 'EMAIL', value: 'fraud@example.com' }] });
      await record(r.id, { action: 'acknowledge' });
      const until = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString().slice(0, 10);
      let s = await record(r.id, { action: 'confirm_preservation', preservedUntil: until(75) });
      expect(s.state).toBe('PRESERVED');
      s = await record(r.id, { action: 'extend_preservation', preservedUntil: until(100) });
      expect(s.preservationExtensions).toBe(1);
    });
  });

  describe('chasing', () => {
    it('records a chaser (the state stays, the interval restarts), lists "To chase" oldest first, and refuses what cannot be chased', async () => {
      const first = await sentToOia();
      t.clock.advance(DAY);
      const second = await sentToOia();
      const queue = async () => (await t.http.get('/api/v1/requests/to-chase').set('authorization', as.vnOfficer)).body.items.map((i: { id: string }) => i.id);
      expect(await queue()).not.toContain(first.id);
      t.clock.advance(31 * DAY);
      const listed = await queue();
      expect(listed.indexOf(first.id)).toBeGreaterThanOrEqual(0);
      expect(listed.indexOf(first.id)).toBeLessThan(listed.indexOf(second.id));

      const chase = (who: UserKey, id: string, body: Record<string, unknown>) => t.http.post(`/api/v1/requests/${id}/chases`).set('authorization', as[who]).send(body);
      const dispatchedAt = t.clock.now().toISOString();
      const chased = await chase('vnOfficer', first.id, { channel: 'EMAIL', dispatchedAt, reference: 'VKSTC-CH-01' });
      expect(chased.status).toBe(200);
      expect(chased.body).toMatchObject({ state: 'SENT', chase: { count: 1, lastChasedAt: dispatchedAt, dueAt: new Date(t.clock.now().getTime() + 14 * DAY).toISOString() } });
      expect(await queue()).not.toContain(first.id);
      const ev = (await events('vnOfficer', first.id)).at(-1);
      expect(ev).toMatchObject({ action: 'chase', audience: 'REQUESTING', fromState: 'SENT', toState: 'SENT', input: { channel: 'EMAIL', reference: 'VKSTC-CH-01', chaseNo: 1 } });

      expectProblem(await chase('vnOfficer', first.id, { channel: 'EMAIL', dispatchedAt: new Date(t.clock.now().getTime() + DAY).toISOString(), reference: 'x' }), 422, 'RULE_VIOLATED');
      expectProblem(await chase('vnOfficer', first.id, { channel: 'EMAIL', reference: 'x' }), 400, 'VALIDATION_FAILED');
      expectProblem(await chase('vnProsecutor', first.id, { channel: 'EMAIL', dispatchedAt, reference: 'x' }), 403, 'FORBIDDEN');
      expectProblem(await chase('vnSupervisor', first.id, { channel: 'EMAIL', dispatchedAt, reference: 'x' }), 403, 'FORBIDDEN');
      expectProblem(await chase('sgOfficer', first.id, { channel: 'EMAIL', dispatchedAt, reference: 'x' }), 404, 'NOT_FOUND');
      const sg = await walkTo(t, as, 'SENT');
      expectProblem(await chase('vnOfficer', sg.id, { channel: 'EMAIL', dispatchedAt, reference: 'x' }), 403, 'FORBIDDEN');
      const waiting = await record(second.id, { action: 'acknowledge' });
      const info = await record(waiting.id, { action: 'start_execution' });
      await record(info.id, { action: 'request_info', message: 'More?' });
      expectProblem(await chase('vnOfficer', second.id, { channel: 'EMAIL', dispatchedAt, reference: 'x' }), 409, 'CONFLICT');
      expectProblem(await t.http.get('/api/v1/requests/to-chase').set('authorization', as.vnProsecutor), 403, 'FORBIDDEN');
      expectProblem(await t.http.get('/api/v1/requests/to-chase').set('authorization', as.admin), 403, 'FORBIDDEN');
      expect((await t.http.get('/api/v1/requests/to-chase').set('authorization', as.sgOfficer)).body.items).toEqual([]);
    });

    it('renders the chaser in English and Vietnamese: the reference, the dispatch, what is outstanding since when, earlier chasers, the contact', async () => {
      const r = await sentToOia();
      t.clock.advance(10 * DAY);
      await t.http.post(`/api/v1/requests/${r.id}/chases`).set('authorization', as.vnOfficer).send({ channel: 'EMAIL', dispatchedAt: t.clock.now().toISOString(), reference: 'VKSTC-CH-01' }).expect(200);
      const chaser = (who: UserKey, lang?: string) =>
        t.http.get(`/api/v1/requests/${r.id}/chaser`).query(lang ? { lang } : {}).set('authorization', as[who]).buffer(true).parse(binaryBody);
      const refused = (who: UserKey, lang?: string) => t.http.get(`/api/v1/requests/${r.id}/chaser`).query(lang ? { lang } : {}).set('authorization', as[who]);
      const en = await chaser('vnOfficer');
      expect(en.status).toBe(200);
      expect(en.headers['content-type']).toBe('application/pdf');
      const text = pdfText(en.body as Buffer, 'en');
      expect(text).toContain(`Our reference: ${r.reference}`);
      expect(text).toContain('by diplomatic channel, under reference NV-2026-0831');
      expect(text).toContain('Acknowledgement of receipt of the request: awaited since');
      expect(text).toContain('U.S. Department of Justice, Criminal Division, Office of International Affairs');
      expect(text).toContain('VKSTC-CH-01');
      const vi = pdfText((await chaser('vnOfficer', 'vi')).body as Buffer, 'vi');
      expect(vi).toContain('Công văn đôn đốc');
      expect(vi).toContain('Văn phòng Các vấn đề Quốc tế, Vụ Hình sự, Bộ Tư pháp Hoa Kỳ');
      expect(vi).toContain('qua đường ngoại giao, số tham chiếu NV-2026-0831');
      expect(vi).toContain('Xác nhận đã nhận yêu cầu: chờ từ');
      expect(vi).toContain('Viện kiểm sát nhân dân tối cao');
      expect((await chaser('vnSupervisor')).status).toBe(200);
      expectProblem(await refused('vnProsecutor'), 403, 'FORBIDDEN');
      expectProblem(await refused('sgOfficer'), 404, 'NOT_FOUND');
      expectProblem(await refused('vnOfficer', 'fr'), 400, 'VALIDATION_FAILED');
      const answered = await record((await sentToOia()).id, { action: 'refuse', ground: 'OTHER', text: 'No' });
      expectProblem(await t.http.get(`/api/v1/requests/${answered.id}/chaser`).set('authorization', as.vnOfficer), 409, 'CONFLICT');
      const sg = await walkTo(t, as, 'SENT');
      expectProblem(await t.http.get(`/api/v1/requests/${sg.id}/chaser`).set('authorization', as.vnOfficer), 409, 'CONFLICT');
    });
  });

  describe('a request received on paper', () => {
    const incoming = (who: UserKey, overrides: Record<string, unknown> = {}) =>
      t.http.post('/api/v1/requests/incoming').set('authorization', as[who]).send({
        ...draftToOia({ requestedAuthorityId: vnCa, title: 'Bank records of a money mule in Ha Noi', identifiers: [{ kind: 'ACCOUNT', value: 'VCB 0011223344' }] }),
        requestingAuthorityId: oia,
        receivedAt: t.clock.now().toISOString(),
        transmission: { channel: 'DIPLOMATIC', dispatchedAt: new Date(t.clock.now().getTime() - 5 * DAY).toISOString(), dispatchReference: 'DOJ-OIA-182-55' },
        ...overrides,
      });

    it('registers it in SENT, addressed to Viet Nam, then the scan and the acts of both sides run as any incoming request', async () => {
      const res = await incoming('vnOfficer');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        state: 'SENT', reference: expect.stringMatching(/^US-\d{4}-\d{6}$/),
        requestingAuthority: { code: 'US-OIA', reach: 'OFFLINE' }, requestedAuthority: { code: 'VN-CA', reach: 'LOCAL' },
        transmission: { dispatchReference: 'DOJ-OIA-182-55' }, allowedActions: ['acknowledge', 'refuse'],
      });
      expect(res.body.deadlines.map((d: { kind: string }) => d.kind).sort()).toEqual(['ACKNOWLEDGEMENT', 'EXECUTION']);
      const id = res.body.id as string;
      expect((await attachScan('vnOfficer', id)).status).toBe(201);
      await act(t, as.vnOfficer, id, { action: 'acknowledge' });
      await act(t, as.vnOfficer, id, { action: 'start_execution' });
      const asked = await act(t, as.vnOfficer, id, { action: 'request_info', message: 'Which account holder?' });
      // Now the OIA holds the ball: Viet Nam chases it, and records its answer.
      expect(asked).toMatchObject({ mayChase: true, recordableActions: ['provide_info', 'withdraw'] });
      expect(asked.chase.dueAt).not.toBeNull();
      const answered = await record(id, { action: 'provide_info', message: 'Nguyen Van A' });
      expect(answered.state).toBe('IN_EXECUTION');
      const withdrawn = await record(id, { action: 'withdraw', reason: 'Solved otherwise' });
      expect(withdrawn.state).toBe('WITHDRAWN');
      const evs = await events('vnOfficer', id);
      expect(evs[0]).toMatchObject({ action: 'receive', toState: 'SENT', actor: { authorityCode: 'VN-CA' } });
      expect(evs.filter((e) => e.recorder).map((e) => [e.action, e.actor.authorityCode, e.actor.role])).toEqual([
        ['provide_info', 'US-OIA', 'PROSECUTOR'], ['withdraw', 'US-OIA', 'PROSECUTOR'],
      ]);
      expect((await t.http.get(`/api/v1/requests/${id}/events/verify`).set('authorization', as.vnOfficer)).body).toMatchObject({ valid: true });
      expectProblem(await t.http.get(`/api/v1/requests/${id}`).set('authorization', as.sgOfficer), 404, 'NOT_FOUND');
    });

    it('refuses another role (403), a requesting authority on MLA Hub, a requested one of another country, dates in the future (422)', async () => {
      expectProblem(await incoming('vnProsecutor'), 403, 'FORBIDDEN');
      expectProblem(await incoming('vnSupervisor'), 403, 'FORBIDDEN');
      const local = await incoming('vnOfficer', { requestingAuthorityId: sgCa });
      expectProblem(local, 422, 'RULE_VIOLATED');
      expect(errorFields(local)).toEqual(['requestingAuthorityId']);
      const abroad = await incoming('sgOfficer');
      expectProblem(abroad, 422, 'RULE_VIOLATED');
      expect(errorFields(abroad)).toEqual(['requestedAuthorityId']);
      const future = await incoming('vnOfficer', { receivedAt: new Date(t.clock.now().getTime() + DAY).toISOString() });
      expectProblem(future, 422, 'RULE_VIOLATED');
      expect(errorFields(future)).toEqual(['receivedAt']);
      expectProblem(await incoming('vnOfficer', { transmission: { channel: 'EMAIL' } }), 400, 'VALIDATION_FAILED');
    });
  });

  it('sends the deadlines of the OIA to Viet Nam’s officers and supervisors (it has no inbox)', async () => {
    const officer = await createUser(t, as.admin, { email: 'officer2@vn.example', role: 'OFFICER', authorityId: vnCa });
    expect(officer.id).toBeDefined();
    const r = await sentToOia();
    const ack = (r.deadlines as { id: string; kind: string }[]).find((d) => d.kind === 'ACKNOWLEDGEMENT') as { id: string };
    const { startTestWorker } = await import('../support/test-worker');
    const { DeadlineFiringService } = await import('../../libs/deadline-worker/src');
    const w = await startTestWorker(t);
    try {
      t.clock.advance(30 * DAY);
      await w.context.get(DeadlineFiringService).fire(ack.id);
      const rows = await t.sql<{ type: string; code: string; userId: string | null }>(
        `SELECT o.type, a.code, o.recipient_user_id AS "userId" FROM outbox o JOIN authorities a ON a.id = o.recipient_authority_id WHERE o.request_id = $1 AND o.type LIKE 'deadline.%'`,
        [r.id],
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.code.startsWith('VN-'))).toBe(true);
      expect(rows.some((row) => row.type === 'deadline.escalated' && row.userId !== null)).toBe(true);
      expect(rows.some((row) => row.type === 'deadline.escalated' && row.userId === null && row.code === 'VN-CA')).toBe(true);
    } finally {
      await w.close();
    }
  });

  it('seeds demo requests to the OIA and Korea’s Ministry of Justice once: one acknowledged from a letter, one chased and in "To chase", one answered', async () => {
    const demo = await createTestApp({ demoRequests: true });
    try {
      const officer = await demo.login('officer@vn.example');
      const list = await demo.http.get('/api/v1/requests?direction=outgoing&limit=50').set('authorization', officer).expect(200);
      const mine = (list.body.items as Record<string, any>[]).filter((r) => ['US-OIA', 'KR-MOJ'].includes(r.requestedAuthority.code));
      expect(mine.map((r) => r.state).sort()).toEqual(['ACKNOWLEDGED', 'EVIDENCE_RECEIVED', 'SENT', 'SENT']);
      const queue = await demo.http.get('/api/v1/requests/to-chase').set('authorization', officer).expect(200);
      expect(queue.body.items).toHaveLength(1);
      expect(queue.body.items[0]).toMatchObject({ requestedAuthority: { code: 'US-OIA', reach: 'OFFLINE' }, chase: { count: 1 } });
      const acked = mine.find((r) => r.state === 'ACKNOWLEDGED') as Record<string, any>;
      const history = (await demo.http.get(`/api/v1/requests/${acked.id}/events`).set('authorization', officer)).body.items as Record<string, any>[];
      expect(history.find((e) => e.action === 'acknowledge')).toMatchObject({ actor: { authorityCode: 'US-OIA' }, recorder: { authorityCode: 'VN-CA' }, recordedFrom: { reference: 'CRM-182-66871' } });
      const { seedDemoRequests } = await import('../../apps/api/src/demo/demo-requests.seeder');
      expect(await seedDemoRequests(demo.app)).toBe(0);
    } finally {
      await demo.close();
    }
  });
});
