import type { TestApp } from './test-app';

export const USERS = {
  vnProsecutor: 'prosecutor@vn.example',
  vnOfficer: 'officer@vn.example',
  vnSupervisor: 'supervisor@vn.example',
  sgProsecutor: 'prosecutor@sg.example',
  sgOfficer: 'officer@sg.example',
  sgSupervisor: 'supervisor@sg.example',
  admin: 'admin@example.org',
} as const;

export type UserKey = keyof typeof USERS;

/** Bearer headers of every demo user. */
export async function loginAll(t: TestApp): Promise<Record<UserKey, string>> {
  const entries = await Promise.all(Object.entries(USERS).map(async ([k, email]) => [k, await t.login(email)] as const));
  return Object.fromEntries(entries) as Record<UserKey, string>;
}

export async function authorityId(t: TestApp, code: string): Promise<string> {
  const [row] = await t.sql<{ id: string }>('SELECT id FROM authorities WHERE code = $1', [code]);
  if (!row) throw new Error(`no authority ${code}`);
  return row.id;
}

/** What Singapore requires of every request (config/countries.yaml), filled in: written in English, with its extra fields. */
export const SG_REQUIREMENTS = {
  language: 'en',
  details: {
    criminalMatterCertificate: 'The Supreme People’s Procuracy certifies that the request is made in respect of a criminal matter.',
    maximumPenalty: 'Life imprisonment (Penal Code 2015, art. 174(4)).',
    offenceMeasureLink: 'The account received the victims’ payments; its subscriber data identify who holds it.',
    reciprocityUndertaking: 'Viet Nam will comply with a future request by Singapore for similar assistance.',
  },
};

/** A complete draft body (submit-ready) of the given type, addressed to SG-CA (meeting Singapore's requirements). */
export function completeDraft(requestedAuthorityId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'SUBSCRIBER_INFO',
    priority: 'ROUTINE',
    channel: 'CENTRAL_AUTHORITY',
    legalBasis: 'ASEAN_MLAT_2004',
    requestedAuthorityId,
    title: 'Subscriber of the account used in an online fraud',
    offence: { description: 'Online fraud against 120 victims', provision: 'Penal Code art. 174' },
    facts: 'Victims transferred money after messages from the account.',
    measures: ['Produce the subscriber information of account X'],
    identifiers: [{ kind: 'IP_ADDRESS', value: '203.0.113.7', observedAt: '2026-11-01T10:00:00+07:00' }],
    ...SG_REQUIREMENTS,
    ...overrides,
  };
}

/** A supertest parser that keeps a binary answer's bytes (a PDF, a stored file) as a Buffer. */
export function binaryBody(res: unknown, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}

/** Takes an action; throws with the problem body when it is not accepted. */
export async function act(t: TestApp, bearer: string, id: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await t.http.post(`/api/v1/requests/${id}/transitions`).set('authorization', bearer).send(body);
  if (res.status !== 200) throw new Error(`${String(body.action)} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any>;
}

/** Creates a complete draft as the VN prosecutor; answers its id. */
export async function createDraft(t: TestApp, bearer: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await t.http.post('/api/v1/requests').set('authorization', bearer).send(body);
  if (res.status !== 201) throw new Error(`create answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any>;
}

// ---------------------------------------------------------------------------------------------
// Helpers of the contract e2e files (auth-identity, drafts, transitions, concurrency, visibility)
// ---------------------------------------------------------------------------------------------

/** What supertest answers, as far as the problem helpers need it. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/**
 * Asserts an RFC 9457 problem answer (DESIGN §9): status, machine-readable code, content type
 * application/problem+json, and the request id. Fails with the whole body when they differ.
 */
export function expectProblem(res: HttpAnswer, status: number, code: string): void {
  if (res.status !== status || res.body?.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, code, detail: expect.any(String) });
  expect(typeof res.body.requestId).toBe('string');
  if (res.headers['x-request-id'] !== undefined) expect(res.body.requestId).toBe(res.headers['x-request-id']);
}

/** The distinct `field`s of a problem's errors[], sorted (a field may carry several messages). */
export function errorFields(res: HttpAnswer): string[] {
  return [...new Set(((res.body?.errors ?? []) as { field: string }[]).map((e) => e.field))].sort();
}

