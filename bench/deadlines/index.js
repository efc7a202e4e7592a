// bench/deadlines: Redis memory per pending deadline at one million deadlines, and the
// lateness of deadline firing with those million jobs present (DESIGN §5, §11).
//
// In one run, against the build in dist/ (`npm run build` first):
//  1. The worker's Nest context (createWorker: migrations, the BullMQ consumer, no periodic
//     reconcile) on a scratch database and its own queue prefix. BENCH_DEADLINES deadlines
//     (random ids, due in 30-90 days) go through DeadlineScheduler.schedule in batches, a
//     few batches in flight; Redis `used_memory` before and after gives bytes per deadline.
//     The jobs stay delayed: the worker never sees them before the run ends.
//  2. BENCH_SAMPLE real deadlines (authorities, users, requests, deadlines rows), due over
//     the next BENCH_SPREAD_MS, whose reminders are past (so their next event is DUE), are
//     scheduled the same way and fired by the worker; lateness = the `deadline_overdue`
//     event's occurred_at - the deadline's due_at.
// Then it deletes its prefix's keys and drops its database (also on failure or timeout)
// and prints one JSON line.
//
//   BENCH_DEADLINES (default 1000000), BENCH_SAMPLE (2000), BENCH_SPREAD_MS (15000),
//   BENCH_BATCH (2000 per schedule call), BENCH_INFLIGHT (4 calls at once),
//   BENCH_TIMEOUT_S (420, the whole run), BENCH_LOG_LEVEL (error: pino writes to stdout)
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { Client } = require('pg');
const IORedis = require('ioredis');
const { Queue } = require('bullmq');
const { ROOT, freshDatabase, dropDatabase, deleteRedisPrefix, percentile, round } = require('../lib/harness');

const TOTAL = Number(process.env.BENCH_DEADLINES ?? 1_000_000);
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 2000);
const SPREAD_MS = Number(process.env.BENCH_SPREAD_MS ?? 15_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 2000);
const INFLIGHT = Number(process.env.BENCH_INFLIGHT ?? 4);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 420) * 1000;
const CLEANUP_TIMEOUT_MS = 120_000;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const AIMS = { bytesPerDeadline: 700, latenessP99Ms: 200 };
const DAY = 86_400_000;
/** The first sample deadline falls due this long after its rows are written. */
const LEAD_MS = 4000;

const dist = (p) => require(path.join(ROOT, 'dist', p));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

