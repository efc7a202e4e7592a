import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { DEV_WEBHOOK_SECRET_KEY, isSealed, openSecret, parseSecretKey, sealSecret } from './secret-box';

describe('secret box (AES-256-GCM, issue 22 item 7)', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and the sealed form shows nothing of the secret', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 120 }), (plain) => {
        const sealed = sealSecret(key, plain);
        expect(isSealed(sealed)).toBe(true);
        expect(openSecret(key, sealed)).toBe(plain);
        if (plain.length >= 8) expect(sealed).not.toContain(plain);
      }),
    );
    // A fresh nonce each time.
    expect(sealSecret(key, 'whsec_x')).not.toBe(sealSecret(key, 'whsec_x'));
  });

  it('refuses another key or an altered value', () => {
    const sealed = sealSecret(key, 'whsec_abc');
    expect(() => openSecret(randomBytes(32), sealed)).toThrow();
    const raw = Buffer.from(sealed.slice(5), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => openSecret(key, `enc1:${raw.toString('base64')}`)).toThrow();
    expect(() => openSecret(key, 'enc1:AAAA')).toThrow();
  });

  it('parses a key of 32 bytes as hex or base64, nothing else', () => {
    expect(parseSecretKey(DEV_WEBHOOK_SECRET_KEY)?.toString('utf8')).toBe('mla-hub-development-webhook-key!');
    expect(parseSecretKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretKey(key.toString('base64url'))).toEqual(key);
    expect(parseSecretKey(randomBytes(31).toString('hex'))).toBeNull();
    expect(parseSecretKey(randomBytes(16).toString('base64'))).toBeNull();
    expect(parseSecretKey('not a key')).toBeNull();
  });
});
