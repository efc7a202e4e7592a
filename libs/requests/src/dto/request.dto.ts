import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import {
  AUTHORITY_REACHES,
  CHANNELS,
  DEADLINE_KINDS,
  RECORDABLE_ACTIONS,
  TRANSMISSION_CHANNELS,
  DEADLINE_STATUSES,
  LEGAL_BASES,
  PRIORITIES,
  REQUEST_ACTIONS,
  REQUEST_STATES,
  REQUEST_TYPES,
  SIDES,
  TERMINAL_STATES,
} from '@mla/domain';
import { IdentifierDto } from './identifier.dto';
import { OffenceDto } from './offence.dto';

export class AuthorityRefDto {
  id: string;
  code: string;
  name: string;
  country: string;
  /** The authority's IANA time zone: its deadlines and dates are counted there. */
  timezone: string;
  /** LOCAL (signs in here), PEER (another MLA Hub node), OFFLINE (no hub: its acts are recorded here from its letters, DESIGN §14). */
  @ApiProperty({ enum: AUTHORITY_REACHES })
  reach: string;
}

/** How the request travelled to (or from) an OFFLINE authority. */
export class TransmissionViewDto {
  @ApiProperty({ enum: TRANSMISSION_CHANNELS })
  channel: string;
  dispatchedAt: string;
  dispatchReference: string;
}

/** Where the chase of an OFFLINE counterpart stands (DESIGN §14). */
export class ChaseStateDto {
  /** When the chase interval runs out (null: nothing awaited of the counterpart now). */
  @ApiPropertyOptional({ nullable: true, type: String })
  dueAt: string | null;
  /** Chasers sent so far. */
  count: number;
  @ApiPropertyOptional({ nullable: true, type: String })
  lastChasedAt: string | null;
}

/** The preserved-until dates the next confirm_preservation or extend_preservation accepts, from the deadline policy. */
export class PreservationWindowDto {
  /** The earliest date (YYYY-MM-DD, in `timezone`). */
  @ApiProperty({ type: String, format: 'date' })
  from: string;
  /** The latest date (YYYY-MM-DD, in `timezone`). */
  @ApiProperty({ type: String, format: 'date' })
  to: string;
  /** The requested authority's time zone, where a date ends. */
  timezone: string;
}

export class DelayEstimateDto {
  reason: string;
  /** The date the requested side now expects to answer by. */
  expectedBy: string;
  reportedAt: string;
}

export class DeadlineDto {
  id: string;
  @ApiProperty({ enum: DEADLINE_KINDS })
  kind: string;
  /** The side that must act by the due time. */
  @ApiProperty({ enum: SIDES })
  party: string;
  startAt: string;
  dueAt: string;
  @ApiProperty({ enum: DEADLINE_STATUSES })
  status: string;
  /** 0 before due, 1 once overdue, 2 at due + 50 % of the span. */
  escalationLevel: number;
  /** While PAUSED: the time it had left, in ms. */
  @ApiPropertyOptional({ nullable: true, type: Number })
  remainingMs: number | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  metAt: string | null;
  /** The requested side's own estimate (report_delay), shown beside EXECUTION; the deadline itself stays. */
  @ApiPropertyOptional({ type: DelayEstimateDto, nullable: true })
  reportedDelay?: DelayEstimateDto | null;
}

/** The earliest open (running or overdue) deadline of a request: what a list shows beside it. */
export class NextDeadlineDto {
  @ApiProperty({ enum: DEADLINE_KINDS })
  kind: string;
  @ApiProperty({ enum: SIDES })
  party: string;
  dueAt: string;
  @ApiProperty({ enum: DEADLINE_STATUSES })
  status: string;
  escalationLevel: number;
}

export class RefusalDto {
  ground: string;
  text: string;
}

/** A requesting-side act proposed to the requested node, awaiting its decision (DESIGN §15). */
export class PendingActDto {
  /** provide_info, withdraw or close. */
  action: string;
  @ApiProperty({ format: 'date-time' })
  proposedAt: string;
  /** The `request.act` message that carries it (see GET /requests/{id}/transmissions). */
  @ApiProperty({ format: 'uuid' })
  messageId: string;
}

