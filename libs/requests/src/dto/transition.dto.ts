import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsIsoDate, IsOptionalNotNull } from '@mla/core';
import { EVIDENCE_KINDS, EvidenceKind, REFUSAL_GROUNDS, RefusalGround, REQUEST_ACTIONS, RequestAction } from '@mla/domain';

export class CustodyEntryDto {
  /** Who handed the item over. */
  @IsString()
  @MaxLength(300)
  from: string;

  /** Who received it. */
  @IsString()
  @MaxLength(300)
  to: string;

  /** When (ISO 8601 date-time with Z or an offset). */
  @ApiProperty({ type: String, format: 'date-time' })
  @IsIsoDate(['zoned'])
  at: string;

  @IsOptionalNotNull()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class EvidenceItemInputDto {
  @IsString()
  @MaxLength(5000)
  description: string;

  @ApiProperty({ enum: EVIDENCE_KINDS })
  @IsIn(EVIDENCE_KINDS)
  kind: EvidenceKind;

  /** SHA-256 of the digital item, 64 hex digits (required for FILE). */
  @IsOptionalNotNull()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hexadecimal digits' })
  sha256?: string;

  /** Size in bytes of the digital item (required for FILE). */
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  sizeBytes?: number;

  /** The item this one corrects. */
  @IsOptionalNotNull()
  @IsUUID()
  supersedesId?: string;

  /** Custody before delivery (who handed it to whom, when); the delivery itself is appended. */
  @ApiPropertyOptional({ type: [CustodyEntryDto] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CustodyEntryDto)
  custody?: CustodyEntryDto[];
}

/**
 * An action on a request (DESIGN §3). Each action accepts only its own fields: any other
 * field answers 400, a missing required one 422. No field is nullable: null answers 400
 * (leave the field out instead).
 */
export class TransitionDto {
  @ApiProperty({ enum: REQUEST_ACTIONS.filter((a) => a !== 'expire') })
  @IsIn(REQUEST_ACTIONS.filter((a) => a !== 'expire'), { message: `action must be one of: ${REQUEST_ACTIONS.filter((a) => a !== 'expire').join(', ')}` })
  action: RequestAction;

  /** return, report_delay, withdraw. */
  @IsOptionalNotNull() @IsString() @MaxLength(5000) reason?: string;
  /** acknowledge, confirm_preservation, extend_preservation, start_execution. */
  @IsOptionalNotNull() @IsString() @MaxLength(5000) note?: string;
  /** acknowledge, start_execution: the officer of the requested authority who handles it. */
  @IsOptionalNotNull() @IsUUID() assigneeId?: string;
  /** confirm_preservation, extend_preservation: a date (YYYY-MM-DD, end of that day at the requested authority) or a date-time with Z or an offset. */
  @IsOptionalNotNull() @IsIsoDate(['date', 'zoned']) preservedUntil?: string;
  /** start_execution. */
  @IsOptionalNotNull() @IsString() @MaxLength(300) executingBody?: string;
  /** report_delay: the new expected date (YYYY-MM-DD). */
  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsOptionalNotNull() @IsIsoDate(['date']) expectedBy?: string;
  /** request_info, provide_info. */
  @IsOptionalNotNull() @IsString() @MaxLength(20000) message?: string;

  /** deliver_evidence: one or more items. */
  @ApiPropertyOptional({ type: [EvidenceItemInputDto] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EvidenceItemInputDto)
  items?: EvidenceItemInputDto[];

  /** deliver_evidence: true when this delivery completes the execution. */
  @IsOptionalNotNull() @IsBoolean() final?: boolean;
  /** close. */
  @IsOptionalNotNull() @IsString() @MaxLength(5000) outcome?: string;
  /** close of a PRESERVED request: the follow-up request that continues it. */
  @IsOptionalNotNull() @IsUUID() followUpRequestId?: string;

  /** refuse: the ground. */
  @ApiPropertyOptional({ enum: REFUSAL_GROUNDS })
  @IsOptionalNotNull()
  @IsIn(REFUSAL_GROUNDS)
  ground?: RefusalGround;

  /** refuse: the reasons in words. */
  @IsOptionalNotNull() @IsString() @MaxLength(20000) text?: string;
}
