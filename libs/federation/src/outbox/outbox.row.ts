import type { Receipt } from '../crypto/receipt';

export const OUTBOX_STATES = ['PENDING', 'DELIVERED', 'REJECTED', 'DEAD'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** A message to a peer as the outbox keeps it (`federation_outbox`), without its bytes. */
export interface OutboxRow {
  id: string;
  peerId: string;
  peerNode: string;
  requestId: string;
  type: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  rejectCode: string | null;
  /** REJECTED: the reason and detail of the peer's signed problem. */
  rejectReason: string | null;
  rejectDetail: string | null;
  receiptPayload: Receipt | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** A message claimed for one attempt: its bytes and where they go. */
export interface ClaimedMessage {
  id: string;
  type: string;
  requestId: string;
  body: Buffer;
  digest: string;
  /** The attempts made, this one included (the fence of its outcome). */
  attempts: number;
  peerUrl: string;
  peerJwks: { keys: import('../crypto/jwks').NodeJwk[] };
}

/** A message received from a peer (`federation_inbox`) as a transmission of its request. */
export interface InboxTransmissionRow {
  messageId: string;
  peerNode: string;
  type: string;
  receivedAt: Date;
  receipt: string;
}
