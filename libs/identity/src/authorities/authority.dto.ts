import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOptionalNotNull, IsSafeName } from '@mla/core';
import { AUTHORITY_REACHES, AuthorityReach, DIRECTORY_CHANNELS, DirectoryChannel } from '@mla/domain';
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
  /** Postal address for correspondence (DESIGN §14), where a source gives it. */
  @ApiProperty({ nullable: true, type: String })
  address: string | null;
  /** E-mail address for correspondence, where a source gives it. */
  @ApiProperty({ nullable: true, type: String, format: 'email' })
  email: string | null;
  /** ISO 639-1 codes of the languages it corresponds in. */
  languages: string[];
  /** The transmission channels it takes correspondence by (DESIGN §14). */
  @ApiProperty({ enum: DIRECTORY_CHANNELS, isArray: true })
  channels: DirectoryChannel[];
  /** Where the directory's facts come from (URL or document). */
  @ApiProperty({ nullable: true, type: String })
  source: string | null;
  /** The day the facts were last checked against their source. */
  @ApiProperty({ nullable: true, type: String, format: 'date' })
  lastVerified: string | null;
  /** When an ADMIN retired it: offered for no new request; its requests stay. */
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  retiredAt: string | null;
}

/** The answer to setting a webhook: carries the signing secret, once. */
export class AuthorityWithSecretDto extends AuthorityDto {
  /** The new signing secret (`whsec_…`, base64). Shown in this answer only. */
  webhookSecret?: string;
}

/**
 * The fields an ADMIN sets on an authority, validated once: required as creation needs them
 * (name, kind, timezone, language), the others optional. Creation adds its code and country;
 * an update takes any subset (`PartialType`: an absent field is left as it is, null answers 400
 * except where null clears a value).
 */
export class AuthorityFieldsDto {
  /** Its name (2-200 characters). */
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @IsSafeName()
  name: string;

  @ApiProperty({ enum: AUTHORITY_KINDS })
  @IsIn(AUTHORITY_KINDS)
  kind: AuthorityKind;

  @IsTimeZone()
  timezone: string;

  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'language must be a language tag such as en or vi' })
  language: string;

  /** DESIGN §14; LOCAL when absent at creation. */
  @ApiPropertyOptional({ enum: AUTHORITY_REACHES })
  @IsOptionalNotNull()
  @IsIn(AUTHORITY_REACHES)
  reach?: AuthorityReach;

  /** Its name per language (2-200 characters each), replacing the ones it had; `{language: name}` when absent at creation. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptionalNotNull()
  @IsAuthorityNames()
  names?: Record<string, string>;

  /**
   * Where notifications are POSTed (the answer then carries a new signing secret, once); null
   * removes it. In production: https, no credentials, and a host that resolves only to public
   * addresses (or to WEBHOOK_ALLOWED_NETWORKS); otherwise 422 RULE_VIOLATED naming webhookUrl.
   */
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uri' })
  @IsOptional()
  @IsWebhookUrl()
  @MaxLength(2000)
  webhookUrl?: string | null;

  /** Postal address for correspondence (1-500 characters); null clears it. */
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @IsSafeName()
  address?: string | null;

  /** E-mail address for correspondence; null clears it. */
  @ApiPropertyOptional({ nullable: true, type: String, format: 'email' })
  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  /** ISO 639-1 codes of the languages it corresponds in; `[language]` when absent at creation. */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(/^[a-z]{2}$/, { each: true, message: 'languages must be ISO 639-1 codes such as en or vi' })
  languages?: string[];

  /** The transmission channels it takes correspondence by. */
  @ApiPropertyOptional({ enum: DIRECTORY_CHANNELS, isArray: true })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayUnique()
  @IsIn(DIRECTORY_CHANNELS, { each: true })
  channels?: DirectoryChannel[];

  /** Where these facts come from (URL or document, 10-1000 characters); null clears it. */
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(10)
  @MaxLength(1000)
  @IsSafeName()
  source?: string | null;

  /** The day they were checked (`YYYY-MM-DD`, not in the future); today when a directory fact is given or changed without it. */
  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsOptionalNotNull()
  @Matches(/^(19|2\d)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'lastVerified must be a day such as 2026-12-06 (from 1900)' })
  lastVerified?: string;
}

export class CreateAuthorityDto extends AuthorityFieldsDto {
  /** Short unique code, e.g. `VN-CA`. */
  @Transform(trim)
  @Matches(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, { message: 'code must be 2-40 upper-case letters, digits, - or _' })
  code: string;

  /** ISO 3166-1 alpha-2. */
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as VN' })
  country: string;
}

/** Any subset of the fields; null only clears the webhook, the address, the e-mail address and the source (the others always have a value: null answers 400). */
export class UpdateAuthorityDto extends PartialType(AuthorityFieldsDto, { skipNullProperties: false }) {
  /** true retires it (offered for no new request, its requests stay); false brings it back. */
  @IsOptionalNotNull()
  @IsBoolean()
  retired?: boolean;
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
