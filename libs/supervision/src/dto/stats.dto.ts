import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIsoDate } from '@mla/core';
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
  @IsIsoDate(['date', 'zoned', 'local'], { message: 'from must be an ISO 8601 date YYYY-MM-DD or date-time YYYY-MM-DDThh:mm[:ss[.ffffff]][Z|±hh:mm]' })
  from?: string;

  /** End of the window (exclusive), as `from`; at most five years after it. Both or neither. */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @IsIsoDate(['date', 'zoned', 'local'], { message: 'to must be an ISO 8601 date YYYY-MM-DD or date-time YYYY-MM-DDThh:mm[:ss[.ffffff]][Z|±hh:mm]' })
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

/**
 * Median and 90th percentile (linear between neighbours, as percentile_cont) over `n`
 * requests, each duration counted to five minutes below a day, to the hour below a week and
 * to the day above (the rollup's histograms); null when n is 0.
 */
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
  /** Requests created in the window, drafts included (see byState). */
  requests: number;
  /** Of them, those sent (drafts and requests in review are not). */
  sent: number;
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

/** How a counterpart answers (DESIGN §14 "Figures"): of the requests sent, those answered and how fast, and the chases. */
export class CounterpartFiguresDto {
  /** The counterpart country (ISO 3166-1 alpha-2). */
  country: string;
  /** The counterpart authority's id, code and name (per authority rows only). */
  @ApiPropertyOptional({ nullable: true, type: String })
  authorityId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  authorityCode?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  authorityName?: string | null;
  /** Requests sent (outgoing: by your country; incoming: to it). */
  sent: number;
  /** Answered: final evidence delivered (executed) or refused. */
  answered: number;
  /** answered / sent, 0 to 1; null when none was sent. */
  @ApiPropertyOptional({ nullable: true, type: Number })
  replyRate: number | null;
  /** sent_at → answered, in days. */
  timeToAnswerDays: DurationStatsDto;
  /** `chase` events recorded on these requests. */
  chases: number;
  /** chases / sent; null when none was sent. */
  @ApiPropertyOptional({ nullable: true, type: Number })
  chasesPerRequest: number | null;
}

export class DirectionStatsDto {
  total: GroupStatsDto;
  groups: GroupStatsDto[];
  /** Per counterpart country, by country code. */
  byCountry: CounterpartFiguresDto[];
  /** Per counterpart authority, by country then code. */
  byAuthority: CounterpartFiguresDto[];
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
