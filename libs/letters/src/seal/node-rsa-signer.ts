import { constants, createPrivateKey, privateEncrypt, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

/** DigestInfo of SHA-256 (RFC 8017 §9.2) before the digest: RSASSA-PKCS1-v1_5 is the private-key operation on it. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** What node-forge asks of a private key when it signs (a certificate, a CMS): `sign(md)`, the signature as a binary string. */
export interface ForgeSigningKey {
  sign(md: forge.md.MessageDigest): string;
}

/**
 * An RSA key that signs for node-forge with node:crypto (OpenSSL): forge's own RSA is
 * JavaScript, some hundred times slower. SHA-256 digests only.
 */
export function nodeRsaSigner(key: KeyObject | forge.pki.rsa.PrivateKey): ForgeSigningKey {
  const keyObject = 'asymmetricKeyType' in key ? (key as KeyObject) : createPrivateKey(forge.pki.privateKeyToPem(key as forge.pki.rsa.PrivateKey));
  return {
    sign(md) {
      if (md.algorithm !== 'sha256') throw new RangeError(`only SHA-256 digests are signed, not ${md.algorithm}`);
      const digest = Buffer.from(md.digest().getBytes(), 'binary');
      return privateEncrypt({ key: keyObject, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest])).toString('binary');
    },
  };
}
