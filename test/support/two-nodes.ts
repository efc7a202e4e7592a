import { removeRedisPrefix } from './redis-prefix';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './processes';
import { databaseUrl, TEST_PG_ADMIN_URL, TEST_REDIS_URL } from './test-env';

/**
 * Real nodes side by side for federation tests (DESIGN §15): each its own database (cloned from
 * the migrated template), Redis prefix, port on 127.0.0.1, key file and folders, and its own API
 * and worker processes started from `dist` (run `npm run build` first). A process that exits
 * before it is ready fails the start at once with its stderr's tail; whatever was started is
 * torn down (process groups killed, databases dropped, Redis keys removed) on close and on a failed
 * start; should the test process die first, the processes stop themselves (exit-with-parent.cjs)
 * and the next run's global setup drops the databases.
 */
const ROOT = join(__dirname, '..', '..');
const READY_TIMEOUT_MS = Number(process.env.TWO_NODES_READY_TIMEOUT_MS ?? 90_000);
const STOP_TIMEOUT_MS = 10_000;
const WATCH_PARENT = join(__dirname, 'exit-with-parent.cjs');
const TAIL = 4000;
export const DEMO_PASSWORD = 'demo-password-2026';

export interface NodeSpec {
  /** Short name: part of the database, prefix and NODE_ID (`vn` → vn.mla.test). */
  name: string;
  /** NODE_COUNTRIES. */
  countries: string;
  /** Extra environment for both processes (e.g. a wrong value, to test a failed start). */
  env?: Record<string, string>;
}

