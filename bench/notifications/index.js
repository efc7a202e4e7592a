// bench/notifications: a steady 100 actions/s for 30 s through the HTTP API, every authority's
// webhook pointing at a real HTTP receiver on 127.0.0.1; measures commit-to-arrival latency
// of the webhooks (p50, p99, max) and counts what was lost (expected outbox rows that never
// arrived after a bounded drain). API and worker run as the built processes.
//
//   BENCH_RATE (default 100 actions/s), BENCH_SECONDS (default 30), BENCH_DRAIN_SECONDS (default 30)
const http = require('node:http');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { Client } = require('pg');
const { ROOT, BENCH_ENV, freshDatabase, dropDatabase, startApi, percentile, round, SG_REQUIREMENTS } = require('../lib/harness');

const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 30);
const PREFIX = `bench-notif-${process.pid}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

function call(base, method, url, token, body) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/api/v1${url}`, {
      method, agent,
      headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const json = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
        if (res.statusCode >= 300) reject(new Error(`${method} ${url} answered ${res.statusCode}: ${JSON.stringify(json)}`));
        else resolve(json);
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function startReceiver(arrivals) {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const id = req.headers['webhook-id'];
      if (!arrivals.has(id)) arrivals.set(id, at - Date.parse(body.occurredAt));
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function startWorker(env) {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/apps/worker/src/main.js')], {
    env: { ...process.env, ...BENCH_ENV, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => /worker running/.test(String(d)) && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
  });
}

async function main() {
  const db = `mla_bench_notifications_${process.pid}`;
  const url = await freshDatabase(db);
  const arrivals = new Map();
  const receiver = await startReceiver(arrivals);
  const hook = `http://127.0.0.1:${receiver.address().port}/hook`;
  // The receiver is plain http on 127.0.0.1: a production webhook must be https to a public
  // address (DESIGN §12), so this benchmark runs in development mode (http and loopback allowed).
  const env = { NODE_ENV: 'development', DATABASE_URL: url, QUEUE_PREFIX: PREFIX, RECONCILE_INTERVAL_MS: '0' };
  const api = await startApi({ PORT: '39321', ...env });
  const worker = await startWorker(env);
  const deadline = setTimeout(() => { console.error('bench/notifications: hard timeout'); process.exit(2); }, (SECONDS + DRAIN_SECONDS + 120) * 1000);
  try {
    const login = async (email) => (await call(api.base, 'POST', '/auth/login', null, { email, password: 'demo-password-2026' })).accessToken;
    const [vnp, vno, sgo, admin] = await Promise.all(['prosecutor@vn.example', 'officer@vn.example', 'officer@sg.example', 'admin@example.org'].map(login));
    const authorities = (await call(api.base, 'GET', '/authorities', vnp)).items;
    for (const a of authorities) await call(api.base, 'PATCH', `/authorities/${a.id}`, admin, { webhookUrl: hook });
    const sgCa = authorities.find((a) => a.code === 'SG-CA').id;

    const steps = [
      [vnp, { action: 'submit' }], [vno, { action: 'send' }], [sgo, { action: 'acknowledge' }], [sgo, { action: 'start_execution' }],
      [sgo, { action: 'deliver_evidence', final: true, items: [{ description: 'Record', kind: 'DOCUMENT' }] }], [vnp, { action: 'close', outcome: 'Done' }],
    ];
    const lifecycles = Math.ceil((RATE * SECONDS) / steps.length) + 20;
    const drafts = [];
    for (let i = 0; i < lifecycles; i++) {
      drafts.push((await call(api.base, 'POST', '/requests', vnp, {
        type: 'SUBSCRIBER_INFO', legalBasis: 'ASEAN_MLAT_2004', requestedAuthorityId: sgCa, title: `Bench ${i}`,
        offence: { description: 'Fraud', provision: 'Art. 174' }, facts: 'Facts.', measures: ['Produce'], identifiers: [{ kind: 'EMAIL', value: 'a@example.com' }], ...SG_REQUIREMENTS,
      })).id);
    }

    // Open loop: one action every 1000/RATE ms, each request's steps in order.
    const cursor = drafts.map(() => 0);
    const busy = new Set();
    let next = 0;
    let sent = 0;
    let errors = 0;
    const interval = 1000 / RATE;
    const start = Date.now();
    const inflight = [];
    for (let i = 0; Date.now() - start < SECONDS * 1000; i++) {
      const wait = start + i * interval - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      let r = next;
      for (let k = 0; k < drafts.length && (busy.has(r) || cursor[r] >= steps.length); k++) r = (r + 1) % drafts.length;
      if (busy.has(r) || cursor[r] >= steps.length) continue;
      next = (r + 1) % drafts.length;
      const [token, body] = steps[cursor[r]];
      busy.add(r);
      inflight.push(call(api.base, 'POST', `/requests/${drafts[r]}/transitions`, token, body).then(() => { cursor[r]++; sent++; }, (e) => { if (errors++ === 0) console.error(String(e).slice(0, 300)); }).finally(() => busy.delete(r)));
    }
    await Promise.all(inflight);
    const elapsed = (Date.now() - start) / 1000;

    // Every outbox row goes to an authority with a webhook: wait for all of them (bounded).
    const pg = new Client({ connectionString: url });
    await pg.connect();
    const { rows } = await pg.query(`SELECT id FROM outbox`);
    const drainEnd = Date.now() + DRAIN_SECONDS * 1000;
    while (Date.now() < drainEnd && rows.some((r) => !arrivals.has(r.id))) await new Promise((r) => setTimeout(r, 100));
    await pg.end();
    const lost = rows.filter((r) => !arrivals.has(r.id)).length;
    const latencies = rows.filter((r) => arrivals.has(r.id)).map((r) => arrivals.get(r.id)).sort((a, b) => a - b);
    console.log(JSON.stringify({
      bench: 'notifications',
      targetActionsPerSec: RATE,
      actionsPerSec: round(sent / elapsed),
      actions: sent,
      actionErrors: errors,
      webhooksExpected: rows.length,
      webhooksArrived: latencies.length,
      lost,
      latencyP50Ms: percentile(latencies, 50),
      latencyP99Ms: percentile(latencies, 99),
      latencyMaxMs: latencies[latencies.length - 1] ?? null,
      aim: { latencyP99Ms: 250, lost: 0 },
    }));
  } finally {
    clearTimeout(deadline);
    worker.kill('SIGTERM');
    await api.stop();
    receiver.close();
    receiver.closeAllConnections?.();
    await new Promise((r) => setTimeout(r, 500));
    await dropDatabase(db);
    const Redis = require('ioredis');
    const redis = new Redis(process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379');
    const { deleteRedisPrefix } = require('../lib/harness');
    if (deleteRedisPrefix) await deleteRedisPrefix(redis, PREFIX);
    redis.disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
