// bench/letters, second figure (issue 21): other users' reads while one user renders letters.
// The built API (dist/) on a scratch database; one client (the VN prosecutor) edits a draft
// and downloads its letter in a loop (PATCH + GET …/letter: a new render each time), while
// other clients read another request (GET /requests/:id as the VN officer) and /health/live.
// Letters render in the API's worker pool, so the reads should not wait for them.
//   BENCH_READ_SECONDS (default 20), BENCH_READERS (default 4)
const http = require('node:http');
const { freshDatabase, dropDatabase, startApi, percentile, round, SG_REQUIREMENTS } = require('../lib/harness');

const SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 20);
const READERS = Number(process.env.BENCH_READERS ?? 4);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function call(base, method, url, { token, body, headers = {} } = {}) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${url}`,
      { method, agent, headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          if (res.statusCode >= 300) return reject(new Error(`${method} ${url} answered ${res.statusCode}: ${raw.toString('utf8').slice(0, 300)}`));
          resolve({ headers: res.headers, body: (res.headers['content-type'] ?? '').includes('json') ? JSON.parse(raw.toString('utf8')) : raw });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Draft content at the writer's limits is what made letters slow (issue 21): many measures and identifiers. */
function draft(sgCa, n) {
  return {
    type: 'SUBSCRIBER_INFO', legalBasis: 'ASEAN_MLAT_2004', requestedAuthorityId: sgCa, title: `Subscriber of the accounts (${n})`,
    offence: { description: 'Online fraud against 340 victims', provision: 'Penal Code art. 174' },
    facts: 'Victims paid after messages from the accounts. '.repeat(200),
    measures: Array.from({ length: 40 }, (_, i) => `Produce the subscriber information and log-in addresses of account ${i + 1}, with dates and times.`),
    identifiers: Array.from({ length: 60 }, (_, i) => ({ kind: 'EMAIL', value: `account${i + 1}@example.com` })),
    ...SG_REQUIREMENTS,
  };
}

async function measure(base) {
  const login = async (email) => (await call(base, 'POST', '/api/v1/auth/login', { body: { email, password: 'demo-password-2026' } })).body.accessToken;
  const [vnp, vno] = await Promise.all(['prosecutor@vn.example', 'officer@vn.example'].map(login));
  const sgCa = (await call(base, 'GET', '/api/v1/authorities?country=SG&kind=CENTRAL_AUTHORITY', { token: vnp })).body.items[0].id;
  const rendered = (await call(base, 'POST', '/api/v1/requests', { token: vnp, body: draft(sgCa, 1) })).body;
  const read = (await call(base, 'POST', '/api/v1/requests', { token: vnp, body: draft(sgCa, 2) })).body;
  await call(base, 'POST', `/api/v1/requests/${read.id}/transitions`, { token: vnp, body: { action: 'submit' } });
  // One letter first: the pool's worker started, fonts parsed.
  await call(base, 'GET', `/api/v1/requests/${rendered.id}/letter?lang=vi`, { token: vnp });

  const end = Date.now() + SECONDS * 1000;
  const renders = [];
  const reads = [];
  const live = [];
  let version = rendered.version;
  const timed = async (into, f) => {
    const t0 = performance.now();
    const answer = await f();
    into.push(performance.now() - t0);
    return answer;
  };
  const renderer = (async () => {
    for (let i = 0; Date.now() < end; i++) {
      const patched = await call(base, 'PATCH', `/api/v1/requests/${rendered.id}`, { token: vnp, headers: { 'if-match': `"${version}"` }, body: { title: `Subscriber of the accounts (edit ${i})` } });
      version = patched.body.version;
      await timed(renders, () => call(base, 'GET', `/api/v1/requests/${rendered.id}/letter?lang=${i % 2 ? 'en' : 'vi'}`, { token: vnp }));
    }
  })();
  const readers = Array.from({ length: READERS }, async () => {
    while (Date.now() < end) await timed(reads, () => call(base, 'GET', `/api/v1/requests/${read.id}`, { token: vno }));
  });
  const liveness = (async () => {
    while (Date.now() < end) await timed(live, () => call(base, 'GET', '/health/live'));
  })();
  await Promise.all([renderer, ...readers, liveness]);
  const sorted = (a) => [...a].sort((x, y) => x - y);
  const [r, g, l] = [sorted(renders), sorted(reads), sorted(live)];
  return {
    bench: 'letters-concurrent-reads',
    seconds: SECONDS,
    readers: READERS,
    lettersRendered: r.length,
    renderP50Ms: round(percentile(r, 50)),
    renderMaxMs: round(r[r.length - 1] ?? null),
    reads: g.length,
    readP50Ms: round(percentile(g, 50)),
    readP99Ms: round(percentile(g, 99)),
    liveP50Ms: round(percentile(l, 50)),
    liveP99Ms: round(percentile(l, 99)),
    aim: { readP99Ms: 100, liveP99Ms: 100 },
    met: { reads: percentile(g, 99) < 100, live: percentile(l, 99) < 100 },
  };
}

async function concurrentReads() {
  const db = `mla_bench_letter_reads_${process.pid}`;
  const url = await freshDatabase(db);
  const api = await startApi({ PORT: '39321', DATABASE_URL: url, QUEUE_PREFIX: `bench-reads-${process.pid}` });
  try {
    return await measure(api.base);
  } finally {
    await api.stop();
    await dropDatabase(db);
  }
}

module.exports = { concurrentReads };
