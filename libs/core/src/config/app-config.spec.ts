import { ConfigurationError, DEV_JWT_SECRET, loadAppConfig } from './app-config';

describe('loadAppConfig (DESIGN §10)', () => {
  it('has defaults that work on a developer machine', () => {
    const c = loadAppConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/mla_hub',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'mla',
      DEADLINE_POLICY_PATH: 'config/deadline-policy.yaml',
    });
    expect(c.demoSeed).toBe(true);
  });

  it('stops on a wrong value, naming the variable', () => {
    expect(() => loadAppConfig({ PORT: 'eighty' })).toThrow(ConfigurationError);
    expect(() => loadAppConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => loadAppConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL/);
    expect(() => loadAppConfig({ QUEUE_PREFIX: 'a:b' })).toThrow(/QUEUE_PREFIX/);
    expect(() => loadAppConfig({ DEMO_SEED: 'maybe' })).toThrow(/DEMO_SEED/);
  });

  it('names every wrong variable at once', () => {
    try {
      loadAppConfig({ PORT: '-1', DATABASE_URL: 'mysql://x' });
      throw new Error('no error');
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL/);
    }
  });

  it('requires a real JWT secret in production, and no demo seed there by default', () => {
    expect(() => loadAppConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required in production/);
    expect(() => loadAppConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    const prod = loadAppConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
    expect(prod.demoSeed).toBe(false);
    expect(prod.JWT_SECRET).not.toBe(DEV_JWT_SECRET);
  });

  it('parses booleans and numbers', () => {
    expect(loadAppConfig({ DEMO_SEED: 'false', PORT: '8080' })).toMatchObject({ DEMO_SEED: false, PORT: 8080 });
  });
});
