import { PasswordVerifier } from '../../libs/identity/src';
import { authorityId, createUser, expectProblem, loginAll, UserKey } from '../support/fixtures';
import { freePort, kill, spawnRedis } from '../support/processes';
import { freshBearer } from '../support/sessions';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Limits that hold under concurrency (DESIGN §12, issue 10): wrong passwords per account and
 * client, per client, and a per-account slowdown that never locks the owner out; the
 * API-wide limit per user and per client; in memory while Redis is down. The client address
 * is X-Forwarded-For, trusted from the loopback proxy (TRUST_PROXY=loopback) in this file.
 */
describe('limits (e2e)', () => {
  let t: TestApp;
  let as: Record<UserKey, string>;
  let vnCa: string;
  let n = 0;
  const PASSWORD = 'demo-password-2026';
  const PER_CLIENT = 15;
  const PER_USER = 40;
  const PER_CLIENT_API = 60;

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        TRUST_PROXY: 'loopback',
        LOGIN_MAX_FAILURES_PER_CLIENT: String(PER_CLIENT),
        RATE_LIMIT_PER_USER: String(PER_USER),
        RATE_LIMIT_PER_CLIENT: String(PER_CLIENT_API),
      },
    });
    as = await loginAll(t);
    vnCa = await authorityId(t, 'VN-CA');
  });
  afterAll(() => t.close());

  const checks = () => t.app.get(PasswordVerifier).checks;
  const login = (client: string, email: string, password: string) =>
    t.http.post('/api/v1/auth/login').set('x-forwarded-for', client).send({ email, password });
  const statuses = (answers: { status: number }[]) =>
    answers.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});

  async function newOfficer(): Promise<string> {
    const email = `limits.officer.${++n}@vn.example`;
    await createUser(t, as.admin, { email, role: 'OFFICER', authorityId: vnCa });
    return email;
  }

  it('40 parallel wrong passwords for one account from one client: only the configured 10 reach a password check; the owner signs in from another client', async () => {
    const email = await newOfficer();
    const before = checks();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login('203.0.113.10', email, `wrong-${i}`)));
    const checked = checks() - before;
    const counts = statuses(answers);
    process.stdout.write(`limits: 40 parallel wrong passwords, one account, one client: ${checked} password checks, answers ${JSON.stringify(counts)}\n`);
    expect(checked).toBe(t.config.LOGIN_MAX_FAILURES_PER_ACCOUNT_CLIENT);
    expect(counts).toEqual({ 401: 10, 429: 30 });
    for (const r of answers.filter((a) => a.status === 429)) {
      expectProblem(r, 429, 'RATE_LIMITED');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(r.body.retryAfterSeconds).toBe(Number(r.headers['retry-after']));
    }
    // The attacker's client is refused even with the right password (without a check) …
    const beforeRight = checks();
    expectProblem(await login('203.0.113.10', email, PASSWORD), 429, 'RATE_LIMITED');
    expect(checks()).toBe(beforeRight);
    // … while the owner, from their own client, signs in at once.
    expect((await login('198.51.100.20', email, PASSWORD)).status).toBe(200);
  });

  it('spraying wrong passwords over 40 accounts from one client: at most LOGIN_MAX_FAILURES_PER_CLIENT reach a check; other clients are unaffected', async () => {
    const before = checks();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login('203.0.113.11', `sprayed.${i}@vn.example`, 'Summer2026!')));
    const checked = checks() - before;
    const counts = statuses(answers);
    process.stdout.write(`limits: 40 parallel wrong passwords over 40 accounts, one client (limit ${PER_CLIENT}): ${checked} password checks, answers ${JSON.stringify(counts)}\n`);
    expect(checked).toBe(PER_CLIENT);
    expect(counts).toEqual({ 401: PER_CLIENT, 429: 40 - PER_CLIENT });
    const refused = answers.find((a) => a.status === 429) as (typeof answers)[number];
    expect(refused.body.limit).toBe('client');
    // The sprayed client cannot sign in anyone, even with the right password; another client can.
    expectProblem(await login('203.0.113.11', 'officer@vn.example', PASSWORD), 429, 'RATE_LIMITED');
    expect((await login('198.51.100.21', 'officer@vn.example', PASSWORD)).status).toBe(200);
  });

  it('slows down clients that failed on an account under attack, never the owner from a clean client', async () => {
    const email = await newOfficer();
    // Two attackers, each stopped at 10, reach the account-wide threshold (LOGIN_SLOWDOWN_AFTER, 20) together.
    const attack = await Promise.all(Array.from({ length: 20 }, (_, i) => login(i % 2 === 0 ? '203.0.113.12' : '203.0.113.13', email, `guess-${i}`)));
    expect(statuses(attack)).toEqual({ 401: 20 });
    const third = '203.0.113.14';
    expectProblem(await login(third, email, 'first-guess'), 401, 'UNAUTHENTICATED'); // a clean client: not slowed
    expectProblem(await login(third, email, 'second-guess'), 401, 'UNAUTHENTICATED'); // now failed here: one attempt, then a pause
    const slowed = await login(third, email, 'third-guess');
    expectProblem(slowed, 429, 'RATE_LIMITED');
    expect(slowed.body.limit).toBe('slowdown');
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The owner, from a client without failures on the account, is never slowed.
    expect((await login('198.51.100.22', email, PASSWORD)).status).toBe(200);
  });

  it('limits the whole API per signed-in user (wherever they call from) and per client otherwise: 429 RATE_LIMITED with Retry-After', async () => {
    const email = await newOfficer();
    const bearer = await freshBearer(t, email, PASSWORD, { 'x-forwarded-for': '198.51.100.30' });
    const calls = await Promise.all(
      Array.from({ length: PER_USER + 5 }, (_, i) => t.http.get('/api/v1/me').set('authorization', bearer).set('x-forwarded-for', `198.51.100.${31 + (i % 5)}`)),
    );
    expect(statuses(calls)).toEqual({ 200: PER_USER, 429: 5 });
    const limited = calls.find((c) => c.status === 429) as (typeof calls)[number];
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['x-ratelimit-limit']).toBe(String(PER_USER));
    // Another user from the same addresses is not affected.
    expect((await t.http.get('/api/v1/me').set('authorization', as.vnOfficer).set('x-forwarded-for', '198.51.100.31')).status).toBe(200);

    // Without a valid session: per client address (a forged token counts as none).
    const anonymous = await Promise.all(
      Array.from({ length: PER_CLIENT_API + 3 }, (_, i) =>
        t.http.get('/api/v1/requests').set('x-forwarded-for', '203.0.113.40').set('authorization', i % 2 ? 'Bearer forged.token.here' : 'Bearer x'),
      ),
    );
    expect(statuses(anonymous)).toEqual({ 401: PER_CLIENT_API, 429: 3 });
    expect((await t.http.get('/api/v1/requests').set('x-forwarded-for', '203.0.113.41')).status).toBe(401);
    // The health probes are never limited.
    const probes = await Promise.all(Array.from({ length: PER_CLIENT_API + 3 }, () => t.http.get('/health/live').set('x-forwarded-for', '203.0.113.40')));
    expect(statuses(probes)).toEqual({ 200: PER_CLIENT_API + 3 });
  });

  it('with Redis down, login is limited in process memory and the API still answers', async () => {
    const port = await freePort();
    let redis = await spawnRedis(port);
    const r = await createTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}`, TRUST_PROXY: 'loopback', RATE_LIMIT_PER_CLIENT: '1000' } });
    try {
      const admin = await r.login('admin@example.org');
      const email = 'redis.down@vn.example';
      await createUser(r, admin, { email, role: 'OFFICER', authorityId: await authorityId(r, 'VN-CA') });
      const owner = await freshBearer(r, email);
      await kill(redis, 'SIGKILL');

      const verifier = r.app.get(PasswordVerifier);
      const before = verifier.checks;
      const answers = await Promise.all(
        Array.from({ length: 25 }, (_, i) => r.http.post('/api/v1/auth/login').set('x-forwarded-for', '203.0.113.50').send({ email, password: `wrong-${i}` })),
      );
      const checked = verifier.checks - before;
      process.stdout.write(`limits: Redis down, 25 parallel wrong passwords: ${checked} password checks, answers ${JSON.stringify(statuses(answers))}\n`);
      expect(checked).toBe(r.config.LOGIN_MAX_FAILURES_PER_ACCOUNT_CLIENT);
      expect(statuses(answers)).toEqual({ 401: 10, 429: 15 });
      // The API answers: sessions are checked in PostgreSQL (the cache is bypassed), logins work from another client.
      expect((await r.http.get('/api/v1/me').set('authorization', owner)).status).toBe(200);
      expect((await r.http.post('/api/v1/auth/login').set('x-forwarded-for', '198.51.100.50').send({ email, password: PASSWORD })).status).toBe(200);
      // Sign-out still takes effect at once (the revocation is in PostgreSQL; no replica trusts its memory).
      expect((await r.http.post('/api/v1/auth/logout').set('authorization', owner)).status).toBe(204);
      expectProblem(await r.http.get('/api/v1/me').set('authorization', owner), 401, 'UNAUTHENTICATED');
    } finally {
      redis = await spawnRedis(port);
      await r.close();
      await kill(redis, 'SIGTERM');
    }
  });
});
