import type { EntityManager } from 'typeorm';

/** A message the peer refused with a signed REJECTED receipt, and the problem it signed. */
export interface RejectedMessage {
  id: string;
  type: string;
  requestId: string;
  code: string | null;
  reason: string | null;
  detail: string | null;
}

/**
 * What the delivery does besides settling a message (DESIGN §15): a `request.act` the requested
 * node rejected is recorded on the request, in the transaction that settles it. Implemented by
 * the requests; federation knows only this port (absent: the outbox alone records it).
 */
export abstract class FederationDeliveryHooks {
  abstract rejected(m: EntityManager, message: RejectedMessage, at: Date): Promise<void>;
}
