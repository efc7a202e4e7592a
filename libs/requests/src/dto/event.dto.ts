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
}

export class EventDto {
  seq: number;
  /** create, edit, delete or a state machine action. */
  action: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  fromState: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  toState: string | null;
  actor: EventActorDto;
  @ApiProperty({ type: 'object', additionalProperties: true })
  input: Record<string, unknown>;
  occurredAt: string;
  hash: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  prevHash: string | null;
}

export class EventListDto {
  @ApiProperty({ type: [EventDto] })
  items: EventDto[];
  @ApiPropertyOptional({ nullable: true, type: String })
  nextCursor: string | null;
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
