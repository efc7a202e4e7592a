import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

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

export class ChainVerificationDto {
  /** true when every event's hash matches its content and the one before. */
  valid: boolean;
  /** Events checked. */
  count: number;
  /** The seq of the first broken link, when not valid. */
  @ApiPropertyOptional({ type: Number })
  brokenAt?: number;
  @ApiPropertyOptional({ type: String })
  reason?: string;
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
