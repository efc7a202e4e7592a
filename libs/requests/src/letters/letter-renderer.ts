import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CountryRequirementsHolder } from '@mla/countries';
import { LETTER_LANGUAGES, renderLetter, type LetterLanguage } from '@mla/letters';
import type { RequestRow } from '../request.row';
import { dayIn, letterInputOf, sentLetterLanguage, type LetterFacts } from './letter-input.builder';
import { LetterRegisterRepository } from './letter-register.repository';
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
    private readonly register: LetterRegisterRepository,
  ) {}

  /**
   * The letter as sent, in the requested country's language: numbered from the requesting
   * authority's register for the letter's year (a short transaction of its own, never the
   * caller's; the same number when asked again for the same request), then rendered.
   */
  async renderSent(row: RequestRow, at: Date, sender: LetterSender | null, m?: EntityManager): Promise<RenderedLetter> {
    const year = Number(dayIn(row.requestingAuthorityTimezone, at).slice(0, 4));
    const number = await this.register.reserve(row.requestingAuthorityId, year, row.id);
    return this.render(row, this.sentLanguage(row), at, sender, m, number);
  }

  /** The language the letter is sent in, to the request's requested country. */
  sentLanguage(row: RequestRow): LetterLanguage {
    return sentLetterLanguage(this.countries.get(row.requestedCountry)?.languages, LETTER_LANGUAGES);
  }

  /**
   * The letter dated `at` (in the requesting authority's zone), sent by `sender` (null: not yet
   * sent), numbered `number` (from `reserveLetterNumber`; absent: the number the request's
   * letter was given, if any, else a draft's "Số: …/…").
   */
  async render(row: RequestRow, language: LetterLanguage, at: Date, sender: LetterSender | null, m?: EntityManager, number?: { number: number; symbol: string } | null): Promise<RenderedLetter> {
    const facts = await this.letters.facts(
      {
        requestId: row.id,
        requestingAuthorityId: row.requestingAuthorityId,
        requestedAuthorityId: row.requestedAuthorityId,
        requestingCountry: row.requestingCountry,
        drafterId: row.createdBy,
        senderId: sender?.userId ?? null,
        sendingAuthorityId: sender?.authorityId ?? null,
      },
      m,
    );
    const input = letterInputOf({
      row,
      documents: facts.documents as LetterFacts['documents'],
      people: facts,
      requiredDetails: this.countries.get(row.requestedCountry)?.requiredDetails ?? [],
      date: dayIn(row.requestingAuthorityTimezone, at),
      language,
      number: number ?? facts.number,
    });
    const pdf = await renderLetter(input, language);
    return { language, pdf, sha256: createHash('sha256').update(pdf).digest('hex'), sizeBytes: pdf.length };
  }
}
