// bench/federation: messages between two real nodes on this machine (issue 20, DESIGN §15).
// A VN node and an SG node (each its own database, Redis prefix, port on 127.0.0.1, key file,
// API and worker processes, built from dist/), peered through their APIs as their ADMINs would;
// requests prepared (untimed); then one action that sends a federation message, driven through
// the API at BENCH_RATE actions/s for BENCH_SECONDS (open loop, at most BENCH_MAX_INFLIGHT at
// once: a machine that cannot keep up shows as a lower achieved rate, never as a pile-up).
// After a bounded drain, both databases are read:
//   commit→arrival  the receiver's federation_inbox.received_at − the sender's
//                   federation_outbox.created_at (the action's instant), per message (same
//                   machine, same clock): p50, p99, max;
//   responseToArrival  received_at − the instant the action's 200 reached this client (after
//                   the commit): a lower bound of commit→arrival (see `send` below);
//   deliveredPerSec the messages that arrived / (last arrival − start of the load);
//   lost            messages of the window not DELIVERED or not in the receiver's inbox;
//   doubled         messages in the receiver's inbox more than once;
//   requestsWithoutOneMessagePerAction  requests whose actions (answered 200) did not write one
//                   message each in the window.
// Prints one JSON line (with the load average seen at its start and end).
//
// The load action (LOAD_ACTION, or BENCH_ACTION):
//   send          VN's officer sends a request to SG-CA (PEER): `request.sent`, VN → SG. Each
//                 send renders and seals its letter (a PDF) before it takes the lock, and the
//                 action's instant (the message's created_at) is taken before that render: its
//                 commit→arrival includes the render; responseToArrival does not.
//   report_delay  SG's officer reports a delay on a request it acknowledged (repeatable in
//                 ACKNOWLEDGED and IN_EXECUTION): `request.event`, SG → VN. Needs the requested
//                 node to create its copy of a request sent (request.sent intake) and to send
//                 its shared acts as `request.event` (issue 20's shared life): the bench says so
//                 and stops when SG has no copy of the requests sent.
//
//   BENCH_RATE (default 50/s), BENCH_SECONDS (default 60), BENCH_DRAIN_SECONDS (default 60),
//   BENCH_MAX_INFLIGHT (default 64), BENCH_REQUESTS (report_delay: requests shared, default 100),
//   BENCH_ACTION (default LOAD_ACTION), BENCH_KEEP_LOGS=<dir> (keeps each process's output).
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { createHash, randomBytes } = require('node:crypto');
const { Client } = require('pg');
const { ROOT, BENCH_ENV, freshDatabase, dropDatabase, percentile, round, deleteRedisPrefix } = require('../lib/harness');

/** The action the load is made of: SG's officer's report_delay (a shared act of the requested node, sent to VN as request.event); 'send' also runs (each renders a letter). */
const LOAD_ACTION = 'report_delay';
const ACTION = process.env.BENCH_ACTION ?? LOAD_ACTION;
const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 60);
const MAX_INFLIGHT = Number(process.env.BENCH_MAX_INFLIGHT ?? 64);
const SHARED_REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
/** Preparing requests (create, submit; for report_delay also send and acknowledge) and starting the nodes: bounded too. */
const PREPARE_SECONDS = Number(process.env.BENCH_PREPARE_SECONDS ?? 900);
const PASSWORD = 'demo-password-2026';
const RUN = `${process.pid}`;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

if (!['send', 'report_delay'].includes(ACTION)) {
  console.error(`bench/federation: BENCH_ACTION must be send or report_delay (not ${ACTION})`);
  process.exit(2);
}

