import type { CountryRequirementsHolder } from '@mla/countries';
import type { FieldError } from '@mla/core';
import type { AttachmentsRepository } from '../../attachments/attachments.repository';
import { missingForSubmit } from '../../domain/request-content';
import type { CommandPlan, RuleContext } from '../command.types';
import { incomplete } from './refusal';

/**
 * submit: the request is complete (DESIGN §4) and meets its requested country's requirements
 * (languages, translation, channels, legal bases, extra fields: config/countries.yaml); every
 * missing item is named, a country's with the source of its rule.
 */
export const submitRule =
  (countries: CountryRequirementsHolder, attachments: AttachmentsRepository) =>
  async ({ m, row }: RuleContext): Promise<CommandPlan> => {
    const missing: FieldError[] = missingForSubmit(row).map((field) => ({ field, message: 'is required before submit' }));
    const content = { type: row.type, channel: row.channel, legalBasis: row.legalBasis, language: row.language, details: row.details };
    let country = countries.check(row.requestedCountry, { ...content, attachments: [] });
    // Its documents are read only when they matter: a language the country does not accept, unless translated.
    if (country.some((e) => e.field === 'attachments' || e.field === 'language')) {
      country = countries.check(row.requestedCountry, { ...content, attachments: await attachments.forRequest(row.id, m) });
    }
    missing.push(...country.map(({ field, message, source }) => ({ field, message, source })));
    if (missing.length > 0) {
      throw incomplete(`The request cannot be submitted: ${missing.map((e) => e.field).join(', ')} missing or unfit`, missing);
    }
    return {};
  };