for (const [name, value] of Object.entries({ TOTAL, SAMPLE, SPREAD_MS, BATCH, INFLIGHT, TIMEOUT_MS })) {
  if (!Number.isInteger(value) || value < (name === 'TOTAL' || name === 'SAMPLE' ? 0 : 1)) {
    console.error(`bench/deadlines: ${name} must be a positive integer (got ${value})`);
    process.exit(2);
  }
}
for (const url of [REDIS_URL, process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres']) {
  if (new URL(url).hostname !== '127.0.0.1') {
    console.error(`bench/deadlines: load goes to 127.0.0.1 only (got ${url})`);
    process.exit(2);
  }
}

/** Set when the run times out or is interrupted: every loop checks it and stops. */
const run = { aborted: false, reason: '' };
const checkAbort = () => {
  if (run.aborted) throw new Error(run.reason);
};

async function usedMemory(redis) {
  const info = await redis.info('memory');
  return Number(/^used_memory:(\d+)/m.exec(info)[1]);
}

/** Average MEMORY USAGE (key, value and the keyspace entry) of the given keys. */
async function averageKeyBytes(redis, keys) {
  const pipeline = redis.pipeline();
  for (const k of keys) pipeline.call('MEMORY', 'USAGE', k, 'SAMPLES', '0');
  const sizes = (await pipeline.exec()).map(([error, size]) => (error ? null : Number(size))).filter((s) => s !== null && s > 0);
  return sizes.length === 0 ? null : sizes.reduce((a, b) => a + b, 0) / sizes.length;
}

/** Phase 1: BENCH_DEADLINES far-future deadlines through the service's scheduler. */
async function scheduleMillion(scheduler, redis, prefix) {
  const jobKey = (c) => `${prefix}:deadlines:${c.deadlineId}-${c.at.getTime()}`;
  const probes = []; // two jobs of each batch, to look at afterwards
  await sleep(500);
  const before = await usedMemory(redis);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: INFLIGHT }, async () => {
      for (;;) {
        checkAbort();
        const start = next;
        if (start >= TOTAL) return;
        const n = Math.min(BATCH, TOTAL - start);
        next += n;
        const now = Date.now();
        const changes = new Array(n);
        for (let i = 0; i < n; i++) {
          changes[i] = { deadlineId: randomUUID(), at: new Date(now + 30 * DAY + Math.floor(Math.random() * 60 * DAY)) };
        }
        await scheduler.schedule(changes);
        probes.push(jobKey(changes[0]), jobKey(changes[n - 1]));
      }
    }),
  );
  const scheduleSeconds = (performance.now() - started) / 1000;
  await sleep(1000); // let transient client buffers go
  const after = await usedMemory(redis);
  const delayed = await redis.zcard(`${prefix}:deadlines:delayed`);

  // Where the bytes go: one job hash, the delayed sorted set, the events stream.
  const step = Math.max(1, Math.floor(probes.length / 1000));
  const jobHashBytes = await averageKeyBytes(redis, probes.filter((_, i) => i % step === 0));
  const zsetBytes = Number(await redis.call('MEMORY', 'USAGE', `${prefix}:deadlines:delayed`, 'SAMPLES', '1000'));
  const eventsBytes = Number(await redis.call('MEMORY', 'USAGE', `${prefix}:deadlines:events`, 'SAMPLES', '0'));
  const probe = probes[0];
  const fields = probe ? await redis.hgetall(probe) : {};
  const encoding = probe ? await redis.object('ENCODING', probe) : null;
  return {
    scheduleSeconds,
    before,
    after,
    delayed,
    detail: {
      jobHashBytes: round(jobHashBytes, 1),
      jobHashEncoding: encoding,
      jobHashFieldBytes: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Buffer.byteLength(v)])),
      jobOpts: fields.opts ?? null,
      jobKeyBytes: probe ? Buffer.byteLength(probe) : null,
      delayedZsetBytesPerJob: delayed > 0 ? round(zsetBytes / delayed, 1) : null,
      eventsStreamBytes: eventsBytes,
    },
  };
}

/** A shorter id of the same information (for comparison only): base64url uuid + base-36 ms. */
const shortJobId = (d, at) => `${Buffer.from(d.replace(/-/g, ''), 'hex').toString('base64url')}-${at.toString(36)}`;

/**
 * What the job options and the id cost: the same jobs (name, data) added by a bare BullMQ
 * Queue with other options or ids, in side queues of the same prefix. Per job: MEMORY USAGE
 * of its hash (key and keyspace entry included) and its share of the delayed sorted set.
 */
async function optionVariants(config, prefix, redis) {
  const { bullConnection } = dist('libs/core/src');
  const service = { removeOnComplete: { count: 1000 }, removeOnFail: { count: 5000 }, attempts: 5, backoff: { type: 'exponential', delay: 1000 } };
  const retries = { attempts: 5, backoff: { type: 'exponential', delay: 1000 } };
  const variants = {
    service: { id: 'service', extra: service }, // what DeadlineScheduler adds
    noRemoveOn: { id: 'service', extra: retries }, // removeOn* left to the Worker's options
    idAndDelayOnly: { id: 'service', extra: {} },
    shortIdService: { id: 'short', extra: service },
    shortIdOnly: { id: 'short', extra: {} },
    autoIdOnly: { id: 'auto', extra: {} }, // bare BullMQ: no custom id at all
  };
  const result = {};
  for (const [name, { id, extra }] of Object.entries(variants)) {
    checkAbort();
    const queueName = `variant-${name}`;
    const queue = new Queue(queueName, { connection: bullConnection(config.REDIS_URL), prefix });
    try {
      const now = Date.now();
      const added = await queue.addBulk(
        Array.from({ length: 1000 }, () => {
          const d = randomUUID();
          const at = now + 30 * DAY + Math.floor(Math.random() * 60 * DAY);
          const jobId = id === 'service' ? `${d}-${at}` : id === 'short' ? shortJobId(d, at) : undefined;
          return { name: 'fire', data: { d }, opts: { ...(jobId ? { jobId } : {}), delay: at - now, ...extra } };
        }),
      );
      const keys = added.slice(0, 200).map((j) => `${prefix}:${queueName}:${j.id}`);
      const hash = await averageKeyBytes(redis, keys);
      const zset = Number(await redis.call('MEMORY', 'USAGE', `${prefix}:${queueName}:delayed`, 'SAMPLES', '0')) / added.length;
      result[name] = { hash: round(hash, 0), zset: round(zset, 0), encoding: await redis.object('ENCODING', keys[0]) };
    } finally {
      await queue.close();
    }
  }
  return result;
}

