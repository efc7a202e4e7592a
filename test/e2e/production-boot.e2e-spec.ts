import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { freePort, kill, waitForOutput } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Safe deployment defaults (issue 10, item 5), on the built API (`npm run build` first, as
 * scripts/test.sh does): in production the boot refuses a weak JWT secret naming the
 * variable, and the demo seed runs only when asked, then says so loudly.
 */
// Each case spawns the built API (or worker) several times: seconds each on a busy machine.
const SPAWNING_TEST_MS = 120_000;

describe('production boot (e2e, built API)', () => {
  let t: TestApp;
  const main = join(__dirname, '..', '..', 'dist/apps/api/src/main.js');

  beforeAll(async () => {
    t = await createTestApp({ seed: false });
  });
  afterAll(() => t.close());

  const env = (extra: Record<string, string>) => ({
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    DATABASE_URL: t.config.DATABASE_URL,
    REDIS_URL: t.config.REDIS_URL,
    QUEUE_PREFIX: t.config.QUEUE_PREFIX,
    MIGRATIONS_RUN: 'false',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'),
    ...extra,
  });

  /** Runs a built entry point that must refuse to start; answers its stderr. */
  const refusal = async (entry: string, environment: Record<string, string>) => {
    const child = spawn(process.execPath, [entry], { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).not.toBe(0);
    return stderr;
  };

  it('refuses to start without an explicit NODE_ENV, the API and the worker alike (issue 22 item 5)', async () => {
    const worker = join(__dirname, '..', '..', 'dist/apps/worker/src/main.js');
    for (const entry of [main, worker]) {
      const { NODE_ENV: _unset, ...rest } = env({ JWT_SECRET: randomBytes(32).toString('base64'), PORT: String(await freePort()) });
      expect(await refusal(entry, rest)).toMatch(/NODE_ENV: required/);
    }
  }, SPAWNING_TEST_MS);

  it('refuses a random secret shorter than 32 bytes, and the published webhook key (issue 22 items 5, 7)', async () => {
    const short = randomBytes(24).toString('base64').slice(0, 31);
    expect(await refusal(main, env({ JWT_SECRET: short, PORT: String(await freePort()) }))).toMatch(/JWT_SECRET.*shorter than 32/);
    const { WEBHOOK_SECRET_KEY: _none, ...keyless } = env({ JWT_SECRET: randomBytes(32).toString('base64'), PORT: String(await freePort()) });
    expect(await refusal(main, keyless)).toMatch(/WEBHOOK_SECRET_KEY: required in production/);
  }, SPAWNING_TEST_MS);

  it('refuses to start with a short, published or obvious JWT secret, naming JWT_SECRET', async () => {
    for (const secret of ['short', 'mla-hub-development-secret-do-not-use-in-production', 'change-me-to-a-long-random-secret-of-32-chars-or-more', 'x'.repeat(48)]) {
      const child = spawn(process.execPath, [main], { env: env({ JWT_SECRET: secret, PORT: String(await freePort()) }), stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const [code] = (await once(child, 'exit')) as [number];
      expect(code).not.toBe(0);
      expect(stderr).toMatch(/JWT_SECRET/);
    }
  }, SPAWNING_TEST_MS);

  it('seeds no demo account by default, and with DEMO_SEED=true warns with the published password', async () => {
    const secret = randomBytes(32).toString('base64');
    const quietPort = await freePort();
    const quiet = spawn(process.execPath, [main], { env: env({ JWT_SECRET: secret, PORT: String(quietPort) }), stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await waitForOutput(quiet, /MLA Hub API listening/);
      expect(await t.sql(`SELECT 1 FROM users WHERE email LIKE '%.example' OR email = 'admin@example.org'`)).toHaveLength(0);
      // HSTS in production, with the other security headers (issue 22 item 6).
      const live = await fetch(`http://127.0.0.1:${quietPort}/health/live`);
      expect(live.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(live.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      await kill(quiet, 'SIGTERM');
    }

    const loud = spawn(process.execPath, [main], { env: env({ JWT_SECRET: secret, PORT: String(await freePort()), DEMO_SEED: 'true' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    // Resolves once both streams together have printed the loud line (an event, never a poll).
    const warned = new Promise<void>((resolve) => {
      const onData = (d: Buffer) => {
        output += d.toString();
        if (/WARN: DEMO_SEED=true in production/.test(output) && /MLA Hub API listening/.test(output)) resolve();
      };
      loud.stderr.on('data', onData);
      loud.stdout.on('data', onData);
    });
    try {
      await warned;
      expect(output).toMatch(/WARN: DEMO_SEED=true in production.*demo-password-2026/);
      expect(output).toMatch(/"level":40.*DEMO_SEED=true in production.*demo-password-2026/);
      expect(await t.sql(`SELECT 1 FROM users WHERE email = 'admin@example.org'`)).toHaveLength(1);
    } finally {
      await kill(loud, 'SIGTERM');
    }
  }, SPAWNING_TEST_MS);
});
