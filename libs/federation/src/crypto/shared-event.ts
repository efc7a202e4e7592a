import { createHash } from 'node:crypto';
import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import { keyObjectOf, type NodeJwk } from './jwks';
import type { SigningKeyRef } from './message-signature';

/** The `typ` of a shared event's protected header. */
export const SHARED_EVENT_TYPE = 'mla-hub-event+json';

/** A party of a shared event: a node's authority. */
export interface SharedParty {
  node: string;
  authority: { code: string; country: string };
}

/**
 * One event of a request's shared life (DESIGN §15), as the node where it happened signs it.
 * Both nodes keep the same sequence: `seq` 1 is the `send`, signed by the requesting node; the
 * requested node orders and signs every later one (its own side's acts, and the requesting
 * side's acts it decided, which name the `proposal` message). `prev` chains them.
 */
export interface SharedEvent {
  /** The request's id: the same on both nodes (the requesting node's). */
  requestId: string;
  seq: number;
  /** SHA-256 (lower-case hex) of the previous shared event's JWS; null for seq 1. */
  prev: string | null;
  /** The node that signed the event. */
  node: string;
  action: string;
  fromState: string;
  toState: string;
  /** ISO 8601 instant, UTC. */
  at: string;
  /** Who acted: the authority (on its node), the role, and the person's name as shown there. */
  actor: SharedParty & { role: string; name: string | null };
  /** The action's input as shared (no internal field). */
  input: Record<string, unknown>;
  /** A requesting-side act decided by the requested node: the message that proposed it. */
  proposal?: { messageId: string; digest: string };
}

/** A shared event as a compact JWS (RFC 7515), EdDSA, signed with the node's current key. */
export async function signSharedEvent(event: SharedEvent, key: SigningKeyRef): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(event))).setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: SHARED_EVENT_TYPE }).sign(key.privateKey);
}

/** The hash that chains a shared event to the next (`prev`): SHA-256 of its JWS, lower-case hex. */
export function sharedEventHash(jws: string): string {
  return createHash('sha256').update(jws, 'utf8').digest('hex');
}

/** A shared event that does not verify, with why. */
export class SharedEventRefused extends Error {}

/** The `kid` a JWS names in its protected header (null: not a compact JWS). */
export function kidOf(jws: string): string | null {
  try {
    const { kid } = decodeProtectedHeader(jws);
    return typeof kid === 'string' ? kid : null;
  } catch {
    return null;
  }
}

/**
 * Verifies a shared event with the keys of the node that signed it (its JWKS as this node
 * keeps it, retired keys included): EdDSA, its `typ`, a `kid` among those keys, the signature,
 * and the payload's shape. Answers the event.
 */
export async function verifySharedEvent(jws: string, keys: readonly NodeJwk[]): Promise<SharedEvent> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    throw new SharedEventRefused('not a compact JWS');
  }
  if (header.alg !== 'EdDSA') throw new SharedEventRefused(`alg ${String(header.alg)} is not EdDSA`);
  if (header.typ !== SHARED_EVENT_TYPE) throw new SharedEventRefused(`typ ${String(header.typ)} is not ${SHARED_EVENT_TYPE}`);
  const key = keys.find((k) => k.kid === header.kid);
  if (!key) throw new SharedEventRefused(`no key ${String(header.kid)} in the signer's JWKS`);
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, keyObjectOf(key), { algorithms: ['EdDSA'] }));
  } catch {
    throw new SharedEventRefused('the signature does not verify');
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    throw new SharedEventRefused('the payload is not JSON');
  }
  if (!isSharedEvent(value)) throw new SharedEventRefused('the payload is not a shared event');
  return value;
}

const isParty = (p: unknown): p is SharedParty => {
  const v = p as SharedParty;
  return typeof v === 'object' && v !== null && typeof v.node === 'string' && typeof v.authority === 'object' && v.authority !== null &&
    typeof v.authority.code === 'string' && typeof v.authority.country === 'string';
};

function isSharedEvent(value: unknown): value is SharedEvent {
  const e = value as SharedEvent;
  return typeof e === 'object' && e !== null && typeof e.requestId === 'string' && Number.isInteger(e.seq) && e.seq >= 1 &&
    (e.prev === null || (typeof e.prev === 'string' && /^[0-9a-f]{64}$/.test(e.prev))) && (e.seq === 1) === (e.prev === null) &&
    typeof e.node === 'string' && typeof e.action === 'string' && typeof e.fromState === 'string' && typeof e.toState === 'string' &&
    typeof e.at === 'string' && isParty(e.actor) && typeof e.actor.role === 'string' && (e.actor.name === null || typeof e.actor.name === 'string') &&
    typeof e.input === 'object' && e.input !== null && !Array.isArray(e.input) &&
    (e.proposal === undefined || (typeof e.proposal === 'object' && e.proposal !== null && typeof e.proposal.messageId === 'string' && typeof e.proposal.digest === 'string'));
}
