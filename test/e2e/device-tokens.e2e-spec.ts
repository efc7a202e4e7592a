import { authorityId, createUser, expectProblem, loginAll, UserKey } from '../support/fixtures';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * A lockout that warns and never locks the owner out (DESIGN §12, issue 21 item 7): a 401
 * says how many wrong passwords are left before a pause (the same shape for an unknown
 * account); a client that signed in to the account before carries a device token (a bearer
 * client's `deviceToken`, the console's HttpOnly cookie) that the account's lockout does not
 * apply to; a forged or foreign token is ignored (the client meets the lockout); the
 * token's own wrong passwords are limited.
 */
describe('login lockout and device tokens (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let vnCa: string;
  let n = 0;
  const PASSWORD = 'demo-password-2026';
  const HOST = 'hub.example.test';
  const ORIGIN = `http://${HOST}`;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: 'loopback', LOGIN_MAX_FAILURES_PER_DEVICE: '5' } });
    as = await loginAll(t);
    vnCa = await authorityId(t, 'VN-CA');
  });
  afterAll(() => t.close());

  const login = (client: string, body: Record<string, unknown>, cookie?: string) => {
    const req = t.http.post('/api/v1/auth/login').set('x-forwarded-for', client);
    if (cookie) req.set('cookie', cookie);
    return req.send(body);
  };
  async function newOfficer(): Promise<string> {
    const email = `device.officer.${++n}@vn.example`;
    await createUser(t, as.admin, { email, role: 'OFFICER', authorityId: vnCa });
    return email;
  }
  async function hammer(client: string, email: string, times: number, extra: Record<string, unknown> = {}) {
    const answers = [];
    for (let i = 0; i < times; i++) answers.push(await login(client, { email, password: `wrong-${i}`, ...extra }));
    return answers;
  }

  it('a 401 says how many attempts are left, with the same shape for an unknown account', async () => {
    const email = await newOfficer();
    const known = await hammer('198.51.100.1', email, 3);
    const unknown = await hammer('198.51.100.2', 'nobody.here@vn.example', 3);
    for (const answers of [known, unknown]) {
      answers.forEach((r) => expectProblem(r, 401, 'UNAUTHENTICATED'));
      expect(answers.map((r) => r.body.attemptsRemaining)).toEqual([9, 8, 7]);
    }
    const shape = (r: { body: Record<string, unknown> }) => Object.keys(r.body).filter((k) => k !== 'requestId').sort();
    expect(shape(unknown[0] as never)).toEqual(shape(known[0] as never));
    expect(unknown[0]?.body.detail).toBe(known[0]?.body.detail);
  });

  it('40 wrong passwords from one address lock an unknown client out; the owner’s device token still signs in', async () => {
    const email = await newOfficer();
    const owner = await login('203.0.113.50', { email, password: PASSWORD });
    expect(owner.status).toBe(200);
    const deviceToken = owner.body.deviceToken as string;
    expect(deviceToken).toMatch(/^d1\./);
    const consoleLogin = await login('203.0.113.50', { email, password: PASSWORD, session: 'cookie' }).set('host', HOST).set('origin', ORIGIN);
    expect(consoleLogin.status).toBe(200);
    const deviceCookie = ([] as string[]).concat(consoleLogin.headers['set-cookie'] ?? []).find((c) => c.startsWith('mla_device='));
    expect(deviceCookie).toMatch(/HttpOnly/i);
    expect(deviceCookie).toMatch(/SameSite=Strict/i);
    expect(consoleLogin.body.deviceToken).toBeUndefined();

    // The attacker shares the owner's address (one office behind one NAT).
    const attack = await hammer('203.0.113.50', email, 40);
    expect(attack.filter((r) => r.status === 401)).toHaveLength(10);
    expect(attack.filter((r) => r.status === 429)).toHaveLength(30);
    expect(attack[9]?.body.attemptsRemaining).toBe(0);
    expectProblem(await login('203.0.113.50', { email, password: PASSWORD }), 429, 'RATE_LIMITED');

    const withToken = await login('203.0.113.50', { email, password: PASSWORD, deviceToken });
    expect(withToken.status).toBe(200);
    const withCookie = await login('203.0.113.50', { email, password: PASSWORD, session: 'cookie' }, (deviceCookie as string).split(';')[0]).set('host', HOST).set('origin', ORIGIN);
    expect(withCookie.status).toBe(200);
  });

  it('a forged, altered or foreign device token is ignored: the client meets the lockout', async () => {
    const email = await newOfficer();
    const other = await newOfficer();
    const otherToken = (await login('203.0.113.60', { email: other, password: PASSWORD })).body.deviceToken as string;
    const ownToken = (await login('203.0.113.60', { email, password: PASSWORD })).body.deviceToken as string;
    await hammer('203.0.113.60', email, 10);
    const parts = ownToken.split('.');
    const forged = [...parts.slice(0, 4), `${parts[4]?.slice(0, -2)}AA`].join('.');
    const renamed = [parts[0], parts[1], 'stolen-id', parts[3], parts[4]].join('.');
    for (const token of [forged, renamed, otherToken, 'd1.x.y.z.w']) {
      expectProblem(await login('203.0.113.60', { email, password: PASSWORD, deviceToken: token }), 429, 'RATE_LIMITED');
    }
    expect((await login('203.0.113.60', { email, password: PASSWORD, deviceToken: ownToken })).status).toBe(200);
  });

  it("the device token's own wrong passwords are limited, and a success starts its count again", async () => {
    const email = await newOfficer();
    const deviceToken = (await login('203.0.113.70', { email, password: PASSWORD })).body.deviceToken as string;
    const first = await hammer('203.0.113.70', email, 4, { deviceToken });
    expect(first.map((r) => r.body.attemptsRemaining)).toEqual([4, 3, 2, 1]);
    expect((await login('203.0.113.70', { email, password: PASSWORD, deviceToken })).status).toBe(200);
    const stolen = await hammer('192.0.2.99', email, 7, { deviceToken });
    expect(stolen.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(stolen[5]?.body).toMatchObject({ code: 'RATE_LIMITED', limit: 'device' });
    expect(Number(stolen[5]?.headers['retry-after'])).toBeGreaterThan(0);
    // Locked, the token is refused even with the right password; the owner's other ways in stay.
    expectProblem(await login('192.0.2.99', { email, password: PASSWORD, deviceToken }), 429, 'RATE_LIMITED');
    expect((await login('203.0.113.71', { email, password: PASSWORD })).status).toBe(200);
  });
});