/** Phase 2: real deadlines due during the run, fired by the worker; their lateness. */
async function lateness(scheduler, url) {
  if (SAMPLE === 0) return { sample: 0, fired: 0, duplicates: 0, p50: null, p99: null, max: null, scheduledAheadMs: null };
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const [vn, sg] = (
      await db.query(
        `INSERT INTO authorities (code, name, country, kind, timezone, language) VALUES
           ('BENCH-VN-PO', 'Bench prosecution office', 'VN', 'PROSECUTION_OFFICE', 'Asia/Ho_Chi_Minh', 'vi'),
           ('BENCH-SG-CA', 'Bench central authority', 'SG', 'CENTRAL_AUTHORITY', 'Asia/Singapore', 'en')
         RETURNING id`,
      )
    ).rows.map((r) => r.id);
    const [prosecutor] = (
      await db.query(
        `INSERT INTO users (email, display_name, role, authority_id, password_hash) VALUES
           ('prosecutor@bench.example', 'Bench prosecutor', 'PROSECUTOR', $1, 'x'),
           ('supervisor@vn.bench.example', 'Bench supervisor VN', 'SUPERVISOR', $1, 'x'),
           ('supervisor@sg.bench.example', 'Bench supervisor SG', 'SUPERVISOR', $2, 'x')
         RETURNING id`,
        [vn, sg],
      )
    ).rows.map((r) => r.id);
    const requestIds = (
      await db.query(
        `INSERT INTO requests (reference, state, type, priority, channel, legal_basis, requesting_authority_id, requested_authority_id,
           requesting_country, requested_country, created_by, title, submitted_at, sent_at, acknowledged_at, created_at, updated_at)
         SELECT 'BENCH-' || lpad(g::text, 7, '0'), 'IN_EXECUTION', 'SUBSCRIBER_INFO', 'ROUTINE', 'CENTRAL_AUTHORITY', 'ASEAN_MLAT_2004',
                $1, $2, 'VN', 'SG', $3, 'Bench request', now(), now(), now(), now(), now()
         FROM generate_series(1, $4::int) g RETURNING id`,
        [vn, sg, prosecutor, SAMPLE],
      )
    ).rows.map((r) => r.id);
    // Due times spread evenly over the next SPREAD_MS, in random order against the requests.
    const base = Date.now() + LEAD_MS;
    const dues = Array.from({ length: SAMPLE }, (_, i) => new Date(base + Math.floor((i * SPREAD_MS) / SAMPLE)).toISOString());
    for (let i = dues.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [dues[i], dues[j]] = [dues[j], dues[i]];
    }
    // Started an hour before the due time, both reminders sent: the next event is DUE.
    const rows = (
      await db.query(
        `INSERT INTO deadlines (request_id, kind, party, status, start_at, due_at, span_ms, escalation_level, reminders_sent, scheduled_for, created_at, updated_at)
         SELECT r, 'EXECUTION', 'REQUESTED', 'PENDING', d - interval '1 hour', d, 3600000, 0, 2, d, now(), now()
         FROM unnest($1::uuid[], $2::timestamptz[]) AS t(r, d)
         RETURNING id, due_at AS "dueAt"`,
        [requestIds, dues],
      )
    ).rows;
    checkAbort();
    for (let i = 0; i < rows.length; i += 1000) {
      await scheduler.schedule(rows.slice(i, i + 1000).map((r) => ({ deadlineId: r.id, at: r.dueAt })));
    }
    const scheduledAheadMs = base - Date.now();
    if (scheduledAheadMs < 0) console.error(`bench/deadlines: the sample was scheduled ${-scheduledAheadMs} ms after its first due time`);

    // Wait for every deadline_overdue event, bounded: the last due time + 30 s.
    const count = async () =>
      (
        await db.query(
          `SELECT count(*)::int AS events, count(DISTINCT input->>'deadlineId')::int AS deadlines FROM request_events WHERE action = 'deadline_overdue'`,
        )
      ).rows[0];
    const lastDue = base + SPREAD_MS;
    let seen = await count();
    while (seen.deadlines < SAMPLE && Date.now() < lastDue + 30_000) {
      checkAbort();
      await sleep(250);
      seen = await count();
    }
    await sleep(2000); // a duplicate firing would show up by now
    seen = await count();
    const lateness = (
      await db.query(
        `SELECT (EXTRACT(EPOCH FROM (e.occurred_at - d.due_at)) * 1000)::float8 AS ms
         FROM request_events e JOIN deadlines d ON d.id = (e.input->>'deadlineId')::uuid
         WHERE e.action = 'deadline_overdue'`,
      )
    ).rows
      .map((r) => r.ms)
      .sort((a, b) => a - b);
    const [{ overdue }] = (await db.query(`SELECT count(*)::int AS overdue FROM deadlines WHERE status = 'OVERDUE' AND escalation_level = 1`)).rows;
    return {
      sample: SAMPLE,
      fired: seen.deadlines,
      duplicates: seen.events - seen.deadlines,
      overdueRows: overdue,
      p50: percentile(lateness, 50),
      p99: percentile(lateness, 99),
      max: lateness.length > 0 ? lateness[lateness.length - 1] : null,
      min: lateness.length > 0 ? lateness[0] : null,
      scheduledAheadMs,
    };
  } finally {
    await db.end();
  }
}

