import { Injectable } from '@nestjs/common';
import { AppException, Clock } from '@mla/core';
import { authorityNameIn, type RecordedFrom, type TransmissionChannel } from '@mla/domain';
import { AuthoritiesRepository, type Principal, UsersRepository } from '@mla/identity';
import { LETTER_LANGUAGES, type LetterLanguage } from '@mla/letters';
import { ballHolder } from '../domain/ball-holder';
import { keeperSideOf, offlineSideOf } from '../domain/counterpart-sides';
import { sideOf } from '../domain/visibility';
import { EventsRepository } from '../events/events.repository';
import { RenderPool } from '../letters/render-pool';
import { RequestReader } from '../reading/request-reader';
import { RequestsRepository } from '../requests.repository';
import { chaserInputOf } from './chaser-input.builder';

export interface ChaserFile {
  pdf: Buffer;
  reference: string;
  language: LetterLanguage;
}

/**
 * GET …/chaser (DESIGN §14): the follow-up note to an OFFLINE counterpart, for the side facing
 * it (its officers and supervisors; 403 for anyone else who sees the request), while something
 * is awaited of the counterpart (409 otherwise). In `lang`, or the counterpart's own language
 * when the chaser is written in it, else English. Every read of a confidential request is logged.
 * Rendered in the render pool, never on the event loop.
 */
@Injectable()
export class ChaserService {
  constructor(
    private readonly reader: RequestReader,
    private readonly requests: RequestsRepository,
    private readonly events: EventsRepository,
    private readonly authorities: AuthoritiesRepository,
    private readonly users: UsersRepository,
    private readonly clock: Clock,
    private readonly pool: RenderPool,
  ) {}

  async chaser(p: Principal, requestId: string, lang: LetterLanguage | undefined): Promise<ChaserFile> {
    const row = await this.reader.visibleRow(p, requestId);
    const offline = offlineSideOf(row);
    const keeper = keeperSideOf(row);
    if (offline === null || keeper === null) {
      throw new AppException('CONFLICT', `${row.requestedAuthorityCode} works on MLA Hub: it is told by the hub, no chaser is written`);
    }
    if ((p.role !== 'OFFICER' && p.role !== 'SUPERVISOR') || sideOf(p, row) !== keeper) {
      throw AppException.forbidden('Only the officers and supervisors of the side facing the OFFLINE counterpart write its chasers');
    }
    if (ballHolder(row.state) !== offline) {
      throw new AppException('CONFLICT', `Nothing is awaited of the counterpart in state ${row.state}: there is nothing to chase`, undefined, { state: row.state });
    }
    const found = await this.requests.findWithDeadlines(requestId);
    const keeperAuthorityId = keeper === 'REQUESTED' ? row.requestedAuthorityId : (row.sendingAuthorityId ?? p.authorityId ?? row.requestingAuthorityId);
    const counterpartId = offline === 'REQUESTED' ? row.requestedAuthorityId : row.requestingAuthorityId;
    const authorities = await this.authorities.findByIds([keeperAuthorityId, counterpartId]);
    const keeperAuthority = authorities.find((a) => a.id === keeperAuthorityId);
    const counterpart = authorities.find((a) => a.id === counterpartId);
    if (!keeperAuthority || !counterpart) throw AppException.notFound('Authority');
    const own = counterpart.language.slice(0, 2).toLowerCase();
    const language: LetterLanguage = lang ?? ((LETTER_LANGUAGES as readonly string[]).includes(own) ? (own as LetterLanguage) : 'en');
    const history = await this.events.all(requestId);
    const earlier = history.filter((e) => e.action === 'chase').map((e) => e.input as { dispatchedAt: string; channel: TransmissionChannel; reference: string });
    const lastRecorded = [...history].reverse().find((e) => e.recordedFrom)?.recordedFrom as RecordedFrom | undefined;
    const officer = await this.users.findById(p.userId);
    await this.reader.recordRead(p, row, 'chaser', { language });
    const input = chaserInputOf({
      row,
      offline,
      deadlines: found?.deadlines ?? [],
      earlier,
      names: { keeper: authorityNameIn(keeperAuthority, language), counterpart: authorityNameIn(counterpart, language) },
      keeperCode: keeperAuthority.code,
      officer: officer ? { displayName: officer.displayName, email: officer.email } : null,
      now: this.clock.now(),
      language,
      lastRecorded: lastRecorded ?? null,
    });
    return { pdf: await this.pool.render('chaser', { input, language }), reference: row.reference, language };
  }
}
