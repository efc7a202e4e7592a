// bench/slow-clients: 50 slow clients against the built API (127.0.0.1 only, bounded in time)
// while another user reads (issue 22 item 1). 25 uploads send their headers and then a byte
// per second; 25 downloads of a large evidence file read their status line and then nothing
// (their socket paused: the file waits on them). Meanwhile a supervisor reads the request over
// and over, and /health/ready is polled. Prints ONE JSON line: the reads' p50/p99/max, errors,
// and whether /health/ready stayed green.
//
// The API runs in production mode on the default pool (DATABASE_POOL_SIZE 10) with the caps
// that would cut or refuse the attack lifted (TRANSFERS_PER_USER 100, no minimum rate): the
// worst case, every slow transfer held for the whole run. `BENCH_DEFENCES=1` keeps the
// defaults instead (most slow clients are then refused with 429 or cut).
//
//   BENCH_SECONDS (default 30), BENCH_SLOW_CLIENTS (50), BENCH_FILE_MIB (32)
const crypto = require('node:crypto');
const http = require('node:http');
const { freshDatabase, dropDatabase, startApi, percentile, round, SG_REQUIREMENTS } = require('../lib/harness');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = Number(process.env.BENCH_SLOW_CLIENTS ?? 50);
const FILE_MIB = Number(process.env.BENCH_FILE_MIB ?? 32);
const PASSWORD = 'demo-password-2026';
const PORT = 39323;
const UPLOAD_BYTES = 64 * 1024;

