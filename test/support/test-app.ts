import { removeRedisPrefix } from './redis-prefix';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { AppConfig, loadAppConfig } from '../../libs/core/src/config/app-config';
import { DEMO_PASSWORD } from '../../libs/identity/src/seed/demo-data';
import { createApi } from '../../apps/api/src/bootstrap';
import { TestClock } from './test-clock';
import { TestResolver } from './test-resolver';
import { databaseUrl, TEST_PG_ADMIN_URL, TEST_REDIS_URL } from './test-env';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: ReturnType<typeof request>;
  clock: TestClock;
  /** The DNS of this app and its workers (webhook targets). */
  resolver: TestResolver;
  databaseName: string;
  queuePrefix: string;
  /** Logs a user in (demo password by default) and answers the bearer header value. */
  login(email: string, password?: string): Promise<string>;
  /** A direct connection to this file's database, for assertions the API cannot make. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clockStart?: string;
  seed?: boolean;
  /** Also the demo requests to OFFLINE counterparts (DESIGN §14). */
  demoRequests?: boolean;
  /** Apply config/directory.yaml at boot (DESIGN §14); off unless a test asks, so that each file's authorities stay its own. */
  directory?: boolean;
  /** The console build folder to serve (default: the repository's apps/console/dist). */
  consoleDir?: string;
  resolver?: TestResolver;
}

/** Clones the migrated template into a database of this file's own, and starts the API on it. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const runId = process.env.TEST_RUN_ID ?? 'local';
  const suffix = randomBytes(4).toString('hex');
  const databaseName = `mla_test_${runId}_${suffix}`;
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${databaseName}" TEMPLATE "mla_test_template_${runId}"`);
  await admin.end();

  const queuePrefix = `mlatest-${suffix}`;
  const config = loadAppConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl(databaseName),
    DATABASE_POOL_SIZE: '25',
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    RECONCILE_INTERVAL_MS: '0',
    OUTBOX_RECONCILE_INTERVAL_MS: '0',
    FEDERATION_DELIVERY_INTERVAL_MS: '0',
    // In-process tests run federation passes themselves (a NOTIFY would run one behind their back).
    FEDERATION_LISTEN: 'false',
    CALENDAR_REFRESH_INTERVAL_MS: '0',
    EVIDENCE_STORAGE_DIR: join(tmpdir(), `mla-evidence-${suffix}`),
    SEAL_KEYS_DIR: join(tmpdir(), `mla-seal-keys-${suffix}`),
    // Each app its own federation key (DESIGN §15), created at its first start (never in production, which must be given one).
    ...(options.env?.NODE_ENV === 'production' ? {} : { NODE_KEY_FILE: join(tmpdir(), `mla-node-key-${suffix}.pem`) }),
    EVIDENCE_MAX_BYTES: String(64 * 1024),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Tests move the clock by months; tokens follow that clock.
    JWT_TTL_SECONDS: String(365 * 24 * 3600),
    DEADLINE_POLICY_PATH: 'config/deadline-policy.yaml',
    // A test file calls far faster than any person: the API-wide limits are the limits test's business.
    RATE_LIMIT_PER_USER: '1000000',
    RATE_LIMIT_PER_CLIENT: '1000000',
    ...options.env,
  });
  const clock = new TestClock(options.clockStart);
  const resolver = options.resolver ?? new TestResolver();
  const app = await createApi({ config, clock, resolver, migrate: false, seed: options.seed ?? true, demoRequests: options.demoRequests ?? false, directory: options.directory ?? false, consoleDir: options.consoleDir });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const http = request(app.getHttpServer());
  const db = new Client({ connectionString: config.DATABASE_URL });
  await db.connect();
  const tokens = new Map<string, string>();

  return {
    app,
    config,
    http,
    clock,
    resolver,
    databaseName,
    queuePrefix,
    async login(email, password = DEMO_PASSWORD) {
      const cached = tokens.get(`${email}:${password}`);
      if (cached) return cached;
      const res = await http.post('/api/v1/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      const bearer = `Bearer ${res.body.accessToken as string}`;
      tokens.set(`${email}:${password}`, bearer);
      return bearer;
    },
    async sql<T>(text: string, params: unknown[] = []) {
      return (await db.query(text, params)).rows as T[];
    },
    async close() {
      await db.end();
      await app.close();
      // Leave nothing behind in the shared Redis: this file's keys all carry its prefix.
      try {
        await removeRedisPrefix(config.REDIS_URL, queuePrefix);
      } catch {
        // Redis already gone (a test that stops it): nothing to clean.
      }
    },
  };
}

/** A second API replica of a test app: the same database, Redis prefix and clock (for cross-replica behaviour). */
export interface TestReplica {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

export async function createReplica(t: TestApp, env: Record<string, string> = {}): Promise<TestReplica> {
  const config = loadAppConfig({ ...configEnv(t.config), ...env });
  const app = await createApi({ config, clock: t.clock, resolver: t.resolver, migrate: false, seed: false, directory: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, http: request(app.getHttpServer()), close: () => app.close() };
}

/** The environment a config was loaded from (every key, as text). */
function configEnv(config: AppConfig): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) if (value !== undefined && value !== null && typeof value !== 'function') env[key] = String(value);
  return env;
}
