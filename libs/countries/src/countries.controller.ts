import { Controller, Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AppException } from '@mla/core';
import type { CountryRequirements } from './domain/country-requirements.types';
import { CountryRequirementsHolder } from './country-requirements.provider';
import { CountryCodeParamDto, CountryDto, CountryListDto } from './dto/country.dto';

const toDto = (c: CountryRequirements): CountryDto => ({
  code: c.code,
  name: c.name,
  ...(c.centralAuthority !== undefined && { centralAuthority: c.centralAuthority }),
  ...(c.languages && { languages: [...c.languages] }),
  ...(c.translationRequired !== undefined && { translationRequired: c.translationRequired }),
  ...(c.channels && { channels: [...c.channels] }),
  ...(c.channelRules && {
    channelRules: c.channelRules.map((r) => ({
      channel: r.channel,
      ...(r.types && { types: [...r.types] }),
      ...(r.priorities && { priorities: [...r.priorities] }),
      ...(r.legalBases && { legalBases: [...r.legalBases] }),
      source: r.source,
    })),
  }),
  ...(c.legalBases && { legalBases: [...c.legalBases] }),
  requiredDetails: c.requiredDetails.map((d) => ({
    key: d.key,
    label: { ...d.label },
    appliesTo: { ...(d.appliesTo.types && { types: [...d.appliesTo.types] }), ...(d.appliesTo.legalBases && { legalBases: [...d.appliesTo.legalBases] }) },
    source: d.source,
  })),
  sources: { ...c.sources },
});

/** What each requested country requires of a request (DESIGN §4), with the source of every fact. */
@ApiTags('countries')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no valid bearer token' })
@Controller('countries')
export class CountriesController {
  constructor(private readonly countries: CountryRequirementsHolder) {}

  /** Every country the requirements file lists, by code. */
  @Get()
  @ApiOkResponse({ type: CountryListDto, description: 'Every country the file lists, with the source of each fact' })
  list(): CountryListDto {
    return { items: this.countries.list().map(toDto) };
  }

  /** One country's requirements; a code is accepted in either case. */
  @Get(':code')
  @ApiOkResponse({ type: CountryDto, description: "The country's requirements; a fact left out is not known" })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: the code is not two letters' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: the file lists no such country (it then adds no requirement)' })
  get(@Param() params: CountryCodeParamDto): CountryDto {
    const country = this.countries.get(params.code);
    if (!country) throw AppException.notFound(`Country ${params.code.toUpperCase()}`);
    return toDto(country);
  }
}
