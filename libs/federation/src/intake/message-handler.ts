import type { EntityManager } from 'typeorm';
import type { ProblemCode } from '@mla/core';
import type { NodeJwk } from '../crypto/jwks';
import type { Envelope } from './envelope';

/** The message types of a request's shared life (DESIGN §15), applied at intake. */
export const SHARED_LIFE_TYPES = ['request.sent', 'request.event', 'request.act'] as const;
export type SharedLifeType = (typeof SHARED_LIFE_TYPES)[number];

export function isSharedLifeType(type: string): type is SharedLifeType {
  return (SHARED_LIFE_TYPES as readonly string[]).includes(type);
}

/** A message accepted by the intake's checks, to be applied in the transaction that stores it. */
export interface IncomingMessage {
  envelope: Envelope;
  /** The peer that signed it. */
  peer: { id: string; nodeId: string; countries: string[]; jwks: { keys: NodeJwk[] } };
  /** The envelope's id (lower case) and its Content-Digest as recomputed here. */
  messageId: string;
  digest: string;
  receivedAt: Date;
}

/**
 * What applying a message answers: accepted (its changes commit with the inbox row; `afterCommit`
 * then runs, e.g. the deadline jobs), or a refusal (nothing recorded).
 */
export type MessageVerdict =
  | { outcome: 'ACCEPTED'; afterCommit?: () => Promise<void> }
  | { outcome: 'REFUSED'; code: ProblemCode; reason: string; detail: string };

/**
 * Applies a peer's message of a request's shared life (DESIGN §15) in the intake's transaction
 * `m`, which also stores the message in the inbox: a refusal rolls both back and is answered
 * with a signed problem (REJECTED receipt). Implemented by the requests (their write path);
 * federation knows only this port.
 */
export abstract class FederationMessageHandler {
  abstract apply(m: EntityManager, message: IncomingMessage): Promise<MessageVerdict>;
}