async function main() {
  const startedAt = performance.now();
  const tag = `${process.pid}`;
  const dbName = `mla_bench_deadlines_${tag}`;
  const prefix = `bench-deadlines-${tag}`;
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1, connectionName: `${prefix}-probe` });
  let app;
  let appStarting; // createWorker in progress: cleanup waits for it, so nothing starts after
  let dbCreated = false;
  let finished = false;
  let result;
  let failure;

  const cleanup = async () => {
    const steps = { keysDeleted: null };
    const t0 = performance.now();
    if (!app && appStarting) app = await Promise.race([appStarting.catch(() => undefined), sleep(30_000)]);
    if (app) await app.close().catch((e) => console.error(`bench/deadlines: closing the worker: ${e.message}`));
    app = undefined;
    steps.keysDeleted = await deleteRedisPrefix(redis, prefix).catch((e) => {
      console.error(`bench/deadlines: deleting the ${prefix}:* keys: ${e.message}`);
      return null;
    });
    redis.disconnect();
    if (dbCreated) await dropDatabase(dbName).catch((e) => console.error(`bench/deadlines: dropping ${dbName}: ${e.message}`));
    steps.cleanupSeconds = (performance.now() - t0) / 1000;
    return steps;
  };

  // The hard limit, and Ctrl-C: abort the run, clean up, and if even that hangs, leave with a message.
  let abortRun;
  const aborted = new Promise((_, reject) => {
    abortRun = (reason) => {
      run.aborted = true;
      run.reason = reason;
      reject(new Error(reason));
    };
  });
  const settleTimeout = setTimeout(() => abortRun(`bench/deadlines: aborted after the hard limit of ${TIMEOUT_MS / 1000} s (BENCH_TIMEOUT_S)`), TIMEOUT_MS);
  const onSignal = (signal) => abortRun(`bench/deadlines: interrupted by ${signal}`);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const work = async () => {
    const url = await freshDatabase(dbName);
    dbCreated = true;
    checkAbort();
    const { loadAppConfig } = dist('libs/core/src');
    const { createWorker } = dist('apps/worker/src/bootstrap');
    const { DeadlineScheduler } = dist('libs/deadlines/src');
    const config = loadAppConfig({
      NODE_ENV: 'test',
      DATABASE_URL: url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      RECONCILE_INTERVAL_MS: '0',
      MIGRATIONS_RUN: 'true',
      DEMO_SEED: 'false',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
      DEADLINE_POLICY_PATH: path.join(ROOT, 'config/deadline-policy.yaml'),
    });
    // createWorker enables Nest's shutdown hooks, which on a signal close the app and kill the
    // process at once: that would skip this script's cleanup, so take those listeners off again.
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'];
    const ours = Object.fromEntries(signals.map((s) => [s, process.listeners(s)]));
    appStarting = createWorker({ config });
    app = await appStarting;
    for (const s of signals) for (const l of process.listeners(s)) if (!ours[s].includes(l)) process.removeListener(s, l);
    checkAbort();
    const scheduler = app.get(DeadlineScheduler);

    const memory = await scheduleMillion(scheduler, redis, prefix);
    checkAbort();
    const variants = await optionVariants(config, prefix, redis);
    checkAbort();
    const late = await lateness(scheduler, url);
    const counts = await scheduler.queue.getJobCounts('failed', 'active', 'wait');
    let firstFailure = null;
    if (counts.failed > 0) {
      const [job] = await scheduler.queue.getFailed(0, 0);
      firstFailure = job?.failedReason ?? null;
      console.error(`bench/deadlines: ${counts.failed} deadline jobs failed, e.g.: ${firstFailure}`);
    }
    return { memory, variants, late, counts, firstFailure };
  };

  try {
    const working = work();
    // Whichever loses the race settles later, unobserved: mark both as handled.
    working.catch(() => undefined);
    aborted.catch(() => undefined);
    result = await Promise.race([working, aborted]);
    finished = true;
  } catch (error) {
    failure = error;
    if (!run.aborted) abortRun('bench/deadlines: failed');
  }
  clearTimeout(settleTimeout);

  const watchdog = setTimeout(() => {
    console.error(`bench/deadlines: cleanup did not finish within ${CLEANUP_TIMEOUT_MS / 1000} s; left behind: Redis keys ${prefix}:*, database ${dbName}`);
    process.exit(3);
  }, CLEANUP_TIMEOUT_MS);
  watchdog.unref();
  const cleaned = await cleanup();
  clearTimeout(watchdog);

  if (!finished) {
    console.error(failure);
    process.exit(1);
  }
  const { memory, variants, late, counts, firstFailure } = result;
  const bytesPerDeadline = TOTAL > 0 ? (memory.after - memory.before) / TOTAL : null;
  const p99 = late.p99;
  const line = {
    bench: 'deadlines',
    scheduled: TOTAL,
    scheduleSeconds: round(memory.scheduleSeconds, 2),
    scheduledPerSec: TOTAL > 0 ? Math.round(TOTAL / memory.scheduleSeconds) : null,
    redisBytesPerDeadline: round(bytesPerDeadline, 1),
    redisUsedMemoryBefore: memory.before,
    redisUsedMemoryAfter: memory.after,
    delayedJobs: memory.delayed,
    latenessSample: late.sample,
    fired: late.fired,
    duplicates: late.duplicates,
    latenessP50Ms: round(late.p50, 1),
    latenessP99Ms: round(p99, 1),
    latenessMaxMs: round(late.max, 1),
    latenessMinMs: round(late.min, 1),
    failedJobs: counts.failed,
    batch: BATCH,
    inflight: INFLIGHT,
    runSeconds: round((performance.now() - startedAt) / 1000, 1),
    detail: { ...memory.detail, jobHashBytesByOptions: variants, sampleScheduledAheadMs: late.scheduledAheadMs, overdueRows: late.overdueRows, keysDeleted: cleaned.keysDeleted, cleanupSeconds: round(cleaned.cleanupSeconds, 1) },
    aims: AIMS,
    aimsMet: {
      bytesPerDeadline: bytesPerDeadline !== null && bytesPerDeadline <= AIMS.bytesPerDeadline,
      latenessP99Ms: p99 !== null && p99 <= AIMS.latenessP99Ms,
    },
  };
  console.log(JSON.stringify(line));
  // Every sample deadline fires, exactly once, and no job fails: anything else is a bug.
  const correct = late.fired === late.sample && late.duplicates === 0 && counts.failed === 0 && memory.delayed === TOTAL;
  if (!correct) console.error(`bench/deadlines: ${firstFailure ?? 'not every deadline fired exactly once, or jobs were lost'}`);
  process.exit(correct ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
