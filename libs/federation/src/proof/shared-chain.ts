/**
 * The proof of a request's shared life (DESIGN §15, issue 20 item 7), as pure checks: a copy
 * of the shared events (as `federation_shared_events` keeps them) is checked signature by
 * signature and link by link, and two copies (this node's and the peer's) are compared to
 * name their first difference. No framework, no I/O.
 */
import type { NodeJwk } from '../crypto/jwks';
import { sharedEventHash, SharedEventRefused, verifySharedEvent, type SharedEvent } from '../crypto/shared-event';

/** A shared event as a node keeps it: its seq, the node it is stored as signed by, the JWS verbatim, its hash; the history event that shows it here, if any. */
export interface SharedEventCopy {
  seq: number;
  node: string;
  jws: string;
  hash: string;
  eventSeq?: number | null;
}

/** A node that signs shared events: its name and its keys (retired ones included). */
export interface SharedSigner {
  node: string;
  keys: readonly NodeJwk[];
}

/** Who signs what: seq 1 (the `send`) the requesting node, every later event the requested node. */
export interface SharedParties {
  requesting: SharedSigner;
  requested: SharedSigner;
}

/** What a history event on this node says (the one a shared event points at by `event_seq`). */
export interface HistoryFacts {
  action: string;
  toState: string | null;
  /** ISO 8601 instant. */
  at: string;
}

/** The first problem found: the shared event's seq and why. */
export interface SharedChainProblem {
  seq: number;
  reason: string;
}

export type SharedChainVerdict = { valid: true; count: number; events: SharedEvent[] } | { valid: false; count: number; firstProblem: SharedChainProblem };

/**
 * The history event that shows a received `send` on the requested node is its `receive` (the
 * request arrived then): it says the same state, at the time of arrival, not the send's.
 */
const RECEIVED_AS: Readonly<Record<string, string>> = { send: 'receive' };

/**
 * Checks a request's shared events as kept (in seq order): seq contiguous from 1; the stored
 * hash the SHA-256 of the JWS; the stored node and the signer the one that orders that event
 * (the requesting node for seq 1, which is the `send`; the requested node for the rest); the
 * signature by that node's keys; the payload's request id, seq and node; `prev` the hash of the
 * previous JWS (null for seq 1); and, where `event_seq` is set and `history` given, that the
 * history event it points at says the same action, state reached and time. Answers valid (with
 * the events read) or the first problem.
 */
export async function checkSharedChain(
  requestId: string,
  copies: readonly SharedEventCopy[],
  parties: SharedParties,
  history?: (eventSeq: number) => HistoryFacts | null | undefined,
): Promise<SharedChainVerdict> {
  const count = copies.length;
  const refused = (seq: number, reason: string): SharedChainVerdict => ({ valid: false, count, firstProblem: { seq, reason } });
  const events: SharedEvent[] = [];
  let prev: string | null = null;
  for (const [i, copy] of copies.entries()) {
    const seq = i + 1;
    if (copy.seq !== seq) return refused(seq, copy.seq > seq ? `shared event ${seq} is missing (the next kept is ${copy.seq})` : `shared event ${copy.seq} is kept out of order, where ${seq} was expected`);
    if (copy.hash !== sharedEventHash(copy.jws)) return refused(seq, 'the stored hash is not the SHA-256 of the stored JWS');
    const signer = seq === 1 ? parties.requesting : parties.requested;
    const role = seq === 1 ? 'the requesting node' : 'the requested node';
    if (copy.node !== signer.node) return refused(seq, `kept as signed by ${copy.node}; ${role} is ${signer.node}`);
    let event: SharedEvent;
    try {
      event = await verifySharedEvent(copy.jws, signer.keys);
    } catch (error) {
      if (error instanceof SharedEventRefused) return refused(seq, `the JWS does not verify with the keys of ${signer.node}: ${error.message}`);
      throw error;
    }
    if (event.requestId !== requestId) return refused(seq, `it names request ${event.requestId}`);
    if (event.seq !== seq) return refused(seq, `it says seq ${event.seq}`);
    if (event.node !== signer.node) return refused(seq, `it names ${event.node} as its node; ${role} is ${signer.node}`);
    if (seq === 1 && event.action !== 'send') return refused(seq, `shared event 1 is the send, not ${event.action}`);
    if (event.prev !== prev) return refused(seq, seq === 1 ? 'shared event 1 has a prev' : `its prev is not the hash of shared event ${seq - 1}`);
    const mismatch = copy.eventSeq != null && history ? historyMismatch(event, copy.eventSeq, history(copy.eventSeq)) : null;
    if (mismatch) return refused(seq, mismatch);
    events.push(event);
    prev = copy.hash;
  }
  return { valid: true, count, events };
}

function historyMismatch(event: SharedEvent, eventSeq: number, facts: HistoryFacts | null | undefined): string | null {
  if (!facts) return `it points at history event ${eventSeq}, which does not exist`;
  const received = RECEIVED_AS[event.action] === facts.action;
  if (facts.action !== event.action && !received) return `history event ${eventSeq} is ${facts.action}, the shared event ${event.action}`;
  if (facts.toState !== event.toState) return `history event ${eventSeq} reaches ${String(facts.toState)}, the shared event ${event.toState}`;
  if (!received && Date.parse(facts.at) !== Date.parse(event.at)) return `history event ${eventSeq} happened at ${facts.at}, the shared event at ${event.at}`;
  return null;
}

/** Where two copies of a request's shared events first part: a seq held only by the peer, only here, or held by both with other content. */
export const SHARED_DIFFERENCE_KINDS = ['MISSING_HERE', 'MISSING_THERE', 'DIFFERENT'] as const;
export type SharedDifferenceKind = (typeof SHARED_DIFFERENCE_KINDS)[number];

export interface SharedCopyDifference {
  seq: number;
  kind: SharedDifferenceKind;
  /** The SHA-256 of this node's JWS of that seq (null: not held here). */
  hereHash: string | null;
  /** The SHA-256 of the peer's JWS of that seq (null: not held there). */
  thereHash: string | null;
}

/**
 * The first difference between this node's copy and the peer's, by seq: each JWS hashed as
 * it is (the stored hash column is not trusted for this), so a changed JWS shows whatever hash
 * was kept beside it. Null when both hold the same JWS for every seq.
 */
export function compareSharedCopies(here: readonly Pick<SharedEventCopy, 'seq' | 'jws'>[], there: readonly Pick<SharedEventCopy, 'seq' | 'jws'>[]): SharedCopyDifference | null {
  const hashes = (copy: readonly Pick<SharedEventCopy, 'seq' | 'jws'>[]) => {
    const bySeq = new Map<number, string>();
    for (const e of copy) if (!bySeq.has(e.seq)) bySeq.set(e.seq, sharedEventHash(e.jws));
    return bySeq;
  };
  const h = hashes(here);
  const t = hashes(there);
  const seqs = [...new Set([...h.keys(), ...t.keys()])].sort((a, b) => a - b);
  for (const seq of seqs) {
    const hereHash = h.get(seq) ?? null;
    const thereHash = t.get(seq) ?? null;
    if (hereHash === thereHash) continue;
    const kind: SharedDifferenceKind = hereHash === null ? 'MISSING_HERE' : thereHash === null ? 'MISSING_THERE' : 'DIFFERENT';
    return { seq, kind, hereHash, thereHash };
  }
  return null;
}
