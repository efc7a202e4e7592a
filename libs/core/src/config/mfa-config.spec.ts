import { randomBytes } from 'node:crypto';
import { loadAppConfig } from './app-config';

/** The second factor's settings (DESIGN §16): who must enrol, the sealing key, the step-up window, the WebAuthn id. */
describe('second-factor settings (unit)', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('base64'), WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64') };

  it('makes every role enrol in production and none elsewhere, unless MFA_REQUIRED_ROLES says', () => {
    expect(loadAppConfig(production).mfaRequiredRoles).toEqual(['PROSECUTOR', 'OFFICER', 'SUPERVISOR', 'ADMIN']);
    expect(loadAppConfig({ NODE_ENV: 'development' }).mfaRequiredRoles).toEqual([]);
    expect(loadAppConfig({ NODE_ENV: 'test' }).mfaRequiredRoles).toEqual([]);
    expect(loadAppConfig({ ...production, MFA_REQUIRED_ROLES: 'none' }).mfaRequiredRoles).toEqual([]);
    expect(loadAppConfig({ NODE_ENV: 'development', MFA_REQUIRED_ROLES: 'OFFICER, ADMIN' }).mfaRequiredRoles).toEqual(['OFFICER', 'ADMIN']);
  });

  it('stops on an unknown role, a key that is not 32 bytes, a step-up window out of range, an RP id with a port', () => {
    expect(() => loadAppConfig({ NODE_ENV: 'development', MFA_REQUIRED_ROLES: 'OFFICER,JUDGE' })).toThrow(/MFA_REQUIRED_ROLES/);
    expect(() => loadAppConfig({ NODE_ENV: 'development', MFA_SECRET_KEY: 'short' })).toThrow(/MFA_SECRET_KEY/);
    expect(() => loadAppConfig({ NODE_ENV: 'development', MFA_SECRET_KEY: randomBytes(16).toString('base64') })).toThrow(/MFA_SECRET_KEY/);
    expect(loadAppConfig({ NODE_ENV: 'development', MFA_SECRET_KEY: randomBytes(32).toString('base64') }).MFA_SECRET_KEY).toBeDefined();
    expect(loadAppConfig({ NODE_ENV: 'development', MFA_SECRET_KEY: randomBytes(32).toString('hex') }).MFA_SECRET_KEY).toBeDefined();
    expect(() => loadAppConfig({ NODE_ENV: 'development', MFA_STEP_UP_SECONDS: '5' })).toThrow(/MFA_STEP_UP_SECONDS/);
    expect(loadAppConfig({ NODE_ENV: 'development' }).MFA_STEP_UP_SECONDS).toBe(600);
    expect(() => loadAppConfig({ NODE_ENV: 'development', WEBAUTHN_RP_ID: 'mla.example.org:443' })).toThrow(/WEBAUTHN_RP_ID/);
    expect(loadAppConfig({ NODE_ENV: 'development', WEBAUTHN_RP_ID: 'mla.example.org' }).WEBAUTHN_RP_ID).toBe('mla.example.org');
  });
});
