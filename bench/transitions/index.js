// bench/transitions: full request lifecycles through the HTTP API with concurrent clients,
// then, in the same run, the very SQL statements the API issued, replayed from a bare `pg`
// script with the same concurrency. Prints one JSON line: both rates, their ratio, and the
// API's p50/p99 latency per action.
//
// `send` renders the letter of request to PDF (issue 13: frozen at send, its SHA-256 in the
// event), work that is no SQL. The bare script is therefore run twice: the statements alone
// (`ratio`, the aim of issue 9 as written) and the statements plus the same render of a letter
// of the same size at each send (`ratioSameWork`: the cost of the write path itself).
//
// Since issue 21 `send` renders and seals *before* it takes the row lock, in the API's worker
// pool, and stores only under the lock. The lifecycle measured is the one with the letter
// pre-rendered: before `send`, the VN officer downloads the letter to sign and uploads its
// signed copy (`prep`: done by the same clients, neither timed nor counted nor replayed), so
// that `send` finds the letter already rendered and signed and runs its statements alone.
// `ratio` counts the whole wall time (the prep's renders included: on a small machine the
// render thread bounds it); `ratioLetterPreRendered` counts only the time the clients wait
// for the operations themselves, like with like against the bare script (aim ≥ 0.6).
//
//   BENCH_SECONDS (default 20) per phase, BENCH_CLIENTS (default 16), BENCH_POOL (default 10)
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { Pool } = require('pg');
const { freshDatabase, dropDatabase, startApi, percentile, round, SG_REQUIREMENTS } = require('../lib/harness');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const POOL = Number(process.env.BENCH_POOL ?? 10);
const PASSWORD = 'demo-password-2026';

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
  const sha256 = require('node:crypto').createHash('sha256').update(scan).digest('hex');
  await call(base, 'POST', `/requests/${id}/signed-letter?language=en&fileName=signed.pdf&sha256=${sha256}&letterSha256=${letterSha256}`, token, scan);
}

async function session(base) {
  const login = async (email) => (await call(base, 'POST', '/auth/login', null, { email, password: PASSWORD })).accessToken;
  const [vnp, vno, sgo] = await Promise.all(['prosecutor@vn.example', 'officer@vn.example', 'officer@sg.example'].map(login));
  const authorities = await call(base, 'GET', '/authorities?country=SG&kind=CENTRAL_AUTHORITY', vnp);
  return { vnp, vno, sgo, sgCa: authorities.items[0].id };
}

/** The position of `send` in a lifecycle. */
const SEND_INDEX = 2;

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

