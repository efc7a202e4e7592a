// Shared pieces of the benchmarks: a scratch database, the built API as a child process,
// percentiles. Load goes to 127.0.0.1 only; every loop is bounded in time.
const { spawn } = require('node:child_process');
const path = require('node:path');
const { Client } = require('pg');

const ROOT = path.join(__dirname, '..', '..');
const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

function dbUrl(name) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function freshDatabase(name) {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return dbUrl(name);
}

async function dropDatabase(name) {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

/**
 * What every benchmark's API runs with: production, a random secret (production refuses a
 * known one), no API-wide limit (a benchmark calls far faster than any person), and no
 * compulsory second factor.
 */
const BENCH_ENV = {
  NODE_ENV: 'production',
  JWT_SECRET: require('node:crypto').randomBytes(32).toString('base64url'),
  WEBHOOK_SECRET_KEY: require('node:crypto').randomBytes(32).toString('base64'),
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_USER: '0',
  RATE_LIMIT_PER_CLIENT: '0',
  // The demo users sign in with the password alone (production would have them enrol a second factor first).
  MFA_REQUIRED_ROLES: 'none',
  // The sealing certificates' secret store (the demo seed's), apart from any other run's.
  SEAL_KEYS_DIR: path.join(require('node:os').tmpdir(), `mla-bench-seal-keys-${process.pid}`),
};

/** Starts dist/apps/api/src/main.js with the given environment; resolves once /health/ready answers. */
async function startApi(env) {
  const entry = path.join(ROOT, 'dist/apps/api/src/main.js');
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, ...BENCH_ENV, DEMO_SEED: 'true', REDIS_URL, ...env },
    // BENCH_API_LOG=<file> keeps the API's JSON log for diagnosis.
    stdio: ['ignore', process.env.BENCH_API_LOG ? require('node:fs').openSync(process.env.BENCH_API_LOG, 'a') : 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/health/ready`);
      if (res.ok) return { base, pid: child.pid, stop: () => stopChild(child) };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('the API did not become ready within 60 s');
}

function stopChild(child) {
  return new Promise((resolve) => {
    // Stopped already (by its exit code, or by the signal that ended it): nothing to wait for.
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (x, d = 1) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

module.exports = { ROOT, ADMIN_URL, BENCH_ENV, dbUrl, freshDatabase, dropDatabase, startApi, percentile, round };

/**
 * Deletes the keys under `${prefix}:` (SCAN + UNLINK, a batch at a time) with an ioredis
 * client; never touches another prefix. Answers how many keys it deleted.
 */
async function deleteRedisPrefix(redis, prefix) {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*`;
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 5000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

module.exports.deleteRedisPrefix = deleteRedisPrefix;

/**
 * What Singapore requires of a request (config/countries.yaml), filled in, so a benchmark's
 * request to SG-CA passes submit: written in English, with its extra fields.
 */
const SG_REQUIREMENTS = {
  language: 'en',
  details: {
    criminalMatterCertificate: 'The procuracy certifies that the request concerns a criminal matter.',
    maximumPenalty: 'Life imprisonment (Penal Code 2015, art. 174(4)).',
    offenceMeasureLink: 'The account received the payments; its data identify its holder.',
  },
};
module.exports.SG_REQUIREMENTS = SG_REQUIREMENTS;
