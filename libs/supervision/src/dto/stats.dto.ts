import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { DEADLINE_KINDS } from '@mla/domain';

export const GROUP_BY = ['counterpart', 'type', 'priority', 'channel'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export class StatsQueryDto {
  /**
   * Start of the window (inclusive) on the requests' creation time: an ISO 8601 date (the
   * start of that day in your authority's time zone) or date-time. Without `from` and `to`:
   * the last 12 months in your authority's time zone, today included.
   */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date or date-time' })
  from?: string;

  /** End of the window (exclusive), as `from`; at most five years after it. Both or neither. */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date or date-time' })
  to?: string;

  /** counterpart (the other country), type, priority or channel; default counterpart. */
  @ApiPropertyOptional({ enum: GROUP_BY, default: 'counterpart' })
  @IsOptional()
  @IsIn(GROUP_BY)
  groupBy?: GroupBy;
}

/** Requests by their current state. */
export class StateCountsDto {
  DRAFT: number;
  IN_REVIEW: number;
  SENT: number;
  ACKNOWLEDGED: number;
  PRESERVED: number;
  IN_EXECUTION: number;
  INFO_REQUESTED: number;
  EVIDENCE_RECEIVED: number;
  CLOSED: number;
  REFUSED: number;
  WITHDRAWN: number;
  EXPIRED: number;
}

/** Median and 90th percentile (percentile_cont) over `n` requests; null when n is 0. */
export class DurationStatsDto {
  n: number;
  @ApiPropertyOptional({ nullable: true, type: Number })
  median: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number })
  p90: number | null;
}

/** Of the deadlines of a kind that ended MET or are past due unmet: how many were met on time (met_at ≤ due_at). */
export class DeadlineOnTimeDto {
  @ApiProperty({ enum: DEADLINE_KINDS })
  kind: string;
  ended: number;
  onTime: number;
  /** onTime / ended, 0 to 1; null when none ended. */
  @ApiPropertyOptional({ nullable: true, type: Number })
  share: number | null;
}

/** Open (non-terminal) requests by age in whole days: since creation (outgoing) or since they reached you (incoming). */
export class BacklogDto {
  days0to30: number;
  days31to90: number;
  days91to180: number;
  over180Days: number;
}

export class GroupStatsDto {
  /** The group's value (a country, type, priority or channel), or ALL for the direction's total. */
  key: string;
  requests: number;
  byState: StateCountsDto;
  /** sent_at → acknowledged_at, in hours. */
  timeToAcknowledgeHours: DurationStatsDto;
  /** sent_at → the EXECUTION deadline met (final evidence delivered), in days; stop-the-clock pauses included. */
  timeToExecuteDays: DurationStatsDto;
  onTime: DeadlineOnTimeDto[];
  openBacklog: BacklogDto;
  /** Webhook deliveries of these requests' notifications that failed for good (DEAD). */
  deadWebhookDeliveries: number;
}

export class DirectionStatsDto {
  total: GroupStatsDto;
  groups: GroupStatsDto[];
}

export class SupervisionStatsDto {
  country: string;
  /** The window (ISO 8601 instants): requests created in [from, to). */
  from: string;
  to: string;
  @ApiProperty({ enum: GROUP_BY })
  groupBy: string;
  /** The clock's time the ages and past-due deadlines are computed against. */
  generatedAt: string;
  /** Requests your country sent (requesting_country = yours). */
  outgoing: DirectionStatsDto;
  /** Requests your country received (requested_country = yours, once sent). */
  incoming: DirectionStatsDto;
}
