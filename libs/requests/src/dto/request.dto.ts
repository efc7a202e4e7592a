import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import {
  CHANNELS,
  DEADLINE_KINDS,
  DEADLINE_STATUSES,
  LEGAL_BASES,
  PRIORITIES,
  REQUEST_ACTIONS,
  REQUEST_STATES,
  REQUEST_TYPES,
  SIDES,
} from '@mla/domain';
import { IdentifierDto } from './identifier.dto';
import { OffenceDto } from './offence.dto';

export class AuthorityRefDto {
  id: string;
  code: string;
  name: string;
  country: string;
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

export class RefusalDto {
  ground: string;
  text: string;
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
  'confidential',
  'createdAt',
  'updatedAt',
  'sentAt',
] as const) {}

export class RequestListDto {
  @ApiProperty({ type: [RequestSummaryDto] })
  items: RequestSummaryDto[];
  @ApiPropertyOptional({ nullable: true, type: String })
  nextCursor: string | null;
}
