import { ApiProperty } from '@nestjs/swagger';

export const PEER_FILE_STATES = ['OFFERED', 'ARRIVING', 'RECEIVED', 'FAILED'] as const;
export type PeerFileState = (typeof PEER_FILE_STATES)[number];

/**
 * A file of a request that crosses between nodes by its SHA-256 (DESIGN §15): one a peer
 * listed to this node (IN: ARRIVING until fetched and verified, then RECEIVED; FAILED after
 * the last attempt), or one this node listed to a peer (OUT: OFFERED, the peer fetches it).
 */
export class PeerFileDto {
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  sha256: string;
  @ApiProperty({ enum: ['IN', 'OUT'] })
  direction: 'IN' | 'OUT';
  /** The peer node it comes from (IN) or was listed to (OUT). */
  peer: string;
  @ApiProperty({ nullable: true, type: String })
  fileName: string | null;
  @ApiProperty({ nullable: true, type: String })
  mediaType: string | null;
  /** The size announced in the message (a file received has exactly this size). */
  @ApiProperty({ type: 'integer' })
  sizeBytes: number;
  /** IN: ARRIVING, RECEIVED (its bytes verified: the size and SHA-256 announced) or FAILED; OUT: OFFERED. */
  @ApiProperty({ enum: PEER_FILE_STATES })
  state: PeerFileState;
  /** IN: the attempts to fetch it so far; OUT: 0. */
  @ApiProperty({ type: 'integer' })
  attempts: number;
  /** IN: why the last failed attempt failed (kept after a later success); OUT: null. */
  @ApiProperty({ nullable: true, type: String })
  lastError: string | null;
  /** IN and RECEIVED: when its bytes were verified and stored; else null. */
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  receivedAt: string | null;
  /** When the message listing it was sent (OUT) or received (IN). */
  @ApiProperty({ format: 'date-time' })
  listedAt: string;
}

export class PeerFileListDto {
  @ApiProperty({ type: [PeerFileDto] })
  items: PeerFileDto[];
}
