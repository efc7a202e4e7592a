import fc from 'fast-check';
import { hashRecoveryCode, isTotpCode, newRecoveryCodes, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes';
import { SecretBox } from './secret-box';

describe('recovery codes (unit)', () => {
  it('gives ten distinct codes of 16 base32 characters in groups of four', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const c of codes) expect(c).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
  });

  it('hashes a code the same however it is typed (case, dashes, spaces), and nothing else', () => {
    fc.assert(
      fc.property(fc.constantFrom(...newRecoveryCodes()), fc.boolean(), fc.boolean(), (code, lower, spaced) => {
        let typed = lower ? code.toLowerCase() : code;
        typed = spaced ? typed.replace(/-/g, ' ') : typed.replace(/-/g, '');
        expect(hashRecoveryCode(typed)).toBe(hashRecoveryCode(code));
        expect(hashRecoveryCode(code)).toMatch(/^[0-9a-f]{64}$/);
      }),
    );
    expect(normalizeRecoveryCode('ABCD-EFGH-2345-67AB')).toBe('ABCDEFGH234567AB');
    for (const bad of ['', '123456', 'ABCD-EFGH-2345', 'ABCD-EFGH-2345-6789', 'ABCD-EFGH-2345-67AB-CDEF']) expect(hashRecoveryCode(bad)).toBeNull();
    expect(isTotpCode(' 123456 ')).toBe(true);
    expect(isTotpCode('12345')).toBe(false);
  });
});

describe('SecretBox (unit)', () => {
  const hex = 'a'.repeat(32) + 'b'.repeat(32);

  it('opens what it sealed, for the same owner only, and never shows the plain text', () => {
    const box = SecretBox.fromConfig(hex, 'unused');
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'user-1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP', 'user-1')).not.toBe(sealed);
    expect(box.open(sealed, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => box.open(sealed, 'user-2')).toThrow();
    expect(() => SecretBox.fromConfig(Buffer.from(hex, 'hex').toString('base64'), 'unused').open(sealed, 'user-1')).not.toThrow();
    expect(() => SecretBox.fromConfig(undefined, 'a-jwt-secret-of-at-least-32-characters!').open(sealed, 'user-1')).toThrow();
    const [v, iv, tag, data] = sealed.split('.');
    const flipped = `${v}.${iv}.${tag}.${(data as string).slice(0, -2)}${(data as string).endsWith('A') ? 'B' : 'A'}${(data as string).slice(-1)}`;
    expect(() => box.open(flipped, 'user-1')).toThrow();
  });
});
