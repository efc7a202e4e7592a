import { generate } from 'otplib';
import { totpCode, totpStep, newTotpSecret } from './totp';

/**
 * RFC 6238 Appendix B: the SHA-1 test vectors (8 digits, 30-second steps, T0 = 0, the
 * ASCII key "12345678901234567890"), through the library the API verifies codes with.
 */
describe('TOTP, RFC 6238 Appendix B (unit)', () => {
  const key = new TextEncoder().encode('12345678901234567890');
  const vectors: [number, string][] = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];

  it.each(vectors)('T = %i s gives %s', async (epoch, expected) => {
    expect(await generate({ secret: key, algorithm: 'sha1', digits: 8, period: 30, epoch })).toBe(expected);
  });

  it('accepts a code one step either side, not two, and never the same step twice', async () => {
    const secret = newTotpSecret();
    const at = new Date('2026-11-02T03:00:15Z');
    const code = await totpCode(secret, at);
    const step = Math.floor(at.getTime() / 30_000);
    expect(await totpStep(secret, code, new Date(at.getTime() + 30_000), null)).toBe(step);
    expect(await totpStep(secret, code, new Date(at.getTime() - 30_000), null)).toBe(step);
    expect(await totpStep(secret, code, new Date(at.getTime() + 60_000), null)).toBeNull();
    expect(await totpStep(secret, code, at, step)).toBeNull();
    expect(await totpStep(secret, code, at, step - 1)).toBe(step);
    expect(await totpStep(secret, '12345', at, null)).toBeNull();
  });
});
