import { totpCode } from '../../libs/identity/src/mfa/totp';
import { authorityId, completeDraft, createDraft, createUser, expectProblem, loginAll, USERS, walkTo } from '../support/fixtures';
import { SAME_ORIGIN, sessionCookieOf } from '../support/sessions';
import { createTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'demo-password-2026';
const STEP = 30_000;

/** The second factor (DESIGN §16, issue 22 item 9), over HTTP against the real database and Redis. */
describe('second factor (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT_CLIENT: '4' } });
    admin = await t.login(USERS.admin);
  });
  afterAll(() => t.close());

  const bearerOf = (res: { body: { accessToken?: string } }) => `Bearer ${res.body.accessToken as string}`;
  const password = (email: string, session?: 'cookie') => t.http.post('/api/v1/auth/login').set(session ? SAME_ORIGIN : {}).send({ email, password: PASSWORD, ...(session ? { session } : {}) });

  /** Enrols a TOTP app for the user signed in with `bearer`; answers the secret and the recovery codes. */
  async function enrol(bearer: string): Promise<{ secret: string; recoveryCodes: string[] }> {
    const started = await t.http.post('/api/v1/me/mfa/totp').set('authorization', bearer);
    expect(started.status).toBe(201);
    const confirmed = await t.http.post('/api/v1/me/mfa/totp/confirm').set('authorization', bearer).send({ code: await totpCode(started.body.secret, t.clock.now()) });
    expect(confirmed.status).toBe(200);
    return { secret: started.body.secret as string, recoveryCodes: confirmed.body.recoveryCodes as string[] };
  }

  /** Signs in with the password and a code of the next time step (the current one may be used already). */
  async function signIn(email: string, secret: string): Promise<string> {
    t.clock.advance(STEP);
    const first = await password(email);
    const res = await t.http.post('/api/v1/auth/mfa').send({ challengeToken: first.body.challengeToken, code: await totpCode(secret, t.clock.now()) });
    expect(res.status).toBe(200);
    return bearerOf(res);
  }

  async function newUser(email: string, role = 'OFFICER', code = 'VN-CA'): Promise<string> {
    const user = await createUser(t, admin, { email, role, authorityId: await authorityId(t, code), password: PASSWORD });
    return user.id as string;
  }

  it('enrols a TOTP app: the secret and otpauth URI once, sealed at rest, turned on by a code with ten recovery codes', async () => {
    const id = await newUser('enrol@vn.example');
    const bearer = bearerOf(await password('enrol@vn.example'));
    const started = await t.http.post('/api/v1/me/mfa/totp').set('authorization', bearer);
    expect(started.status).toBe(201);
    expect(started.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.body.uri).toMatch(/^otpauth:\/\/totp\/MLA%20Hub:enrol%40vn\.example\?secret=[A-Z2-7]{32}&.*/);
    const [row] = await t.sql<{ secret_sealed: string; confirmed_at: Date | null }>(`SELECT secret_sealed, confirmed_at FROM user_totp WHERE user_id = $1`, [id]);
    expect(row?.secret_sealed).toMatch(/^v1\./);
    expect(row?.secret_sealed).not.toContain(started.body.secret);
    expect(row?.confirmed_at).toBeNull();

    const wrong = await t.http.post('/api/v1/me/mfa/totp/confirm').set('authorization', bearer).send({ code: '000000' === (await totpCode(started.body.secret, t.clock.now())) ? '111111' : '000000' });
    expectProblem(wrong, 422, 'RULE_VIOLATED');
    const confirmed = await t.http.post('/api/v1/me/mfa/totp/confirm').set('authorization', bearer).send({ code: await totpCode(started.body.secret, t.clock.now()) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    for (const c of confirmed.body.recoveryCodes as string[]) expect(c).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    const stored = await t.sql<{ code_hash: string }>(`SELECT code_hash FROM user_recovery_codes WHERE user_id = $1`, [id]);
    expect(stored).toHaveLength(10);
    expect(stored.map((s) => s.code_hash)).not.toContain(confirmed.body.recoveryCodes[0]);

    const status = await t.http.get('/api/v1/me/mfa').set('authorization', bearer);
    expect(status.body).toMatchObject({ enrolled: true, enrolmentRequired: false, totp: true, passkeys: [], recoveryCodesLeft: 10, stepUpUntil: expect.any(String) });
    expect((await t.http.get('/api/v1/me').set('authorization', bearer)).body).toMatchObject({ mfaEnrolled: true, mfaEnrolmentRequired: false });
    // A second enrolment while one is on: refused.
    expectProblem(await t.http.post('/api/v1/me/mfa/totp').set('authorization', bearer), 409, 'CONFLICT');
  });

  it('signs in with the password then a code; the same code is refused the second time', async () => {
    await newUser('signin@vn.example');
    const { secret } = await enrol(bearerOf(await password('signin@vn.example')));
    t.clock.advance(STEP);
    const first = await password('signin@vn.example');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ mfaRequired: true, challengeToken: expect.any(String), methods: ['totp', 'recovery'], session: 'bearer' });
    expect(first.body.accessToken).toBeUndefined();
    // The challenge is no session.
    expectProblem(await t.http.get('/api/v1/me').set('authorization', `Bearer ${first.body.challengeToken as string}`), 401, 'UNAUTHENTICATED');

    const code = await totpCode(secret, t.clock.now());
    const done = await t.http.post('/api/v1/auth/mfa').send({ challengeToken: first.body.challengeToken, code });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String), user: { email: 'signin@vn.example', mfaEnrolled: true } });
    expect((await t.http.get('/api/v1/me').set('authorization', bearerOf(done))).status).toBe(200);

    const again = await password('signin@vn.example');
    expectProblem(await t.http.post('/api/v1/auth/mfa').send({ challengeToken: again.body.challengeToken, code }), 401, 'UNAUTHENTICATED');
    // The code of the step before is refused too (only later steps are accepted), the next one works.
    t.clock.advance(STEP);
    expect((await t.http.post('/api/v1/auth/mfa').send({ challengeToken: again.body.challengeToken, code: await totpCode(secret, t.clock.now()) })).status).toBe(200);
  });

  it('accepts one code once even when it is sent in parallel (the step moves atomically)', async () => {
    await newUser('race@vn.example');
    const { secret } = await enrol(bearerOf(await password('race@vn.example')));
    t.clock.advance(STEP);
    // Four: the parallel password checks themselves count against LOGIN_MAX_FAILURES_PER_ACCOUNT_CLIENT (4 here) until they succeed.
    const challenges = await Promise.all(Array.from({ length: 4 }, () => password('race@vn.example')));
    const code = await totpCode(secret, t.clock.now());
    const answers = await Promise.all(challenges.map((c) => t.http.post('/api/v1/auth/mfa').send({ challengeToken: c.body.challengeToken, code })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401, 401]);
  });

  it('answers passkey options only to a user with a passkey, and refuses an assertion that answers no options', async () => {
    await newUser('nopasskey@vn.example');
    await enrol(bearerOf(await password('nopasskey@vn.example')));
    const first = await password('nopasskey@vn.example');
    expectProblem(await t.http.post('/api/v1/auth/mfa/passkey-options').send({ challengeToken: first.body.challengeToken }), 422, 'RULE_VIOLATED');
    expectProblem(await t.http.post('/api/v1/auth/mfa/passkey-options').send({ challengeToken: 'not-a-token' }), 401, 'UNAUTHENTICATED');
    const clientData = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: 'bm9uZQ', origin: 'http://127.0.0.1' })).toString('base64url');
    const forged = { id: 'x', rawId: 'x', type: 'public-key', response: { clientDataJSON: clientData, authenticatorData: 'AA', signature: 'AA' }, clientExtensionResults: {} };
    expectProblem(await t.http.post('/api/v1/auth/mfa').send({ challengeToken: first.body.challengeToken, assertion: forged }), 401, 'UNAUTHENTICATED');
    expectProblem(await t.http.post('/api/v1/auth/mfa').send({ challengeToken: first.body.challengeToken, code: '123456', assertion: forged }), 400, 'VALIDATION_FAILED');
  });

  it('opens the console cookie session after the code, from the console origin only', async () => {
    await newUser('cookie@vn.example');
    const { secret } = await enrol(bearerOf(await password('cookie@vn.example')));
    t.clock.advance(STEP);
    const first = await password('cookie@vn.example', 'cookie');
    expect(first.body).toMatchObject({ mfaRequired: true, session: 'cookie' });
    expect(first.headers['set-cookie']).toBeUndefined();
    const code = await totpCode(secret, t.clock.now());
    expectProblem(await t.http.post('/api/v1/auth/mfa').set({ host: 'mla-hub.test', origin: 'http://evil.test' }).send({ challengeToken: first.body.challengeToken, code }), 403, 'FORBIDDEN');
    const done = await t.http.post('/api/v1/auth/mfa').set(SAME_ORIGIN).send({ challengeToken: first.body.challengeToken, code });
    expect(done.status).toBe(200);
    expect(done.body.tokenType).toBe('Cookie');
    expect((await t.http.get('/api/v1/me').set('cookie', sessionCookieOf(done))).status).toBe(200);
  });

  it('counts wrong codes in the same limits as wrong passwords', async () => {
    await newUser('limits@vn.example');
    await enrol(bearerOf(await password('limits@vn.example')));
    t.clock.advance(STEP);
    const first = await password('limits@vn.example');
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) answers.push((await t.http.post('/api/v1/auth/mfa').send({ challengeToken: first.body.challengeToken, code: '000000' })).status);
    // LOGIN_MAX_FAILURES_PER_ACCOUNT_CLIENT=4: four wrong codes, then this address is stopped on the account…
    expect(answers).toEqual([401, 401, 401, 401, 429]);
    // …for passwords as well.
    expectProblem(await password('limits@vn.example'), 429, 'RATE_LIMITED');
  });

  it('accepts each recovery code once, in place of a code', async () => {
    const id = await newUser('recovery@vn.example');
    const { recoveryCodes } = await enrol(bearerOf(await password('recovery@vn.example')));
    const code = (recoveryCodes[3] as string).toLowerCase().replace(/-/g, '');
    const first = await password('recovery@vn.example');
    const used = await t.http.post('/api/v1/auth/mfa').send({ challengeToken: first.body.challengeToken, code });
    expect(used.status).toBe(200);
    const status = await t.http.get('/api/v1/me/mfa').set('authorization', bearerOf(used));
    expect(status.body.recoveryCodesLeft).toBe(9);
    const second = await password('recovery@vn.example');
    expectProblem(await t.http.post('/api/v1/auth/mfa').send({ challengeToken: second.body.challengeToken, code: recoveryCodes[3] }), 401, 'UNAUTHENTICATED');
    expect(await t.sql(`SELECT 1 FROM user_recovery_codes WHERE user_id = $1 AND used_at IS NOT NULL`, [id])).toHaveLength(1);
  });

  it('asks for the factor again before send once ten minutes have passed, and takes it by POST /auth/step-up', async () => {
    const prosecutor = await t.login(USERS.vnProsecutor);
    const draft = await createDraft(t, prosecutor, completeDraft(await authorityId(t, 'SG-CA')));
    const submitted = await t.http.post(`/api/v1/requests/${draft.id as string}/transitions`).set('authorization', prosecutor).send({ action: 'submit' });
    expect(submitted.status).toBe(200);

    await newUser('stepup@vn.example');
    const { secret } = await enrol(bearerOf(await password('stepup@vn.example')));
    const officer = await signIn('stepup@vn.example', secret);
    t.clock.advance(11 * 60_000);
    const send = () => t.http.post(`/api/v1/requests/${draft.id as string}/transitions`).set('authorization', officer).send({ action: 'send' });
    expectProblem(await send(), 403, 'STEP_UP_REQUIRED');
    // Other actions are not held back: reading still works.
    expect((await t.http.get(`/api/v1/requests/${draft.id as string}`).set('authorization', officer)).status).toBe(200);

    expectProblem(await t.http.post('/api/v1/auth/step-up').set('authorization', officer).send({ code: '000000' === (await totpCode(secret, t.clock.now())) ? '111111' : '000000' }), 403, 'FORBIDDEN');
    const stepped = await t.http.post('/api/v1/auth/step-up').set('authorization', officer).send({ code: await totpCode(secret, t.clock.now()) });
    expect(stepped.status).toBe(200);
    expect(new Date(stepped.body.stepUpUntil).getTime()).toBe(t.clock.now().getTime() + 10 * 60_000);
    const sent = await send();
    expect([sent.status, sent.body.state]).toEqual([200, 'SENT']);
  });

  it('asks for the factor again before deliver_evidence, not before the other actions of the executing side', async () => {
    const r = await walkTo(t, await loginAll(t), 'IN_EXECUTION');
    await newUser('deliver@sg.example', 'OFFICER', 'SG-CA');
    const { secret } = await enrol(bearerOf(await password('deliver@sg.example')));
    const officer = await signIn('deliver@sg.example', secret);
    t.clock.advance(11 * 60_000);
    const act = (body: Record<string, unknown>) => t.http.post(`/api/v1/requests/${r.id as string}/transitions`).set('authorization', officer).send(body);
    const deliver = { action: 'deliver_evidence', final: true, items: [{ description: 'Subscriber record', kind: 'FILE', sha256: 'c'.repeat(64), sizeBytes: 10 }] };
    expectProblem(await act(deliver), 403, 'STEP_UP_REQUIRED');
    expect((await act({ action: 'report_delay', reason: 'The provider answers slowly', expectedBy: '2027-03-01' })).status).toBe(200);
    expect((await t.http.post('/api/v1/auth/step-up').set('authorization', officer).send({ code: await totpCode(secret, t.clock.now()) })).status).toBe(200);
    const delivered = await act(deliver);
    expect([delivered.status, delivered.body.state]).toEqual([200, 'EVIDENCE_RECEIVED']);
  });

  it('asks an ADMIN with a factor for it again before a change to users; a user without one is not asked', async () => {
    const adminId = (await createUser(t, admin, { email: 'admin2@example.org', role: 'ADMIN', password: PASSWORD })).id as string;
    const { secret } = await enrol(bearerOf(await password('admin2@example.org')));
    const admin2 = await signIn('admin2@example.org', secret);
    t.clock.advance(11 * 60_000);
    const body = { email: 'late@vn.example', displayName: 'Late', role: 'PROSECUTOR', authorityId: await authorityId(t, 'VN-HCM-PROS'), password: PASSWORD };
    expectProblem(await t.http.post('/api/v1/users').set('authorization', admin2).send(body), 403, 'STEP_UP_REQUIRED');
    expectProblem(await t.http.patch(`/api/v1/users/${adminId}`).set('authorization', admin2).send({ active: true }), 403, 'STEP_UP_REQUIRED');
    expect((await t.http.post('/api/v1/auth/step-up').set('authorization', admin2).send({ code: await totpCode(secret, t.clock.now()) })).status).toBe(200);
    expect((await t.http.post('/api/v1/users').set('authorization', admin2).send(body)).status).toBe(201);
    // The demo ADMIN has no factor (development, test): never asked.
    expect((await t.http.post('/api/v1/users').set('authorization', admin).send({ ...body, email: 'late2@vn.example' })).status).toBe(201);
  });

  it('lets an ADMIN reset a user’s factors: audited, the country’s supervisors told, every session ended', async () => {
    const id = await newUser('reset@vn.example');
    const { secret } = await enrol(bearerOf(await password('reset@vn.example')));
    const session = await signIn('reset@vn.example', secret);
    const before = await t.sql(`SELECT 1 FROM outbox WHERE type = 'audit.second_factor_reset'`);

    expectProblem(await t.http.delete(`/api/v1/users/${id}/mfa`).set('authorization', session), 403, 'FORBIDDEN');
    expectProblem(await t.http.delete('/api/v1/users/00000000-0000-4000-8000-000000000000/mfa').set('authorization', admin), 404, 'NOT_FOUND');
    const res = await t.http.delete(`/api/v1/users/${id}/mfa`).set('authorization', admin);
    expect([res.status, res.body]).toEqual([200, { reset: true }]);
    // Nothing left to reset: refused, and nothing audited.
    expectProblem(await t.http.delete(`/api/v1/users/${id}/mfa`).set('authorization', admin), 422, 'RULE_VIOLATED');

    const audit = await t.sql<{ action: string; changes: string[]; before: any; after: any; countries: string[] }>(
      `SELECT action, changes, before, after, countries FROM admin_audit WHERE target_id = $1 AND changes = ARRAY['secondFactor']`,
      [id],
    );
    expect(audit).toEqual([expect.objectContaining({ action: 'user.updated', countries: ['VN'], before: expect.objectContaining({ secondFactor: true }), after: expect.objectContaining({ secondFactor: false }) })]);
    const told = await t.sql<{ recipient: string; payload: any }>(
      `SELECT u.email AS recipient, o.payload FROM outbox o JOIN users u ON u.id = o.recipient_user_id WHERE o.type = 'audit.second_factor_reset'`,
    );
    expect(told.length - before.length).toBeGreaterThan(0);
    expect(told.map((r) => r.recipient)).toContain(USERS.vnSupervisor);
    expect(told.map((r) => r.recipient)).not.toContain(USERS.sgSupervisor);
    expect(told[told.length - 1]?.payload.data).toMatchObject({ email: 'reset@vn.example', by: USERS.admin });
    // The supervisor sees it in the country's audit.
    const vnAudit = await t.http.get(`/api/v1/audit?targetId=${id}`).set('authorization', await t.login(USERS.vnSupervisor));
    expect(vnAudit.status).toBe(200);

    expectProblem(await t.http.get('/api/v1/me').set('authorization', session), 401, 'UNAUTHENTICATED');
    const oneStep = await password('reset@vn.example');
    expect(oneStep.body).toMatchObject({ tokenType: 'Bearer', user: { mfaEnrolled: false } });
    expect(await t.sql(`SELECT 1 FROM user_totp WHERE user_id = $1 UNION ALL SELECT 1 FROM user_recovery_codes WHERE user_id = $1`, [id])).toEqual([]);
  });
});

