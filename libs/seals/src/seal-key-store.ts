import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppConfig } from '@mla/core';

/** What the store says of a certificate without opening its key. */
export interface StoredSealInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  sha256: string;
  setAt: string;
  setBy: string;
}

/** A certificate and its key as the seal needs them. */
export interface SealKey {
  p12: Buffer;
  passphrase: string;
  info: StoredSealInfo;
}

interface StoredFile {
  v: 1;
  info: StoredSealInfo;
  /** base64url of nonce (12) | tag (16) | AES-256-GCM of JSON { p12 (base64), passphrase }. */
  sealed: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The sealing certificates' secret store (DESIGN §4): one file per authority in SEAL_KEYS_DIR,
 * never in the database. The PKCS#12 and its password are encrypted (AES-256-GCM, the
 * authority's id as additional data: a file copied under another authority's name does not
 * open) with SEAL_SECRET_KEY, or a key derived from JWT_SECRET when unset. The certificate's
 * public facts are kept beside it in clear, to be shown without opening the key.
 */
@Injectable()
export class SealKeyStore {
  private readonly key: Buffer;
  private readonly dir: string;

  constructor(config: AppConfig) {
    this.dir = config.SEAL_KEYS_DIR;
    const given = config.SEAL_SECRET_KEY;
    this.key = given
      ? Buffer.from(given, /^[0-9a-f]{64}$/i.test(given) ? 'hex' : 'base64')
      : Buffer.from(hkdfSync('sha256', config.JWT_SECRET, 'mla-hub', 'mla-hub seal keys v1', 32));
  }

  private file(authorityId: string): string {
    if (!UUID.test(authorityId)) throw new RangeError('an authority id is a UUID');
    return join(this.dir, `${authorityId.toLowerCase()}.seal.json`);
  }

  async put(authorityId: string, p12: Buffer, passphrase: string, info: StoredSealInfo): Promise<void> {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(authorityId.toLowerCase()));
    const body = Buffer.concat([cipher.update(JSON.stringify({ p12: p12.toString('base64'), passphrase }), 'utf8'), cipher.final()]);
    const stored: StoredFile = { v: 1, info, sealed: Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url') };
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = this.file(authorityId);
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, JSON.stringify(stored), { mode: 0o600 });
    await rename(temporary, path);
  }

  private async read(authorityId: string): Promise<StoredFile | null> {
    try {
      return JSON.parse(await readFile(this.file(authorityId), 'utf8')) as StoredFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** The certificate's public facts; null when the authority has none. */
  async info(authorityId: string): Promise<StoredSealInfo | null> {
    return (await this.read(authorityId))?.info ?? null;
  }

  /** The key to seal with; null when the authority has none. Throws when SEAL_SECRET_KEY is not the key that encrypted it. */
  async get(authorityId: string): Promise<SealKey | null> {
    const stored = await this.read(authorityId);
    if (!stored) return null;
    const raw = Buffer.from(stored.sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(authorityId.toLowerCase()));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as { p12: string; passphrase: string };
    return { p12: Buffer.from(plain.p12, 'base64'), passphrase: plain.passphrase, info: stored.info };
  }

  async remove(authorityId: string): Promise<boolean> {
    const had = (await this.read(authorityId)) !== null;
    await rm(this.file(authorityId), { force: true });
    return had;
  }
}
