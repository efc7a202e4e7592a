import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CountryRequirementsHolder } from '@mla/countries';
import { LETTER_LANGUAGES, renderLetter, type LetterLanguage } from '@mla/letters';
import type { RequestRow } from '../request.row';
import { dayIn, letterInputOf, sentLetterLanguage, type LetterFacts } from './letter-input.builder';
import { LettersRepository } from './letters.repository';

export interface RenderedLetter {
  language: LetterLanguage;
  pdf: Buffer;
  sha256: string;
  sizeBytes: number;
}

/** Who sends the request, for the letter's contact point. */
export interface LetterSender {
  authorityId: string | null;
  userId: string | null;
}

/** Renders a request's letter of request (issue 13) from what the database holds, in the caller's transaction when given one. */
@Injectable()
export class LetterRenderer {
  constructor(
    private readonly letters: LettersRepository,
    private readonly countries: CountryRequirementsHolder,
  ) {}

  /** The language the letter is sent in, to the request's requested country. */
  sentLanguage(row: RequestRow): LetterLanguage {
    return sentLetterLanguage(this.countries.get(row.requestedCountry)?.languages, LETTER_LANGUAGES);
  }

  /** The letter dated `at` (in the requesting authority's zone), sent by `sender` (null: not yet sent). */
  async render(row: RequestRow, language: LetterLanguage, at: Date, sender: LetterSender | null, m?: EntityManager): Promise<RenderedLetter> {
    const { documents, drafter, sender: officer, sendingAuthorityName } = await this.letters.facts(row.id, row.createdBy, sender?.userId ?? null, sender?.authorityId ?? null, m);
    const input = letterInputOf({
      row,
      documents: documents as LetterFacts['documents'],
      people: { drafter, sender: officer, sendingAuthorityName },
      requiredDetails: this.countries.get(row.requestedCountry)?.requiredDetails ?? [],
      date: dayIn(row.requestingAuthorityTimezone, at),
      language,
    });
    const pdf = await renderLetter(input, language);
    return { language, pdf, sha256: createHash('sha256').update(pdf).digest('hex'), sizeBytes: pdf.length };
  }
}
