import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CHANNELS, LEGAL_BASES, PRIORITIES, REQUEST_TYPES } from '@mla/domain';

export class CountryCodeParamDto {
  /** ISO 3166-1 alpha-2 code of the country, e.g. SG. */
  @Matches(/^[A-Za-z]{2}$/, { message: 'code must be an ISO 3166-1 alpha-2 code such as SG' })
  code: string;
}

export class LocalizedLabelDto {
  en: string;
  vi: string;
}

/** The requests a required detail applies to; every type or legal basis when a list is absent. */
export class RequiredDetailScopeDto {
  @ApiPropertyOptional({ enum: REQUEST_TYPES, isArray: true })
  types?: string[];
  @ApiPropertyOptional({ enum: LEGAL_BASES, isArray: true })
  legalBases?: string[];
}

/** A field the country requires beyond the common contents of a request, under the request's `details`. */
export class RequiredDetailDto {
  /** The key under the request's `details`, e.g. offenceMeasureLink. */
  key: string;
  label: LocalizedLabelDto;
  appliesTo: RequiredDetailScopeDto;
  /** The treaty article or law that requires it. */
  source: string;
}

/** Which requests a channel takes (DESIGN §14): those of the types, priorities and legal bases listed (every one when a list is absent). */
export class ChannelRuleDto {
  @ApiProperty({ enum: CHANNELS })
  channel: string;
  @ApiPropertyOptional({ enum: REQUEST_TYPES, isArray: true })
  types?: string[];
  @ApiPropertyOptional({ enum: PRIORITIES, isArray: true })
  priorities?: string[];
  @ApiPropertyOptional({ enum: LEGAL_BASES, isArray: true })
  legalBases?: string[];
  /** The treaty article, law or published practice the rule comes from. */
  source: string;
}

/** Where each fact of the entry comes from; present exactly for the facts given. */
export class CountrySourcesDto {
  centralAuthority?: string;
  languages?: string;
  translationRequired?: string;
  channels?: string;
  legalBases?: string;
}

/**
 * What a requested country requires of a request it receives. A fact left out is not known
 * (no source was found) and adds no requirement.
 */
export class CountryDto {
  /** ISO 3166-1 alpha-2. */
  code: string;
  name: string;
  /** The authority that receives requests. */
  centralAuthority?: string;
  /** ISO 639-1 codes of the languages a request may be written in. */
  languages?: string[];
  /** Whether a request in another language must come with a TRANSLATION into one of `languages`. */
  translationRequired?: boolean;
  @ApiPropertyOptional({ enum: CHANNELS, isArray: true })
  channels?: string[];
  /** When given, a request's channel must be allowed by one of them: e.g. the 24/7 network only for preservation or emergencies. */
  @ApiPropertyOptional({ type: [ChannelRuleDto] })
  channelRules?: ChannelRuleDto[];
  @ApiPropertyOptional({ enum: LEGAL_BASES, isArray: true })
  legalBases?: string[];
  @ApiProperty({ type: [RequiredDetailDto] })
  requiredDetails: RequiredDetailDto[];
  sources: CountrySourcesDto;
}

export class CountryListDto {
  @ApiProperty({ type: [CountryDto] })
  items: CountryDto[];
}
