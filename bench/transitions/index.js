// bench/transitions: request lifecycles (create, then six actions to CLOSED) through the HTTP
// API with concurrent clients, and the very SQL statements the API issued for one lifecycle,
// replayed from a bare `pg` script: the same operations, the same number of them, the same
// concurrency, from the same starting database. Prints one JSON line.
//
// The lifecycle measured has its letter pre-rendered (issue 21: `send` renders and seals
// *before* it takes the row lock, and stores only under it). Before `send`, the VN officer
// downloads the letter to sign and uploads its signed copy (`prep`); `send` then finds the
// letter rendered (the API keeps the last 64) and its signed copy uploaded, and runs its
// statements alone. The prep is no operation: neither timed nor counted nor replayed.
//
// How it runs: a database is migrated and seeded once, then cloned (CREATE DATABASE …
// TEMPLATE) for each side, so both start from the same rows. One lifecycle's SQL is traced
// on a third clone, after a warm-up lifecycle (the API's caches — sessions, tokens — warm, as
// under load: the statements of the steady state). Each side then runs BENCH_ROUNDS rounds;
// a round is BENCH_CLIENTS clients with BENCH_PER_CLIENT lifecycles each, in three stages:
//   1. create and submit every lifecycle of the round (timed);
//   2. the prep of each (untimed; the bare script has none);
//   3. send, acknowledge, start_execution, deliver_evidence and close (timed).
// Within a stage each client runs its lifecycles' operations one after another; a stage ends
// when every client is done. A round holds at most 64 lifecycles, so every `send` finds its
// letter still kept from its prep.
//
// The bare script runs, for each operation, the statements the API issued for it, verbatim
// (START TRANSACTION and COMMIT included, the letter's bytes stored at `send` included), on one
// connection of a `pg` pool of the API's size, every id the lifecycle created replaced by a
// fresh one. Its reads find what the API's found, except the letter's number and signed copy
// (made by the prep, which it has not): the same index probes, one heap row fewer.
//
// The figures:
//   apiOpsPerSec      operations / wall time of the timed stages, through the API;
//   bareSqlOpsPerSec  the same for the bare script (the same operations, the same count);
//   ratio             apiOpsPerSec / bareSqlOpsPerSec (issue 21 aims at >= 0.6);
//   roundTripsPerOperation  the statements the API sends PostgreSQL for each operation, in
//                     the steady state (START TRANSACTION and COMMIT count as one each);
//   apiP50MsByAction, apiP99Ms  the API's latency per operation as its clients saw it;
//   dbSessions        (BENCH_WAITS=1) what the busy database sessions of each side did in its
//                     timed stages, as shares: `active Lock:transactionid` waits for a row
//                     another transaction holds; `idle in transaction Client:ClientRead` is a
//                     transaction open while its client computes its next statement.
//
//   BENCH_ROUNDS (default 4), BENCH_CLIENTS (default 16), BENCH_PER_CLIENT (default 3),
//   BENCH_POOL (default 10: the API's DATABASE_POOL_SIZE and the bare pool's size), BENCH_WAITS=1
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { createHash, randomUUID } = require('node:crypto');
const { Client, Pool } = require('pg');
const { ADMIN_URL, dbUrl, freshDatabase, dropDatabase, startApi: startApiProcess, percentile, round, SG_REQUIREMENTS, deleteRedisPrefix } = require('../lib/harness');

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const PER_CLIENT = Number(process.env.BENCH_PER_CLIENT ?? 3);
const POOL = Number(process.env.BENCH_POOL ?? 10);
const PASSWORD = 'demo-password-2026';
/** How many preps run at once: the API's TRANSFERS_PER_USER (default 4), the signed copies all being one officer's. */
const PREP_CLIENTS = 4;
/** The letters the API keeps rendered (LetterRenderer): a round's `send`s must find theirs. */
const KEPT_LETTERS = 64;

