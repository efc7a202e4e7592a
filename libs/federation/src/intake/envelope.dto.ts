import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Documentation only: the intake reads the body's bytes itself (envelope.ts holds the rules). */
export class MessageAuthorityDto {
  /** The authority's code, e.g. SG-CA. */
  code: string;
  /** Its country (ISO 3166-1 alpha-2): one the sending node serves, or one of the receiving node's. */
  country: string;
}

export class MessagePartyDto {
  /** The node's name (its well-known nodeId). */
  node: string;
  authority: MessageAuthorityDto;
}

export class MessageFileDto {
  /** SHA-256 of the file, lower-case hex. */
  sha256: string;
  sizeBytes: number;
  fileName?: string;
  mediaType?: string;
}

/** A federation message (DESIGN §15), signed per RFC 9421 by the sending node. */
export class MessageEnvelopeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** The kind of message, e.g. request.sent (lower-case letters, digits, . _ -). */
  type: string;
  @ApiProperty({ format: 'uuid' })
  requestId: string;
  from: MessagePartyDto;
  to: MessagePartyDto;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  /** The shared event the message carries. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  event: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  content?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [MessageFileDto] })
  files?: MessageFileDto[];
}

/** The answer to an accepted message: the receipt's fields in clear, and the receipt itself. */
export class MessageReceiptDto {
  @ApiProperty({ format: 'uuid' })
  messageId: string;
  /** The body's Content-Digest as this node recomputed it (sha-256=:…:). */
  digest: string;
  @ApiProperty({ format: 'date-time' })
  receivedAt: string;
  @ApiProperty({ enum: ['ACCEPTED'] })
  status: 'ACCEPTED';
  /** The receipt signed by this node: a compact JWS (EdDSA, `kid` the key's thumbprint) over { messageId, digest, receivedAt, status }. Every refusal's problem body carries one too (status REJECTED, code). */
  receipt: string;
}
