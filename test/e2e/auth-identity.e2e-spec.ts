import jwt from 'jsonwebtoken';
import { createTestApp, TestApp } from '../support/test-app';
import { authorityId, createAuthority, createUser, errorFields, expectProblem, loginAll, USERS, UserKey } from '../support/fixtures';

/**
 * Identity (DESIGN §2, §7, §9, §10): login and its throttle, bearer tokens, GET /me, the
 * authorities and users an ADMIN manages, and the webhook secret shown once.
 */
describe('auth and identity (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  const PASSWORD = 'demo-password-2026';

  beforeAll(async () => {
    t = await createTestApp();
    as = await loginAll(t);
  });
  afterAll(() => t.close());

  const login = (body: unknown) => t.http.post('/api/v1/auth/login').send(body as object);

  describe('POST /auth/login', () => {
    it('answers a bearer token and the user for the right password', async () => {
      const res = await login({ email: USERS.vnOfficer, password: PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        tokenType: 'Bearer',
        expiresIn: expect.any(Number),
        user: { email: USERS.vnOfficer, role: 'OFFICER', authority: expect.objectContaining({ code: 'VN-CA', country: 'VN' }) },
      });
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash|password_hash/i);
      const me = await t.http.get('/api/v1/me').set('authorization', `Bearer ${res.body.accessToken as string}`);
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(USERS.vnOfficer);
    });

    it('answers 401 with the same message for a wrong password and an unknown e-mail', async () => {
      const wrong = await login({ email: USERS.sgOfficer, password: 'not-the-password' });
      expectProblem(wrong, 401, 'UNAUTHENTICATED');
      const unknown = await login({ email: 'nobody@nowhere.example', password: PASSWORD });
      expectProblem(unknown, 401, 'UNAUTHENTICATED');
      expect(unknown.body.detail).toBe(wrong.body.detail);
      expect(unknown.body.title).toBe(wrong.body.title);
    });

    it('answers 400 to a malformed body, listing every bad field', async () => {
      const empty = await login({});
      expectProblem(empty, 400, 'VALIDATION_FAILED');
      expect(errorFields(empty)).toEqual(expect.arrayContaining(['email', 'password']));

      const notEmail = await login({ email: 'not-an-email', password: PASSWORD });
      expectProblem(notEmail, 400, 'VALIDATION_FAILED');
      expect(errorFields(notEmail)).toEqual(['email']);

      const wrongType = await login({ email: USERS.vnOfficer, password: 12345 });
      expectProblem(wrongType, 400, 'VALIDATION_FAILED');
      expect(errorFields(wrongType)).toContain('password');

      const extra = await login({ email: USERS.vnOfficer, password: PASSWORD, remember: true });
      expectProblem(extra, 400, 'VALIDATION_FAILED');
      expect(errorFields(extra)).toEqual(['remember']);

      expectProblem(await login([]), 400, 'VALIDATION_FAILED');
      const broken = await t.http.post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email":');
      expectProblem(broken, 400, 'VALIDATION_FAILED');
    });

    it('answers 415 to a body that is not JSON', async () => {
      const res = await t.http.post('/api/v1/auth/login').set('content-type', 'text/plain').send(`email=${USERS.vnOfficer}`);
      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers 429 to the 11th attempt after 10 failures within 15 minutes, even with the right password; a success resets the count', async () => {
      const email = 'throttled.officer@vn.example';
      await createUser(t, as.admin, { email, role: 'OFFICER', authorityId: await authorityId(t, 'VN-CA') });

      // 9 failures, then a success: the count starts again.
      for (let i = 0; i < 9; i++) expectProblem(await login({ email, password: `wrong-${i}` }), 401, 'UNAUTHENTICATED');
      expect((await login({ email, password: PASSWORD })).status).toBe(200);

      // 10 failures are each a 401 ...
      for (let i = 0; i < 10; i++) expectProblem(await login({ email, password: `wrong-again-${i}` }), 401, 'UNAUTHENTICATED');
      // ... the 11th attempt is refused, right password or not (the e-mail compared case-insensitively).
      expectProblem(await login({ email, password: PASSWORD }), 429, 'RATE_LIMITED');
      expectProblem(await login({ email: email.toUpperCase(), password: PASSWORD }), 429, 'RATE_LIMITED');
      // Another account is not affected.
      expect((await login({ email: USERS.vnSupervisor, password: PASSWORD })).status).toBe(200);
    });

    it('throttles an unknown e-mail the same way (no hint that the account does not exist)', async () => {
      const email = 'ghost@nowhere.example';
      for (let i = 0; i < 10; i++) expectProblem(await login({ email, password: `guess-${i}` }), 401, 'UNAUTHENTICATED');
      expectProblem(await login({ email, password: 'guess-10' }), 429, 'RATE_LIMITED');
    });
  });

  describe('bearer tokens', () => {
    const claimsOf = (bearer: string) => JSON.parse(Buffer.from(bearer.split('.')[1] as string, 'base64url').toString('utf8'));

    it('answers 401 without a token, with a garbage token, with another scheme', async () => {
      expectProblem(await t.http.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http.get('/api/v1/me').set('authorization', 'Bearer garbage'), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http.get('/api/v1/me').set('authorization', 'Bearer '), 401, 'UNAUTHENTICATED');
      const basic = `Basic ${Buffer.from(`${USERS.vnOfficer}:${PASSWORD}`).toString('base64')}`;
      expectProblem(await t.http.get('/api/v1/me').set('authorization', basic), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http.get('/api/v1/authorities'), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http.get('/api/v1/requests'), 401, 'UNAUTHENTICATED');
    });

    it('answers 401 on every protected endpoint without a token (before any validation or lookup)', async () => {
      const id = '7d3f1c52-0000-4000-8000-000000000000';
      const calls = [
        t.http.get('/api/v1/users'),
        t.http.post('/api/v1/users').send({}),
        t.http.post('/api/v1/authorities').send({}),
        t.http.patch(`/api/v1/authorities/${id}`).send({}),
        t.http.post('/api/v1/requests').send({ bogus: 1 }),
        t.http.get(`/api/v1/requests/${id}`),
        t.http.patch(`/api/v1/requests/${id}`).send({}),
        t.http.delete(`/api/v1/requests/${id}`),
        t.http.post(`/api/v1/requests/${id}/transitions`).send({ action: 'fly' }),
        t.http.get(`/api/v1/requests/${id}/events`),
        t.http.get(`/api/v1/requests/${id}/events/verify`),
        t.http.get(`/api/v1/requests/${id}/evidence`),
      ];
      for (const res of await Promise.all(calls)) expectProblem(res, 401, 'UNAUTHENTICATED');
    });

    it('accepts a token signed with the secret and unexpired (control), refuses one signed with another secret', async () => {
      const claims = claimsOf(as.vnOfficer);
      const now = Math.floor(t.clock.now().getTime() / 1000);
      const good = jwt.sign({ ...claims, iat: now, exp: now + 3600 }, t.config.JWT_SECRET, { algorithm: 'HS256' });
      expect((await t.http.get('/api/v1/me').set('authorization', `Bearer ${good}`)).status).toBe(200);

      const forged = jwt.sign({ ...claims, iat: now, exp: now + 3600 }, 'another-secret-of-at-least-thirty-two-characters', { algorithm: 'HS256' });
      expectProblem(await t.http.get('/api/v1/me').set('authorization', `Bearer ${forged}`), 401, 'UNAUTHENTICATED');
    });

    it('refuses a tampered token (role changed, signature kept) and an unsigned one (alg none)', async () => {
      const [header, , signature] = as.vnOfficer.replace(/^Bearer /, '').split('.');
      const payload = Buffer.from(JSON.stringify({ ...claimsOf(as.vnOfficer.replace(/^Bearer /, '')), role: 'ADMIN' })).toString('base64url');
      const tampered = `${header}.${payload}.${signature}`;
      expectProblem(await t.http.get('/api/v1/users').set('authorization', `Bearer ${tampered}`), 401, 'UNAUTHENTICATED');

      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      expectProblem(await t.http.get('/api/v1/me').set('authorization', `Bearer ${none}`), 401, 'UNAUTHENTICATED');
    });

    it('refuses an expired token (the injected clock decides)', async () => {
      const claims = claimsOf(as.vnOfficer.replace(/^Bearer /, ''));
      const now = Math.floor(t.clock.now().getTime() / 1000);
      const expired = jwt.sign({ ...claims, iat: now - 7200, exp: now - 60 }, t.config.JWT_SECRET, { algorithm: 'HS256' });
      expectProblem(await t.http.get('/api/v1/me').set('authorization', `Bearer ${expired}`), 401, 'UNAUTHENTICATED');
    });
  });

  describe('GET /me', () => {
    const expected: Record<UserKey, { role: string; code: string | null; country: string | null }> = {
      vnProsecutor: { role: 'PROSECUTOR', code: 'VN-HCM-PROS', country: 'VN' },
      vnOfficer: { role: 'OFFICER', code: 'VN-CA', country: 'VN' },
      vnSupervisor: { role: 'SUPERVISOR', code: 'VN-CA', country: 'VN' },
      sgProsecutor: { role: 'PROSECUTOR', code: 'SG-PROS', country: 'SG' },
      sgOfficer: { role: 'OFFICER', code: 'SG-CA', country: 'SG' },
      sgSupervisor: { role: 'SUPERVISOR', code: 'SG-CA', country: 'SG' },
      admin: { role: 'ADMIN', code: null, country: null },
    };

    it.each(Object.keys(expected) as UserKey[])('answers %s with its role and authority', async (who) => {
      const res = await t.http.get('/api/v1/me').set('authorization', as[who]);
      expect(res.status).toBe(200);
      const want = expected[who];
      expect(res.body).toMatchObject({ id: expect.any(String), email: USERS[who], displayName: expect.any(String), role: want.role });
      if (want.code === null) expect(res.body.authority).toBeNull();
      else expect(res.body.authority).toMatchObject({ id: await authorityId(t, want.code), code: want.code, country: want.country });
      expect(Object.keys(res.body)).not.toEqual(expect.arrayContaining(['password']));
      expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2/);
    });
  });

  describe('authorities', () => {
    it('lists every authority to any authenticated user, with the contract fields and no secret', async () => {
      for (const who of ['vnProsecutor', 'sgOfficer', 'vnSupervisor', 'admin'] as UserKey[]) {
        const res = await t.http.get('/api/v1/authorities').set('authorization', as[who]);
        expect(res.status).toBe(200);
        const codes = (res.body.items as { code: string }[]).map((a) => a.code);
        expect(codes).toEqual(expect.arrayContaining(['VN-HCM-PROS', 'VN-CA', 'SG-PROS', 'SG-CA', 'SG-247']));
        expect(res.body).toHaveProperty('nextCursor');
      }
      const res = await t.http.get('/api/v1/authorities').set('authorization', as.vnProsecutor);
      const vnHcm = res.body.items.find((a: { code: string }) => a.code === 'VN-HCM-PROS');
      expect(vnHcm).toEqual({
        id: expect.any(String),
        code: 'VN-HCM-PROS',
        name: expect.any(String),
        country: 'VN',
        kind: 'PROSECUTION_OFFICE',
        timezone: 'Asia/Ho_Chi_Minh',
        language: 'vi',
        reach: 'LOCAL',
        names: { vi: 'Viện kiểm sát nhân dân Thành phố Hồ Chí Minh', en: "People's Procuracy of Ho Chi Minh City" },
        // A LOCAL authority of the demo: none of the directory's facts.
        address: null,
        email: null,
        languages: [],
        channels: [],
        source: null,
        lastVerified: null,
        retiredAt: null,
        webhookUrl: null,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/webhookSecret|whsec_/);
    });

    it('filters by country and kind; a bad filter answers 400', async () => {
      const sg = await t.http.get('/api/v1/authorities?country=SG').set('authorization', as.vnOfficer);
      expect(sg.status).toBe(200);
      expect(sg.body.items.length).toBeGreaterThanOrEqual(3);
      expect(sg.body.items.every((a: { country: string }) => a.country === 'SG')).toBe(true);

      const cas = await t.http.get('/api/v1/authorities?kind=CENTRAL_AUTHORITY').set('authorization', as.vnOfficer);
      expect(cas.status).toBe(200);
      expect((cas.body.items as { code: string }[]).map((a) => a.code)).toEqual(expect.arrayContaining(['VN-CA', 'SG-CA']));
      expect(cas.body.items.every((a: { kind: string }) => a.kind === 'CENTRAL_AUTHORITY')).toBe(true);

      const both = await t.http.get('/api/v1/authorities?country=SG&kind=CONTACT_POINT_24_7').set('authorization', as.vnOfficer);
      expect((both.body.items as { code: string }[]).map((a) => a.code)).toEqual(['SG-247']);

      expectProblem(await t.http.get('/api/v1/authorities?country=sgp').set('authorization', as.vnOfficer), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http.get('/api/v1/authorities?kind=COURT').set('authorization', as.vnOfficer), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http.get('/api/v1/authorities?colour=blue').set('authorization', as.vnOfficer), 400, 'VALIDATION_FAILED');
    });

    const newAuthority = (code: string, extra: Record<string, unknown> = {}) => ({
      code,
      name: `Authority ${code}`,
      country: 'TH',
      kind: 'CENTRAL_AUTHORITY',
      timezone: 'Asia/Bangkok',
      language: 'en',
      ...extra,
    });

    it('lets an ADMIN create an authority (201); a duplicate code answers 409 CONFLICT', async () => {
      const res = await t.http.post('/api/v1/authorities').set('authorization', as.admin).send(newAuthority('TH-CA'));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.any(String), code: 'TH-CA', country: 'TH', kind: 'CENTRAL_AUTHORITY', timezone: 'Asia/Bangkok', language: 'en', webhookUrl: null });
      const listed = await t.http.get('/api/v1/authorities?country=TH').set('authorization', as.vnProsecutor);
      expect((listed.body.items as { code: string }[]).map((a) => a.code)).toContain('TH-CA');

      const dup = await t.http.post('/api/v1/authorities').set('authorization', as.admin).send(newAuthority('TH-CA', { name: 'Another' }));
      expectProblem(dup, 409, 'CONFLICT');
      expect(errorFields(dup)).toEqual(['code']);
    });

    it('answers 400 to a bad time zone, country, kind, language, code or an unknown field, naming each', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ timezone: 'Mars/Olympus_Mons' }, 'timezone'],
        [{ timezone: 'GMT+7' }, 'timezone'],
        [{ country: 'THA' }, 'country'],
        [{ country: 'th' }, 'country'],
        [{ kind: 'COURT' }, 'kind'],
        [{ language: 'Thai' }, 'language'],
        [{ code: 'x' }, 'code'],
        [{ webhookUrl: 'ftp://example.org/hook' }, 'webhookUrl'],
        [{ bogus: 1 }, 'bogus'],
      ];
      for (const [change, field] of cases) {
        const res = await t.http.post('/api/v1/authorities').set('authorization', as.admin).send(newAuthority('TH-BAD', change));
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect([field, errorFields(res)]).toEqual([field, [field]]);
      }
      const missing = await t.http.post('/api/v1/authorities').set('authorization', as.admin).send({});
      expectProblem(missing, 400, 'VALIDATION_FAILED');
      expect(errorFields(missing)).toEqual(expect.arrayContaining(['code', 'country', 'kind', 'name', 'timezone']));
      const none = await t.sql(`SELECT 1 FROM authorities WHERE code = 'TH-BAD'`);
      expect(none).toHaveLength(0);
    });

    it('answers 403 to non-admins on POST and PATCH', async () => {
      const sgCa = await authorityId(t, 'SG-CA');
      for (const who of ['vnProsecutor', 'vnOfficer', 'vnSupervisor', 'sgOfficer'] as UserKey[]) {
        expectProblem(await t.http.post('/api/v1/authorities').set('authorization', as[who]).send(newAuthority('TH-X')), 403, 'FORBIDDEN');
        expectProblem(await t.http.patch(`/api/v1/authorities/${sgCa}`).set('authorization', as[who]).send({ name: 'Hijacked' }), 403, 'FORBIDDEN');
      }
      const sg = await t.sql<{ name: string }>(`SELECT name FROM authorities WHERE id = $1`, [sgCa]);
      expect(sg[0]?.name).not.toBe('Hijacked');
    });

    it('lets an ADMIN change an authority (200); unknown id 404; bad values 400', async () => {
      const created = await createAuthority(t, as.admin, { code: 'TH-247', country: 'TH', kind: 'CONTACT_POINT_24_7', timezone: 'Asia/Bangkok' });
      const res = await t.http
        .patch(`/api/v1/authorities/${created.id as string}`)
        .set('authorization', as.admin)
        .send({ name: 'Royal Thai Police 24/7', language: 'th' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: created.id, code: 'TH-247', name: 'Royal Thai Police 24/7', language: 'th', country: 'TH' });
      expect(res.body).not.toHaveProperty('webhookSecret');

      expectProblem(
        await t.http.patch('/api/v1/authorities/7d3f1c52-0000-4000-8000-000000000000').set('authorization', as.admin).send({ name: 'Nobody' }),
        404,
        'NOT_FOUND',
      );
      const badTz = await t.http.patch(`/api/v1/authorities/${created.id as string}`).set('authorization', as.admin).send({ timezone: 'Nowhere/Land' });
      expectProblem(badTz, 400, 'VALIDATION_FAILED');
      expect(errorFields(badTz)).toEqual(['timezone']);
      const badKind = await t.http.patch(`/api/v1/authorities/${created.id as string}`).set('authorization', as.admin).send({ kind: 'COURT' });
      expectProblem(badKind, 400, 'VALIDATION_FAILED');
      // The code and the country identify an authority: not changeable.
      const code = await t.http.patch(`/api/v1/authorities/${created.id as string}`).set('authorization', as.admin).send({ code: 'TH-OTHER' });
      expectProblem(code, 400, 'VALIDATION_FAILED');
    });

    it('answers the webhook signing secret (whsec_, base64) once, when webhookUrl is set; never later', async () => {
      const vnCa = await authorityId(t, 'VN-CA');
      const set = await t.http
        .patch(`/api/v1/authorities/${vnCa}`)
        .set('authorization', as.admin)
        .send({ webhookUrl: 'https://hooks.vn.example/mla' });
      expect(set.status).toBe(200);
      expect(set.body.webhookUrl).toBe('https://hooks.vn.example/mla');
      expect(set.body.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
      expect(Buffer.from((set.body.webhookSecret as string).slice('whsec_'.length), 'base64').length).toBeGreaterThanOrEqual(24);

      // The URL is shown to admins and VN-CA's own supervisors only (issue 11); the secret to nobody.
      for (const who of ['admin', 'vnSupervisor', 'vnOfficer', 'sgOfficer'] as UserKey[]) {
        const list = await t.http.get('/api/v1/authorities').set('authorization', as[who]);
        const shown = list.body.items.find((a: { id: string }) => a.id === vnCa);
        expect(shown.webhookUrl).toBe(who === 'admin' || who === 'vnSupervisor' ? 'https://hooks.vn.example/mla' : null);
        expect(shown).not.toHaveProperty('webhookSecret');
        expect(JSON.stringify(list.body)).not.toContain(set.body.webhookSecret);
      }
      // A later change without webhookUrl does not show it again.
      const renamed = await t.http.patch(`/api/v1/authorities/${vnCa}`).set('authorization', as.admin).send({ language: 'vi' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).not.toHaveProperty('webhookSecret');
      // Setting it again rotates it.
      const again = await t.http.patch(`/api/v1/authorities/${vnCa}`).set('authorization', as.admin).send({ webhookUrl: 'https://hooks.vn.example/mla2' });
      expect(again.body.webhookSecret).toMatch(/^whsec_/);
      expect(again.body.webhookSecret).not.toBe(set.body.webhookSecret);
      // Removing it answers no secret.
      const removed = await t.http.patch(`/api/v1/authorities/${vnCa}`).set('authorization', as.admin).send({ webhookUrl: null });
      expect(removed.status).toBe(200);
      expect(removed.body.webhookUrl).toBeNull();
      expect(removed.body).not.toHaveProperty('webhookSecret');
      // And a bad URL is a 400.
      expectProblem(await t.http.patch(`/api/v1/authorities/${vnCa}`).set('authorization', as.admin).send({ webhookUrl: 'not a url' }), 400, 'VALIDATION_FAILED');
    });
  });

  describe('users', () => {
    const post = (bearer: string, body: Record<string, unknown>) => t.http.post('/api/v1/users').set('authorization', bearer).send(body);

    it('lets an ADMIN create a user (201) who never answers a password hash and can log in', async () => {
      const vnCa = await authorityId(t, 'VN-CA');
      const res = await post(as.admin, { email: 'new.officer@vn.example', displayName: 'Phạm Quốc Dũng', role: 'OFFICER', authorityId: vnCa, password: 'a-long-enough-password' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.any(String), email: 'new.officer@vn.example', displayName: 'Phạm Quốc Dũng', role: 'OFFICER', authorityId: vnCa, active: true });
      expect(Object.keys(res.body)).not.toEqual(expect.arrayContaining(['password']));
      expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|password_hash|argon2|a-long-enough-password/);
      const [stored] = await t.sql<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'new.officer@vn.example'`);
      expect(stored?.password_hash).toMatch(/^\$argon2id\$/);

      const logged = await login({ email: 'new.officer@vn.example', password: 'a-long-enough-password' });
      expect(logged.status).toBe(200);
      const me = await t.http.get('/api/v1/me').set('authorization', `Bearer ${logged.body.accessToken as string}`);
      expect(me.body).toMatchObject({ role: 'OFFICER', authority: { code: 'VN-CA' } });

      const list = await t.http.get('/api/v1/users?limit=100').set('authorization', as.admin);
      expect(list.status).toBe(200);
      expect(JSON.stringify(list.body)).not.toMatch(/passwordHash|password_hash|argon2|"password"/);
    });

    it('answers 409 CONFLICT to a duplicate e-mail (case-insensitive)', async () => {
      const sgCa = await authorityId(t, 'SG-CA');
      const dup = await post(as.admin, { email: USERS.sgOfficer, displayName: 'Impostor', role: 'OFFICER', authorityId: sgCa, password: 'another-long-password' });
      expectProblem(dup, 409, 'CONFLICT');
      expect(errorFields(dup)).toEqual(['email']);
      const upper = await post(as.admin, { email: USERS.sgOfficer.toUpperCase(), displayName: 'Impostor', role: 'OFFICER', authorityId: sgCa, password: 'another-long-password' });
      expectProblem(upper, 409, 'CONFLICT');
    });

    it('answers 422 to a role its authority cannot hold, and to a missing authorityId', async () => {
      const vnCa = await authorityId(t, 'VN-CA');
      const vnPros = await authorityId(t, 'VN-HCM-PROS');
      const prosecutorInCa = await post(as.admin, { email: 'p1@vn.example', displayName: 'P One', role: 'PROSECUTOR', authorityId: vnCa, password: 'long-password-123' });
      expectProblem(prosecutorInCa, 422, 'RULE_VIOLATED');
      expect(errorFields(prosecutorInCa)).toEqual(['authorityId']);
      const officerInProsecution = await post(as.admin, { email: 'o1@vn.example', displayName: 'O One', role: 'OFFICER', authorityId: vnPros, password: 'long-password-123' });
      expectProblem(officerInProsecution, 422, 'RULE_VIOLATED');
      const unknownAuthority = await post(as.admin, {
        email: 'o2@vn.example',
        displayName: 'O Two',
        role: 'OFFICER',
        authorityId: '7d3f1c52-0000-4000-8000-000000000000',
        password: 'long-password-123',
      });
      expectProblem(unknownAuthority, 422, 'RULE_VIOLATED');
      expect(errorFields(unknownAuthority)).toEqual(['authorityId']);

      const missing = await post(as.admin, { email: 'p2@vn.example', displayName: 'P Two', role: 'PROSECUTOR', password: 'long-password-123' });
      expectProblem(missing, 422, 'REQUEST_INCOMPLETE');
      expect(errorFields(missing)).toEqual(['authorityId']);

      const adminWithAuthority = await post(as.admin, { email: 'a2@example.org', displayName: 'A Two', role: 'ADMIN', authorityId: vnCa, password: 'long-password-123' });
      expectProblem(adminWithAuthority, 422, 'RULE_VIOLATED');
      const rows = await t.sql(`SELECT 1 FROM users WHERE email IN ('p1@vn.example', 'o1@vn.example', 'o2@vn.example', 'p2@vn.example', 'a2@example.org')`);
      expect(rows).toHaveLength(0);
    });

    it('answers 422 to a user of an authority that is not this node’s own (OFFLINE: on no MLA Hub), on creation and on a move', async () => {
      const offline = await authorityId(t, 'US-OIA');
      const created = await post(as.admin, { email: 'o3@us.example', displayName: 'O Three', role: 'OFFICER', authorityId: offline, password: 'long-password-123' });
      expectProblem(created, 422, 'RULE_VIOLATED');
      expect(errorFields(created)).toEqual(['authorityId']);
      expect(created.body.detail).toMatch(/US-OIA works on no MLA Hub/);
      const vnCa = await authorityId(t, 'VN-CA');
      const ok = await post(as.admin, { email: 'o4@vn.example', displayName: 'O Four', role: 'OFFICER', authorityId: vnCa, password: 'long-password-123' });
      expect(ok.status).toBe(201);
      const moved = await t.http.patch(`/api/v1/users/${ok.body.id as string}`).set('authorization', as.admin).send({ authorityId: offline });
      expectProblem(moved, 422, 'RULE_VIOLATED');
      expect(await t.sql(`SELECT authority_id FROM users WHERE email = 'o4@vn.example'`)).toEqual([{ authority_id: vnCa }]);
      expect(await t.sql(`SELECT 1 FROM users WHERE email = 'o3@us.example'`)).toHaveLength(0);
    });

    it('answers 400 to a short password, a bad e-mail, an unknown role or field, naming each', async () => {
      const vnCa = await authorityId(t, 'VN-CA');
      const base = { email: 'x1@vn.example', displayName: 'X One', role: 'OFFICER', authorityId: vnCa, password: 'long-password-123' };
      const cases: [Record<string, unknown>, string][] = [
        [{ password: 'short' }, 'password'],
        [{ email: 'not-an-email' }, 'email'],
        [{ role: 'GOD' }, 'role'],
        [{ authorityId: 'VN-CA' }, 'authorityId'],
        [{ passwordHash: '$argon2id$...' }, 'passwordHash'],
      ];
      for (const [change, field] of cases) {
        const res = await post(as.admin, { ...base, ...change });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect([field, errorFields(res)]).toEqual([field, [field]]);
      }
    });

    it('answers 403 to non-admins on POST and GET /users', async () => {
      const vnCa = await authorityId(t, 'VN-CA');
      for (const who of ['vnProsecutor', 'vnOfficer', 'vnSupervisor', 'sgSupervisor'] as UserKey[]) {
        expectProblem(
          await post(as[who], { email: `by-${who}@vn.example`, displayName: 'X', role: 'OFFICER', authorityId: vnCa, password: 'long-password-123' }),
          403,
          'FORBIDDEN',
        );
        expectProblem(await t.http.get('/api/v1/users').set('authorization', as[who]), 403, 'FORBIDDEN');
      }
    });

    it('pages GET /users with a cursor: every user exactly once; filters by role and authority', async () => {
      const sg247 = await authorityId(t, 'SG-247');
      for (let i = 0; i < 3; i++) await createUser(t, as.admin, { email: `pager${i}@sg.example`, role: 'OFFICER', authorityId: sg247 });

      const all = await t.http.get('/api/v1/users?limit=100').set('authorization', as.admin);
      expect(all.status).toBe(200);
      expect(all.body.nextCursor).toBeNull();
      const allIds = (all.body.items as { id: string }[]).map((u) => u.id);
      expect(allIds.length).toBeGreaterThanOrEqual(10);

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
          .get('/api/v1/users')
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set('authorization', as.admin);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((u) => u.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 50);
      expect(seen).toEqual(allIds);
      expect(new Set(seen).size).toBe(seen.length);

      const officers = await t.http.get(`/api/v1/users?role=OFFICER&authorityId=${sg247}`).set('authorization', as.admin);
      expect((officers.body.items as { email: string }[]).map((u) => u.email).sort()).toEqual(['pager0@sg.example', 'pager1@sg.example', 'pager2@sg.example']);

      expectProblem(await t.http.get('/api/v1/users?cursor=not-a-cursor').set('authorization', as.admin), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http.get('/api/v1/users?limit=101').set('authorization', as.admin), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http.get('/api/v1/users?limit=0').set('authorization', as.admin), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http.get('/api/v1/users?role=GOD').set('authorization', as.admin), 400, 'VALIDATION_FAILED');
    });

    it('pages users created in the same instant (one transaction, microsecond timestamps) each exactly once', async () => {
      // PostgreSQL keeps microseconds: give three users one shared instant, as one transaction's now() would.
      await t.sql(`UPDATE users SET created_at = '2026-11-02T03:00:00.123456Z' WHERE email IN ($1, $2, $3)`, [
        USERS.sgProsecutor,
        USERS.sgOfficer,
        USERS.sgSupervisor,
      ]);
      const all = await t.http.get('/api/v1/users?limit=100').set('authorization', as.admin);
      const allIds = (all.body.items as { id: string }[]).map((u) => u.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 50; pages++) {
        const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
          .get('/api/v1/users')
          .query({ limit: 1, ...(cursor ? { cursor } : {}) })
          .set('authorization', as.admin);
        seen.push(...res.body.items.map((u) => u.id));
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(allIds);
    });
  });

  describe('public endpoints', () => {
    it('answers the health probes without a token', async () => {
      const live = await t.http.get('/health/live');
      expect(live.status).toBe(200);
      expect(live.body.status).toBe('ok');
      const ready = await t.http.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.info).toEqual(expect.objectContaining({ database: expect.anything(), redis: expect.anything() }));
    });

    it('answers an unknown route with a 404 problem', async () => {
      expectProblem(await t.http.get('/api/v1/nothing-here').set('authorization', as.vnOfficer), 404, 'NOT_FOUND');
    });
  });
});