function call(base, method, url, token, body) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const target = url.startsWith('/.well-known') ? `${base}${url}` : `${base}/api/v1${url}`;
  return new Promise((resolve, reject) => {
    const req = http.request(target, {
      method, agent,
      headers: { accept: 'application/json', ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = text;
        }
        if (res.statusCode >= 300) reject(new Error(`${method} ${url} answered ${res.statusCode}: ${typeof json === 'string' ? json.slice(0, 300) : JSON.stringify(json).slice(0, 300)}`));
        else resolve(json);
      });
    });
    req.setTimeout(120_000, () => req.destroy(new Error(`${method} ${url}: no answer within 120 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A free port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = require('node:net').createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a built entry point; resolves once its output says it is ready, rejects if it exits first or takes more than 120 s. */
function startProcess(label, entry, env, ready, logDir) {
  const child = spawn(process.execPath, [path.join(ROOT, entry)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = logDir ? fs.createWriteStream(path.join(logDir, `${label.replace(/\s+/g, '-')}.log`)) : null;
  let tail = '';
  const keep = (c) => {
    log?.write(c);
    tail = (tail + c.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
  const started = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} not ready within 120 s:\n${tail}`)), 120_000);
    const onData = () => {
      if (!ready.test(tail)) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${signal ?? code}) before it was ready:\n${tail}`));
    });
  });
  started.catch(() => undefined);
  return { child, started, stop };
}

/**
 * One node: its database (migrated and seeded by its API at start: DEMO_SEED, NODE_COUNTRIES'
 * people and authorities only), then its API, then its worker. Development mode: the peers
 * are plain http on 127.0.0.1, which production refuses.
 */
async function startNode(name, countries, dir, logDir, cleanups) {
  const database = `mla_bench_federation_${RUN}_${name}`;
  const url = await freshDatabase(database);
  cleanups.push(() => dropDatabase(database));
  const prefix = `bench-fed-${RUN}-${name}`;
  cleanups.push(async () => {
    const Redis = require('ioredis');
    const redis = new Redis(REDIS_URL);
    await deleteRedisPrefix(redis, prefix);
    redis.disconnect();
  });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const home = path.join(dir, name);
  fs.mkdirSync(home, { recursive: true });
  const env = {
    ...process.env, ...BENCH_ENV,
    NODE_ENV: 'development', DEMO_SEED: 'true', HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: url, REDIS_URL, QUEUE_PREFIX: prefix,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    NODE_ID: `${name}.bench.localhost`, NODE_COUNTRIES: countries, NODE_URL: base, NODE_KEY_FILE: path.join(home, 'node-key.pem'),
    EVIDENCE_STORAGE_DIR: path.join(home, 'evidence'), SEAL_KEYS_DIR: path.join(home, 'seal-keys'),
  };
  const api = startProcess(`${name} API`, 'dist/apps/api/src/main.js', env, /MLA Hub API listening/, logDir);
  cleanups.push(api.stop);
  await api.started;
  const worker = startProcess(`${name} worker`, 'dist/apps/worker/src/main.js', { ...env, MIGRATIONS_RUN: 'false' }, /MLA Hub worker running/, logDir);
  cleanups.push(worker.stop);
  await worker.started;
  const db = new Client({ connectionString: url });
  await db.connect();
  cleanups.push(() => db.end());
  const login = async (email) => (await call(base, 'POST', '/auth/login', null, { email, password: PASSWORD })).accessToken;
  return { name, base, db, login };
}

/** RFC 7638 thumbprint (SHA-256, base64url) of an Ed25519 public JWK. */
function thumbprint(jwk) {
  return createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })).digest('base64url');
}

/** Peers both ways through the APIs (scripts/federation-peer.mjs), then each reads the other's directory. */
async function peer(a, b) {
  const admins = new Map([[a, await a.login('admin@example.org')], [b, await b.login('admin@example.org')]]);
  const ids = new Map();
  for (const [node, other] of [[a, b], [b, a]]) {
    const known = await call(other.base, 'GET', '/.well-known/mla-hub');
    const added = await call(node.base, 'POST', '/peers', admins.get(node), { url: other.base, keyThumbprint: thumbprint(known.jwks.keys[0]) });
    ids.set(node, added.id);
  }
  for (const node of [a, b]) await call(node.base, 'PATCH', `/peers/${ids.get(node)}`, admins.get(node), { action: 'refresh_directory' });
}

/** A request VN → SG-CA meeting Singapore's requirements (config/countries.yaml). */
function requestBody(sgCa, i) {
  return {
    type: 'SUBSCRIBER_INFO', priority: 'ROUTINE', channel: 'CENTRAL_AUTHORITY', legalBasis: 'ASEAN_MLAT_2004', requestedAuthorityId: sgCa,
    title: `Bench federation ${i}`, offence: { description: 'Online fraud', provision: 'Penal Code art. 174' }, facts: 'Victims paid after messages.',
    measures: ['Produce the subscriber information'], identifiers: [{ kind: 'EMAIL', value: `holder-${i}@example.com` }], language: 'en',
    details: {
      criminalMatterCertificate: 'The procuracy certifies that the request concerns a criminal matter.',
      maximumPenalty: 'Life imprisonment (Penal Code 2015, art. 174(4)).',
      offenceMeasureLink: 'The account received the payments; its data identify its holder.',
      reciprocityUndertaking: 'Viet Nam will comply with a future request by Singapore for similar assistance.',
    },
  };
}

/** Runs `work(item)` over `items`, `width` at a time. */
async function pool(items, width, work) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  }));
}

/** Drafts on VN to SG-CA, each submitted (IN_REVIEW, ready to send). */
async function prepareDrafts(vn, count) {
  const prosecutor = await vn.login('prosecutor@vn.example');
  const sgCa = (await call(vn.base, 'GET', '/authorities?country=SG&kind=CENTRAL_AUTHORITY', prosecutor)).items.find((a) => a.code === 'SG-CA');
  if (sgCa?.reach !== 'PEER') throw new Error(`SG-CA is ${sgCa?.reach ?? 'unknown'} on VN after peering (PEER expected)`);
  const ids = new Array(count);
  await pool(Array.from({ length: count }, (_, i) => i), 8, async (i) => {
    const { id } = await call(vn.base, 'POST', '/requests', prosecutor, requestBody(sgCa.id, i));
    await call(vn.base, 'POST', `/requests/${id}/transitions`, prosecutor, { action: 'submit' });
    ids[i] = id;
  });
  return ids;
}

/** The load: one of these per action; answers the request it acted on. */
async function prepareLoad(vn, sg) {
  const vnOfficer = await vn.login('officer@vn.example');
  if (ACTION === 'send') {
    const ids = await prepareDrafts(vn, Math.ceil(RATE * SECONDS * 1.05) + 10);
    let next = 0;
    return {
      from: vn, to: sg, type: 'request.sent', requests: ids,
      // One send per request: the next draft each time, never one twice.
      pick: () => (next < ids.length ? ids[next++] : null),
      release: () => undefined,
      act: (id) => call(vn.base, 'POST', `/requests/${id}/transitions`, vnOfficer, { action: 'send' }),
    };
  }
  // report_delay: requests sent to SG, SG's copies acknowledged, then delays reported on them round-robin, one at a time per request.
  const ids = await prepareDrafts(vn, SHARED_REQUESTS);
  await pool(ids, 4, (id) => call(vn.base, 'POST', `/requests/${id}/transitions`, vnOfficer, { action: 'send' }));
  const until = Date.now() + 120_000;
  for (;;) {
    const { rows } = await sg.db.query(`SELECT count(*)::int AS n FROM requests WHERE id = ANY($1::uuid[])`, [ids]);
    if (rows[0].n === ids.length) break;
    if (Date.now() > until) {
      throw new Error(`SG holds ${rows[0].n} of the ${ids.length} requests VN sent after 120 s: this build's SG node does not create its copy of a request sent (request.sent intake), so report_delay cannot run yet; BENCH_ACTION=send runs`);
    }
    await sleep(250);
  }
  const sgOfficer = await sg.login('officer@sg.example');
  await pool(ids, 4, (id) => call(sg.base, 'POST', `/requests/${id}/transitions`, sgOfficer, { action: 'acknowledge' }));
  const expectedBy = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const busy = new Set();
  let cursor = 0;
  return {
    from: sg, to: vn, type: 'request.event', requests: ids,
    pick: () => {
      for (let k = 0; k < ids.length; k++) {
        const id = ids[(cursor + k) % ids.length];
        if (!busy.has(id)) {
          cursor = (cursor + k + 1) % ids.length;
          busy.add(id);
          return id;
        }
      }
      return null;
    },
    release: (id) => busy.delete(id),
    act: (id) => call(sg.base, 'POST', `/requests/${id}/transitions`, sgOfficer, { action: 'report_delay', reason: 'The provider answers slowly', expectedBy }),
  };
}