function call(base, method, url, token, body) {
  return fetch(`${base}/api/v1${url}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  }).then(async (res) => {
    const json = await res.json();
    if (res.status >= 300) throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  });
}

function put(base, url, token, bytes) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${url}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': bytes.length } });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`upload answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

/** An upload at a byte per second; answers its state (refused with 429, held, cut by the server). */
function slowUpload(base, url, token, state) {
  const req = http.request(`${base}${url}`, { method: 'PUT', agent: false, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': UPLOAD_BYTES } });
  req.on('error', () => undefined);
  req.on('response', (res) => {
    state.answered[res.statusCode] = (state.answered[res.statusCode] ?? 0) + 1;
    res.resume();
  });
  req.on('close', () => {
    if (!state.stopping) state.cut++;
  });
  const drip = setInterval(() => req.write(Buffer.alloc(1, 0x41)), 1000);
  req.write(Buffer.alloc(1, 0x41));
  return () => {
    clearInterval(drip);
    req.destroy();
  };
}

/** A download that reads its status line and then nothing. */
function stalledDownload(base, url, token, state) {
  const req = http.get(`${base}${url}`, { agent: false, headers: { authorization: `Bearer ${token}` } });
  req.on('error', () => undefined);
  req.on('response', (res) => {
    state.answered[res.statusCode] = (state.answered[res.statusCode] ?? 0) + 1;
    res.pause();
    res.on('error', () => undefined);
  });
  return () => req.destroy();
}

async function main() {
  const db = `mla_bench_slow_${process.pid}`;
  const url = await freshDatabase(db);
  const defences = process.env.BENCH_DEFENCES === '1';
  const api = await startApi({
    PORT: String(PORT),
    DATABASE_URL: url,
    QUEUE_PREFIX: `bench-slow-${process.pid}`,
    EVIDENCE_MAX_BYTES: String(FILE_MIB * 1024 * 1024),
    ...(defences ? {} : { TRANSFERS_PER_USER: '100', TRANSFER_MIN_BYTES_PER_SECOND: '0' }),
  });
  const stops = [];
  const state = { answered: {}, cut: 0, stopping: false };
  try {
    const login = async (email) => (await call(api.base, 'POST', '/auth/login', null, { email, password: PASSWORD })).accessToken;
    const [vnp, vno, sgo, vns] = await Promise.all(['prosecutor@vn.example', 'officer@vn.example', 'officer@sg.example', 'supervisor@vn.example'].map(login));
    const sgCa = (await call(api.base, 'GET', '/authorities?country=SG&kind=CENTRAL_AUTHORITY', vnp)).items[0].id;
    const request = await call(api.base, 'POST', '/requests', vnp, {
      type: 'TRAFFIC_DATA', legalBasis: 'ASEAN_MLAT_2004', requestedAuthorityId: sgCa, title: 'Traffic logs of a botnet controller',
      offence: { description: 'Unauthorised access', provision: 'Penal Code art. 289' }, facts: 'A controller at a Singapore host.',
      measures: ['Produce traffic logs'], identifiers: [{ kind: 'EMAIL', value: 'botnet@example.com' }], ...SG_REQUIREMENTS,
    });
    const act = (token, body) => call(api.base, 'POST', `/requests/${request.id}/transitions`, token, body);
    await act(vnp, { action: 'submit' });
    await act(vno, { action: 'send' });
    await act(sgo, { action: 'acknowledge' });
    await act(sgo, { action: 'start_execution' });
    const big = crypto.randomBytes(FILE_MIB * 1024 * 1024);
    const uploads = Math.floor(CLIENTS / 2);
    const downloads = CLIENTS - uploads;
    const items = [{ description: 'Large file', kind: 'FILE', sha256: crypto.createHash('sha256').update(big).digest('hex'), sizeBytes: big.length }];
    for (let i = 0; i < uploads; i++) items.push({ description: `Slow ${String(i).padStart(3, '0')}`, kind: 'FILE', sha256: crypto.createHash('sha256').update(String(i)).digest('hex'), sizeBytes: UPLOAD_BYTES });
    await act(sgo, { action: 'deliver_evidence', final: false, items });
    const list = (await call(api.base, 'GET', `/requests/${request.id}/evidence`, sgo)).items;
    const idOf = (d) => list.find((x) => x.description === d).id;
    const content = (id) => `/api/v1/requests/${request.id}/evidence/${id}/content`;
    await put(api.base, content(idOf('Large file')), sgo, big);

    for (let i = 0; i < uploads; i++) stops.push(slowUpload(api.base, content(idOf(`Slow ${String(i).padStart(3, '0')}`)), sgo, state));
    for (let i = 0; i < downloads; i++) stops.push(stalledDownload(api.base, content(idOf('Large file')), i % 2 === 0 ? vnp : vno, state));

    const until = Date.now() + SECONDS * 1000;
    const latencies = [];
    let readErrors = 0;
    let healthChecks = 0;
    let healthFailures = 0;
    const reader = (async () => {
      while (Date.now() < until) {
        const t0 = process.hrtime.bigint();
        try {
          const res = await fetch(`${api.base}/api/v1/requests/${request.id}`, { headers: { authorization: `Bearer ${vns}` } });
          await res.arrayBuffer();
          if (res.status !== 200) readErrors++;
        } catch {
          readErrors++;
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const health = (async () => {
      while (Date.now() < until) {
        healthChecks++;
        try {
          const res = await fetch(`${api.base}/health/ready`, { signal: AbortSignal.timeout(5000) });
          await res.arrayBuffer();
          if (res.status !== 200) healthFailures++;
        } catch {
          healthFailures++;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    await Promise.all([reader, health]);
    state.stopping = true;
    latencies.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        bench: 'slow-clients',
        slowUploads: uploads,
        slowDownloads: downloads,
        defences: defences ? 'defaults' : 'caps and minimum rate lifted (worst case)',
        seconds: SECONDS,
        poolSize: 10,
        slowAnswered: state.answered,
        slowCutByServer: state.cut,
        reads: latencies.length,
        readErrors,
        readP50Ms: round(percentile(latencies, 50)),
        readP99Ms: round(percentile(latencies, 99)),
        readMaxMs: round(latencies[latencies.length - 1] ?? null),
        healthChecks,
        healthFailures,
        healthReadyStayedGreen: healthFailures === 0,
      }),
    );
  } finally {
    state.stopping = true;
    for (const stop of stops) stop();
    await api.stop();
    await dropDatabase(db);
  }
}

const timer = setTimeout(() => {
  console.error(`bench/slow-clients: over ${SECONDS + 120} s, stopped`);
  process.exit(1);
}, (SECONDS + 120) * 1000);
timer.unref();
main().then(
  () => clearTimeout(timer),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
