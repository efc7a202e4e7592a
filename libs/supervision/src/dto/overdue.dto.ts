import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PageQueryDto } from '@mla/core';
import { DEADLINE_KINDS, DEADLINE_STATUSES, PRIORITIES, REQUEST_STATES, REQUEST_TYPES, SIDES } from '@mla/domain';
import type { DeadlineKind, Priority } from '@mla/domain';

export const DIRECTIONS = ['outgoing', 'incoming'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Filters of the overdue queue, with `cursor` and `limit` (1 to 100, default 20). */
export class OverdueQueryDto extends PageQueryDto {
  /** Only requests exchanged with this country (ISO 3166-1 alpha-2), either way. */
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'counterpartCountry must be an ISO 3166-1 alpha-2 code such as SG' })
  counterpartCountry?: string;

  @ApiPropertyOptional({ enum: DEADLINE_KINDS })
  @IsOptional()
  @IsIn(DEADLINE_KINDS)
  kind?: DeadlineKind;

  /** Escalation level: 1 (overdue) or 2 (past due + half its span). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2)
  level?: number;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;
}

export class OverdueRequestRefDto {
  id: string;
  reference: string;
  /** null for a confidential request (the queue shows no content of one, and so logs no read of it). */
  @ApiPropertyOptional({ nullable: true, type: String })
  title: string | null;
  @ApiProperty({ enum: REQUEST_TYPES })
  type: string;
  @ApiProperty({ enum: PRIORITIES })
  priority: string;
  @ApiProperty({ enum: REQUEST_STATES })
  state: string;
}

/** The authority that must act: the deadline's side of the request. */
export class BallHolderDto {
  @ApiProperty({ enum: SIDES })
  side: string;
  authorityId: string;
  authorityCode: string;
  country: string;
}

/** The requested side's handling officer; shown to that side's supervisors only. */
export class OverdueAssigneeDto {
  id: string;
  displayName: string;
}

export class OverdueDeadlineDto {
  deadlineId: string;
  @ApiProperty({ enum: DEADLINE_KINDS })
  kind: string;
  /** OVERDUE, or PENDING when the worker has not yet marked a just-passed deadline. */
  @ApiProperty({ enum: DEADLINE_STATUSES })
  status: string;
  dueAt: string;
  /** Whole days since the due time (0 during the first day). */
  daysOverdue: number;
  /** At least 1 once past due; 2 from due + 50 % of the deadline's span. */
  escalationLevel: number;
  /** outgoing: your country sent the request; incoming: it received it. */
  @ApiProperty({ enum: DIRECTIONS })
  direction: string;
  counterpartCountry: string;
  request: OverdueRequestRefDto;
  ballHolder: BallHolderDto;
  @ApiPropertyOptional({ type: OverdueAssigneeDto, nullable: true })
  assignee: OverdueAssigneeDto | null;
}

export class OverdueListDto {
  items: OverdueDeadlineDto[];
  @ApiPropertyOptional({ nullable: true, type: String })
  nextCursor: string | null;
}
