import { Injectable } from '@nestjs/common';
import type { Receipt } from '../crypto/receipt';
import { FederationOutboxRepository } from './federation-outbox.repository';
import type { OutboxRow } from './outbox.row';
import type { FederationTransmissionDto, FederationTransmissionListDto } from './transmission.dto';
import type { FederationMessageListDto, UndeliveredState } from './undelivered.dto';

/** The most undelivered messages listed at once (an operator's screen; a node with more has a bigger problem). */
const UNDELIVERED_LIMIT = 200;

export function toTransmissionDto(r: OutboxRow): FederationTransmissionDto {
  return {
    id: r.id, direction: 'OUT', peer: r.peerNode, type: r.type, state: r.state, attempts: r.attempts,
    nextAttemptAt: r.state === 'PENDING' ? r.nextAttemptAt.toISOString() : null, lastError: r.lastError, rejectCode: r.rejectCode, rejectReason: r.rejectReason, rejectDetail: r.rejectDetail,
    createdAt: r.createdAt.toISOString(), deliveredAt: r.deliveredAt?.toISOString() ?? null, receipt: r.receiptPayload,
  };
}

/**
 * The federation messages of a request (DESIGN §15), the caller's right to see the request
 * checked by the caller of this service: those sent to peers, then those received from them.
 */
@Injectable()
export class TransmissionsService {
  constructor(private readonly outbox: FederationOutboxRepository) {}

  async ofRequest(requestId: string): Promise<FederationTransmissionListDto> {
    const [outgoing, incoming] = [await this.outbox.outgoingOf(requestId), await this.outbox.incomingOf(requestId)];
    return {
      items: [
        ...outgoing.map(toTransmissionDto),
        ...incoming.map((i): FederationTransmissionDto => ({
          id: i.messageId, direction: 'IN', peer: i.peerNode, type: i.type, state: 'RECEIVED', attempts: null, nextAttemptAt: null, lastError: null, rejectCode: null, rejectReason: null, rejectDetail: null,
          createdAt: i.receivedAt.toISOString(), deliveredAt: i.receivedAt.toISOString(),
          // This node's own receipt, signed when the message was accepted.
          receipt: JSON.parse(Buffer.from(i.receipt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Receipt,
        })),
      ],
    };
  }

  /** This node's messages to peers in a state (PENDING or DEAD), with their requests' ids: the operator's view (ADMIN). */
  async undelivered(state: UndeliveredState): Promise<FederationMessageListDto> {
    const rows = await this.outbox.inState(state, UNDELIVERED_LIMIT);
    return { items: rows.map((r) => ({ ...toTransmissionDto(r), requestId: r.requestId })) };
  }
}
