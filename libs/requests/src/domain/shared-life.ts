/**
 * Who decides in the shared life of a request between two nodes (DESIGN §15), as pure rules:
 * which side of a request works on a peer node, and what an action does on this node: stays
 * here, is not applied here, waits for the peer's decision, or is a shared event this node
 * signs (or received, signed by the peer). Pure: no framework, no I/O.
 */
import type { Side } from '@mla/domain';
import type { RequestRow } from './request-row';

type Reaches = Pick<RequestRow, 'requestingAuthorityReach' | 'requestedAuthorityReach'>;

/** The side that works on a peer node (PEER authority), or null when neither does. */
export function peerSideOf(r: Reaches): Side | null {
  if (r.requestedAuthorityReach === 'PEER') return 'REQUESTED';
  if (r.requestingAuthorityReach === 'PEER') return 'REQUESTING';
  return null;
}

/**
 * What an action does on this node:
 * - LOCAL: nothing crosses (no peer, before send, an internal or non-transition command);
 * - NOT_HERE: a requesting-side SYSTEM transition of a PEER request (a deadline's expiry): the
 *   requested node orders it, and it comes back as a shared event;
 * - PROPOSE: a requesting-side act after send to a PEER authority: pending until the requested
 *   node decides it;
 * - SIGN: a shared event this node signs and sends: `send` to a PEER authority (seq 1), every
 *   shared act of the requested side on its node, and a requesting-side act it decided;
 * - RECEIVED: the peer's signed event, applied here.
 */
export type SharedStep = 'LOCAL' | 'NOT_HERE' | 'PROPOSE' | 'SIGN' | 'RECEIVED';

export interface SharedStepFacts {
  row: Reaches & Pick<RequestRow, 'sentAt'>;
  action: string;
  /** A §3 transition (the shared acts are transitions). */
  transition: boolean;
  /** The side the action acts for (null: the system's). */
  side: Side | null;
  /** Its event is seen by both sides (not an internal one). */
  shared: boolean;
  /** It comes from the peer: its signed event (EVENT), or an act it proposes for decision here (ACT). */
  fromPeer: 'EVENT' | 'ACT' | null;
}

export function sharedStepOf(f: SharedStepFacts): SharedStep {
  const peer = peerSideOf(f.row);
  if (peer === null) return 'LOCAL';
  if (f.fromPeer === 'EVENT') return 'RECEIVED';
  if (f.fromPeer === 'ACT') return 'SIGN';
  if (f.action === 'send') return peer === 'REQUESTED' ? 'SIGN' : 'LOCAL';
  if (f.row.sentAt === null || !f.transition || !f.shared) return 'LOCAL';
  if (peer === 'REQUESTED') {
    if (f.side === null) return 'NOT_HERE';
    return f.side === 'REQUESTING' ? 'PROPOSE' : 'LOCAL';
  }
  // This node is the requested side: its own acts and the system's are the shared life's.
  return f.side === 'REQUESTING' ? 'LOCAL' : 'SIGN';
}

/** A requesting-side act proposed while another waits: refused (one at a time). */
export function pendingRefusal(pending: { action: string } | null, action: string, peerNode: string): string | null {
  if (pending === null) return null;
  return `${action} cannot be proposed: ${pending.action} is awaiting ${peerNode}'s decision`;
}