describe('MFA_REQUIRED_ROLES (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { MFA_REQUIRED_ROLES: 'OFFICER,SUPERVISOR' } });
  });
  afterAll(() => t.close());

  it('makes enrolment the first thing a user of those roles does after the password', async () => {
    const officer = await t.login(USERS.sgOfficer);
    expect((await t.http.get('/api/v1/me').set('authorization', officer)).body).toMatchObject({ mfaEnrolled: false, mfaEnrolmentRequired: true });
    expectProblem(await t.http.get('/api/v1/requests').set('authorization', officer), 403, 'MFA_ENROLMENT_REQUIRED');
    expectProblem(await t.http.get('/api/v1/notifications').set('authorization', officer), 403, 'MFA_ENROLMENT_REQUIRED');

    const started = await t.http.post('/api/v1/me/mfa/totp').set('authorization', officer);
    expect(started.status).toBe(201);
    const confirmed = await t.http.post('/api/v1/me/mfa/totp/confirm').set('authorization', officer).send({ code: await totpCode(started.body.secret, t.clock.now()) });
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect((await t.http.get('/api/v1/requests').set('authorization', officer)).status).toBe(200);

    // A role not listed signs in in one step and is not held.
    const prosecutor = await t.login(USERS.vnProsecutor);
    expect((await t.http.get('/api/v1/requests').set('authorization', prosecutor)).status).toBe(200);
  });
});
