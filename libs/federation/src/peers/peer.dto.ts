import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { NodeJwkDto } from '../identity/well-known.dto';
import { PEER_STATES, type PeerState } from './peer.row';

const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;
const THUMBPRINT_MESSAGE = 'keyThumbprint must be an RFC 7638 SHA-256 thumbprint in base64url (43 characters)';

/** A peer as an ADMIN adds it: its URL and the thumbprint of one of its keys, exchanged out of band. */
export class AddPeerDto {
  /** The peer's public base URL (https; http only on loopback and outside production), e.g. https://sg.mla.example. */
  @IsString()
  @MaxLength(500)
  @Matches(/^https?:\/\/[^\s/?#@]+(\/[^\s?#]*)?$/, { message: 'url must be an http(s) base URL without credentials, query or fragment' })
  url: string;

  /** The RFC 7638 thumbprint (SHA-256, base64url) of one of the peer's keys. */
  @IsString()
  @Matches(THUMBPRINT, { message: THUMBPRINT_MESSAGE })
  keyThumbprint: string;
}

export const PEER_ACTIONS = ['suspend', 'resume', 'refresh_keys', 'refresh_directory'] as const;
export type PeerAction = (typeof PEER_ACTIONS)[number];

/** An ADMIN's change of a peer. */
export class UpdatePeerDto {
  @ApiProperty({ enum: PEER_ACTIONS })
  @IsIn(PEER_ACTIONS)
  action: PeerAction;

  /** With refresh_keys: a new thumbprint to check the keys against (the peer rotated its key); default the one kept. */
  @IsOptional()
  @IsString()
  @Matches(THUMBPRINT, { message: THUMBPRINT_MESSAGE })
  keyThumbprint?: string;
}

export class PeerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** The peer's name (its well-known nodeId). */
  nodeId: string;
  url: string;
  /** The countries whose authorities are LOCAL on the peer. */
  @ApiProperty({ type: [String] })
  countries: string[];
  /** The thumbprint its keys were checked against. */
  keyThumbprint: string;
  /** Its public keys, as last read. */
  @ApiProperty({ type: [NodeJwkDto] })
  keys: NodeJwkDto[];
  @ApiProperty({ format: 'date-time' })
  keysReadAt: string;
  @ApiProperty({ enum: PEER_STATES })
  state: PeerState;
  /** The last message from the peer whose signature verified. */
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  lastContactAt: string | null;
  /** Messages to the peer not yet answered by its signed receipt (PENDING in the outbox, a suspended peer's included). */
  messagesPending: number;
  /** Messages to the peer given up after the last attempt (DEAD; an ADMIN may retry them). */
  messagesDead: number;
  /** Messages accepted from the peer. */
  messagesReceived: number;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class PeerListDto {
  @ApiProperty({ type: [PeerDto] })
  items: PeerDto[];
  /** Always null: a node has few peers, all listed at once. */
  @ApiProperty({ type: String, nullable: true })
  nextCursor: null;
}