// node:http with keep-alive costs the load generator far less CPU than fetch, which
// matters on a small machine where the client, the API and PostgreSQL share the cores.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function call(base, method, url, token, body) {
  const raw = Buffer.isBuffer(body);
  const payload = body === undefined ? undefined : raw ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/api/v1${url}`,
      {
        method,
        agent,
        headers: {
          ...(payload ? { 'content-type': raw ? 'application/octet-stream' : 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const json = (res.headers['content-type'] ?? '').includes('json') ? JSON.parse(bytes.toString('utf8')) : { bytes, headers: res.headers };
          if (res.statusCode >= 300) reject(new Error(`${method} ${url} answered ${res.statusCode}: ${JSON.stringify(json)}`));
          else resolve(json);
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Before `send`: the officer downloads the letter to sign (rendered once, kept by the API)
 * and uploads its signed copy, bound to that letter's SHA-256.
 */
async function prepareSend(base, token, id) {
  const letter = await call(base, 'GET', `/requests/${id}/letter?lang=en`, token);
  const letterSha256 = letter.headers['x-content-sha256'];
  const scan = Buffer.concat([letter.bytes, Buffer.from(`\n% signed and stamped ${randomUUID()}\n`)]);
  const sha256 = createHash('sha256').update(scan).digest('hex');
  await call(base, 'POST', `/requests/${id}/signed-letter?language=en&fileName=signed.pdf&sha256=${sha256}&letterSha256=${letterSha256}`, token, scan);
}

async function session(base) {
  const login = async (email) => (await call(base, 'POST', '/auth/login', null, { email, password: PASSWORD })).accessToken;
  const [vnp, vno, sgo] = await Promise.all(['prosecutor@vn.example', 'officer@vn.example', 'officer@sg.example'].map(login));
  const authorities = await call(base, 'GET', '/authorities?country=SG&kind=CENTRAL_AUTHORITY', vnp);
  return { vnp, vno, sgo, sgCa: authorities.items[0].id };
}

/** One lifecycle: create, then six actions to CLOSED. */
function lifecycle(s) {
  return [
    ['create', s.vnp, (id) => ['POST', '/requests', {
      type: 'SUBSCRIBER_INFO', legalBasis: 'ASEAN_MLAT_2004', requestedAuthorityId: s.sgCa, title: 'Subscriber of account X',
      offence: { description: 'Online fraud', provision: 'Penal Code art. 174' }, facts: 'Victims paid after messages.',
      measures: ['Produce subscriber information'], identifiers: [{ kind: 'EMAIL', value: 'scam@example.com' }], ...SG_REQUIREMENTS,
    }]],
    ['submit', s.vnp, (id) => ['POST', `/requests/${id}/transitions`, { action: 'submit' }]],
    ['send', s.vno, (id) => ['POST', `/requests/${id}/transitions`, { action: 'send', signedLetter: 'UPLOADED' }]],
    ['acknowledge', s.sgo, (id) => ['POST', `/requests/${id}/transitions`, { action: 'acknowledge' }]],
    ['start_execution', s.sgo, (id) => ['POST', `/requests/${id}/transitions`, { action: 'start_execution' }]],
    ['deliver_evidence', s.sgo, (id) => ['POST', `/requests/${id}/transitions`, {
      action: 'deliver_evidence', final: true, items: [{ description: 'Subscriber record', kind: 'FILE', sha256: 'a'.repeat(64), sizeBytes: 1024 }],
    }]],
    ['close', s.vnp, (id) => ['POST', `/requests/${id}/transitions`, { action: 'close', outcome: 'Evidence received' }]],
  ];
}

/** The operations of the first timed stage, and of the second (after the prep). */
const BEFORE_PREP = ['create', 'submit'];
const AFTER_PREP = ['send', 'acknowledge', 'start_execution', 'deliver_evidence', 'close'];

/**
 * Runs the rounds of one side: `side.start()` makes a lifecycle's state, `side.operation(lc,
 * name)` runs one operation of it, `side.prep(lc)` its prep. Answers the wall time of the
 * timed stages, in seconds, and the operations run.
 */
async function runRounds(side, waits = null) {
  let seconds = 0;
  let operations = 0;
  const stage = async (lifecycles, work, timed = true) => {
    if (timed) waits?.resume();
    const started = performance.now();
    await Promise.all(lifecycles.map(async (mine) => {
      for (const lc of mine) await work(lc);
    }));
    if (timed) waits?.pause();
    return (performance.now() - started) / 1000;
  };
  const operationsOf = (names) => async (lc) => {
    for (const name of names) {
      await side.operation(lc, name);
      operations++;
    }
  };
  for (let r = 0; r < ROUNDS; r++) {
    const lifecycles = Array.from({ length: CLIENTS }, () => Array.from({ length: PER_CLIENT }, () => side.start()));
    seconds += await stage(lifecycles, operationsOf(BEFORE_PREP));
    // The prep, untimed: by PREP_CLIENTS at once (one officer uploads, and a user has at most TRANSFERS_PER_USER files under way).
    const all = lifecycles.flat();
    await stage(Array.from({ length: PREP_CLIENTS }, (_, i) => all.filter((_, j) => j % PREP_CLIENTS === i)), (lc) => side.prep(lc), false);
    seconds += await stage(lifecycles, operationsOf(AFTER_PREP));
  }
  return { seconds, operations };
}

/**
 * With BENCH_WAITS=1: what the phase's database sessions are doing during the timed stages,
 * sampled every 100 ms from pg_stat_activity (`state wait_event_type:wait_event`), as shares
 * of the busy sessions sampled. Off by default: the sampling's own queries are no part of
 * either side.
 */
function waitSampler(database) {
  if (process.env.BENCH_WAITS !== '1') return null;
  const counts = new Map();
  let sampling = false;
  let generation = 0;
  let loop = null;
  const client = new Client({ connectionString: ADMIN_URL });
  const connected = client.connect();
  const sample = async (mine) => {
    await connected;
    while (sampling && generation === mine) {
      const { rows } = await client.query(
        `SELECT state || ' ' || coalesce(wait_event_type, '-') || ':' || coalesce(wait_event, '-') AS what, count(*)::int AS n
         FROM pg_stat_activity WHERE datname = $1 AND state <> 'idle' AND pid <> pg_backend_pid() GROUP BY 1`,
        [database],
      );
      for (const { what, n } of rows) counts.set(what, (counts.get(what) ?? 0) + n);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return {
    resume: () => {
      sampling = true;
      const previous = loop;
      const mine = ++generation;
      loop = Promise.resolve(previous).then(() => sample(mine));
    },
    pause: () => {
      sampling = false;
    },
    async close() {
      sampling = false;
      await loop;
      await client.end();
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([what, n]) => [what, round(n / total, 3)]));
    },
  };
}

/** The API under load: its clients' operations, timed one by one for the latencies. */
async function apiSide(base, waits) {
  const s = await session(base);
  const steps = new Map(lifecycle(s).map(([name, token, make]) => [name, { token, make }]));
  const latencies = new Map([...steps.keys()].map((name) => [name, []]));
  const run = await runRounds({
    start: () => ({ id: null }),
    prep: (lc) => prepareSend(base, s.vno, lc.id),
    operation: async (lc, name) => {
      const { token, make } = steps.get(name);
      const [method, url, body] = make(lc.id);
      const t0 = performance.now();
      const answer = await call(base, method, url, token, body);
      latencies.get(name).push(performance.now() - t0);
      if (name === 'create') lc.id = answer.id;
    },
  }, waits);
  const all = [...latencies.values()].flat().sort((a, b) => a - b);
  const p50ByAction = Object.fromEntries([...latencies].map(([name, l]) => [name, round(percentile(l.sort((a, b) => a - b), 50), 2)]));
  return { ...run, p50ByAction, p99: percentile(all, 99) };
}

/**
 * One lifecycle against an API that traces its SQL, after a warm-up lifecycle: each
 * operation's statements in order, by name (the prep's are not kept).
 */
async function captureSql(base, traceFile) {
  const s = await session(base);
  const run = async (keep) => {
    let id;
    const operations = new Map();
    for (const [name, token, make] of lifecycle(s)) {
      if (name === 'send') await prepareSend(base, token, id);
      const [method, url, body] = make(id);
      fs.writeFileSync(traceFile, '');
      const answer = await call(base, method, url, token, body);
      if (name === 'create') id = answer.id;
      if (keep) operations.set(name, fs.readFileSync(traceFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l)));
    }
    return operations;
  };
  await run(false);
  return run(true);
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The bare script: each operation's traced statements, verbatim, on one connection of its pool. */
async function bareSide(url, captured, waits) {
  const pool = new Pool({ connectionString: url, max: POOL });
  try {
    // Every id the lifecycle created (the request's, its deadlines' — generated by the API,
    // not by PostgreSQL) is replaced by a fresh one in each lifecycle; the authorities' and
    // users' ids stay.
    const fixed = new Set((await pool.query(`SELECT id::text FROM authorities UNION ALL SELECT id::text FROM users`)).rows.map((r) => r.id));
    const created = new Set();
    for (const statements of captured.values()) {
      for (const st of statements) for (const p of st.parameters) if (typeof p === 'string') for (const m of p.match(UUID) ?? []) if (!fixed.has(m)) created.add(m);
    }
    // A bytea parameter (the letter frozen at send) was traced as JSON: the same bytes again.
    const substitute = (value, map) =>
      typeof value === 'string'
        ? value.replace(UUID, (m) => map.get(m) ?? m)
        : value && value.type === 'Buffer' && Array.isArray(value.data)
          ? Buffer.from(value.data)
          : value;
    return await runRounds({
      start: () => new Map([...created].map((id) => [id, randomUUID()])),
      prep: async () => {},
      operation: async (map, name) => {
        const client = await pool.connect();
        try {
          for (const st of captured.get(name)) await client.query(st.query, st.parameters.map((p) => substitute(p, map)));
        } finally {
          client.release();
        }
      },
    }, waits);
  } finally {
    await pool.end();
  }
}

/** A new database, a copy of `template` (no one may be connected to it). */
async function cloneDatabase(template, name) {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  return dbUrl(name);
}

async function main() {
  if (CLIENTS * PER_CLIENT > KEPT_LETTERS) throw new Error(`a round holds at most ${KEPT_LETTERS} lifecycles (BENCH_CLIENTS x BENCH_PER_CLIENT): the API keeps the last ${KEPT_LETTERS} letters rendered`);
  const prefix = `mla_bench_transitions_${process.pid}`;
  const names = { seed: `${prefix}_seed`, trace: `${prefix}_trace`, api: `${prefix}_api`, bare: `${prefix}_bare` };
  const queuePrefix = `bench-transitions-${process.pid}`;
  const traceFile = path.join(os.tmpdir(), `mla-sql-trace-${process.pid}.jsonl`);
  const env = (url, port, more = {}) => ({ PORT: String(port), DATABASE_URL: url, QUEUE_PREFIX: queuePrefix, DATABASE_POOL_SIZE: String(POOL), ...more });
  // Every API process started, stopped whatever happens (a failed run leaves none behind).
  const started = [];
  const startApi = async (e) => {
    const api = await startApiProcess(e);
    started.push(api);
    return api;
  };
  try {
    // 0. One database migrated and seeded, the template of the others.
    const seed = await startApi(env(await freshDatabase(names.seed), 39310));
    await seed.stop();

    // 1. The SQL of one lifecycle in the steady state (tracing on), on its own clone and API process.
    const tracing = await startApi(env(await cloneDatabase(names.seed, names.trace), 39311, { SQL_TRACE_FILE: traceFile }));
    const captured = await captureSql(tracing.base, traceFile);
    await tracing.stop();

    // 2. The API under load (tracing off), on a clone.
    const api = await startApi(env(await cloneDatabase(names.seed, names.api), 39312));
    const apiWaits = waitSampler(names.api);
    const viaApi = await apiSide(api.base, apiWaits);
    await api.stop();

    // 3. The same operations from the bare script, on a clone of the same seed.
    const bareWaits = waitSampler(names.bare);
    const bare = await bareSide(await cloneDatabase(names.seed, names.bare), captured, bareWaits);

    const apiRate = viaApi.operations / viaApi.seconds;
    const bareRate = bare.operations / bare.seconds;
    const roundTrips = Object.fromEntries([...captured].map(([name, statements]) => [name, statements.length]));
    console.log(
      JSON.stringify({
        bench: 'transitions',
        rounds: ROUNDS,
        clients: CLIENTS,
        lifecyclesPerClientPerRound: PER_CLIENT,
        pool: POOL,
        apiOpsPerSec: round(apiRate),
        bareSqlOpsPerSec: round(bareRate),
        ratio: round(apiRate / bareRate, 3),
        apiOperations: viaApi.operations,
        bareOperations: bare.operations,
        apiSeconds: round(viaApi.seconds, 2),
        bareSeconds: round(bare.seconds, 2),
        roundTripsPerOperation: roundTrips,
        roundTripsPerLifecycle: Object.values(roundTrips).reduce((a, b) => a + b, 0),
        apiP50MsByAction: viaApi.p50ByAction,
        apiP99Ms: round(viaApi.p99, 2),
        ...(apiWaits ? { dbSessions: { api: await apiWaits.close(), bare: await bareWaits.close() } } : {}),
        aim: { ratio: 0.6 },
      }),
    );
  } finally {
    for (const api of started) await api.stop();
    fs.rmSync(traceFile, { force: true });
    for (const name of Object.values(names)) await dropDatabase(name);
    const Redis = require('ioredis');
    const redis = new Redis(process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
    await deleteRedisPrefix(redis, queuePrefix).catch(() => undefined);
    redis.disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
