import type { NodeJwk } from '../crypto/jwks';

export const PEER_STATES = ['ACTIVE', 'SUSPENDED'] as const;
export type PeerState = (typeof PEER_STATES)[number];

/** A peer node as stored (`federation_peers`): its public keys only, never a private one. */
export interface PeerRow {
  id: string;
  nodeId: string;
  url: string;
  countries: string[];
  /** The RFC 7638 thumbprint the ADMIN gave (exchanged out of band), found among `jwks` at the last reading. */
  keyThumbprint: string;
  jwks: { keys: NodeJwk[] };
  keysReadAt: Date;
  state: PeerState;
  lastContactAt: Date | null;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
}

/** A peer with the figures of its messages. */
export interface PeerWithCounts extends PeerRow {
  messagesReceived: number;
  /** Messages to the peer not yet answered by a signed receipt (federation_outbox). */
  messagesPending: number;
  messagesDead: number;
}
