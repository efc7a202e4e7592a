import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsIsoDate } from '@mla/core';
import { CHANNELS, Channel, LEGAL_BASES, LegalBasis, PRIORITIES, Priority, REQUEST_TYPES, RequestType } from '@mla/domain';
import { IsRequestDetails } from './details.validator';
import { IdentifierDto } from './identifier.dto';
import { IsOptionalNotNull } from './optional-not-null';
import { OffenceDto } from './offence.dto';

/** The editable content of a request: every field optional here; `submit` checks completeness. */
export class EditableRequestContentDto {
  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptionalNotNull()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptionalNotNull()
  @IsIn(CHANNELS)
  channel?: Channel;

  /** The treaty's name when legalBasis is BILATERAL_TREATY. */
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  treatyName?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string | null;

  @ApiPropertyOptional({ type: OffenceDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => OffenceDto)
  offence?: OffenceDto | null;

  /** Summary of the facts. */
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  facts?: string | null;

  /** What is asked, one line each. */
  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  measures?: string[];

  @ApiPropertyOptional({ type: [IdentifierDto] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => IdentifierDto)
  identifiers?: IdentifierDto[];

  /** The preservation request this follow-up request continues. */
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  relatedRequestId?: string | null;

  /** The date the requester needs the answer by (YYYY-MM-DD). */
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date' })
  @IsOptional()
  @IsIsoDate(['date'])
  neededBy?: string | null;

  /** The requested side must keep the request's existence confidential. */
  @IsOptionalNotNull()
  @IsBoolean()
  confidential?: boolean;

  /** ISO 639-1 code of the language the request is written in (default: your authority's). */
  @ApiPropertyOptional({ type: String, pattern: '^[a-z]{2}$', example: 'vi' })
  @IsOptionalNotNull()
  @IsString()
  @Matches(/^[a-z]{2}$/, { message: 'language must be an ISO 639-1 code in lower case (e.g. vi, en)' })
  language?: string;

  /**
   * The extra fields the requested country requires, by the keys of its `requiredDetails`
   * (GET /countries/:code), e.g. `{ "criminalMatterCertificate": "…" }`. Replaced whole.
   */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string', maxLength: 4000 }, maxProperties: 30 })
  @IsOptionalNotNull()
  @IsRequestDetails()
  details?: Record<string, string>;
}

export class CreateRequestDto extends EditableRequestContentDto {
  @ApiProperty({ enum: REQUEST_TYPES })
  @IsIn(REQUEST_TYPES)
  type: RequestType;

  @ApiProperty({ enum: LEGAL_BASES })
  @IsIn(LEGAL_BASES)
  legalBasis: LegalBasis;

  /** The authority of another country that is asked. */
  @IsUUID()
  requestedAuthorityId: string;
}

/** PATCH of a draft: any subset of the fields; null clears an optional one. */
export class UpdateRequestDto extends EditableRequestContentDto {
  @ApiPropertyOptional({ enum: REQUEST_TYPES })
  @IsOptionalNotNull()
  @IsIn(REQUEST_TYPES)
  type?: RequestType;

  @ApiPropertyOptional({ enum: LEGAL_BASES })
  @IsOptionalNotNull()
  @IsIn(LEGAL_BASES)
  legalBasis?: LegalBasis;

  @IsOptionalNotNull()
  @IsUUID()
  requestedAuthorityId?: string;
}
