import { ApiProperty } from '@nestjs/swagger';

export class FederationReceiptDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  messageId: string | null;
  @ApiProperty({ nullable: true, type: String })
  digest: string | null;
  @ApiProperty({ format: 'date-time' })
  receivedAt: string;
  @ApiProperty({ enum: ['ACCEPTED', 'REJECTED'] })
  status: 'ACCEPTED' | 'REJECTED';
  /** For a rejection: the receiver's problem code. */
  code?: string;
}

/** A federation message of a request, sent to a peer (OUT) or received from one (IN) (DESIGN §15). */
export class FederationTransmissionDto {
  /** The message id (the envelope's `id`). */
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: ['OUT', 'IN'] })
  direction: 'OUT' | 'IN';
  /** The peer node it went to or came from. */
  peer: string;
  /** e.g. request.sent. */
  type: string;
  /** OUT: PENDING, DELIVERED, REJECTED or DEAD; IN: RECEIVED. */
  @ApiProperty({ enum: ['PENDING', 'DELIVERED', 'REJECTED', 'DEAD', 'RECEIVED'] })
  state: 'PENDING' | 'DELIVERED' | 'REJECTED' | 'DEAD' | 'RECEIVED';
  /** OUT: the attempts made so far (since the last retry by an ADMIN); IN: null. */
  @ApiProperty({ type: 'integer', nullable: true })
  attempts: number | null;
  /** OUT and PENDING: when the next attempt is due; else null. */
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  nextAttemptAt: string | null;
  /** OUT: why the last failed attempt failed (kept after a later success); IN: null. */
  @ApiProperty({ nullable: true, type: String })
  lastError: string | null;
  /** REJECTED: the receiver's problem code. */
  @ApiProperty({ nullable: true, type: String })
  rejectCode: string | null;
  /** REJECTED: the reason the receiver's signed problem gives (e.g. INVALID_TRANSITION, UNKNOWN_REQUEST). */
  @ApiProperty({ nullable: true, type: String })
  rejectReason: string | null;
  /** REJECTED: the receiver's explanation (e.g. "withdraw is not allowed from state REFUSED"). */
  @ApiProperty({ nullable: true, type: String })
  rejectDetail: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  /** OUT: when the peer's signed receipt came (ACCEPTED or REJECTED); IN: when it was received. */
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  deliveredAt: string | null;
  /** The payload of the signed receipt, verified with the peer's keys (OUT) or signed by this node (IN). */
  @ApiProperty({ type: FederationReceiptDto, nullable: true })
  receipt: FederationReceiptDto | null;
}

export class FederationTransmissionListDto {
  @ApiProperty({ type: [FederationTransmissionDto] })
  items: FederationTransmissionDto[];
}
