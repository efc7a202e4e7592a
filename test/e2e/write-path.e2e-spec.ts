import { createHash } from 'node:crypto';
import { AppException, REQUEST_OUTCOMES_OF_DEADLINES } from '../../libs/core/src';
import { COMMAND_NAMES, COMMAND_TABLE, RequestCommands, type CommandName } from '../../libs/requests/src';
import { createTestApp, TestApp } from '../support/test-app';
import { act, authorityId, completeDraft, createAuthority, createDraft, createUser, expectProblem, loginAll, UserKey } from '../support/fixtures';

/**
 * The one write path: every command of COMMAND_TABLE refuses a request its caller may not
 * see (404, as if it did not exist) and a stale If-Match (412), whether it arrives over
 * HTTP (actions, draft edit and delete, deadline extension, reassignment) or from the
 * worker (expiry, escalations, reminders, the follow-up's effect).
 */
describe('write path (e2e): 404 and 412 for every command', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let third: Record<'PROSECUTOR' | 'OFFICER' | 'SUPERVISOR', string>;
  let request: Record<string, any>;
  let offline: Record<string, any>;
  let sgOfficerId: string;

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
    const thPros = await createAuthority(t, as.admin, { code: 'TH-PROS', country: 'TH', kind: 'PROSECUTION_OFFICE', timezone: 'Asia/Bangkok' });
    const thCa = await createAuthority(t, as.admin, { code: 'TH-CA', country: 'TH', kind: 'CENTRAL_AUTHORITY', timezone: 'Asia/Bangkok' });
    await createUser(t, as.admin, { email: 'prosecutor@th.example', role: 'PROSECUTOR', authorityId: thPros.id });
    await createUser(t, as.admin, { email: 'officer@th.example', role: 'OFFICER', authorityId: thCa.id });
    await createUser(t, as.admin, { email: 'supervisor@th.example', role: 'SUPERVISOR', authorityId: thCa.id });
    third = {
      PROSECUTOR: await t.login('prosecutor@th.example'),
      OFFICER: await t.login('officer@th.example'),
      SUPERVISOR: await t.login('supervisor@th.example'),
    };
    // A VN → SG request, sent: every legitimate actor sees it, its version is past 1.
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(await authorityId(t, 'SG-CA')));
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    request = await act(t, as.vnOfficer, draft.id, { action: 'send' });
    // A VN → US-OIA request (an authority on no MLA Hub, DESIGN §14), sent: what its chases and letters meet.
    const toOia = await createDraft(t, as.vnProsecutor, completeDraft(await authorityId(t, 'US-OIA'), { legalBasis: 'RECIPROCITY', language: 'en', details: {} }));
    await act(t, as.vnProsecutor, toOia.id, { action: 'submit' });
    offline = await act(t, as.vnOfficer, toOia.id, { action: 'send', transmission: { channel: 'DIPLOMATIC', dispatchedAt: t.clock.now().toISOString(), dispatchReference: 'NV-1' } });
    [{ id: sgOfficerId }] = await t.sql<{ id: string }>(`SELECT id FROM users WHERE email = 'officer@sg.example'`);
  }, 90_000);
  afterAll(() => t.close());

  /** The HTTP call of each command a user takes: method, path, body, and who may take it on this request. */
  function call(name: CommandName): {
    method: 'post' | 'patch' | 'delete';
    path: string;
    body?: object;
    contentType?: string;
    by: string;
    role: 'PROSECUTOR' | 'OFFICER' | 'SUPERVISOR';
    /** The version of the request it acts on (default: the VN → SG request's). */
    version?: number;
  } {
    const id = request.id;
    const ack = request.deadlines.find((d: { kind: string }) => d.kind === 'ACKNOWLEDGEMENT');
    const transition = (body: object, by: string, role: 'PROSECUTOR' | 'OFFICER') => ({ method: 'post' as const, path: `/api/v1/requests/${id}/transitions`, body: { action: name, ...body }, by, role });
    switch (name) {
      case 'edit':
        return { method: 'patch', path: `/api/v1/requests/${id}`, body: { title: 'A new title' }, by: as.vnProsecutor, role: 'PROSECUTOR' };
      case 'delete':
        return { method: 'delete', path: `/api/v1/requests/${id}`, by: as.vnProsecutor, role: 'PROSECUTOR' };
      case 'extend_deadline':
        return { method: 'post', path: `/api/v1/requests/${id}/deadlines/${ack.id}/extensions`, body: { dueAt: '2027-06-01', reason: 'Holidays' }, by: as.sgSupervisor, role: 'SUPERVISOR' };
      case 'reassign':
        return { method: 'post', path: `/api/v1/supervision/requests/${id}/assignee`, body: { assigneeId: sgOfficerId, reason: 'Workload' }, by: as.sgSupervisor, role: 'SUPERVISOR' };
      case 'submit':
        return transition({}, as.vnProsecutor, 'PROSECUTOR');
      case 'return':
        return transition({ reason: 'Incomplete' }, as.vnOfficer, 'OFFICER');
      case 'send':
        return transition({}, as.vnOfficer, 'OFFICER');
      case 'provide_info':
        return transition({ message: 'Here' }, as.vnProsecutor, 'PROSECUTOR');
      case 'close':
        return transition({ outcome: 'Done' }, as.vnProsecutor, 'PROSECUTOR');
      case 'withdraw':
        return transition({ reason: 'No longer needed' }, as.vnProsecutor, 'PROSECUTOR');
      case 'acknowledge':
      case 'start_execution':
        return transition({}, as.sgOfficer, 'OFFICER');
      case 'confirm_preservation':
      case 'extend_preservation':
        return transition({ preservedUntil: '2027-01-20' }, as.sgOfficer, 'OFFICER');
      case 'report_delay':
        return transition({ reason: 'Busy', expectedBy: '2027-01-01' }, as.sgOfficer, 'OFFICER');
      case 'request_info':
        return transition({ message: 'Which account?' }, as.sgOfficer, 'OFFICER');
      case 'deliver_evidence':
        return transition({ final: true, items: [{ description: 'Record', kind: 'DOCUMENT' }] }, as.sgOfficer, 'OFFICER');
      case 'refuse':
        return transition({ ground: 'OTHER', text: 'No' }, as.sgOfficer, 'OFFICER');
      case 'attach': {
        const file = Buffer.from('a court order');
        const query = new URLSearchParams({ kind: 'COURT_ORDER', language: 'en', fileName: 'order.pdf', sha256: createHash('sha256').update(file).digest('hex') });
        return { method: 'post', path: `/api/v1/requests/${id}/attachments?${query}`, body: file, contentType: 'application/octet-stream', by: as.vnProsecutor, role: 'PROSECUTOR' };
      }
      case 'remove_attachment':
        return { method: 'delete', path: `/api/v1/requests/${id}/attachments/00000000-0000-4000-8000-000000000000`, by: as.vnProsecutor, role: 'PROSECUTOR' };
      case 'attach_correspondence': {
        const file = Buffer.from('a letter of the OIA');
        const query = new URLSearchParams({ kind: 'CORRESPONDENCE', language: 'en', fileName: 'letter.pdf', sha256: createHash('sha256').update(file).digest('hex') });
        return { method: 'post', path: `/api/v1/requests/${offline.id}/attachments?${query}`, body: file, contentType: 'application/octet-stream', by: as.vnOfficer, role: 'OFFICER', version: offline.version };
      }
      case 'attach_signed_letter': {
        const file = Buffer.from('the letter, signed and stamped');
        const sha256 = createHash('sha256').update(file).digest('hex');
        const query = new URLSearchParams({ language: 'en', fileName: 'signed.pdf', sha256, letterSha256: sha256 });
        return { method: 'post', path: `/api/v1/requests/${id}/signed-letter?${query}`, body: file, contentType: 'application/octet-stream', by: as.vnOfficer, role: 'OFFICER' };
      }
      case 'chase':
        return { method: 'post', path: `/api/v1/requests/${offline.id}/chases`, body: { channel: 'EMAIL', dispatchedAt: t.clock.now().toISOString(), reference: 'CH-1' }, by: as.vnOfficer, role: 'OFFICER', version: offline.version };
      default:
        throw new Error(`${name} is not taken over HTTP`);
    }
  }

  const byUsers = COMMAND_NAMES.filter((n) => COMMAND_TABLE[n].role !== 'SYSTEM');
  const bySystem = COMMAND_NAMES.filter((n) => COMMAND_TABLE[n].role === 'SYSTEM');

  it('covers every command: the users’ over HTTP, the system’s through the pipeline', () => {
    expect([...byUsers, ...bySystem].sort()).toEqual([...COMMAND_NAMES].sort());
    expect(bySystem).toEqual(['expire', 'follow_up_sent', 'deadline_reminder', 'deadline_overdue', 'deadline_escalated', 'recompute_deadlines']);
  });

  it.each(byUsers)('%s: 404 for the same role of a third country, who may not see the request', async (name) => {
    const c = call(name);
    const res = await t.http[c.method](c.path).set('authorization', third[c.role]).set(c.contentType ? { 'content-type': c.contentType } : {}).send(c.body);
    expectProblem(res, 404, 'NOT_FOUND');
  });

  it.each(byUsers)('%s: 412 for a stale If-Match, before any check of state or input', async (name) => {
    const c = call(name);
    const res = await t.http[c.method](c.path).set('authorization', c.by).set('if-match', '"1"').set(c.contentType ? { 'content-type': c.contentType } : {}).send(c.body);
    expectProblem(res, 412, 'VERSION_CONFLICT');
    expect(res.body.currentVersion).toBe(c.version ?? request.version);
  });

  const run = (name: CommandName, id: string, expectedVersion?: number) => {
    const deadlineId = request.deadlines[0].id as string;
    const input =
      name === 'follow_up_sent'
        ? { followUpRequestId: request.id, followUpReference: request.reference }
        : name === 'recompute_deadlines'
          ? { calendarCountry: 'VN', deadlines: [{ deadlineId, dueAt: new Date(Date.UTC(2030, 0, 1)).toISOString() }] }
          : { deadlineId };
    return t.app.get(RequestCommands).run(null, id, { name, input }, { expectedVersion });
  };
  const codeOf = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof AppException ? e.code : String(e)));

  it.each(bySystem)('%s: NOT_FOUND for a request that does not exist', async (name) => {
    await expect(codeOf(run(name, '00000000-0000-4000-8000-000000000000'))).resolves.toBe('NOT_FOUND');
  });

  it.each(bySystem)('%s: VERSION_CONFLICT for a stale version', async (name) => {
    await expect(codeOf(run(name, request.id, 1))).resolves.toBe('VERSION_CONFLICT');
  });

  it('keeps on each request the deadline outcomes the statistics read, as its deadlines say', async () => {
    const draft = await createDraft(t, as.vnProsecutor, completeDraft(await authorityId(t, 'SG-CA')));
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    await act(t, as.vnOfficer, draft.id, { action: 'return', reason: 'Add the provision' });
    await act(t, as.vnProsecutor, draft.id, { action: 'submit' });
    await act(t, as.vnOfficer, draft.id, { action: 'send' });
    t.clock.advance(20 * 86_400_000); // the acknowledgement is late
    await act(t, as.sgOfficer, draft.id, { action: 'acknowledge' });
    await act(t, as.sgOfficer, draft.id, { action: 'start_execution' });
    await act(t, as.sgOfficer, draft.id, { action: 'request_info', message: 'Which zone?' });
    await act(t, as.vnProsecutor, draft.id, { action: 'provide_info', message: 'UTC+7' });
    const delivered = await act(t, as.sgOfficer, draft.id, { action: 'deliver_evidence', final: true, items: [{ description: 'Record', kind: 'DOCUMENT' }] });
    const [kept] = await t.sql<{ outcomes: number[]; executed_at: Date | null }>(`SELECT deadline_outcomes AS outcomes, executed_at FROM requests WHERE id = $1`, [draft.id]);
    const [derived] = await t.sql<{ outcomes: number[]; executed_at: Date | null }>(`SELECT o.outcomes, o.executed_at FROM (${REQUEST_OUTCOMES_OF_DEADLINES}) o WHERE o.request_id = $1`, [
      draft.id,
    ]);
    expect(kept).toEqual(derived);
    // REVIEW met twice on time, ACKNOWLEDGEMENT met late, EXECUTION and INFO_RESPONSE met on time.
    expect(kept?.outcomes).toEqual([2, 2, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0]);
    expect(kept?.executed_at).not.toBeNull();
    expect(delivered.state).toBe('EVIDENCE_RECEIVED');
  });

  it('nothing was written by any of these refusals', async () => {
    const [row] = await t.sql<{ version: number; events: number }>(
      `SELECT r.version, (SELECT count(*)::int FROM request_events e WHERE e.request_id = r.id) AS events FROM requests r WHERE r.id = $1`,
      [request.id],
    );
    expect(row).toEqual({ version: request.version, events: 3 });
  });
});