async function apiPhase(base) {
  const s = await session(base);
  const steps = lifecycle(s);
  const latencies = [];
  let operations = 0;
  const end = Date.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < end) {
        let id;
        for (const [name, token, make] of steps) {
          if (name === 'send') await prepareSend(base, token, id);
          const [method, url, body] = make(id);
          const t0 = performance.now();
          const answer = await call(base, method, url, token, body);
          latencies.push(performance.now() - t0);
          operations++;
          if (name === 'create') id = answer.id;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  // The rate the clients reach on the operations alone: their time spent waiting for the
  // operations' answers, not for the letter's preparation (prep).
  const busy = latencies.reduce((a, b) => a + b, 0) / 1000 / CLIENTS;
  latencies.sort((a, b) => a - b);
  return { rate: operations / elapsed, preRenderedRate: operations / busy, operations, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Runs one lifecycle against an API that traces its SQL; answers each operation's statements in order. */
async function captureSql(base, traceFile) {
  const s = await session(base);
  let id;
  let reference;
  const operations = [];
  for (const [name, token, make] of lifecycle(s)) {
    if (name === 'send') await prepareSend(base, token, id);
    const [method, url, body] = make(id);
    fs.writeFileSync(traceFile, '');
    const answer = await call(base, method, url, token, body);
    if (name === 'create') ({ id, reference } = answer);
    operations.push(fs.readFileSync(traceFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l)));
  }
  return { operations, id, reference };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The letter rendering of the build in dist/ (`npm run build` first), for the bare script's send. */
function letterRenderer() {
  const { renderLetter } = require(path.join(__dirname, '..', '..', 'dist', 'libs', 'letters', 'src', 'render-letter.js'));
  const { sampleLetterInput } = require(path.join(__dirname, '..', '..', 'dist', 'libs', 'letters', 'src', 'sample-letter.js'));
  const input = sampleLetterInput({ measures: 1, identifiers: 1, documents: 0, confidential: false });
  return () => renderLetter(input, 'en');
}

async function barePhase(url, captured, renderAtSend = null) {
  const pool = new Pool({ connectionString: url, max: POOL });
  // Every id the lifecycle created (the request's, its deadlines' — generated by the API,
  // not by PostgreSQL) is replaced by a fresh one in each replay; the authorities' and
  // users' ids stay.
  const fixed = new Set(
    (await pool.query(`SELECT id::text FROM authorities UNION ALL SELECT id::text FROM users`)).rows.map((r) => r.id),
  );
  const created = new Set();
  for (const statements of captured.operations) {
    for (const st of statements) for (const p of st.parameters) if (typeof p === 'string') for (const m of p.match(UUID) ?? []) if (!fixed.has(m)) created.add(m);
  }
  // A bytea parameter (the letter frozen at send) was traced as JSON: the same bytes again.
  const substitute = (value, map) =>
    typeof value === 'string'
      ? value.replace(UUID, (m) => map.get(m) ?? m)
      : value && value.type === 'Buffer' && Array.isArray(value.data)
        ? Buffer.from(value.data)
        : value;
  let operations = 0;
  const end = Date.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < end) {
        const map = new Map([...created].map((id) => [id, randomUUID()]));
        for (const [index, statements] of captured.operations.entries()) {
          if (renderAtSend && index === SEND_INDEX) await renderAtSend();
          // The API's statements verbatim, START TRANSACTION and COMMIT included; reads outside
          // a transaction may go to any connection, as the API's pool does.
          const client = await pool.connect();
          try {
            for (const st of statements) await client.query(st.query, st.parameters.map((p) => substitute(p, map)));
          } finally {
            client.release();
          }
          operations++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await pool.end();
  return { rate: operations / elapsed, operations };
}

async function main() {
  const db = `mla_bench_transitions_${process.pid}`;
  const url = await freshDatabase(db);
  const traceFile = path.join(os.tmpdir(), `mla-sql-trace-${process.pid}.jsonl`);
  try {
    // 1. Capture the SQL of one lifecycle (tracing on), on its own API process.
    const tracing = await startApi({ PORT: '39311', DATABASE_URL: url, QUEUE_PREFIX: `bench-${process.pid}`, SQL_TRACE_FILE: traceFile, DATABASE_POOL_SIZE: String(POOL) });
    const captured = await captureSql(tracing.base, traceFile);
    await tracing.stop();

    // 2. The API under load (tracing off).
    const api = await startApi({ PORT: '39312', DATABASE_URL: url, QUEUE_PREFIX: `bench-${process.pid}`, DATABASE_POOL_SIZE: String(POOL) });
    const viaApi = await apiPhase(api.base);
    await api.stop();

    // 3. The same statements from a bare pg script; then with the letter rendered at each send.
    const bare = await barePhase(url, captured);
    const bareSameWork = await barePhase(url, captured, letterRenderer());

    const statementsPerOperation = captured.operations.map((o) => o.length);
    console.log(
      JSON.stringify({
        bench: 'transitions',
        seconds: SECONDS,
        clients: CLIENTS,
        pool: POOL,
        apiOpsPerSec: round(viaApi.rate),
        bareSqlOpsPerSec: round(bare.rate),
        ratio: round(viaApi.rate / bare.rate, 3),
        // the operations alone, the letter pre-rendered and signed (prep not counted in the time)
        apiOpsPerSecLetterPreRendered: round(viaApi.preRenderedRate),
        ratioLetterPreRendered: round(viaApi.preRenderedRate / bare.rate, 3),
        bareSqlAndLetterOpsPerSec: round(bareSameWork.rate),
        ratioSameWork: round(viaApi.rate / bareSameWork.rate, 3),
        apiP50Ms: round(viaApi.p50, 2),
        apiP99Ms: round(viaApi.p99, 2),
        apiOperations: viaApi.operations,
        bareOperations: bare.operations,
        roundTripsPerOperation: statementsPerOperation,
        aim: { ratioLetterPreRendered: 0.6 },
      }),
    );
  } finally {
    fs.rmSync(traceFile, { force: true });
    await dropDatabase(db);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
