import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import { keyObjectOf, type NodeJwk } from './jwks';
import type { SigningKeyRef } from './message-signature';

/** The `typ` of a receipt's protected header. */
export const RECEIPT_TYPE = 'mla-hub-receipt+json';

/** What the receiving node signs for each message it answers (DESIGN §15). */
export interface Receipt {
  /** The envelope's `id`; null when the body did not name one (a refusal before it could be read). */
  messageId: string | null;
  /** The body's Content-Digest as the receiver recomputed it (`sha-256=:…:`); null when the body was refused unread (too large). */
  digest: string | null;
  receivedAt: string;
  status: 'ACCEPTED' | 'REJECTED';
  /** For a rejection: the problem code (e.g. UNAUTHENTICATED, CONFLICT). */
  code?: string;
}

/** A receipt as a compact JWS (RFC 7515), EdDSA, signed with the node's current key (`kid` its thumbprint). */
export async function signReceipt(receipt: Receipt, key: SigningKeyRef): Promise<string> {
  const body: Receipt = { messageId: receipt.messageId, digest: receipt.digest, receivedAt: receipt.receivedAt, status: receipt.status };
  if (receipt.code !== undefined) body.code = receipt.code;
  return new CompactSign(new TextEncoder().encode(JSON.stringify(body))).setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: RECEIPT_TYPE }).sign(key.privateKey);
}

/** A receipt that does not verify, with why. */
export class ReceiptRefused extends Error {}

/**
 * Verifies a receipt with the keys of the node that should have signed it (its JWKS as this
 * node keeps it): EdDSA, a `kid` among those keys, the signature, and the payload's shape.
 */
export async function verifyReceipt(jws: string, keys: readonly NodeJwk[]): Promise<Receipt> {
  let kid: unknown;
  let alg: unknown;
  try {
    ({ kid, alg } = decodeProtectedHeader(jws));
  } catch {
    throw new ReceiptRefused('not a compact JWS');
  }
  if (alg !== 'EdDSA') throw new ReceiptRefused(`alg ${String(alg)} is not EdDSA`);
  const key = keys.find((k) => k.kid === kid);
  if (!key) throw new ReceiptRefused(`no key ${String(kid)} in the signer's JWKS`);
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, keyObjectOf(key), { algorithms: ['EdDSA'] }));
  } catch {
    throw new ReceiptRefused('the signature does not verify');
  }
  let receipt: unknown;
  try {
    receipt = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw new ReceiptRefused('the payload is not JSON');
  }
  const r = receipt as Partial<Receipt>;
  const shaped =
    typeof r === 'object' && r !== null && (r.messageId === null || typeof r.messageId === 'string') && (r.digest === null || typeof r.digest === 'string') &&
    typeof r.receivedAt === 'string' && (r.status === 'ACCEPTED' || r.status === 'REJECTED') && (r.code === undefined || typeof r.code === 'string');
  if (!shaped) throw new ReceiptRefused('the payload is not a receipt');
  return r as Receipt;
}
