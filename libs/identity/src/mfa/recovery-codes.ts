import { createHash, randomBytes } from 'node:crypto';

/** How many recovery codes a user receives (DESIGN §16). */
export const RECOVERY_CODE_COUNT = 10;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** One code: 16 base32 characters (80 random bits) in groups of four, e.g. `K7QD-2MXA-PL4R-ZT6B`. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
}

/** A recovery code as typed (any case, with or without dashes or spaces), or null when it cannot be one. */
export function normalizeRecoveryCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z2-7]{16}$/.test(code) ? code : null;
}

/** What is stored of a code: its SHA-256 (80 random bits: no dictionary to try). */
export function hashRecoveryCode(typed: string): string | null {
  const code = normalizeRecoveryCode(typed);
  return code === null ? null : createHash('sha256').update(code).digest('hex');
}

/** Whether the text is shaped like a six-digit TOTP code. */
export function isTotpCode(typed: string): boolean {
  return /^\d{6}$/.test(typed.trim());
}
