import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Seals small secrets (TOTP keys) at rest with AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>`
 * (base64url), a fresh 96-bit IV each time, and the owner's id as additional data, so that
 * a sealed value copied onto another user's row does not open.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** From MFA_SECRET_KEY (64 hex digits or base64 of 32 bytes), else derived from the JWT secret (HKDF-SHA256). */
  static fromConfig(secretKey: string | undefined, jwtSecret: string): SecretBox {
    if (secretKey) return new SecretBox(Buffer.from(secretKey, /^[0-9a-f]{64}$/i.test(secretKey) ? 'hex' : 'base64'));
    return new SecretBox(Buffer.from(hkdfSync('sha256', jwtSecret, 'mla-hub', 'mla-hub totp secrets v1', 32)));
  }

  seal(plain: string, owner: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(owner));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  /** The plain text; throws when the value was not sealed with this key for this owner. */
  open(sealed: string, owner: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(owner));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
