import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import { keyObjectOf, type NodeJwk } from '../crypto/jwks';
import type { SigningKeyRef } from '../crypto/message-signature';

/** The `typ` of a signed directory's protected header. */
export const DIRECTORY_TYPE = 'mla-hub-directory+json';

/** A directory whose signature does not verify, with why. */
export class DirectorySignatureRefused extends Error {}

/** A directory as a compact JWS (RFC 7515), EdDSA, signed with the node's current key (`kid` its thumbprint). */
export function signDirectory(payload: unknown, key: SigningKeyRef): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: DIRECTORY_TYPE }).sign(key.privateKey);
}

/** The payload of a signed directory, verified with the signer's keys as this node keeps them (EdDSA, `typ`, a known `kid`); not yet validated. */
export async function verifyDirectory(jws: unknown, keys: readonly NodeJwk[]): Promise<unknown> {
  if (typeof jws !== 'string') throw new DirectorySignatureRefused('the answer carries no signed directory');
  let header;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    throw new DirectorySignatureRefused('the directory is not a compact JWS');
  }
  if (header.alg !== 'EdDSA') throw new DirectorySignatureRefused(`alg ${String(header.alg)} is not EdDSA`);
  if (header.typ !== DIRECTORY_TYPE) throw new DirectorySignatureRefused(`typ ${String(header.typ)} is not ${DIRECTORY_TYPE}`);
  const key = keys.find((k) => k.kid === header.kid);
  if (!key) throw new DirectorySignatureRefused(`no key ${String(header.kid)} among the peer's keys`);
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, keyObjectOf(key), { algorithms: ['EdDSA'] }));
  } catch {
    throw new DirectorySignatureRefused('the signature does not verify with the peer\'s key');
  }
  try {
    return JSON.parse(new TextDecoder().decode(payload)) as unknown;
  } catch {
    throw new DirectorySignatureRefused('the signed payload is not JSON');
  }
}