async function main() {
  const started = Date.now();
  const loadAtStart = os.loadavg().map((x) => round(x, 2));
  const hard = setTimeout(() => {
    console.error('bench/federation: hard timeout');
    process.exit(2);
  }, (PREPARE_SECONDS + SECONDS + DRAIN_SECONDS + 60) * 1000);
  hard.unref();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mla-bench-federation-'));
  const logDir = process.env.BENCH_KEEP_LOGS || null;
  if (logDir) fs.mkdirSync(logDir, { recursive: true });
  const cleanups = [async () => fs.rmSync(dir, { recursive: true, force: true })];
  try {
    const [vn, sg] = await Promise.all([startNode('vn', 'VN', dir, logDir, cleanups), startNode('sg', 'SG', dir, logDir, cleanups)]);
    await peer(vn, sg);
    const load = await prepareLoad(vn, sg);
    const prepareSeconds = (Date.now() - started) / 1000;

    // Open loop: one action every 1000/RATE ms while fewer than MAX_INFLIGHT are under way.
    const responded = new Map(); // request id → instants its actions' answers arrived, in order
    const inflight = new Set();
    let actions = 0;
    let errors = 0;
    let skipped = 0;
    let firstError = null;
    const loadStart = Date.now();
    const windowStart = new Date(loadStart - 1); // created_at is stored to the millisecond
    for (let i = 0; Date.now() - loadStart < SECONDS * 1000; i++) {
      const wait = loadStart + i * (1000 / RATE) - Date.now();
      if (wait > 0) await sleep(wait);
      const id = inflight.size < MAX_INFLIGHT ? load.pick() : null;
      if (!id) {
        skipped++;
        continue;
      }
      const done = load.act(id).then(
        () => {
          actions++;
          responded.set(id, [...(responded.get(id) ?? []), Date.now()]);
        },
        (error) => {
          errors++;
          firstError ??= String(error).slice(0, 400);
        },
      ).finally(() => {
        load.release(id);
        inflight.delete(done);
      });
      inflight.add(done);
    }
    await Promise.all(inflight);
    const loadEnd = Date.now();

    // The messages the window's actions wrote, until each is settled (bounded).
    const windowRows = () => load.from.db.query(
      `SELECT id, request_id AS "requestId", state, created_at AS "createdAt" FROM federation_outbox WHERE type = $1 AND created_at >= $2 ORDER BY position`,
      [load.type, windowStart],
    );
    const drainEnd = Date.now() + DRAIN_SECONDS * 1000;
    let rows = (await windowRows()).rows;
    while (rows.some((r) => r.state === 'PENDING') && Date.now() < drainEnd) {
      await sleep(250);
      rows = (await windowRows()).rows;
    }
    const arrived = new Map(
      (await load.to.db.query(`SELECT message_id AS id, count(*)::int AS n, min(received_at) AS "receivedAt" FROM federation_inbox WHERE message_id = ANY($1::uuid[]) GROUP BY message_id`, [rows.map((r) => r.id)])).rows.map((r) => [r.id, r]),
    );
    const latencies = [];
    const fromResponse = [];
    const byRequest = new Map();
    for (const r of rows) byRequest.set(r.requestId, [...(byRequest.get(r.requestId) ?? []), r]);
    // Requests whose actions answered 200 other than once per message of the window (an action without its message, or with two).
    let unmatched = 0;
    for (const [requestId, messages] of byRequest) {
      const answers = responded.get(requestId) ?? [];
      if (answers.length !== messages.length) unmatched++;
      messages.forEach((m, k) => {
        const got = arrived.get(m.id);
        if (!got || m.state !== 'DELIVERED') return;
        latencies.push(got.receivedAt.getTime() - m.createdAt.getTime());
        if (answers.length === messages.length) fromResponse.push(got.receivedAt.getTime() - answers[k]);
      });
    }
    for (const [requestId, answers] of responded) if (!byRequest.has(requestId) && answers.length > 0) unmatched++;
    latencies.sort((a, b) => a - b);
    fromResponse.sort((a, b) => a - b);
    const states = rows.reduce((acc, r) => ({ ...acc, [r.state]: (acc[r.state] ?? 0) + 1 }), {});
    const lost = rows.filter((r) => r.state !== 'DELIVERED' || !arrived.has(r.id)).length;
    const lastArrival = Math.max(...[...arrived.values()].map((a) => a.receivedAt.getTime()), loadStart);
    console.log(JSON.stringify({
      bench: 'federation',
      action: ACTION,
      messageType: load.type,
      direction: `${load.from.name}→${load.to.name}`,
      targetPerSec: RATE,
      seconds: SECONDS,
      actionsPerSec: round(actions / ((loadEnd - loadStart) / 1000)),
      actions,
      actionErrors: errors,
      ticksSkipped: skipped,
      messages: rows.length,
      states,
      delivered: latencies.length,
      deliveredPerSec: round(latencies.length / ((lastArrival - loadStart) / 1000)),
      lost,
      doubled: [...arrived.values()].filter((a) => a.n > 1).length,
      requestsWithoutOneMessagePerAction: unmatched,
      commitToArrivalP50Ms: percentile(latencies, 50),
      commitToArrivalP99Ms: percentile(latencies, 99),
      commitToArrivalMaxMs: latencies[latencies.length - 1] ?? null,
      responseToArrivalP50Ms: percentile(fromResponse, 50),
      responseToArrivalP99Ms: percentile(fromResponse, 99),
      responseToArrivalMaxMs: fromResponse[fromResponse.length - 1] ?? null,
      prepareSeconds: round(prepareSeconds),
      cpus: os.cpus().length,
      loadAverage: { atStart: loadAtStart, atEnd: os.loadavg().map((x) => round(x, 2)) },
      ...(firstError ? { firstError } : {}),
      aim: { perSec: 50, commitToArrivalP99Ms: 500, lost: 0, doubled: 0 },
    }));
    if (lost > 0 || errors > 0 || unmatched > 0) process.exitCode = 1;
  } finally {
    clearTimeout(hard);
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(`bench/federation cleanup: ${String(error)}`));
    agent.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
