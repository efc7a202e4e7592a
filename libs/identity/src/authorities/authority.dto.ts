import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsTimeZone } from '../validation/is-time-zone';
import { AUTHORITY_KINDS, AuthorityKind } from './authority.row';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class AuthorityDto {
  id: string;
  /** Short unique code, e.g. `VN-CA`. */
  code: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  @ApiProperty({ enum: AUTHORITY_KINDS })
  kind: AuthorityKind;
  /** IANA time zone, e.g. `Asia/Ho_Chi_Minh`. */
  timezone: string;
  /** Language of notifications, e.g. `vi`, `en`. */
  language: string;
  /** Where notifications are POSTed, signed; null when none. */
  webhookUrl: string | null;
}

/** The answer to setting a webhook: carries the signing secret, once. */
export class AuthorityWithSecretDto extends AuthorityDto {
  /** The new signing secret (`whsec_…`, base64). Shown in this answer only. */
  webhookSecret?: string;
}

export class CreateAuthorityDto {
  @Transform(trim)
  @Matches(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, { message: 'code must be 2-40 upper-case letters, digits, - or _' })
  code: string;

  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as VN' })
  country: string;

  @ApiProperty({ enum: AUTHORITY_KINDS })
  @IsIn(AUTHORITY_KINDS)
  kind: AuthorityKind;

  @IsTimeZone()
  timezone: string;

  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'language must be a language tag such as en or vi' })
  language: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'webhookUrl must be an http(s) URL' })
  @MaxLength(2000)
  webhookUrl?: string | null;
}

export class UpdateAuthorityDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: AUTHORITY_KINDS })
  @IsOptional()
  @IsIn(AUTHORITY_KINDS)
  kind?: AuthorityKind;

  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'language must be a language tag such as en or vi' })
  language?: string;

  /** Set a webhook endpoint (the answer carries a new signing secret), or null to remove it. */
  @ApiPropertyOptional({ nullable: true, type: String })
  @ValidateIf((o: UpdateAuthorityDto) => o.webhookUrl !== null)
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'webhookUrl must be an http(s) URL' })
  @MaxLength(2000)
  webhookUrl?: string | null;
}

export class AuthorityListDto {
  @ApiProperty({ type: [AuthorityDto] })
  items: AuthorityDto[];
  nextCursor: string | null;
}

export class ListAuthoritiesQueryDto {
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as VN' })
  country?: string;

  @ApiPropertyOptional({ enum: AUTHORITY_KINDS })
  @IsOptional()
  @IsIn(AUTHORITY_KINDS)
  kind?: AuthorityKind;
}