/** Creates a user as ADMIN (the demo password by default); answers the created user. */
export async function createUser(
  t: TestApp,
  adminBearer: string,
  user: { email: string; role: string; authorityId?: string; displayName?: string; password?: string },
): Promise<Record<string, any>> {
  const res = await t.http
    .post('/api/v1/users')
    .set('authorization', adminBearer)
    .send({ displayName: user.email, password: 'demo-password-2026', ...user });
  if (res.status !== 201) throw new Error(`create user answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any>;
}

/** Creates an authority as ADMIN; answers the created authority. */
export async function createAuthority(
  t: TestApp,
  adminBearer: string,
  authority: { code: string; country: string; kind: string; timezone: string; name?: string; language?: string },
): Promise<Record<string, any>> {
  const res = await t.http
    .post('/api/v1/authorities')
    .set('authorization', adminBearer)
    .send({ name: authority.code, language: 'en', ...authority });
  if (res.status !== 201) throw new Error(`create authority answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any>;
}

export type WalkState =
  | 'DRAFT'
  | 'IN_REVIEW'
  | 'SENT'
  | 'ACKNOWLEDGED'
  | 'PRESERVED'
  | 'IN_EXECUTION'
  | 'INFO_REQUESTED'
  | 'EVIDENCE_RECEIVED'
  | 'CLOSED';

/** A preserved-until date 75 days from now (the middle of the 60-90 day window). */
export function preservedUntilMidWindow(t: TestApp): string {
  return new Date(t.clock.now().getTime() + 75 * 24 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * A VN → SG-CA request taken to `state` by the right people (PRESERVED: a PRESERVATION
 * request; the others: SUBSCRIBER_INFO unless `overrides.type` says otherwise). Answers the
 * request as its last actor saw it.
 */
export async function walkTo(
  t: TestApp,
  as: Record<UserKey, string>,
  state: WalkState,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const sgCa = await authorityId(t, 'SG-CA');
  const type = state === 'PRESERVED' ? 'PRESERVATION' : ((overrides.type as string | undefined) ?? 'SUBSCRIBER_INFO');
  let r = await createDraft(t, as.vnProsecutor, completeDraft(sgCa, { ...overrides, type }));
  const steps: [UserKey, Record<string, unknown>][] = [
    ['vnProsecutor', { action: 'submit' }],
    ['vnOfficer', { action: 'send' }],
    ['sgOfficer', { action: 'acknowledge' }],
  ];
  const path: Record<WalkState, number> = {
    DRAFT: 0,
    IN_REVIEW: 1,
    SENT: 2,
    ACKNOWLEDGED: 3,
    PRESERVED: 3,
    IN_EXECUTION: 3,
    INFO_REQUESTED: 3,
    EVIDENCE_RECEIVED: 3,
    CLOSED: 3,
  };
  const later: [UserKey, Record<string, unknown>][] = [];
  if (state === 'PRESERVED') later.push(['sgOfficer', { action: 'confirm_preservation', preservedUntil: preservedUntilMidWindow(t) }]);
  if (['IN_EXECUTION', 'INFO_REQUESTED', 'EVIDENCE_RECEIVED', 'CLOSED'].includes(state)) later.push(['sgOfficer', { action: 'start_execution' }]);
  if (state === 'INFO_REQUESTED') later.push(['sgOfficer', { action: 'request_info', message: 'Which time zone?' }]);
  if (state === 'EVIDENCE_RECEIVED' || state === 'CLOSED') {
    later.push([
      'sgOfficer',
      { action: 'deliver_evidence', final: true, items: [{ description: 'Subscriber record', kind: 'FILE', sha256: 'c'.repeat(64), sizeBytes: 10 }] },
    ]);
  }
  if (state === 'CLOSED') later.push(['vnProsecutor', { action: 'close', outcome: 'Used in the case' }]);
  for (const [who, body] of [...steps.slice(0, path[state]), ...later]) r = await act(t, as[who], r.id as string, body);
  if (r.state !== state) throw new Error(`walkTo(${state}) ended in ${String(r.state)}`);
  return r;
}
