import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CountryRequirementsHolder } from '@mla/countries';
import { LETTER_LANGUAGES, type LetterLanguage } from '@mla/letters';
import { SealKeyStore } from '@mla/seals';
import type { RequestRow } from '../request.row';
import { dayIn, letterInputOf, sentLetterLanguage, type LetterFacts } from './letter-input.builder';
import { LetterRegisterRepository } from './letter-register.repository';
import { LettersRepository, type LetterPeopleRow } from './letters.repository';
import { RenderPool } from './render-pool';

export interface RenderedLetter {
  language: LetterLanguage;
  pdf: Buffer;
  sha256: string;
  sizeBytes: number;
}

/** A letter sealed with its sending authority's certificate. */
export interface SealedLetter extends RenderedLetter {
  /** The signer's certificate subject (CN=…,O=…,C=…). */
  subject: string;
}

/** Who sends the request, for the letter's contact point. */
export interface LetterSender {
  authorityId: string | null;
  userId: string | null;
}

const sha256 = (pdf: Buffer) => createHash('sha256').update(pdf).digest('hex');

/** Letters kept by what they are made of: the same input renders the same bytes (the render is deterministic). */
const CACHED_LETTERS = 64;

/**
 * Renders a request's letter of request (issue 13) from what the database holds, in the
 * render pool (never on the event loop), and seals it with the sending authority's
 * certificate (DESIGN §4).
 */
@Injectable()
export class LetterRenderer {
  /**
   * The last letters rendered, by the SHA-256 of their input and language: a letter read
   * again (a reload, the officer's letter to sign, then `send` of that very letter) is not
   * rendered again, whatever else changed on the request.
   */
  private readonly recent = new Map<string, RenderedLetter>();

  constructor(
    private readonly letters: LettersRepository,
    private readonly countries: CountryRequirementsHolder,
    private readonly pool: RenderPool,
    private readonly seals: SealKeyStore,
    private readonly register: LetterRegisterRepository,
  ) {}

  /**
   * The letter as sent, in the requested country's language, numbered from the requesting
   * authority's register for the letter's year: the number the request was given, else one
   * reserved now (a short transaction of its own, never the caller's; the same number when
   * asked again for the same request), then rendered. `known`: its facts, already read with
   * the request (`LettersRepository.toSend`).
   */
  async renderSent(row: RequestRow, at: Date, sender: LetterSender | null, m?: EntityManager, known?: LetterPeopleRow): Promise<RenderedLetter> {
    const facts = known ?? (await this.facts(row, sender, m));
    const year = Number(dayIn(row.requestingAuthorityTimezone, at).slice(0, 4));
    const number = facts.number ?? (await this.register.reserve(row.requestingAuthorityId, year, row.id));
    return this.renderFrom(row, this.sentLanguage(row), at, facts, number);
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
    return this.renderFrom(row, language, at, await this.facts(row, sender, m), number);
  }

  /** What the letter is made of besides the row: its people, documents, authorities, letterhead and number given. */
  private facts(row: RequestRow, sender: LetterSender | null, m?: EntityManager): Promise<LetterPeopleRow> {
    return this.letters.facts(
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
  }

  /** The letter rendered from the row and its facts (the last ones kept: not rendered again). */
  private async renderFrom(row: RequestRow, language: LetterLanguage, at: Date, facts: LetterPeopleRow, number?: { number: number; symbol: string } | null): Promise<RenderedLetter> {
    const input = letterInputOf({
      row,
      documents: facts.documents as LetterFacts['documents'],
      people: facts,
      requiredDetails: this.countries.get(row.requestedCountry)?.requiredDetails ?? [],
      date: dayIn(row.requestingAuthorityTimezone, at),
      language,
      number: number ?? facts.number,
    });
    const key = `${language}:${createHash('sha256').update(JSON.stringify(input)).digest('hex')}`;
    const cached = this.recent.get(key);
    if (cached) {
      this.recent.delete(key);
      this.recent.set(key, cached);
      return cached;
    }
    const pdf = await this.pool.render('letter', { input, language });
    const rendered: RenderedLetter = { language, pdf, sha256: sha256(pdf), sizeBytes: pdf.length };
    this.recent.set(key, rendered);
    if (this.recent.size > CACHED_LETTERS) this.recent.delete(this.recent.keys().next().value as string);
    return rendered;
  }

  /** Whether the authority has a sealing certificate (its subject), without opening its key. */
  async sealSubject(authorityId: string | null): Promise<string | null> {
    return authorityId ? ((await this.seals.info(authorityId))?.subject ?? null) : null;
  }

  /** The letter sealed with the authority's certificate at `at`; null when the authority has none. */
  async seal(letter: RenderedLetter, authority: { id: string; name: string; country: string }, at: Date): Promise<SealedLetter | null> {
    const key = await this.seals.get(authority.id);
    if (!key) return null;
    const pdf = await this.pool.render('seal', {
      pdf: letter.pdf, p12: key.p12, passphrase: key.passphrase,
      signerName: authority.name, location: authority.country, reason: 'Letter of request', signingTime: at,
    });
    return { language: letter.language, pdf, sha256: sha256(pdf), sizeBytes: pdf.length, subject: key.info.subject };
  }
}
