import { Injectable } from '@nestjs/common';
import { AppConfig } from '@mla/core';
import { loadCountryRequirements } from './domain/country-requirements.loader';
import type { CountryRequirements, CountryRequirementsMap } from './domain/country-requirements.types';
import { checkCountryRequirements, type MissingRequirement, type RequestContent } from './domain/request-completeness';

/** What each requested country requires, loaded and validated once at boot (a bad file stops the boot naming the entry). */
@Injectable()
export class CountryRequirementsHolder {
  readonly countries: CountryRequirementsMap;

  constructor(config: AppConfig) {
    this.countries = loadCountryRequirements(config.COUNTRIES_PATH);
  }

  /** The country's requirements, or undefined when the file does not list it (no extra requirement then). */
  get(code: string): CountryRequirements | undefined {
    return this.countries.get(code.toUpperCase());
  }

  /** Every country, by code. */
  list(): CountryRequirements[] {
    return [...this.countries.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  /** What the requested country requires that the request lacks, each with the rule's source. */
  check(requestedCountry: string, request: RequestContent): MissingRequirement[] {
    return checkCountryRequirements(this.get(requestedCountry), request);
  }
}
