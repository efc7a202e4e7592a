import { createPublicKey, KeyObject } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';

/** A node's public signing key as its well-known document lists it (RFC 7517, RFC 8037). */
export interface NodeJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  /** The key's RFC 7638 thumbprint (SHA-256, base64url): the `keyid` of its signatures and the `kid` of its receipts. */
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

/** An RFC 7638 SHA-256 thumbprint in base64url (43 characters). */
export const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;
const X = /^[A-Za-z0-9_-]{43}$/;
/** The most keys a node may list (its current one and those retired but still listed). */
export const MAX_NODE_KEYS = 20;

/** The RFC 7638 thumbprint of an Ed25519 public key given by its `x`. */
export function thumbprintOf(x: string): Promise<string> {
  return calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x }, 'sha256');
}

/** The public JWK of an Ed25519 key (private or public KeyObject), with its thumbprint as `kid`. */
export async function publicJwkOf(key: KeyObject): Promise<NodeJwk> {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new RangeError(`a node key is Ed25519, not ${String(publicKey.asymmetricKeyType)}`);
  const { x } = publicKey.export({ format: 'jwk' }) as { x: string };
  return { kty: 'OKP', crv: 'Ed25519', x, kid: await thumbprintOf(x), alg: 'EdDSA', use: 'sig' };
}

/** The Node public key of a JWK already checked by `readNodeKeys`. */
export function keyObjectOf(jwk: Pick<NodeJwk, 'x'>): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
}

/** A JWKS that is not a valid set of node keys, with a sentence saying why. */
export class NodeKeysRefused extends Error {}

/**
 * Reads a peer's (or a retired-keys file's) JWKS strictly: an object `{ keys: [...] }` of at
 * most MAX_NODE_KEYS Ed25519 public keys (`kty` OKP, `crv` Ed25519, `x`), none with a private
 * part (`d`), each `kid` its RFC 7638 thumbprint, `alg` EdDSA and `use` sig when given.
 * Answers the keys as this node keeps them; throws NodeKeysRefused otherwise.
 */
export async function readNodeKeys(jwks: unknown): Promise<NodeJwk[]> {
  if (typeof jwks !== 'object' || jwks === null || !Array.isArray((jwks as { keys?: unknown }).keys)) throw new NodeKeysRefused('jwks must be an object with a keys array');
  const list = (jwks as { keys: unknown[] }).keys;
  if (list.length === 0) throw new NodeKeysRefused('jwks lists no key');
  if (list.length > MAX_NODE_KEYS) throw new NodeKeysRefused(`jwks lists more than ${MAX_NODE_KEYS} keys`);
  const out: NodeJwk[] = [];
  for (const [i, raw] of list.entries()) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new NodeKeysRefused(`key ${i} is not an object`);
    const k = raw as Record<string, unknown>;
    if ('d' in k) throw new NodeKeysRefused(`key ${i} carries a private part (d): a node publishes public keys only`);
    if (k.kty !== 'OKP' || k.crv !== 'Ed25519') throw new NodeKeysRefused(`key ${i} is not an Ed25519 key (kty OKP, crv Ed25519)`);
    if (typeof k.x !== 'string' || !X.test(k.x)) throw new NodeKeysRefused(`key ${i} has no valid x (32 bytes, base64url)`);
    if (k.alg !== undefined && k.alg !== 'EdDSA') throw new NodeKeysRefused(`key ${i} has alg ${String(k.alg)}, not EdDSA`);
    if (k.use !== undefined && k.use !== 'sig') throw new NodeKeysRefused(`key ${i} has use ${String(k.use)}, not sig`);
    try {
      keyObjectOf({ x: k.x });
    } catch {
      throw new NodeKeysRefused(`key ${i} is not a valid Ed25519 public key`);
    }
    const kid = await thumbprintOf(k.x);
    if (k.kid !== kid) throw new NodeKeysRefused(`key ${i}'s kid is not its RFC 7638 thumbprint (${kid})`);
    if (!out.some((o) => o.kid === kid)) out.push({ kty: 'OKP', crv: 'Ed25519', x: k.x, kid, alg: 'EdDSA', use: 'sig' });
  }
  return out;
}
