import { randomBytes } from 'node:crypto';
import { DEV_WEBHOOK_SECRET_KEY } from '../crypto/secret-box';
import { ConfigurationError, DEV_JWT_SECRET, loadAppConfig, weakSecretReason } from './app-config';

describe('loadAppConfig (DESIGN §10)', () => {
  it('has defaults that work on a developer machine', () => {
    const c = loadAppConfig({ NODE_ENV: 'development' });
    expect(c).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/mla_hub',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'mla',
      DEADLINE_POLICY_PATH: 'config/deadline-policy.yaml',
    });
    expect(c.demoSeed).toBe(true);
  });

  it('refuses to start without an explicit NODE_ENV (issue 22 item 5: it fell back to development and its published secret)', () => {
    expect(() => loadAppConfig({})).toThrow(/NODE_ENV: required/);
    expect(() => loadAppConfig({ JWT_SECRET: randomBytes(32).toString('base64') })).toThrow(/NODE_ENV: required/);
    expect(() => loadAppConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV="staging"/);
  });

  it('refuses in production a secret shorter than 32 bytes, however random', () => {
    const short = randomBytes(23).toString('base64').slice(0, 31);
    expect(() => loadAppConfig({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: 'hUmrJ0o0cWq3cEfXQ2N8cZ7yP1qTjW4sV9xK5bL6mAo=', JWT_SECRET: short })).toThrow(/JWT_SECRET/);
    expect(weakSecretReason(short)).toMatch(/shorter than 32/);
  });

  it('refuses in production the published webhook key, and reads a key of 32 bytes (issue 22 item 7)', () => {
    const jwt = randomBytes(32).toString('base64');
    expect(() => loadAppConfig({ NODE_ENV: 'production', JWT_SECRET: jwt })).toThrow(/WEBHOOK_SECRET_KEY: required in production/);
    expect(() => loadAppConfig({ NODE_ENV: 'production', JWT_SECRET: jwt, WEBHOOK_SECRET_KEY: DEV_WEBHOOK_SECRET_KEY })).toThrow(/WEBHOOK_SECRET_KEY/);
    expect(() => loadAppConfig({ NODE_ENV: 'production', JWT_SECRET: jwt, WEBHOOK_SECRET_KEY: '00'.repeat(32) })).toThrow(/WEBHOOK_SECRET_KEY/);
    expect(() => loadAppConfig({ NODE_ENV: 'development', WEBHOOK_SECRET_KEY: 'short' })).toThrow(/WEBHOOK_SECRET_KEY="short"/);
    const key = randomBytes(32);
    expect(loadAppConfig({ NODE_ENV: 'production', JWT_SECRET: jwt, WEBHOOK_SECRET_KEY: key.toString('base64') }).webhookSecretKey).toEqual(key);
    expect(loadAppConfig({ NODE_ENV: 'development' }).webhookSecretKey.toString('utf8')).toBe('mla-hub-development-webhook-key!');
    expect(loadAppConfig({ NODE_ENV: 'development', WEBHOOK_ALLOWED_PORTS: '9443, 10443' }).webhookAllowedPorts).toEqual([9443, 10443]);
    expect(() => loadAppConfig({ NODE_ENV: 'development', WEBHOOK_ALLOWED_PORTS: '443,70000' })).toThrow(/WEBHOOK_ALLOWED_PORTS/);
  });

  it('stops on a wrong value, naming the variable', () => {
    expect(() => loadAppConfig({ NODE_ENV: 'development', PORT: 'eighty' })).toThrow(ConfigurationError);
    expect(() => loadAppConfig({ NODE_ENV: 'development', PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => loadAppConfig({ NODE_ENV: 'development', REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL/);
    expect(() => loadAppConfig({ NODE_ENV: 'development', QUEUE_PREFIX: 'a:b' })).toThrow(/QUEUE_PREFIX/);
    expect(() => loadAppConfig({ NODE_ENV: 'development', DEMO_SEED: 'maybe' })).toThrow(/DEMO_SEED/);
  });

  it('names every wrong variable at once', () => {
    try {
      loadAppConfig({ NODE_ENV: 'development', PORT: '-1', DATABASE_URL: 'mysql://x' });
      throw new Error('no error');
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL/);
    }
  });

  it('requires a real JWT secret in production, and no demo seed there by default', () => {
    expect(() => loadAppConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required in production/);
    expect(() => loadAppConfig({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: 'hUmrJ0o0cWq3cEfXQ2N8cZ7yP1qTjW4sV9xK5bL6mAo=', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    // A random secret (openssl rand -base64 48); 40 times "x" was accepted before issue 10, now refused as obvious.
    const prod = loadAppConfig({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: 'hUmrJ0o0cWq3cEfXQ2N8cZ7yP1qTjW4sV9xK5bL6mAo=', JWT_SECRET: 'q3V9kz1R0bXn7m2PwYc4HtLs8Ue6JfAa5dGhKiOoNpQr' });
    expect(prod.demoSeed).toBe(false);
    expect(prod.JWT_SECRET).not.toBe(DEV_JWT_SECRET);
  });

  it('parses booleans and numbers', () => {
    expect(loadAppConfig({ NODE_ENV: 'development', DEMO_SEED: 'false', PORT: '8080' })).toMatchObject({ DEMO_SEED: false, PORT: 8080 });
  });

  it('refuses in production a secret that is short, published, a placeholder or obvious, naming JWT_SECRET', () => {
    const weak = [
      'x'.repeat(40),
      'change-me-to-a-long-random-secret-of-32-chars-or-more',
      `${DEV_JWT_SECRET}-2`,
      'bench-secret-bench-secret-bench-secret-0',
      'please-replace-me-with-something-long-enough',
      'abcabcabcabcabcabcabcabcabcabcabcabc',
      'aB3$aB3$aB3$aB3$aB3$aB3$aB3$aB3$aB3$',
      'ThisIsMyJwtSecretForProduction2026!!',
    ];
    for (const secret of weak) {
      expect(() => loadAppConfig({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: 'hUmrJ0o0cWq3cEfXQ2N8cZ7yP1qTjW4sV9xK5bL6mAo=', JWT_SECRET: secret })).toThrow(/JWT_SECRET/);
      expect(weakSecretReason(secret)).not.toBeNull();
    }
    expect(weakSecretReason('q3V9kz1R0bXn7m2PwYc4HtLs8Ue6JfAa5dGhKiOoNpQr')).toBeNull();
    expect(weakSecretReason(randomBytes(32).toString('base64'))).toBeNull();
    expect(weakSecretReason(randomBytes(24).toString('hex'))).toBeNull();
    // Outside production the development default is fine.
    expect(loadAppConfig({ NODE_ENV: 'development' }).JWT_SECRET).toBe(DEV_JWT_SECRET);
  });

  it('reads the limits, the proxy setting and the allowed origins, refusing wrong values', () => {
    const c = loadAppConfig({ NODE_ENV: 'development' });
    expect(c.trustProxy).toBe(false);
    expect(c.allowedOrigins).toEqual([]);
    expect(c).toMatchObject({ LOGIN_MAX_FAILURES_PER_ACCOUNT_CLIENT: 10, LOGIN_MAX_FAILURES_PER_CLIENT: 100, RATE_LIMIT_PER_USER: 1200 });
    expect(loadAppConfig({ NODE_ENV: 'development', TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback,10.0.0.0/8');
    expect(loadAppConfig({ NODE_ENV: 'development', TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadAppConfig({ NODE_ENV: 'development', ALLOWED_ORIGINS: 'https://Console.example.org, http://127.0.0.1:5173' }).allowedOrigins).toEqual([
      'https://console.example.org',
      'http://127.0.0.1:5173',
    ]);
    expect(() => loadAppConfig({ NODE_ENV: 'development', TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
    expect(() => loadAppConfig({ NODE_ENV: 'development', ALLOWED_ORIGINS: 'console.example.org' })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadAppConfig({ NODE_ENV: 'development', LOGIN_MAX_FAILURES_PER_CLIENT: '0' })).toThrow(/LOGIN_MAX_FAILURES_PER_CLIENT/);
    expect(() => loadAppConfig({ NODE_ENV: 'development', BODY_MAX_DEPTH: 'deep' })).toThrow(/BODY_MAX_DEPTH/);
  });

  it('reads the node identity (DESIGN §15): single-node mode when NODE_COUNTRIES is unset, http only on loopback', () => {
    const single = loadAppConfig({ NODE_ENV: 'development' });
    expect(single.nodeCountries).toBeNull();
    expect(single.nodeUrl).toBe('http://127.0.0.1:3000');
    expect(single.nodeId).toBe('localhost');
    const vn = loadAppConfig({ NODE_ENV: 'development', NODE_COUNTRIES: 'VN, LA,VN', NODE_URL: 'http://127.0.0.1:3101/', NODE_ID: 'vn.mla.example' });
    expect(vn.nodeCountries).toEqual(['LA', 'VN']);
    expect(vn.nodeUrl).toBe('http://127.0.0.1:3101');
    expect(vn.nodeId).toBe('vn.mla.example');
    expect(loadAppConfig({ NODE_ENV: 'development', NODE_URL: 'https://sg.mla.example' }).nodeId).toBe('sg.mla.example');
    expect(() => loadAppConfig({ NODE_ENV: 'development', NODE_COUNTRIES: 'vn' })).toThrow(/NODE_COUNTRIES="vn"/);
    expect(() => loadAppConfig({ NODE_ENV: 'development', NODE_ID: 'VN node' })).toThrow(/NODE_ID/);
    expect(() => loadAppConfig({ NODE_ENV: 'development', NODE_URL: 'http://vn.mla.example' })).toThrow(/NODE_URL: http is allowed only on loopback/);
    expect(() => loadAppConfig({ NODE_ENV: 'development', NODE_URL: 'ftp://vn.mla.example' })).toThrow(/NODE_URL=/);
  });

  it('places the node key (DESIGN §15): NODE_KEY_FILE, else var/node-keys/<NODE_ID>.pem outside production, none in production; retired keys optional', () => {
    expect(loadAppConfig({ NODE_ENV: 'development', NODE_ID: 'vn.mla.example' }).nodeKeyFile).toBe('var/node-keys/vn.mla.example.pem');
    expect(loadAppConfig({ NODE_ENV: 'development', NODE_KEY_FILE: '/etc/mla/node.pem' }).nodeKeyFile).toBe('/etc/mla/node.pem');
    const production = { NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('base64'), WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64') };
    expect(loadAppConfig(production).nodeKeyFile).toBeNull();
    expect(loadAppConfig({ NODE_ENV: 'development' }).NODE_RETIRED_KEYS_FILE).toBeUndefined();
    expect(loadAppConfig({ NODE_ENV: 'development', NODE_RETIRED_KEYS_FILE: 'config/retired-keys.json' }).NODE_RETIRED_KEYS_FILE).toBe('config/retired-keys.json');
  });
});
