import jwt from 'jsonwebtoken';
import { SessionCache, SessionsRepository } from '../../libs/identity/src';
import { authorityId, createUser, errorFields, expectProblem, loginAll, UserKey } from '../support/fixtures';
import { cookieLogin, freshBearer, SAME_ORIGIN, sessionCookieOf } from '../support/sessions';
import { createReplica, createTestApp, TestApp, TestReplica } from '../support/test-app';

/**
 * Sessions bound to a live user (DESIGN §12, issue 10): deactivation, a change of role or
 * authority, a password reset or change, and sign-out end a session on the next call with
 * the old token, on every replica; the same session as bearer token or HttpOnly cookie,
 * with the Origin check on cookie-carried state changes; tokens carry iss and aud.
 */
describe('sessions (e2e)', () => {
  let t: TestApp;
  let b: TestReplica;
  let as: Record<UserKey, string>;
  let vnCa: string;
  let vnPros: string;
  let n = 0;
  const PASSWORD = 'demo-password-2026';
  const CONSOLE = 'https://console.mla.example';

  beforeAll(async () => {
    t = await createTestApp({ env: { ALLOWED_ORIGINS: CONSOLE } });
    b = await createReplica(t);
    as = await loginAll(t);
    vnCa = await authorityId(t, 'VN-CA');
    vnPros = await authorityId(t, 'VN-HCM-PROS');
    await Promise.all([t.app.get(SessionCache).whenListening(), b.app.get(SessionCache).whenListening()]);
  });
  afterAll(async () => {
    await b.close();
    await t.close();
  });

  /** A fresh OFFICER of VN-CA with their own session, seen by both replicas (so both have it cached). */
  async function newOfficer(): Promise<{ id: string; email: string; bearer: string }> {
    const email = `session.officer.${++n}@vn.example`;
    const user = await createUser(t, as.admin, { email, role: 'OFFICER', authorityId: vnCa });
    const bearer = await freshBearer(t, email);
    expect((await t.http.get('/api/v1/me').set('authorization', bearer)).status).toBe(200);
    expect((await b.http.get('/api/v1/me').set('authorization', bearer)).status).toBe(200);
    return { id: user.id as string, email, bearer };
  }

  const patchUser = (id: string, body: unknown) => t.http.patch(`/api/v1/users/${id}`).set('authorization', as.admin).send(body as object);

  /** Runs `change` on replica A and waits until replica B has applied the invalidation it publishes. */
  async function onA<T>(change: () => Promise<T>): Promise<T> {
    const seen = b.app.get(SessionCache).nextInvalidation();
    const result = await change();
    await seen;
    return result;
  }

  describe('deactivation, role, authority and password reset (PATCH /users/:id)', () => {
    it('deactivation ends every session of the user on the next call, on both replicas; they cannot sign in; reactivation does not revive old tokens', async () => {
      const u = await newOfficer();
      const other = await freshBearer(t, u.email);
      const res = await onA(() => patchUser(u.id, { active: false }));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: u.id, active: false });
      for (const http of [t.http, b.http]) {
        for (const bearer of [u.bearer, other]) {
          expectProblem(await http.get('/api/v1/me').set('authorization', bearer), 401, 'UNAUTHENTICATED');
          expectProblem(await http.get('/api/v1/requests').set('authorization', bearer), 401, 'UNAUTHENTICATED');
          expectProblem(await http.get('/api/v1/notifications').set('authorization', bearer), 401, 'UNAUTHENTICATED');
        }
      }
      expectProblem(await t.http.post('/api/v1/auth/login').send({ email: u.email, password: PASSWORD }), 401, 'UNAUTHENTICATED');

      expect((await patchUser(u.id, { active: true })).body.active).toBe(true);
      expectProblem(await b.http.get('/api/v1/me').set('authorization', u.bearer), 401, 'UNAUTHENTICATED');
      const again = await freshBearer(t, u.email);
      expect((await b.http.get('/api/v1/me').set('authorization', again)).status).toBe(200);
      const [row] = await t.sql<{ revoked_reason: string }>(`SELECT revoked_reason FROM sessions WHERE user_id = $1 ORDER BY created_at LIMIT 1`, [u.id]);
      expect(row?.revoked_reason).toBe('deactivated');
    });

    it('a role change ends the sessions (the old token names the old role); the new login carries the new one', async () => {
      const u = await newOfficer();
      const res = await onA(() => patchUser(u.id, { role: 'SUPERVISOR' }));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ role: 'SUPERVISOR', authorityId: vnCa });
      expectProblem(await b.http.get('/api/v1/supervision/overdue').set('authorization', u.bearer), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http.get('/api/v1/me').set('authorization', u.bearer), 401, 'UNAUTHENTICATED');
      const bearer = await freshBearer(t, u.email);
      expect((await b.http.get('/api/v1/supervision/overdue').set('authorization', bearer)).status).toBe(200);
    });

    it('an authority change ends the sessions', async () => {
      const u = await newOfficer();
      const sg247 = await authorityId(t, 'SG-247');
      const res = await onA(() => patchUser(u.id, { authorityId: sg247 }));
      expect(res.status).toBe(200);
      expectProblem(await b.http.get('/api/v1/me').set('authorization', u.bearer), 401, 'UNAUTHENTICATED');
      const me = await t.http.get('/api/v1/me').set('authorization', await freshBearer(t, u.email));
      expect(me.body.authority.code).toBe('SG-247');
    });

    it('a password reset ends the sessions; the old password no longer signs in, the new one does', async () => {
      const u = await newOfficer();
      const res = await onA(() => patchUser(u.id, { password: 'a-new-password-set-by-admin' }));
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toMatch(/password/i);
      expectProblem(await b.http.get('/api/v1/me').set('authorization', u.bearer), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http.post('/api/v1/auth/login').send({ email: u.email, password: PASSWORD }), 401, 'UNAUTHENTICATED');
      expect((await t.http.get('/api/v1/me').set('authorization', await freshBearer(t, u.email, 'a-new-password-set-by-admin'))).status).toBe(200);
    });

    it('keeps the rules of creation: the kind of authority a role may belong to, none for ADMIN (changing to ADMIN clears it)', async () => {
      const u = await newOfficer();
      const wrongKind = await patchUser(u.id, { role: 'PROSECUTOR' });
      expectProblem(wrongKind, 422, 'RULE_VIOLATED');
      expect(errorFields(wrongKind)).toEqual(['authorityId']);
      expectProblem(await patchUser(u.id, { authorityId: vnPros }), 422, 'RULE_VIOLATED');
      expectProblem(await patchUser(u.id, { authorityId: null }), 422, 'REQUEST_INCOMPLETE');
      expectProblem(await patchUser(u.id, { authorityId: '7d3f1c52-0000-4000-8000-000000000000' }), 422, 'RULE_VIOLATED');
      expectProblem(await patchUser(u.id, { role: 'ADMIN', authorityId: vnCa }), 422, 'RULE_VIOLATED');
      // Refused changes end nothing.
      expect((await t.http.get('/api/v1/me').set('authorization', u.bearer)).status).toBe(200);

      const ok = await patchUser(u.id, { role: 'PROSECUTOR', authorityId: vnPros });
      expect(ok.body).toMatchObject({ role: 'PROSECUTOR', authorityId: vnPros });
      const admin = await patchUser(u.id, { role: 'ADMIN' });
      expect(admin.body).toMatchObject({ role: 'ADMIN', authorityId: null });
      const back = await patchUser(u.id, { role: 'OFFICER' });
      expectProblem(back, 422, 'REQUEST_INCOMPLETE');
      expect(errorFields(back)).toEqual(['authorityId']);
    });

    it('answers 400 to null for a required field, an empty body, unknown or prototype-named fields; 404 to an unknown user; 403 to non-admins', async () => {
      const u = await newOfficer();
      for (const [body, field] of [
        [{ active: null }, 'active'],
        [{ role: null }, 'role'],
        [{ password: null }, 'password'],
        [{ password: 'short' }, 'password'],
        [{ role: 'KING' }, 'role'],
        [{ active: 'false' }, 'active'],
        [{}, 'body'],
        [{ displayName: 'x' }, 'displayName'],
        [{ constructor: { name: 'x' } }, 'constructor'],
        [{ toString: 'x' }, 'toString'],
        [{ hasOwnProperty: false }, 'hasOwnProperty'],
      ] as [Record<string, unknown>, string][]) {
        const res = await patchUser(u.id, body);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(errorFields(res)).toEqual([field]);
      }
      const proto = await t.http.patch(`/api/v1/users/${u.id}`).set('authorization', as.admin).set('content-type', 'application/json').send('{"__proto__":{"active":false}}');
      expectProblem(proto, 400, 'VALIDATION_FAILED');
      expectProblem(await patchUser('7d3f1c52-0000-4000-8000-000000000000', { active: false }), 404, 'NOT_FOUND');
      expectProblem(await patchUser('not-a-uuid', { active: false }), 400, 'VALIDATION_FAILED');
      for (const who of ['vnSupervisor', 'vnOfficer'] as UserKey[]) {
        expectProblem(await t.http.patch(`/api/v1/users/${u.id}`).set('authorization', as[who]).send({ active: false }), 403, 'FORBIDDEN');
      }
      expect((await t.http.get('/api/v1/me').set('authorization', u.bearer)).status).toBe(200);
    });

    it('an administrator cannot deactivate or demote themselves (another administrator can)', async () => {
      const [me] = await t.sql<{ id: string }>(`SELECT id FROM users WHERE email = 'admin@example.org'`);
      expectProblem(await patchUser(me!.id, { active: false }), 422, 'RULE_VIOLATED');
      expectProblem(await patchUser(me!.id, { role: 'SUPERVISOR', authorityId: vnCa }), 422, 'RULE_VIOLATED');
      const second = await createUser(t, as.admin, { email: 'second.admin@example.org', role: 'ADMIN' });
      const secondBearer = await freshBearer(t, 'second.admin@example.org');
      const itself = await t.http.patch(`/api/v1/users/${second.id as string}`).set('authorization', secondBearer).send({ active: false });
      expectProblem(itself, 422, 'RULE_VIOLATED');
      expect((await patchUser(second.id as string, { active: false })).status).toBe(200);
      expectProblem(await t.http.get('/api/v1/me').set('authorization', secondBearer), 401, 'UNAUTHENTICATED');
      expect((await t.http.get('/api/v1/me').set('authorization', as.admin)).status).toBe(200);
    });

    it('a login racing with a change cannot open a session that survives it (the session epoch)', async () => {
      const u = await newOfficer();
      const [{ epoch }] = (await t.sql<{ epoch: number }>(`SELECT session_epoch AS epoch FROM users WHERE id = $1`, [u.id])) as [{ epoch: number }];
      await patchUser(u.id, { password: 'the-password-reset-meanwhile' });
      const now = t.clock.now();
      const sid = await t.app.get(SessionsRepository).insert({
        userId: u.id,
        epoch,
        transport: 'bearer',
        createdAt: now,
        expiresAt: new Date(now.getTime() + 3_600_000),
        clientAddress: '127.0.0.1',
        userAgent: null,
      });
      expect(sid).toBeNull();
    });
  });

  describe('sign-out and password change', () => {
    it('POST /auth/logout ends this session on the next call, on both replicas; the user’s other sessions stay', async () => {
      const u = await newOfficer();
      const other = await freshBearer(t, u.email);
      const res = await onA(() => t.http.post('/api/v1/auth/logout').set('authorization', u.bearer));
      expect(res.status).toBe(204);
      for (const http of [t.http, b.http]) expectProblem(await http.get('/api/v1/me').set('authorization', u.bearer), 401, 'UNAUTHENTICATED');
      expect((await b.http.get('/api/v1/me').set('authorization', other)).status).toBe(200);
      expectProblem(await t.http.post('/api/v1/auth/logout').set('authorization', u.bearer), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http.post('/api/v1/auth/logout'), 401, 'UNAUTHENTICATED');
    });

    it('POST /me/password checks the current password, refuses the same one, and ends every other session of the user', async () => {
      const u = await newOfficer();
      const other = await freshBearer(t, u.email);
      const change = (bearer: string, body: unknown) => t.http.post('/api/v1/me/password').set('authorization', bearer).send(body as object);

      const wrong = await change(u.bearer, { currentPassword: 'not-it', newPassword: 'my-brand-new-password' });
      expectProblem(wrong, 403, 'FORBIDDEN');
      expect(errorFields(wrong)).toEqual(['currentPassword']);
      expectProblem(await change(u.bearer, { currentPassword: PASSWORD, newPassword: PASSWORD }), 422, 'RULE_VIOLATED');
      const short = await change(u.bearer, { currentPassword: PASSWORD, newPassword: 'short' });
      expectProblem(short, 400, 'VALIDATION_FAILED');
      expect(errorFields(short)).toEqual(['newPassword']);
      expectProblem(await change(u.bearer, { currentPassword: PASSWORD }), 400, 'VALIDATION_FAILED');
      expect((await b.http.get('/api/v1/me').set('authorization', other)).status).toBe(200);

      const ok = await onA(() => change(u.bearer, { currentPassword: PASSWORD, newPassword: 'my-brand-new-password' }));
      expect(ok.status).toBe(204);
      expect((await b.http.get('/api/v1/me').set('authorization', u.bearer)).status).toBe(200); // this session stays
      expect((await t.http.get('/api/v1/me').set('authorization', u.bearer)).status).toBe(200);
      for (const http of [t.http, b.http]) expectProblem(await http.get('/api/v1/me').set('authorization', other), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http.post('/api/v1/auth/login').send({ email: u.email, password: PASSWORD }), 401, 'UNAUTHENTICATED');
      expect((await t.http.get('/api/v1/me').set('authorization', await freshBearer(t, u.email, 'my-brand-new-password'))).status).toBe(200);
    });
  });

  describe('cookie sessions', () => {
    it('a cookie login sets an HttpOnly, SameSite=Strict, Path=/ cookie (not Secure outside production) and answers no token', async () => {
      const res = await t.http.post('/api/v1/auth/login').set(SAME_ORIGIN).send({ email: 'officer@vn.example', password: PASSWORD, session: 'cookie' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ tokenType: 'Cookie', expiresIn: expect.any(Number), user: { email: 'officer@vn.example' } });
      expect(res.body.accessToken).toBeUndefined();
      const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).join('\n');
      expect(header).toMatch(/^mla_session=[\w-]+\.[\w-]+\.[\w-]+;/);
      expect(header).toMatch(/; HttpOnly/);
      expect(header).toMatch(/; SameSite=Strict/);
      expect(header).toMatch(/; Path=\//);
      expect(header).not.toMatch(/Secure/);
      expect((await t.http.get('/api/v1/me').set('cookie', sessionCookieOf(res))).body.email).toBe('officer@vn.example');
      // A bearer login sets no cookie.
      const bearer = await t.http.post('/api/v1/auth/login').send({ email: 'officer@vn.example', password: PASSWORD });
      expect(bearer.headers['set-cookie']).toBeUndefined();
      expect(bearer.body.accessToken).toEqual(expect.any(String));
    });

    it('a cookie login from a foreign or missing Origin answers 403', async () => {
      const body = { email: 'officer@vn.example', password: PASSWORD, session: 'cookie' };
      expectProblem(await t.http.post('/api/v1/auth/login').set('host', SAME_ORIGIN.host).send(body), 403, 'FORBIDDEN');
      expectProblem(await t.http.post('/api/v1/auth/login').set({ host: SAME_ORIGIN.host, origin: 'https://evil.example' }).send(body), 403, 'FORBIDDEN');
      expectProblem(await t.http.post('/api/v1/auth/login').send({ ...body, session: 'token' }), 400, 'VALIDATION_FAILED');
    });

    it('cookie-carried state changes need the API’s own Origin or an allowed one; reads do not; bearer calls never', async () => {
      const cookie = await cookieLogin(t, 'admin@example.org');
      const sgCa = await authorityId(t, 'SG-CA');
      const change = () => t.http.patch(`/api/v1/authorities/${sgCa}`).set('cookie', cookie).set('host', SAME_ORIGIN.host);
      expect((await t.http.get('/api/v1/users').set('cookie', cookie)).status).toBe(200);
      const none = await change().send({ name: 'Changed without origin' });
      expectProblem(none, 403, 'FORBIDDEN');
      expectProblem(await change().set('origin', 'https://evil.example').send({ name: 'Changed from evil' }), 403, 'FORBIDDEN');
      expectProblem(await change().set('origin', 'null').send({ name: 'Changed from null' }), 403, 'FORBIDDEN');
      expectProblem(await change().set('origin', 'http://mla-hub.test.evil.example').send({ name: 'Changed from a look-alike' }), 403, 'FORBIDDEN');
      const [before] = await t.sql<{ name: string }>(`SELECT name FROM authorities WHERE id = $1`, [sgCa]);
      expect(before?.name).not.toMatch(/^Changed/);

      expect((await change().set('origin', SAME_ORIGIN.origin).send({ name: "Attorney-General's Chambers, Central Authority" })).status).toBe(200);
      expect((await change().set('origin', CONSOLE).send({ name: "Attorney-General's Chambers, Central Authority" })).status).toBe(200);
      // DELETE and POST are state changes too.
      expectProblem(await t.http.delete(`/api/v1/requests/${sgCa}`).set('cookie', await cookieLogin(t, 'prosecutor@vn.example')), 403, 'FORBIDDEN');
      // The bearer header is not sent by browsers on their own: no Origin needed.
      expect((await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as.admin).send({ language: 'en' })).status).toBe(200);
    });

    it('logout with the cookie ends the session and clears the cookie', async () => {
      const cookie = await cookieLogin(t, 'supervisor@vn.example');
      expectProblem(await t.http.post('/api/v1/auth/logout').set('cookie', cookie), 403, 'FORBIDDEN');
      const res = await onA(() => t.http.post('/api/v1/auth/logout').set('cookie', cookie).set(SAME_ORIGIN));
      expect(res.status).toBe(204);
      expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).join('\n')).toMatch(/^mla_session=;.*Max-Age=0|^mla_session=;.*Expires=Thu, 01 Jan 1970/);
      for (const http of [t.http, b.http]) expectProblem(await http.get('/api/v1/me').set('cookie', cookie), 401, 'UNAUTHENTICATED');
    });
  });

  describe('tokens', () => {
    const claimsOf = (bearer: string) => JSON.parse(Buffer.from(bearer.replace(/^Bearer /, '').split('.')[1] as string, 'base64url').toString('utf8'));

    it('carry the session id, the issuer and the audience, which are checked', async () => {
      const claims = claimsOf(as.vnOfficer);
      expect(claims).toMatchObject({ iss: t.config.JWT_ISSUER, aud: t.config.JWT_AUDIENCE, sid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      const sign = (c: Record<string, unknown>) => `Bearer ${jwt.sign(c, t.config.JWT_SECRET, { algorithm: 'HS256' })}`;
      expect((await t.http.get('/api/v1/me').set('authorization', sign(claims))).status).toBe(200); // control
      expectProblem(await t.http.get('/api/v1/me').set('authorization', sign({ ...claims, aud: 'another-service' })), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http.get('/api/v1/me').set('authorization', sign({ ...claims, iss: 'someone-else' })), 401, 'UNAUTHENTICATED');
      const { sid: _sid, ...withoutSession } = claims;
      expectProblem(await t.http.get('/api/v1/me').set('authorization', sign(withoutSession)), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http.get('/api/v1/me').set('authorization', sign({ ...claims, sid: '7d3f1c52-0000-4000-8000-000000000000' })), 401, 'UNAUTHENTICATED');
      // Another user's session id under my name: refused.
      expectProblem(await t.http.get('/api/v1/me').set('authorization', sign({ ...claims, sid: claimsOf(as.sgOfficer).sid })), 401, 'UNAUTHENTICATED');
      // A role the user does not have, signed with the secret (a leaked secret still meets the live check).
      expectProblem(await t.http.get('/api/v1/users').set('authorization', sign({ ...claims, role: 'ADMIN' })), 401, 'UNAUTHENTICATED');
    });

    it('a session expires with its token, by the injected clock', async () => {
      const u = await newOfficer();
      const [row] = await t.sql<{ expires_at: Date }>(`SELECT expires_at FROM sessions WHERE user_id = $1`, [u.id]);
      expect(row!.expires_at.getTime() - t.clock.now().getTime()).toBe(t.config.JWT_TTL_SECONDS * 1000);
    });
  });

  describe('the per-replica cache', () => {
    it('serves remembered checks: a change behind the API’s back (no invalidation) is seen only once the entry is dropped', async () => {
      const u = await newOfficer();
      await t.sql(`UPDATE users SET active = false WHERE id = $1`, [u.id]);
      expect((await b.http.get('/api/v1/me').set('authorization', u.bearer)).status).toBe(200);
      await b.app.get(SessionCache).invalidateUser(u.id);
      expectProblem(await b.http.get('/api/v1/me').set('authorization', u.bearer), 401, 'UNAUTHENTICATED');
    });

    it('is bypassed while the replica’s subscriber is disconnected: a change is seen at once without its invalidation', async () => {
      const u = await newOfficer();
      const cache = b.app.get(SessionCache);
      expect(cache.trusted).toBe(true);
      cache.disconnectSubscriber();
      expect(cache.trusted).toBe(false);
      expect((await b.http.get('/api/v1/me').set('authorization', u.bearer)).status).toBe(200);
      await patchUser(u.id, { active: false }); // its invalidation cannot reach B
      expectProblem(await b.http.get('/api/v1/me').set('authorization', u.bearer), 401, 'UNAUTHENTICATED');
    });
  });
});
