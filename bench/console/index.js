// bench/console: the web console in headless Chromium (Debian's, through playwright-core)
// against the built API and console (`npm run build && npm run console:build` first):
//  1. A scratch database, migrated, seeded with the demo users, and BENCH_REQUESTS requests
//     generated inside PostgreSQL (bench/supervision/dataset.js: VN sends 55 % of them).
//  2. The API (startApi) serving the console; a fresh browser context opens the sign-in page:
//     the JavaScript it loads before any lazy screen, gzipped, is the initial JavaScript.
//  3. Signed in as prosecutor@vn.example: BENCH_RUNS navigations to /requests (time until the
//     list's first page shows its first row) and to a request's page (until its heading and
//     deadlines show), each a full page load.
// Then it stops the API, drops the database and its Redis keys (also on failure or timeout)
// and prints one JSON line.
//
//   BENCH_REQUESTS (10000), BENCH_RUNS (7), BENCH_PORT (3960), BENCH_TIMEOUT_S (300), CHROMIUM_PATH (/usr/bin/chromium)
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { Client } = require('pg');
const IORedis = require('ioredis');
const { DataSource } = require('typeorm');
const { chromium } = require('playwright-core');
const { ROOT, freshDatabase, dropDatabase, startApi, percentile, round, deleteRedisPrefix } = require('../lib/harness');
const { seedCounterparts, generate } = require('../supervision/dataset');

const TOTAL = Number(process.env.BENCH_REQUESTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PORT = Number(process.env.BENCH_PORT ?? 3960);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 300) * 1000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const AIMS = { initialJsGzipKB: 300, listFirstPageMs: 1000, requestPageMs: 1000 };
const NAME = `mla_bench_console_${process.pid}`;
const PREFIX = `mlabench-console-${process.pid}`;
const dist = (p) => require(path.join(ROOT, 'dist', p));

for (const [name, value] of Object.entries({ TOTAL, RUNS, PORT, TIMEOUT_MS })) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`bench/console: ${name} must be a positive integer (got ${value})`);
    process.exit(2);
  }
}
if (!fs.existsSync(path.join(ROOT, 'apps/console/dist/index.html'))) {
  console.error('bench/console: build the console first (npm run console:build)');
  process.exit(2);
}

async function fill(url) {
  const { dataSourceOptions, runMigrationsWithLock } = dist('libs/core/src/database');
  const { seedDemoData } = dist('libs/identity/src/seed/demo-seeder');
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    await runMigrationsWithLock(ds);
    await seedDemoData(ds);
  } finally {
    await ds.destroy();
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET session_replication_role = replica; SET synchronous_commit = off`);
    await seedCounterparts(client);
    // Each request gets what each action keeps on it (the outcomes of its deadlines), as bench/supervision fills.
    await generate(client, TOTAL, new Date(), dist('libs/core/src/database/migrations').REQUEST_OUTCOMES_OF_DEADLINES);
    for (const table of ['requests', 'deadlines', 'authorities', 'users']) await client.query(`VACUUM ANALYZE ${table}`);
    const [row] = (await client.query(`SELECT (SELECT count(*) FROM requests)::int AS requests, (SELECT count(*) FROM requests r JOIN authorities a ON a.id = r.requesting_authority_id WHERE a.code = 'VN-HCM-PROS')::int AS mine`)).rows;
    return row;
  } finally {
    await client.end();
  }
}

const stats = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), max: round(sorted[sorted.length - 1]), runs: sorted.length };
};

async function main() {
  const started = performance.now();
  let api;
  let browser;
  const timer = setTimeout(() => {
    console.error(`bench/console: timed out after ${TIMEOUT_MS / 1000} s`);
    process.exit(1);
  }, TIMEOUT_MS);
  try {
    const url = await freshDatabase(NAME);
    const dataset = await fill(url);
    api = await startApi({ PORT: String(PORT), DATABASE_URL: url, QUEUE_PREFIX: PREFIX, NODE_ENV: 'development', MIGRATIONS_RUN: 'false' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Ho_Chi_Minh', locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);

    // The initial JavaScript: every script the sign-in page loads, gzipped as served over the wire.
    const scripts = new Map();
    page.on('response', async (res) => {
      if (res.request().resourceType() === 'script' && res.ok()) scripts.set(res.url(), res.body().then((b) => zlib.gzipSync(b, { level: 9 }).length));
    });
    await page.goto(`${api.base}/sign-in`, { waitUntil: 'networkidle' });
    const gzipBytes = (await Promise.all(scripts.values())).reduce((a, b) => a + b, 0);
    const initialScripts = scripts.size;
    page.removeAllListeners('response');

    await page.getByLabel(/^E-mail/).fill('prosecutor@vn.example');
    await page.getByLabel(/^Password/).fill('demo-password-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: /^(Sign out|Đăng xuất)$/ }).waitFor();

    const firstRow = () => page.getByRole('link', { name: /^VN-\d{4}-\d{6,}$/ }).first();
    const list = [];
    let requestHref = null;
    let requestReference = null;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await page.goto(`${api.base}/requests`, { waitUntil: 'commit' });
      await firstRow().waitFor();
      list.push(performance.now() - t0);
      requestHref ??= await firstRow().getAttribute('href');
      requestReference ??= await firstRow().textContent();
    }
    const rows = await page.getByRole('row').count();
    const detail = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await page.goto(`${api.base}${requestHref}`, { waitUntil: 'commit' });
      await page.getByRole('heading', { level: 1, name: /^VN-\d{4}-\d{6,}/ }).waitFor();
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      detail.push(performance.now() - t0);
    }
    const listStats = stats(list);
    const detailStats = stats(detail);
    const initialJsGzipKB = round(gzipBytes / 1024);
    const result = {
      bench: 'console',
      requests: dataset.requests,
      prosecutorRequests: dataset.mine,
      initialJsGzipKB,
      initialScripts,
      listFirstPage: { p50Ms: listStats.p50, maxMs: listStats.max, runs: listStats.runs, rows: rows - 1 },
      // Which request the page showed (the list's first row: the demo seed's newest sent request, when it seeds them).
      requestPage: { p50Ms: detailStats.p50, maxMs: detailStats.max, runs: detailStats.runs, reference: requestReference },
      aims: AIMS,
      met: {
        initialJs: initialJsGzipKB <= AIMS.initialJsGzipKB,
        listFirstPage: listStats.max <= AIMS.listFirstPageMs,
        requestPage: detailStats.max <= AIMS.requestPageMs,
      },
      totalSeconds: round((performance.now() - started) / 1000),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    if (process.env.BENCH_FAILURE_SCREENSHOT && browser) {
      const [ctx] = browser.contexts();
      await ctx?.pages()[0]?.screenshot({ path: process.env.BENCH_FAILURE_SCREENSHOT, fullPage: true }).catch(() => undefined);
    }
    throw error;
  } finally {
    clearTimeout(timer);
    if (browser) await browser.close().catch(() => undefined);
    if (api) await api.stop().catch(() => undefined);
    await dropDatabase(NAME).catch((error) => console.error(`bench/console: could not drop ${NAME}: ${error.message}`));
    const redis = new IORedis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect().then(() => deleteRedisPrefix(redis, PREFIX)).catch(() => undefined);
    redis.disconnect();
  }
}

main().catch((error) => {
  console.error(`bench/console failed: ${error.stack ?? error}`);
  process.exitCode = 1;
});
