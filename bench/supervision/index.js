// bench/supervision: the supervisor's two morning questions over one million requests
// (DESIGN §8, §11): the overdue queue's first page and the statistics of a year, measured
// through the HTTP API of the build (`npm run build` first).
//
// In one run:
//  1. A scratch database, migrated (runMigrationsWithLock) and seeded with the demo users.
//  2. BENCH_REQUESTS requests generated inside PostgreSQL, set-based (bench/supervision/dataset.js:
//     VN sends 55 %, receives 25 %; SG, TH, MY, ID, PH; two years; states by age; their
//     deadlines, some overdue; chase events on one sent request in ten; a few dead webhook
//     deliveries), each request written once with its outcomes, the statistics' rollup filled
//     by the migration's own SQL one dimension at a time, the secondary indexes built after
//     the load, then VACUUM ANALYZE. Each step's seconds go to stderr.
//     With BENCH_REUSE_DB=1 the filled database is kept under its fingerprint and reused by
//     the next run whose fingerprint matches (filled less than BENCH_REUSE_MAX_DAYS ago): no fill.
//  3. The API (startApi) on that database; as supervisor@vn.example, after a warm-up,
//     BENCH_OVERDUE_RUNS × GET /supervision/overdue (first page, 20 items),
//     BENCH_STATS_RUNS × GET /supervision/stats for the last 365 days (groupBy=counterpart),
//     BENCH_STATS_RUNS × the last 30 days, and BENCH_STATS_RUNS × GET /supervision/report for
//     the current year, one request at a time.
//  4. With BENCH_PLANS=1, EXPLAIN (ANALYZE, BUFFERS) of each statement into docs/query-plans/.
// Then it stops the API, drops the database and its Redis keys (also on failure or timeout)
// and prints one JSON line.
//
//   BENCH_REQUESTS (1000000), BENCH_OVERDUE_RUNS (100), BENCH_STATS_RUNS (15),
//   BENCH_PORT (3950), BENCH_TIMEOUT_S (1800, the whole run), BENCH_PLANS (0), BENCH_KEEP_DB (0),
//   BENCH_REUSE_DB (0), BENCH_REUSE_MAX_DAYS (7), BENCH_USE_DB (a kept database's name)
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');
const IORedis = require('ioredis');
const { ROOT, dbUrl, freshDatabase, dropDatabase, startApi, percentile, round, deleteRedisPrefix } = require('../lib/harness');
const { fill, fingerprint, filledBefore, markFilled } = require('./fill');

const TOTAL = Number(process.env.BENCH_REQUESTS ?? 1_000_000);
const OVERDUE_RUNS = Number(process.env.BENCH_OVERDUE_RUNS ?? 100);
const STATS_RUNS = Number(process.env.BENCH_STATS_RUNS ?? 15);
const PORT = Number(process.env.BENCH_PORT ?? 3950);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 1800) * 1000;
const PLANS = process.env.BENCH_PLANS === '1';
/** BENCH_KEEP_DB=1 keeps the filled database (its name on stderr) to study a query by hand; drop it after. */
const KEEP_DB = process.env.BENCH_KEEP_DB === '1';
/**
 * BENCH_REUSE_DB=1 keeps the filled database under a name that carries the fill's
 * fingerprint (size, migrations, dataset.js, the rollup's SQL, the demo seed) and, on the
 * next run, reuses it when its fingerprint matches and it was filled less than
 * BENCH_REUSE_MAX_DAYS (7) ago: no fill at all. Its "now" is then the fill's, a few days old.
 */
const REUSE = process.env.BENCH_REUSE_DB === '1';
/** BENCH_USE_DB=<name>: measure on that filled database as it is (one a BENCH_REUSE_DB run kept), whatever its fingerprint; kept. */
const USE_DB = process.env.BENCH_USE_DB;
const REUSE_MAX_DAYS = Number(process.env.BENCH_REUSE_MAX_DAYS ?? 7);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const AIMS = { overdueP95Ms: 50, statsYearP95Ms: 300, reportYearMaxMs: 1000 };
const DAY = 86_400_000;
const NAME = `mla_bench_supervision_${process.pid}`;
const PREFIX = `mlabench-supervision-${process.pid}`;

const dist = (p) => require(path.join(ROOT, 'dist', p));

