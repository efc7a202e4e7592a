import { Injectable } from '@nestjs/common';
import { Clock } from '@mla/core';
import type { Principal } from '@mla/identity';
import type { LetterLanguage } from '@mla/letters';
import { RequestsService } from '../requests.service';
import { LetterRenderer } from './letter-renderer';
import { LettersRepository } from './letters.repository';

export interface LetterFile {
  pdf: Buffer;
  sha256: string;
  /** The letter as sent (frozen at `send`, its SHA-256 in the send event), or one rendered now. */
  frozen: boolean;
  reference: string;
  language: LetterLanguage;
}

/**
 * GET …/letter (issue 13): the letter as sent when it was sent in that language (the very
 * bytes, whatever the code renders today); otherwise rendered now from the request — a draft's
 * dated today, a sent request's dated the day it was sent. Every read is access-logged.
 */
@Injectable()
export class LettersService {
  constructor(
    private readonly requests: RequestsService,
    private readonly letters: LettersRepository,
    private readonly renderer: LetterRenderer,
    private readonly clock: Clock,
  ) {}

  async letter(p: Principal, requestId: string, language: LetterLanguage): Promise<LetterFile> {
    const row = await this.requests.readVisible(p, requestId, 'letter', { language });
    const frozen = row.sentAt ? await this.letters.find(row.id, language) : null;
    if (frozen) return { pdf: frozen.pdf, sha256: frozen.sha256, frozen: true, reference: row.reference, language };
    const sender = row.sentAt ? { authorityId: row.sendingAuthorityId, userId: null } : null;
    const rendered = await this.renderer.render(row, language, row.sentAt ?? this.clock.now(), sender);
    return { pdf: rendered.pdf, sha256: rendered.sha256, frozen: false, reference: row.reference, language };
  }
}
