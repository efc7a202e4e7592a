import { cookieLogin, SAME_ORIGIN, sessionCookieOf } from '../support/sessions';
import { createTestApp, TestApp } from '../support/test-app';

/** The queue dashboard (Bull Board) is for ADMIN only (issue: supervision, item 4). */
describe('queue dashboard (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 401 without a token and 403 to other roles', async () => {
    const none = await t.http.get('/admin/queues');
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    for (const email of ['supervisor@vn.example', 'officer@sg.example']) {
      const res = await t.http.get('/admin/queues/api/queues').set('authorization', await t.login(email));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    expect((await t.http.get('/admin/queues').set('authorization', 'Bearer nonsense')).status).toBe(401);
  });

  it('shows the deadlines and notifications queues to an admin, by header or by the console session cookie (no token in the URL)', async () => {
    const bearer = await t.login('admin@example.org');
    const page = await t.http.get('/admin/queues').set('authorization', bearer);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const api = await t.http.get('/admin/queues/api/queues').set('authorization', bearer);
    expect(api.status).toBe(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['deadlines', 'notifications']);

    // A browser signs in once with a cookie session (issue 12: the URL token is gone).
    const login = await t.http
      .post('/api/v1/auth/login')
      .set(SAME_ORIGIN)
      .send({ email: 'admin@example.org', password: 'demo-password-2026', session: 'cookie' });
    expect(login.status).toBe(200);
    expect(login.headers['set-cookie']?.[0]).toMatch(/HttpOnly/);
    const withCookie = await t.http.get('/admin/queues/api/queues').set('cookie', sessionCookieOf(login));
    expect(withCookie.status).toBe(200);
    const refused = await t.http.get('/admin/queues/api/queues').set('cookie', await cookieLogin(t, 'prosecutor@vn.example'));
    expect(refused.status).toBe(403);
    // The URL-token sign-in is gone (issue 12).
    expect((await t.http.get(`/admin/queues/login?token=${bearer.slice(7)}`)).status).not.toBe(302);
  });
});