export class RequestDto {
  id: string;
  /** `{country}-{year}-{6-digit sequence}`, e.g. VN-2026-000042. */
  reference: string;
  /** Increments with every change; also the ETag. */
  version: number;
  @ApiProperty({ enum: REQUEST_STATES })
  state: string;
  @ApiProperty({ enum: REQUEST_TYPES })
  type: string;
  @ApiProperty({ enum: PRIORITIES })
  priority: string;
  @ApiProperty({ enum: CHANNELS })
  channel: string;
  @ApiProperty({ enum: LEGAL_BASES })
  legalBasis: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  treatyName: string | null;
  requestingAuthority: AuthorityRefDto;
  requestedAuthority: AuthorityRefDto;
  @ApiPropertyOptional({ nullable: true, type: String })
  title: string | null;
  @ApiPropertyOptional({ type: OffenceDto, nullable: true })
  offence: OffenceDto | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  facts: string | null;
  measures: string[];
  @ApiProperty({ type: [IdentifierDto] })
  identifiers: IdentifierDto[];
  @ApiPropertyOptional({ nullable: true, type: String })
  relatedRequestId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  neededBy: string | null;
  confidential: boolean;
  /** ISO 639-1: the language the request is written in. */
  language: string;
  /** The extra fields the requested country requires, by key. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  details: Record<string, string>;
  /** The side that must act next; null once terminal. */
  @ApiPropertyOptional({ enum: SIDES, nullable: true })
  ballHolder: string | null;
  /**
   * Who of the ball holder's side must act: PROSECUTOR (the requesting authority) or OFFICER
   * (IN_REVIEW: the requesting country's central authority; once sent: the requested
   * authority's officers); null once terminal.
   */
  @ApiPropertyOptional({ enum: ['PROSECUTOR', 'OFFICER'], nullable: true })
  ballHolderRole: string | null;
  /** The earliest open deadline (running or overdue); null when none runs. */
  @ApiPropertyOptional({ type: NextDeadlineDto, nullable: true })
  nextDeadline: NextDeadlineDto | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  assigneeId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  executingBody: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  preservedUntil: string | null;
  preservationExtensions: number;
  @ApiPropertyOptional({ type: DelayEstimateDto, nullable: true })
  delayEstimate: DelayEstimateDto | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  outcome: string | null;
  @ApiPropertyOptional({ type: RefusalDto, nullable: true })
  refusal: RefusalDto | null;
  /** Evidence deliveries so far. */
  deliveryCount: number;
  createdAt: string;
  updatedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  submittedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  sentAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  acknowledgedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  closedAt: string | null;
  @ApiProperty({ type: [DeadlineDto] })
  deadlines: DeadlineDto[];
  /** The actions the caller may take now (from the state machine). */
  @ApiProperty({ enum: REQUEST_ACTIONS, isArray: true })
  allowedActions: string[];
  /**
   * What `submit` would still refuse, as the field paths its 422 names (the completeness rule
   * and the requested country's requirements): empty once a draft is complete, and for any
   * request that is no longer a draft.
   */
  missing: string[];
  /** While the caller may confirm or extend the preservation: the dates it may choose (at the time of this answer). */
  @ApiPropertyOptional({ type: PreservationWindowDto, nullable: true })
  preservationWindow: PreservationWindowDto | null;
  /** Whether the caller may read the request's access log (GET /requests/{id}/access-log); only a confidential request's reads are logged. */
  mayReadAccessLog: boolean;
  /** The language the letter of request is sent in (`send` renders it so; the letter to sign is this one). */
  @ApiProperty({ enum: ['en', 'vi'] })
  letterLanguage: 'en' | 'vi';
  /** To or from an OFFLINE authority: how the request was dispatched (DESIGN §14). */
  @ApiPropertyOptional({ type: TransmissionViewDto, nullable: true })
  transmission: TransmissionViewDto | null;
  /** The chase of an OFFLINE counterpart; null when there is none. */
  @ApiPropertyOptional({ type: ChaseStateDto, nullable: true })
  chase: ChaseStateDto | null;
  /** The OFFLINE counterpart's acts the caller may record now from its correspondence (`recordedFrom`). */
  @ApiProperty({ enum: RECORDABLE_ACTIONS, isArray: true })
  recordableActions: string[];
  /** Whether the caller may chase the OFFLINE counterpart now (POST /requests/{id}/chases, GET /requests/{id}/chaser). */
  mayChase: boolean;
  /** To a PEER authority after send (DESIGN §15): the requesting side's act awaiting the requested node's decision (one at a time); shown to the requesting side. */
  @ApiPropertyOptional({ type: PendingActDto, nullable: true })
  pendingAct: PendingActDto | null;
}

/**
 * A request in a list: its identity, state and parties, without its content, deadlines and
 * allowed actions. A confidential request's `title` is null here (a list logs no read of it).
 */
export class RequestSummaryDto extends PickType(RequestDto, [
  'id',
  'reference',
  'version',
  'state',
  'type',
  'priority',
  'channel',
  'requestingAuthority',
  'requestedAuthority',
  'title',
  'ballHolder',
  'ballHolderRole',
  'nextDeadline',
  'confidential',
  'createdAt',
  'updatedAt',
  'sentAt',
  'chase',
] as const) {}

export class RequestListDto {
  @ApiProperty({ type: [RequestSummaryDto] })
  items: RequestSummaryDto[];
  @ApiPropertyOptional({ nullable: true, type: String })
  nextCursor: string | null;
}

/** The request states by what they mean to a queue (published for clients; no endpoint answers it). */
export class RequestStatesDto {
  /** The states a request ends in: nobody acts on it any more. */
  @ApiProperty({ enum: TERMINAL_STATES, isArray: true })
  terminal: string[];
}
