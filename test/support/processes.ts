import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { AppConfig } from '../../libs/core/src/config/app-config';

const ROOT = join(__dirname, '..', '..');

/** Resolves when `child` prints a line matching `pattern` (rejects if it exits first). */
export function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`process exited (${code}) before printing ${pattern}: ${seen.slice(-500)}`)));
  });
}

/** Starts the built worker (dist) as its own process, on the test's database and Redis prefix. */
export async function spawnWorker(config: AppConfig, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/worker/src/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: config.REDIS_URL,
      QUEUE_PREFIX: config.QUEUE_PREFIX,
      DEADLINE_POLICY_PATH: config.DEADLINE_POLICY_PATH,
      MIGRATIONS_RUN: 'false',
      RECONCILE_INTERVAL_MS: '0',
    OUTBOX_RECONCILE_INTERVAL_MS: '0',
      LOG_LEVEL: 'silent',
      WORKER_LOCK_MS: String(config.WORKER_LOCK_MS),
      WORKER_STALLED_INTERVAL_MS: String(config.WORKER_STALLED_INTERVAL_MS),
      WEBHOOK_BACKOFF_MS: String(config.WEBHOOK_BACKOFF_MS),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForOutput(child, /MLA Hub worker running/);
  return child;
}

export async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A Redis of the test's own (no persistence) on `port`, ready when this resolves. */
export async function spawnRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForOutput(child, /Ready to accept connections/);
  return child;
}

/** Starts the built API (dist) as its own process, on the test's database and Redis prefix; resolves with its base URL once ready. */
export async function spawnApi(config: AppConfig, env: Record<string, string> = {}): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: config.REDIS_URL,
      QUEUE_PREFIX: config.QUEUE_PREFIX,
      DEADLINE_POLICY_PATH: config.DEADLINE_POLICY_PATH,
      JWT_SECRET: config.JWT_SECRET,
      JWT_TTL_SECONDS: String(config.JWT_TTL_SECONDS),
      EVIDENCE_MAX_BYTES: String(config.EVIDENCE_MAX_BYTES),
      MIGRATIONS_RUN: 'false',
      DEMO_SEED: 'false',
      LOG_LEVEL: 'silent',
      // The test app's own federation key (DESIGN §15): the same node, not one in the repository's var/.
      ...(config.NODE_KEY_FILE ? { NODE_KEY_FILE: config.NODE_KEY_FILE } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForOutput(child, /MLA Hub API listening/);
  return { child, base: `http://127.0.0.1:${port}` };
}
