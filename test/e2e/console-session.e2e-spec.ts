import { join } from 'node:path';
import request from 'supertest';
import { createApi } from '../../apps/api/src/bootstrap';
import { createTestApp, TestApp } from '../support/test-app';
import { authorityId, completeDraft, expectProblem, USERS } from '../support/fixtures';

/**
 * The console's session (DESIGN §12): a login asking for a cookie session sets an HttpOnly
 * SameSite=Strict cookie on /, the guard accepts it without a bearer header, a cookie-carried
 * change needs a same-origin Origin, logout ends it and clears it. And the console is
 * served at / (hashed assets immutable, index.html for client routes, never for the API's
 * prefixes), with a CSP that allows nothing from other origins.
 */
describe('console session cookie and static console (e2e)', () => {
  let t: TestApp;
  const HOST = 'console.test:3000';
  const ORIGIN = `http://${HOST}`;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp({ consoleDir: join(__dirname, '..', 'fixtures', 'console') });
    const res = await t.http.post('/api/v1/auth/login').set('host', HOST).set('origin', ORIGIN).send({ email: USERS.vnProsecutor, password: 'demo-password-2026', session: 'cookie' });
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    cookie = (setCookie.find((c) => c.startsWith('mla_session=')) ?? '').split(';')[0] as string;
  });
  afterAll(() => t.close());

  describe('login and the session cookie', () => {
    it('sets an HttpOnly, SameSite=Strict cookie on / (not Secure outside production), and answers no token', async () => {
      const res = await t.http.post('/api/v1/auth/login').set('host', HOST).set('origin', ORIGIN).send({ email: USERS.sgOfficer, password: 'demo-password-2026', session: 'cookie' });
      expect(res.status).toBe(200);
      expect(res.body.accessToken).toBeUndefined();
      const line = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('mla_session='));
      expect(line).toBeDefined();
      expect(line).toMatch(/; HttpOnly/i);
      expect(line).toMatch(/; SameSite=Strict/i);
      expect(line).toMatch(/; Path=\//);
      expect(line).toMatch(/; Max-Age=\d+/);
      expect(line).not.toMatch(/; Secure/i);
    });

    it('authenticates reads with the cookie alone', async () => {
      const me = await t.http.get('/api/v1/me').set('cookie', cookie);
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(USERS.vnProsecutor);
    });

    it('refuses a cookie-carried change without an Origin, or from another origin (403), and accepts it from its own', async () => {
      const body = completeDraft(await authorityId(t, 'SG-CA'));
      const none = await t.http.post('/api/v1/requests').set('host', HOST).set('cookie', cookie).send(body);
      expectProblem(none, 403, 'FORBIDDEN');
      const other = await t.http.post('/api/v1/requests').set('host', HOST).set('origin', 'http://evil.example').set('cookie', cookie).send(body);
      expectProblem(other, 403, 'FORBIDDEN');
      const nullOrigin = await t.http.post('/api/v1/requests').set('host', HOST).set('origin', 'null').set('cookie', cookie).send(body);
      expectProblem(nullOrigin, 403, 'FORBIDDEN');
      const same = await t.http.post('/api/v1/requests').set('host', HOST).set('origin', ORIGIN).set('cookie', cookie).send(body);
      expect(same.status).toBe(201);
      const patch = await t.http.patch(`/api/v1/requests/${same.body.id as string}`).set('host', HOST).set('cookie', cookie).send({ title: 'x' });
      expectProblem(patch, 403, 'FORBIDDEN');
      const del = await t.http.delete(`/api/v1/requests/${same.body.id as string}`).set('host', HOST).set('origin', ORIGIN).set('cookie', cookie);
      expect(del.status).toBe(204);
    });

    it('keeps bearer clients unchanged: no Origin needed, and the bearer header wins over a cookie', async () => {
      const bearer = await t.login(USERS.vnProsecutor);
      const body = completeDraft(await authorityId(t, 'SG-CA'));
      const res = await t.http.post('/api/v1/requests').set('authorization', bearer).send(body);
      expect(res.status).toBe(201);
      const wrongBearer = await t.http.get('/api/v1/me').set('authorization', 'Bearer not-a-token').set('cookie', cookie);
      expectProblem(wrongBearer, 401, 'UNAUTHENTICATED');
    });

    it('opens the queue board to an ADMIN signed in to the console, not to other roles', async () => {
      const admin = await t.http.post('/api/v1/auth/login').set('host', HOST).set('origin', ORIGIN).send({ email: USERS.admin, password: 'demo-password-2026', session: 'cookie' });
      const adminCookie = (([] as string[]).concat(admin.headers['set-cookie'] ?? []).find((c) => c.startsWith('mla_session=')) ?? '').split(';')[0] as string;
      expect((await t.http.get('/admin/queues').set('cookie', adminCookie)).status).toBe(200);
      expectProblem(await t.http.get('/admin/queues').set('cookie', cookie), 403, 'FORBIDDEN');
    });

    it('answers 401 for a forged cookie', async () => {
      const res = await t.http.get('/api/v1/me').set('cookie', 'mla_session=forged.token.value');
      expectProblem(res, 401, 'UNAUTHENTICATED');
    });

    it('logout answers 204 and clears the cookie; it needs the Origin like any cookie-carried change', async () => {
      const login = await t.http.post('/api/v1/auth/login').set('host', HOST).set('origin', ORIGIN).send({ email: USERS.vnOfficer, password: 'demo-password-2026', session: 'cookie' });
      const own = (([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith('mla_session=')) ?? '').split(';')[0] as string;
      const refused = await t.http.post('/api/v1/auth/logout').set('host', HOST).set('cookie', own);
      expectProblem(refused, 403, 'FORBIDDEN');
      const res = await t.http.post('/api/v1/auth/logout').set('host', HOST).set('origin', ORIGIN).set('cookie', own);
      expect(res.status).toBe(204);
      const cleared = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('mla_session='));
      expect(cleared).toMatch(/^mla_session=;/);
      expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
      expect(cleared).toMatch(/; Path=\//);
      const anonymous = await t.http.post('/api/v1/auth/logout');
      expectProblem(anonymous, 401, 'UNAUTHENTICATED');
    });
  });

  describe('the console at /', () => {
    it('answers index.html (no-cache) with the security headers for / and client routes', async () => {
      for (const path of ['/', '/inbox', '/requests/6f1c7f0e-0000-4000-8000-000000000000', '/sign-in?next=%2Finbox']) {
        const res = await t.http.get(path);
        expect([path, res.status]).toEqual([path, 200]);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.text).toContain('MLA Hub test console');
        expect(res.headers['cache-control']).toBe('no-cache');
        const csp = res.headers['content-security-policy'] as string;
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
        expect(csp).toContain("frame-ancestors 'none'");
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
      }
    });

    it('serves hashed assets immutably, and a missing asset or file is a 404, never the page', async () => {
      const res = await t.http.get('/assets/app-abc123.js');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect((await t.http.get('/assets/missing-123.js')).status).toBe(404);
      const missing = await t.http.get('/favicon.ico');
      expect(missing.status).toBe(404);
      expect(missing.text).not.toContain('MLA Hub test console');
    });

    it('never answers the page for the API, docs, health, metrics and admin prefixes: their JSON problem 404s stay', async () => {
      for (const path of ['/api/v1/nothing-here', '/api', '/docs/nothing-here', '/health/nothing', '/metrics/x', '/admin', '/admin/other']) {
        const res = await t.http.get(path);
        expect([path, res.status]).toEqual([path, 404]);
        expect([path, String(res.headers['content-type'])]).toEqual([path, expect.stringMatching(/^application\/problem\+json/)]);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      expect((await t.http.get('/health/live')).status).toBe(200);
      expect((await t.http.get('/docs-json')).status).toBe(200);
    });

    it('starts without a console build: / answers a 404 problem that says how to build it', async () => {
      const app = await createApi({ config: t.config, clock: t.clock, migrate: false, seed: false, directory: false, consoleDir: join(__dirname, 'no-such-folder') });
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      try {
        const res = await request(app.getHttpServer()).get('/');
        expectProblem(res, 404, 'NOT_FOUND');
        expect(res.body.detail).toMatch(/console:build/);
        expect((await request(app.getHttpServer()).get('/health/live')).status).toBe(200);
      } finally {
        await app.close();
      }
    });
  });
});
