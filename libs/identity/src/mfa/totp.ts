import { generate, generateSecret, generateURI, verify } from 'otplib';

/**
 * TOTP as DESIGN §16 fixes it (RFC 6238): HMAC-SHA-1, 6 digits, 30-second steps, one step
 * either side of now. Pure functions of the secret and the time (the caller's clock).
 */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD = 30;
export const TOTP_ISSUER = 'MLA Hub';

/** A new random secret (160 bits, base32). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The `otpauth://` URI an authenticator app reads (from the QR code). */
export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: account, secret, algorithm: 'sha1', digits: TOTP_DIGITS, period: TOTP_PERIOD });
}

/** The code for this moment (tests, and the console's tests). */
export function totpCode(secret: string, at: Date): Promise<string> {
  return generate({ secret, algorithm: 'sha1', digits: TOTP_DIGITS, period: TOTP_PERIOD, epoch: Math.floor(at.getTime() / 1000) });
}

/**
 * The time step a code belongs to, when it is right for `at` within one step either side
 * and later than `afterStep` (a code, or an older one, once accepted is never accepted
 * again); null otherwise.
 */
export async function totpStep(secret: string, code: string, at: Date, afterStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    algorithm: 'sha1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
    epoch: Math.floor(at.getTime() / 1000),
    epochTolerance: TOTP_PERIOD,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
