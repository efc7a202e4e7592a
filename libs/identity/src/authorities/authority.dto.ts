import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsOptionalNotNull, IsSafeName } from '@mla/core';
import { AUTHORITY_REACHES, AuthorityReach } from '@mla/domain';
import { IsAuthorityNames } from '../validation/is-authority-names';
import { IsTimeZone } from '../validation/is-time-zone';
import { IsWebhookUrl } from '../validation/is-webhook-url';
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
  /** DESIGN §14: LOCAL (its people sign in here), PEER (another MLA Hub node), OFFLINE (no MLA Hub: this node's officers record its acts). */
  @ApiProperty({ enum: AUTHORITY_REACHES })
  reach: AuthorityReach;
  /** Its name per language, e.g. `{"vi": "Viện kiểm sát nhân dân tối cao", "en": "Supreme People's Procuracy of Viet Nam"}` (DESIGN §4). */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { vi: 'Viện kiểm sát nhân dân tối cao', en: "Supreme People's Procuracy of Viet Nam" } })
  names: Record<string, string>;
  /**
   * Where notifications are POSTed, signed. Shown only to admins and to the supervisors of
   * this authority; null for everyone else, and when the authority has none.
   */
  @ApiProperty({ nullable: true, type: String, format: 'uri' })
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
  @IsSafeName()
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

  /** DESIGN §14; LOCAL when absent. */
  @ApiPropertyOptional({ enum: AUTHORITY_REACHES })
  @IsOptional()
  @IsIn(AUTHORITY_REACHES)
  reach?: AuthorityReach;

  /** Its name per language (2-200 characters each); `{language: name}` when absent. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsAuthorityNames()
  names?: Record<string, string>;

  /**
   * Where notifications are POSTed (the answer then carries the signing secret, once). In
   * production: https, no credentials, and a host that resolves only to public addresses
   * (or to WEBHOOK_ALLOWED_NETWORKS); otherwise 422 RULE_VIOLATED naming webhookUrl.
   */
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uri' })
  @IsOptional()
  @IsWebhookUrl()
  @MaxLength(2000)
  webhookUrl?: string | null;
}

/** Any subset of the fields; null only clears the webhook (the others always have a value: null answers 400). */
export class UpdateAuthorityDto {
  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @IsSafeName()
  name?: string;

  @ApiPropertyOptional({ enum: AUTHORITY_KINDS })
  @IsOptionalNotNull()
  @IsIn(AUTHORITY_KINDS)
  kind?: AuthorityKind;

  @IsOptionalNotNull()
  @IsTimeZone()
  timezone?: string;

  @IsOptionalNotNull()
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'language must be a language tag such as en or vi' })
  language?: string;

  @ApiPropertyOptional({ enum: AUTHORITY_REACHES })
  @IsOptionalNotNull()
  @IsIn(AUTHORITY_REACHES)
  reach?: AuthorityReach;

  /** Replaces its names per language. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptionalNotNull()
  @IsAuthorityNames()
  names?: Record<string, string>;

  /**
   * Set a webhook endpoint (the answer carries a new signing secret), or null to remove it.
   * The rules of creation apply (422 RULE_VIOLATED naming webhookUrl).
   */
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uri' })
  @ValidateIf((o: UpdateAuthorityDto) => o.webhookUrl !== null)
  @IsOptional()
  @IsWebhookUrl()
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
