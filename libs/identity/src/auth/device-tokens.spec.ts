import { loadAppConfig, type Clock } from '@mla/core';
import { DeviceTokens } from './device-tokens';

describe('DeviceTokens', () => {
  let now = new Date('2026-12-06T00:00:00Z');
  const clock = { now: () => now } as Clock;
  const config = loadAppConfig({ NODE_ENV: 'test', DEVICE_TOKEN_TTL_DAYS: '30' });
  const tokens = new DeviceTokens(config, clock);

  it('verifies a token for the account it was given to (any case of the e-mail), and only that one', () => {
    const token = tokens.issue('Officer@VN.example');
    expect(tokens.verify(token, 'officer@vn.example')).toEqual({ id: expect.any(String) });
    expect(tokens.verify(token, 'other@vn.example')).toBeNull();
  });

  it('refuses a forged, altered or foreign token', () => {
    const token = tokens.issue('a@vn.example');
    const parts = token.split('.');
    expect(tokens.verify([...parts.slice(0, 4), 'A'.repeat(43)].join('.'), 'a@vn.example')).toBeNull();
    expect(tokens.verify([parts[0], parts[1], 'another-id', parts[3], parts[4]].join('.'), 'a@vn.example')).toBeNull();
    expect(tokens.verify([parts[0], parts[1], parts[2], '9999999999', parts[4]].join('.'), 'a@vn.example')).toBeNull();
    const elsewhere = new DeviceTokens(loadAppConfig({ NODE_ENV: 'test', JWT_SECRET: 'another-secret-of-at-least-32-characters!!' }), clock);
    expect(elsewhere.verify(token, 'a@vn.example')).toBeNull();
    expect(tokens.verify('garbage', 'a@vn.example')).toBeNull();
    expect(tokens.verify(undefined, 'a@vn.example')).toBeNull();
  });

  it('expires after DEVICE_TOKEN_TTL_DAYS', () => {
    const token = tokens.issue('a@vn.example');
    now = new Date(now.getTime() + 30 * 86_400_000 - 1000);
    expect(tokens.verify(token, 'a@vn.example')).not.toBeNull();
    now = new Date(now.getTime() + 1000);
    expect(tokens.verify(token, 'a@vn.example')).toBeNull();
  });
});
