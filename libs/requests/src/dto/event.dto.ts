import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class EventActorDto {
  /** null for the system. */
  @ApiPropertyOptional({ nullable: true, type: String })
  userId: string | null;
  role: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  authorityId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  authorityCode: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  country: string | null;
  /** A recorder's name, as it was when the act was recorded (DESIGN §14); the person's name of a PEER authority's act, as its node gave it (DESIGN §15). */
  @ApiPropertyOptional({ nullable: true, type: String })
  displayName?: string | null;
  /** A PEER authority's act (DESIGN §15): the node where it was taken. */
  @ApiPropertyOptional({ type: String })
  node?: string;
}

/**
 * The names of the page's actors as they are now, kept beside the events (an event's content
 * is what its hash covers, so nothing is added to it): a person by user id (only the people of
 * the caller's own country), an authority by id.
 */
export class EventActorNamesDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  users: Record<string, string>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  authorities: Record<string, string>;
}

/**
 * One event of a request's hash-chained history. An event of the other side's internal
 * work (its audience is not yours) is shown only as its `seq`, `hash` and `prevHash`, with
 * `hidden: true` and no content, so the chain can still be followed link by link. An event
 * you see carries its `salt`: hash = SHA-256(prevHash ?? "", "\n", salt, "\n", canonical JSON
 * of requestId, seq, action, fromState, toState, actor, input, occurredAt), or without the
 * salt and its newline for an event from before salting. A hidden event's salt is not shown,
 * so its hash confirms no guess of its content.
 */
export class EventDto {
  seq: number;
  /** Shown only as its place in the chain: the other side's internal work. */
  hidden: boolean;
  /** Who sees it: BOTH sides, or only the REQUESTING or the REQUESTED side (absent when hidden). */
  @ApiPropertyOptional({ enum: ['BOTH', 'REQUESTING', 'REQUESTED'] })
  audience?: string;
  /** create, edit, delete, a state machine action, or another command of the write path (absent when hidden). */
  @ApiPropertyOptional({ type: String })
  action?: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  fromState?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  toState?: string | null;
  @ApiPropertyOptional({ type: EventActorDto })
  actor?: EventActorDto;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  input?: Record<string, unknown>;
  @ApiPropertyOptional({ type: String })
  occurredAt?: string;
  hash: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  prevHash: string | null;
  /** An act of an OFFLINE counterpart recorded from its correspondence (DESIGN §14): the officer who recorded it (`actor` is the counterpart). Covered by the hash. */
  @ApiPropertyOptional({ type: EventActorDto })
  recorder?: EventActorDto;
  /** What it was recorded from: the letter's date, when it arrived, by which channel, its reference, its scan (a CORRESPONDENCE document). Covered by the hash. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  recordedFrom?: Record<string, unknown>;
  /** The random salt its hash covers, 32 hex digits; null for an event from before salting (absent when hidden). */
  @ApiPropertyOptional({ nullable: true, type: String })
  salt?: string | null;
}

export class EventListDto {
  @ApiProperty({ type: [EventDto] })
  items: EventDto[];
  @ApiPropertyOptional({ nullable: true, type: String })
  nextCursor: string | null;
  @ApiProperty({ type: EventActorNamesDto })
  names: EventActorNamesDto;
}

/** The first problem of a copy of the shared events: the shared event's seq, and why. */
export class SharedChainProblemDto {
  seq: number;
  reason: string;
}

/**
 * A request's shared events (DESIGN §15) as a node keeps them, checked: each signed by the node
 * that orders it (seq 1, the send, the requesting node; the rest the requested node) with a
 * key it lists (retired ones included), seq contiguous from 1, each `prev` the SHA-256 of the
 * previous JWS, the stored hash that of its JWS, the request's id, and the history event each
 * one points at saying the same action, state reached and time.
 */
export class SharedChainCheckDto {
  /** Shared events checked. */
  count: number;
  valid: boolean;
  @ApiPropertyOptional({ type: SharedChainProblemDto })
  firstProblem?: SharedChainProblemDto;
}

/** Where this node's copy of the shared events and the peer's first part. */
export class SharedCopyDifferenceDto {
  seq: number;
  /** MISSING_HERE: the peer holds that seq, this node does not; MISSING_THERE: the other way; DIFFERENT: both hold it, with other content. */
  @ApiProperty({ enum: ['MISSING_HERE', 'MISSING_THERE', 'DIFFERENT'] })
  kind: 'MISSING_HERE' | 'MISSING_THERE' | 'DIFFERENT';
  /** SHA-256 (hex) of this node's JWS of that seq; null when not held here. */
  @ApiProperty({ nullable: true, type: String })
  hereHash: string | null;
  /** SHA-256 (hex) of the peer's JWS of that seq; null when not held there. */
  @ApiProperty({ nullable: true, type: String })
  thereHash: string | null;
}

/** The peer's copy of the shared events (`?witness=peer`), compared with this node's. */
export class SharedWitnessDto {
  /** The peer node asked. */
  peer: string;
  /** false when the peer could not be asked or answered no copy (see problem). */
  compared: boolean;
  /** The first difference; null when both copies hold the same events (or when not compared). */
  @ApiProperty({ nullable: true, type: SharedCopyDifferenceDto })
  firstDifference: SharedCopyDifferenceDto | null;
  /** The peer's copy checked as this node's is, with the same keys. */
  @ApiPropertyOptional({ type: SharedChainCheckDto })
  there?: SharedChainCheckDto;
  /** Why it was not compared: the peer unreachable, refusing (its status and reason), or answering a malformed copy. */
  @ApiPropertyOptional({ type: String })
  problem?: string;
}

export class ChainVerificationDto {
  /** true when every event's hash matches its content and the one before, and the shared events (when there are) are valid too. */
  valid: boolean;
  /** Events checked. */
  count: number;
  /** The seq of the first broken link of the history, when not valid. */
  @ApiPropertyOptional({ type: Number })
  brokenAt?: number;
  @ApiPropertyOptional({ type: String })
  reason?: string;
  /** The request's shared events, when one side works on a peer node (DESIGN §15); absent otherwise. */
  @ApiPropertyOptional({ type: SharedChainCheckDto })
  shared?: SharedChainCheckDto;
  /** With `?witness=peer`: the peer's copy compared with this node's. */
  @ApiPropertyOptional({ type: SharedWitnessDto })
  witness?: SharedWitnessDto;
}

export class VerifyEventsQueryDto {
  /** `peer`: also compare the shared events with the peer node's copy (a request one side of which works on a peer node). */
  @IsOptional()
  @IsIn(['peer'], { message: 'witness must be peer' })
  @ApiPropertyOptional({ enum: ['peer'] })
  witness?: 'peer';
}

export class ListEventsQueryDto {
  /** Events after this seq (the previous page's nextCursor). */
  @IsOptional()
  @Matches(/^\d{1,9}$/, { message: 'cursor must be a cursor this API issued' })
  cursor?: string;

  /** 1 to 200, default 100. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
