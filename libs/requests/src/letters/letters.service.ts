import { Injectable } from '@nestjs/common';
import { buffer } from 'node:stream/consumers';
import { Clock } from '@mla/core';
import { PeerFilesService } from '@mla/federation';
import type { Principal } from '@mla/identity';
import type { LetterLanguage } from '@mla/letters';
import { FileStore } from '@mla/storage';
import { RequestReader } from '../reading/request-reader';
import { LetterRenderer, type LetterSender } from './letter-renderer';
import { sideOf } from '../domain/visibility';
import type { RequestRow } from '../request.row';
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
 * bytes, whatever the code renders today; of a request a peer node sent, the letter its
 * message listed, once fetched and verified: a 409 until then); otherwise rendered now from
 * the request — a draft's dated today, a sent request's dated the day it was sent; to a sending officer while it waits
 * to be sent, the letter as they would send it today (the one to sign). Every read is
 * access-logged. Rendered in the render pool, never on the event loop.
 *
 * A render costs about 100 ms of CPU (more for a long request): LetterRenderer keeps the last
 * letters by what they are made of, so reading the same letter again (a reload, a second
 * reader, the officer's letter to sign and then its send) renders nothing.
 */
@Injectable()
export class LettersService {
  constructor(
    private readonly requests: RequestReader,
    private readonly letters: LettersRepository,
    private readonly renderer: LetterRenderer,
    private readonly clock: Clock,
    private readonly peerFiles: PeerFilesService,
    private readonly store: FileStore,
  ) {}

  async letter(p: Principal, requestId: string, language: LetterLanguage): Promise<LetterFile> {
    const row = await this.requests.readVisible(p, requestId, 'letter', { language });
    const frozen = row.sentAt ? await this.letters.find(row.id, language) : null;
    if (frozen) return { pdf: frozen.pdf, sha256: frozen.sha256, frozen: true, reference: row.reference, language };
    const fromPeer = row.sentAt ? await this.letters.sentByPeer(row.id, language) : null;
    if (fromPeer) {
      // Sent by a peer node: its very bytes once fetched and verified here (409 while arriving), never a letter rendered here in its place.
      const file = await this.peerFiles.received(row.id, fromPeer);
      return { pdf: await buffer(await this.store.get(file.contentRef)), sha256: file.sha256, frozen: true, reference: row.reference, language };
    }
    const toSign = row.sentAt ? null : this.toSign(p, row);
    const sender = row.sentAt ? { authorityId: row.sendingAuthorityId, userId: null } : toSign;
    // The letter to sign is the one `send` will render: in the language it is sent in, with the number the register gives it.
    const rendered =
      toSign && language === this.renderer.sentLanguage(row)
        ? await this.renderer.renderSent(row, this.clock.now(), toSign)
        : await this.renderer.render(row, language, row.sentAt ?? this.clock.now(), sender);
    return { pdf: rendered.pdf, sha256: rendered.sha256, frozen: false, reference: row.reference, language };
  }

  /**
   * An officer of the sending side reads the letter to sign while it waits to be sent: as it
   * will be sent by them today (their authority and name as contact), so that a signed copy of
   * it is bound by this letter's SHA-256 to the letter `send` renders.
   */
  private toSign(p: Principal, row: RequestRow): LetterSender | null {
    return row.state === 'IN_REVIEW' && p.role === 'OFFICER' && sideOf(p, row) === 'REQUESTING' ? { authorityId: p.authorityId, userId: p.userId } : null;
  }
}
