// bench/files: one large evidence file through the PostgreSQL store (large objects, the
// default FILE_STORE), streamed up and down over HTTP, and the API process's memory while it
// does: upload and download throughput in MiB/s, the API's resident memory before, its peak
// during the transfers (VmRSS sampled every 50 ms) and its high-water mark (VmHWM).
//
// On a scratch database, the built API (`npm run build` first) in production mode. The file
// is generated (AES-CTR keystream: incompressible, deterministic), hashed once, then streamed
// again as the body: the client never holds it whole either. Prints one JSON line.
//
//   BENCH_FILE_MIB (default 100), BENCH_TIMEOUT_S (300, the whole run)
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const { Readable } = require('node:stream');
const { freshDatabase, dropDatabase, startApi, round, SG_REQUIREMENTS } = require('../lib/harness');

const MIB = 1024 * 1024;
const FILE_MIB = Number(process.env.BENCH_FILE_MIB ?? 100);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 300) * 1000;
const PASSWORD = 'demo-password-2026';
const CHUNK = 256 * 1024;

if (!Number.isInteger(FILE_MIB) || FILE_MIB < 1 || FILE_MIB > 4096) {
  console.error(`bench/files: BENCH_FILE_MIB must be 1..4096 (got ${process.env.BENCH_FILE_MIB})`);
  process.exit(2);
}

/** The file's bytes, a chunk at a time: the same every run. */
function fileStream(size) {
  const cipher = crypto.createCipheriv('aes-128-ctr', Buffer.alloc(16, 7), Buffer.alloc(16, 0));
  const zeros = Buffer.alloc(CHUNK);
  let left = size;
  return new Readable({
    read() {
      if (left === 0) return this.push(null);
      const n = Math.min(CHUNK, left);
      left -= n;
      this.push(cipher.update(n === CHUNK ? zeros : zeros.subarray(0, n)));
    },
  });
}

async function sha256Of(size) {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fileStream(size)) hash.update(chunk);
  return hash.digest('hex');
}

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

/** The API's memory (KiB) from /proc: VmRSS now, VmHWM the peak since it started. */
function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
}

/** Samples VmRSS every 50 ms while `work` runs; answers its result, seconds and the peak RSS (KiB). */
async function sampled(pid, work) {
  let peak = memoryOf(pid).rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, memoryOf(pid).rss);
  }, 50);
  const t0 = process.hrtime.bigint();
  try {
    const result = await work();
    return { result, seconds: Number(process.hrtime.bigint() - t0) / 1e9, peak: Math.max(peak, memoryOf(pid).rss) };
  } finally {
    clearInterval(timer);
  }
}

function upload(base, url, token, size) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${url}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': size },
    });
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString())) : reject(new Error(`upload answered ${res.statusCode}: ${Buffer.concat(chunks)}`))));
    });
    req.on('error', reject);
    fileStream(size).pipe(req);
  });
}

function download(base, url, token) {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`download answered ${res.statusCode}`));
        const hash = crypto.createHash('sha256');
        let bytes = 0;
        res.on('data', (c) => {
          bytes += c.length;
          hash.update(c);
        });
        res.on('end', () => resolve({ bytes, sha256: hash.digest('hex'), header: res.headers['x-content-sha256'] }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function main() {
  const size = FILE_MIB * MIB;
  const db = `mla_bench_files_${process.pid}`;
  const url = await freshDatabase(db);
  const api = await startApi({
    PORT: '39321',
    DATABASE_URL: url,
    QUEUE_PREFIX: `bench-files-${process.pid}`,
    FILE_STORE: 'postgres',
    EVIDENCE_MAX_BYTES: String(size),
    FILE_QUOTA_PER_REQUEST_BYTES: String(2 * size),
  });
  try {
    const login = async (email) => (await call(api.base, 'POST', '/auth/login', null, { email, password: PASSWORD })).accessToken;
    const [vnp, vno, sgo] = await Promise.all(['prosecutor@vn.example', 'officer@vn.example', 'officer@sg.example'].map(login));
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
    const sha256 = await sha256Of(size);
    await act(sgo, { action: 'deliver_evidence', final: false, items: [{ description: `Traffic logs (${FILE_MIB} MiB)`, kind: 'FILE', sha256, sizeBytes: size }] });
    const [item] = (await call(api.base, 'GET', `/requests/${request.id}/evidence`, sgo)).items;
    const contentUrl = `/api/v1/requests/${request.id}/evidence/${item.id}/content`;

    const before = memoryOf(api.pid);
    const up = await sampled(api.pid, () => upload(api.base, contentUrl, sgo, size));
    if (up.result.sha256 !== sha256) throw new Error('the stored file has another SHA-256');
    const down = await sampled(api.pid, () => download(api.base, contentUrl, vnp));
    if (down.result.bytes !== size || down.result.sha256 !== sha256 || down.result.header !== sha256) throw new Error('the downloaded file differs');
    const after = memoryOf(api.pid);
    console.log(
      JSON.stringify({
        bench: 'files',
        store: 'postgres',
        fileMiB: FILE_MIB,
        uploadMiBPerSec: round(FILE_MIB / up.seconds),
        downloadMiBPerSec: round(FILE_MIB / down.seconds),
        uploadSeconds: round(up.seconds, 2),
        downloadSeconds: round(down.seconds, 2),
        apiRssBeforeMiB: round(before.rss / 1024),
        apiPeakRssUploadMiB: round(up.peak / 1024),
        apiPeakRssDownloadMiB: round(down.peak / 1024),
        apiHighWaterMiB: round(after.hwm / 1024),
        sha256Verified: true,
      }),
    );
  } finally {
    await api.stop();
    await dropDatabase(db);
  }
}

const timer = setTimeout(() => {
  console.error(`bench/files: over ${TIMEOUT_MS / 1000} s, stopped`);
  process.exit(1);
}, TIMEOUT_MS);
timer.unref();
main().then(
  () => clearTimeout(timer),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
