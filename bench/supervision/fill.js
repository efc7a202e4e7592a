// bench/supervision's fill: the dataset (dataset.js) and the statistics' rollup in a fresh
// database, each step timed on stderr; and what BENCH_REUSE_DB needs to keep a fill and find
// it again (its fingerprint, a marker of a complete fill).
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');
const { DataSource } = require('typeorm');
const { ROOT, dbUrl, round } = require('../lib/harness');
const { seedCounterparts, generate } = require('./dataset');

const dist = (p) => require(path.join(ROOT, 'dist', p));

/** Logs each step of the fill and its seconds to stderr (where a slow fill spends its time). */
async function step(name, work) {
  const t = performance.now();
  const out = await work();
  console.error(`bench/supervision: ${name} ${round((performance.now() - t) / 1000)} s`);
  return out;
}

/** The columns of request_stats_cells, in the order of STATS_CELLS_OF_REQUESTS. */
const CELL_COLUMNS = 'country, direction, dim, day, value, requests, states, sent, sent_states, executed, answered, chases, outcomes, ack_s, exec_s, answer_s, open_since';
/** Largest first (two connections share them). */
const DIMENSIONS = ['counterpart_type', 'authority', 'type', 'counterpart', 'channel', 'priority'];

/**
 * Migrates, seeds the demo users, then generates the dataset (set-based, dataset.js) with the
 * secondary indexes built after the load, and the statistics' rollup with the migration's own
 * SQL, one dimension per statement (each statement's sort fits in memory), two at a time.
 */
async function fill(url, total, checkAbort) {
  const { dataSourceOptions, runMigrationsWithLock } = dist('libs/core/src/database');
  const { seedDemoData } = dist('libs/identity/src/seed/demo-seeder');
  const m = dist('libs/core/src/database/migrations');
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    await step('migrations and demo seed', async () => {
      await runMigrationsWithLock(ds);
      await seedDemoData(ds);
    });
  } finally {
    await ds.destroy();
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // A scratch database: no foreign-key triggers during the load (rows are consistent by
    // construction), no fsync wait per statement, room to sort and build indexes in memory.
    await client.query(`SET session_replication_role = replica; SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '512MB'; SET jit = off`);
    const indexes = (
      await client.query(
        `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
         WHERE i.indrelid IN ('requests'::regclass, 'deadlines'::regclass, 'request_events'::regclass)
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
      )
    ).rows;
    for (const i of indexes) await client.query(`DROP INDEX ${i.name}`);
    await seedCounterparts(client);
    checkAbort();
    // The generated rows bypass the write path: each request gets what each action keeps on it (REQUEST_OUTCOMES_OF_DEADLINES).
    await step('requests, deadlines, chases', () => generate(client, total, new Date(), m.REQUEST_OUTCOMES_OF_DEADLINES));
    checkAbort();
    // And the statistics' rollup, by the migration's own SQL (what each action would have kept),
    // a dimension per statement, two at a time on two connections (INSERT … SELECT runs on one
    // core): each dimension's day cells, then its month histograms from them.
    await step('rollup', async () => {
      await client.query(`DELETE FROM request_stats_cells; DELETE FROM request_stats_months`);
      const queue = [...DIMENSIONS];
      const worker = async () => {
        const c = new Client({ connectionString: url });
        await c.connect();
        try {
          await c.query(`SET synchronous_commit = off; SET work_mem = '512MB'; SET jit = off`);
          for (let dim = queue.shift(); dim !== undefined; dim = queue.shift()) {
            checkAbort();
            await c.query(`INSERT INTO request_stats_cells SELECT * FROM (${m.STATS_CELLS_OF_REQUESTS('TRUE')}) AS c(${CELL_COLUMNS}) WHERE c.dim = $1`, [dim]);
            if (dim === 'counterpart_type') continue; // the yearly report's: no histograms
            await c.query(`INSERT INTO request_stats_months SELECT * FROM (${m.STATS_MONTHS_OF_CELLS}) AS h(country, direction, dim, month, value, ack_h, exec_h, answer_h) WHERE h.dim = $1`, [dim]);
          }
        } finally {
          await c.end();
        }
      };
      await Promise.all([worker(), worker()]);
    });
    checkAbort();
    await step('indexes', async () => {
      for (const i of indexes) await client.query(i.def);
    });
    await step('vacuum analyze', async () => {
      for (const table of ['requests', 'deadlines', 'request_events', 'outbox', 'webhook_deliveries', 'authorities', 'users', 'request_stats_cells', 'request_stats_months']) {
        await client.query(`VACUUM ANALYZE ${table}`);
      }
    });
    const [counts] = (
      await client.query(`SELECT (SELECT count(*) FROM requests)::int AS requests, (SELECT count(*) FROM deadlines)::int AS deadlines,
        (SELECT count(*) FROM deadlines WHERE status = 'OVERDUE' OR (status = 'PENDING' AND due_at < now()))::int AS overdue,
        (SELECT count(*) FROM requests WHERE requesting_country = 'VN' OR (requested_country = 'VN' AND sent_at IS NOT NULL))::int AS vn,
        (SELECT count(*) FROM webhook_deliveries WHERE status = 'DEAD')::int AS dead`)
    ).rows;
    return counts;
  } finally {
    await client.end();
  }
}

/** What the fill depends on: its size, the migrations, the dataset, the rollup's SQL, the demo seed, this fill. */
function fingerprint(total) {
  const m = dist('libs/core/src/database/migrations');
  const h = crypto.createHash('sha256');
  h.update(JSON.stringify([total, m.MIGRATIONS.map((x) => x.name), m.STATS_CELLS_OF_REQUESTS('TRUE'), m.STATS_MONTHS_OF_CELLS, m.REQUEST_OUTCOMES_OF_DEADLINES, fill.toString()]));
  h.update(fs.readFileSync(path.join(__dirname, 'dataset.js')));
  h.update(fs.readFileSync(path.join(ROOT, 'dist/libs/identity/src/seed/demo-seeder.js')));
  return h.digest('hex').slice(0, 12);
}

/** The counts of a complete fill of `name` younger than REUSE_MAX_DAYS, or null (none, unfinished, too old). */
async function filledBefore(name, maxDays) {
  const client = new Client({ connectionString: dbUrl(name) });
  try {
    await client.connect();
  } catch {
    return null; // no such database
  }
  try {
    const rows = (
      await client.query(`SELECT counts, filled_at FROM bench_fill WHERE filled_at > now() - make_interval(days => $1)`, [maxDays]).catch(() => ({ rows: [] }))
    ).rows;
    return rows[0] ? { ...rows[0].counts, filledAt: rows[0].filled_at.toISOString() } : null;
  } finally {
    await client.end();
  }
}

/** Marks the fill complete (what filledBefore reads). */
async function markFilled(url, counts) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE bench_fill AS SELECT now() AS filled_at, $1::jsonb AS counts`, [JSON.stringify(counts)]);
    return true;
  } finally {
    await client.end();
  }
}

module.exports = { fill, fingerprint, filledBefore, markFilled };
