import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets kept at rest (webhook signing secrets, issue 22 item 7): AES-256-GCM under a key
 * from the environment (WEBHOOK_SECRET_KEY, 32 bytes), a random 96-bit nonce per value,
 * stored as `enc1:` + base64(nonce | tag | ciphertext). Pure functions; no framework.
 */
export const SEALED_PREFIX = 'enc1:';

/** Binds a sealed value to its use: a sealed value copied into another column does not open. */
const AAD = Buffer.from('mla-hub:webhook-secret:v1');

/** The published development key ("mla-hub-development-webhook-key!" as hex): refused in production. */
export const DEV_WEBHOOK_SECRET_KEY = '6d6c612d6875622d646576656c6f706d656e742d776562686f6f6b2d6b657921';

/** WEBHOOK_SECRET_KEY as 32 bytes: 64 hex digits, or base64 / base64url of 32 bytes; null otherwise. */
export function parseSecretKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return key.length === 32 ? key : null;
  }
  return null;
}

/** Whether a stored value is sealed (else it is a value written before encryption, in plain text). */
export function isSealed(stored: string): boolean {
  return stored.startsWith(SEALED_PREFIX);
}

export function sealSecret(key: Buffer, plain: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return SEALED_PREFIX + Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64');
}

/** The plain secret; throws when the value was sealed under another key or altered. A value never sealed is answered as it is. */
export function openSecret(key: Buffer, stored: string): string {
  if (!isSealed(stored)) return stored;
  const raw = Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64');
  if (raw.length < 12 + 16) throw new Error('sealed secret too short');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(AAD);
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