for (const [name, value] of Object.entries({ TOTAL, OVERDUE_RUNS, STATS_RUNS, PORT, TIMEOUT_MS })) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`bench/supervision: ${name} must be a positive integer (got ${value})`);
    process.exit(2);
  }
}
for (const url of [REDIS_URL, process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres']) {
  if (new URL(url).hostname !== '127.0.0.1') {
    console.error(`bench/supervision: load goes to 127.0.0.1 only (got ${url})`);
    process.exit(2);
  }
}

const run = { aborted: false, reason: '' };
const checkAbort = () => {
  if (run.aborted) throw new Error(run.reason);
};

/** The database of this run: a scratch one, or with BENCH_REUSE_DB=1 the fingerprinted one (kept once filled). */
const db = { name: NAME, keep: false };

async function call(base, url, token) {
  const started = performance.now();
  const res = await fetch(`${base}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  const ms = performance.now() - started;
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return { ms, body: text };
}

/** `runs` calls one after another (after `warmup` unmeasured ones): p50, p95 and max in ms. */
async function measure(base, url, token, runs, warmup) {
  for (let i = 0; i < warmup; i++) await call(base, url, token);
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    checkAbort();
    last = await call(base, url, token);
    times.push(last.ms);
  }
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(times[times.length - 1]), runs, last: last.body };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the statements the service runs, with its settings, into docs/query-plans/. */
async function writePlans(url, now) {
  const { overdueQuery, statsStatements, countersQuery, durationsQuery, edgeCellsQuery } = dist('libs/supervision/src');
  const dir = path.join(ROOT, 'docs', 'query-plans');
  fs.mkdirSync(dir, { recursive: true });
  const client = new Client({ connectionString: url });
  await client.connect();
  const written = [];
  try {
    await client.query(`SET work_mem = '64MB'; SET jit = off`);
    const explain = async (file, title, { sql, params }) => {
      const plan = (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
      const header = [
        `-- ${title}`,
        `-- bench/supervision, ${TOTAL} requests; ${new Date().toISOString().slice(0, 10)}; PostgreSQL ${(await client.query('SHOW server_version')).rows[0].server_version}`,
        `-- parameters: ${JSON.stringify(params)}`,
        sql.trim().replace(/^ {4}/gm, ''),
        '',
      ].join('\n');
      fs.writeFileSync(path.join(dir, file), `${header}\n${plan}\n`);
      written.push(file);
    };
    await explain('overdue-first-page.txt', 'GET /supervision/overdue, first page (20 + 1 rows), as the VN supervisor', overdueQuery({ country: 'VN', now, after: null, limit: 21 }));
    await explain(
      'overdue-filtered.txt',
      'GET /supervision/overdue?counterpartCountry=PH&priority=EMERGENCY&level=1, as the VN supervisor',
      overdueQuery({ country: 'VN', now, counterpartCountry: 'PH', priority: 'EMERGENCY', level: 1, after: null, limit: 21 }),
    );
    const from = new Date(now.getTime() - 365 * DAY);
    // Every statement of GET /supervision/stats (SupervisionRepository.stats): the rollup's, the partial days', the tables'.
    const year = [
      { name: 'counters-counterpart', ...countersQuery('VN', 'counterpart', from, now, now, false) },
      { name: 'durations-counterpart', ...durationsQuery('VN', 'counterpart', from, now, undefined, false) },
      { name: 'counters-authority', ...countersQuery('VN', 'authority', from, now, undefined, false) },
      { name: 'durations-authority', ...durationsQuery('VN', 'authority', from, now, ['answer'], false) },
      { name: 'edges', ...edgeCellsQuery('VN', ['counterpart', 'authority'], from, now) },
      ...statsStatements({ country: 'VN', from, to: now, now, groupBy: 'counterpart' }),
    ];
    for (const s of year) {
      await explain(`stats-year-${s.name}.txt`, `GET /supervision/stats for 365 days, groupBy=counterpart, as the VN supervisor: statement "${s.name}"`, s);
    }
  } finally {
    await client.end();
  }
  return written;
}


async function main() {
  const started = performance.now();
  let api;
  const timer = setTimeout(() => {
    run.aborted = true;
    run.reason = `timed out after ${TIMEOUT_MS / 1000} s`;
  }, TIMEOUT_MS);
  const interrupt = () => {
    run.aborted = true;
    run.reason = 'interrupted';
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    if (REUSE) db.name = `mla_bench_supervision_r${TOTAL}_${fingerprint(TOTAL)}`;
    if (USE_DB) [db.name, db.keep] = [USE_DB, true];
    let dataset = REUSE || USE_DB ? await filledBefore(db.name, USE_DB ? 36500 : REUSE_MAX_DAYS) : null;
    if (USE_DB && !dataset) throw new Error(`BENCH_USE_DB=${USE_DB}: no complete fill there`);
    const reused = dataset !== null;
    if (reused) db.keep = true;
    const url = reused ? dbUrl(db.name) : await freshDatabase(db.name);
    const fillStarted = performance.now();
    if (reused) console.error(`bench/supervision: reusing ${db.name} (filled ${dataset.filledAt})`);
    else {
      dataset = await fill(url, TOTAL, checkAbort);
      if (REUSE) db.keep = await markFilled(url, dataset);
    }
    const fillSeconds = (performance.now() - fillStarted) / 1000;
    checkAbort();

    api = await startApi({ PORT: String(PORT), DATABASE_URL: url, QUEUE_PREFIX: PREFIX, MIGRATIONS_RUN: 'false', DATABASE_POOL_SIZE: '10' });
    const login = await fetch(`${api.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'supervisor@vn.example', password: 'demo-password-2026' }),
    });
    const { accessToken } = await login.json();
    const now = Date.now();
    const iso = (ms) => new Date(ms).toISOString();
    const overdue = await measure(api.base, '/api/v1/supervision/overdue', accessToken, OVERDUE_RUNS, 5);
    const page = JSON.parse(overdue.last);
    const year = await measure(api.base, `/api/v1/supervision/stats?from=${iso(now - 365 * DAY)}&to=${iso(now)}&groupBy=counterpart`, accessToken, STATS_RUNS, 2);
    const stats = JSON.parse(year.last);
    const month = await measure(api.base, `/api/v1/supervision/stats?from=${iso(now - 30 * DAY)}&to=${iso(now)}&groupBy=counterpart`, accessToken, STATS_RUNS, 1);
    const reportYear = new Date(now).getUTCFullYear();
    const report = await measure(api.base, `/api/v1/supervision/report?year=${reportYear}`, accessToken, STATS_RUNS, 1);
    const reportBody = JSON.parse(report.last);
    await api.stop();
    api = undefined;
    const plans = PLANS ? await writePlans(url, new Date()) : [];

    const result = {
      bench: 'supervision',
      requests: dataset.requests,
      deadlines: dataset.deadlines,
      overdueDeadlines: dataset.overdue,
      vnRequests: dataset.vn,
      deadDeliveries: dataset.dead,
      fillSeconds: round(fillSeconds),
      reusedFill: reused,
      overdueFirstPage: { p50Ms: overdue.p50, p95Ms: overdue.p95, maxMs: overdue.max, runs: overdue.runs, items: page.items.length },
      statsYear: {
        p50Ms: year.p50,
        p95Ms: year.p95,
        maxMs: year.max,
        runs: year.runs,
        outgoing: stats.outgoing.total.requests,
        incoming: stats.incoming.total.requests,
      },
      statsMonth: { p50Ms: month.p50, p95Ms: month.p95, maxMs: month.max, runs: month.runs },
      reportYear: { year: reportYear, p50Ms: report.p50, p95Ms: report.p95, maxMs: report.max, runs: report.runs, made: reportBody.made.total.requests, received: reportBody.received.total.requests },
      aims: AIMS,
      met: { overdue: overdue.p95 <= AIMS.overdueP95Ms, statsYear: year.p95 <= AIMS.statsYearP95Ms, reportYear: report.max <= AIMS.reportYearMaxMs },
      plans,
      totalSeconds: round((performance.now() - started) / 1000),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    clearTimeout(timer);
    if (api) await api.stop().catch(() => undefined);
    if (KEEP_DB) console.error(`bench/supervision: kept the database ${db.name} (BENCH_KEEP_DB=1): DROP DATABASE it when done`);
    else if (db.keep) console.error(`bench/supervision: kept the filled database ${db.name} for the next run`);
    else await dropDatabase(db.name).catch((error) => console.error(`bench/supervision: could not drop ${db.name}: ${error.message}`));
    const redis = new IORedis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect().then(() => deleteRedisPrefix(redis, PREFIX)).catch(() => undefined);
    redis.disconnect();
  }
}

main().catch((error) => {
  console.error(`bench/supervision failed: ${error.stack ?? error}`);
  process.exitCode = 1;
});