export interface RunningNode {
  name: string;
  nodeId: string;
  /** http://127.0.0.1:<port>, also its NODE_URL. */
  url: string;
  databaseName: string;
  queuePrefix: string;
  keyFile: string;
  /** The current API and worker processes. */
  readonly api: ChildProcess;
  readonly worker: ChildProcess;
  /** Stops this node's API or worker (SIGTERM to its process group, SIGKILL if it lingers): a node down. */
  stop(role: NodeRole): Promise<void>;
  /** Starts it again with the same environment (port, database, key file); resolves once it is ready. */
  start(role: NodeRole): Promise<void>;
  /** A request to this node's API (`path` under /api/v1, or absolute such as /health/ready). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Signs a user in on this node; answers the bearer header value (throws unless 200). */
  login(email: string, password?: string): Promise<string>;
  /** A query on this node's database, for what the API cannot show. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export type NodeRole = 'api' | 'worker';

export interface Nodes {
  nodes: RunningNode[];
  close(): Promise<void>;
}

/** A VN node and an SG node (NODE_COUNTRIES VN and SG). */
export async function startTwoNodes(): Promise<Nodes & { vn: RunningNode; sg: RunningNode }> {
  const started = await startNodes([{ name: 'vn', countries: 'VN' }, { name: 'sg', countries: 'SG' }]);
  const [vn, sg] = started.nodes as [RunningNode, RunningNode];
  return { ...started, vn, sg };
}

/** Starts every node's API and worker together; resolves once all answer, or rejects (after cleaning up) when one does not start. */
export async function startNodes(specs: NodeSpec[]): Promise<Nodes> {
  const cleanups: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const nodes: RunningNode[] = [];
    const ready: Promise<void>[] = [];
    for (const spec of specs) nodes.push(await prepareNode(spec, cleanups, ready));
    await Promise.all(ready);
    return { nodes, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function prepareNode(spec: NodeSpec, cleanups: (() => Promise<void>)[], ready: Promise<void>[]): Promise<RunningNode> {
  const runId = process.env.TEST_RUN_ID ?? 'local';
  const suffix = randomBytes(4).toString('hex');
  const databaseName = `mla_test_${runId}_${suffix}_${spec.name}`;
  const queuePrefix = `mlatest-${suffix}-${spec.name}`;
  const dir = mkdtempSync(join(tmpdir(), `mla-node-${spec.name}-`));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  await admin(`CREATE DATABASE "${databaseName}" TEMPLATE "mla_test_template_${runId}"`);
  cleanups.push(() => admin(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
  cleanups.push(() => removeRedisKeys(queuePrefix));

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const keyFile = join(dir, 'node-key.pem');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: databaseUrl(databaseName),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    NODE_ID: `${spec.name}.mla.test`,
    NODE_COUNTRIES: spec.countries,
    NODE_URL: url,
    NODE_KEY_FILE: keyFile,
    EVIDENCE_STORAGE_DIR: join(dir, 'evidence'),
    SEAL_KEYS_DIR: join(dir, 'seal-keys'),
    MIGRATIONS_RUN: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    ...spec.env,
  };
  const launch = (role: NodeRole): Started =>
    role === 'api'
      ? startProcess(`${spec.name} API`, 'dist/apps/api/src/main.js', env, /MLA Hub API listening/)
      : startProcess(`${spec.name} worker`, 'dist/apps/worker/src/main.js', env, /MLA Hub worker running/);
  const procs: Record<NodeRole, Started> = { api: launch('api'), worker: launch('worker') };
  cleanups.push(() => procs.api.stop());
  cleanups.push(() => procs.worker.stop());
  ready.push(procs.api.ready, procs.worker.ready);

  let db: Client | null = null;
  cleanups.push(async () => {
    await db?.end();
  });
  const call = (path: string, init?: RequestInit) => fetch(`${url}${path.startsWith('/api/') || path.startsWith('/health') || path.startsWith('/.well-known') ? '' : '/api/v1'}${path}`, init);
  return {
    name: spec.name,
    nodeId: env.NODE_ID as string,
    url,
    databaseName,
    queuePrefix,
    keyFile,
    get api() {
      return procs.api.child;
    },
    get worker() {
      return procs.worker.child;
    },
    stop: (role) => procs[role].stop(),
    async start(role) {
      await procs[role].stop();
      procs[role] = launch(role);
      await procs[role].ready;
    },
    fetch: call,
    async login(email, password = DEMO_PASSWORD) {
      const res = await call('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
      if (res.status !== 200) throw new Error(`login ${email} on ${spec.name} failed: ${res.status} ${await res.text()}`);
      return `Bearer ${((await res.json()) as { accessToken: string }).accessToken}`;
    },
    async sql<T>(text: string, params: unknown[] = []) {
      if (!db) {
        db = new Client({ connectionString: env.DATABASE_URL });
        await db.connect();
      }
      return (await db.query(text, params)).rows as T[];
    },
  };
}

interface Started {
  child: ChildProcess;
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** Spawns a built entry point in a process group of its own; `ready` resolves when stdout matches, rejects with stderr's tail if it exits first or takes too long. */
function startProcess(label: string, entry: string, env: Record<string, string>, readyLine: RegExp): Started {
  // Its own process group (killed whole on teardown); stdin a pipe from this process, whose end stops it should this process die first.
  const child = spawn(process.execPath, ['--require', WATCH_PARENT, join(ROOT, entry)], { cwd: ROOT, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out = (out + chunk.toString()).slice(-TAIL)));
  child.stderr?.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-TAIL)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} not ready after ${READY_TIMEOUT_MS} ms; stderr:\n${err || '(empty)'}\nstdout:\n${out}`)), READY_TIMEOUT_MS);
    const onData = () => {
      if (!readyLine.test(out)) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve();
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${signal ?? code}) before it was ready; stderr:\n${err || '(empty)'}`));
    });
  });
  ready.catch(() => undefined);
  return { child, ready, stop: () => stopGroup(child, exited) };
}

/** SIGTERM to the child's whole group, SIGKILL if it has not exited within STOP_TIMEOUT_MS. */
async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
    } catch {
      // the group is gone
    }
  };
  if (child.exitCode === null && child.signalCode === null) {
    signal('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT_MS)))]);
    clearTimeout(timer);
  }
  signal('SIGKILL');
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function removeRedisKeys(prefix: string): Promise<void> {
  return removeRedisPrefix(TEST_REDIS_URL, prefix);
}
