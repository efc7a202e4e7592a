import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Clock } from '@mla/core';
import { CountryRequirementsHolder, type RequestContent } from '@mla/countries';
import { DeadlinePlanner, type DeadlineRow } from '@mla/deadlines';
import { extensionLimit, preservationWindow } from '@mla/domain';
import { LETTER_LANGUAGES } from '@mla/letters';
import type { Principal } from '@mla/identity';
import { AttachmentsRepository } from './attachments/attachments.repository';
import { missingForSubmit } from './domain/request-content';
import { sentLetterLanguage } from './letters/letter-input.builder';
import type { PreservationWindowDto, RequestDto } from './dto/request.dto';
import { toRequestDto } from './request.presenter';
import type { RequestRow } from './request.row';

const dayIn = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toISODate() as string;

/**
 * The request as a caller sees it, with what the console decides by: `missing` from the same
 * completeness rules `submit` applies (DESIGN §4, the requested country's requirements), the
 * preserved-until window from the deadline policy that applies to the request (DESIGN §5).
 */
@Injectable()
export class RequestPresenter {
  constructor(
    private readonly countries: CountryRequirementsHolder,
    private readonly attachments: AttachmentsRepository,
    private readonly planner: DeadlinePlanner,
    private readonly clock: Clock,
  ) {}

  /** The full representation; reads the draft's documents only when a translation decides (as submit does). */
  async present(r: RequestRow, deadlines: DeadlineRow[], caller: Principal): Promise<RequestDto> {
    let missing = this.missing(r, []);
    if (missing.some((f) => f === 'attachments' || f === 'language')) missing = this.missing(r, await this.attachments.forRequest(r.id));
    return toRequestDto(r, deadlines, caller, { missing, preservationWindow: this.window(r), letterLanguage: this.letterLanguage(r) });
  }

  /** The same without a read (inside a transaction's statement): the documents given, none by default. */
  presentWith(r: RequestRow, deadlines: DeadlineRow[], caller: Principal, attachments: RequestContent['attachments'] = []): RequestDto {
    return toRequestDto(r, deadlines, caller, { missing: this.missing(r, attachments), preservationWindow: this.window(r), letterLanguage: this.letterLanguage(r) });
  }

  private letterLanguage(r: RequestRow): 'en' | 'vi' {
    return sentLetterLanguage(this.countries.get(r.requestedCountry)?.languages, LETTER_LANGUAGES);
  }

  private missing(r: RequestRow, attachments: RequestContent['attachments']): string[] {
    if (r.state !== 'DRAFT') return [];
    const content = { type: r.type, priority: r.priority, channel: r.channel, legalBasis: r.legalBasis, language: r.language, details: r.details, attachments };
    return [...missingForSubmit(r), ...this.countries.check(r.requestedCountry, content).map((e) => e.field)];
  }

  /** Confirmation: [now + minimum, now + maximum]; extension: the first day ending after the current date-time to current + one extension. */
  private window(r: RequestRow): PreservationWindowDto | null {
    if (r.type !== 'PRESERVATION') return null;
    const timezone = r.requestedAuthorityTimezone;
    const policy = this.planner.policyFor(r).preservation;
    if (r.preservedUntil) {
      // A date ends at the end of that day, and must lie after the current date-time.
      const current = DateTime.fromJSDate(r.preservedUntil, { zone: timezone });
      const first = current.endOf('day').toMillis() > current.toMillis() ? current : current.plus({ days: 1 });
      return { from: first.toISODate() as string, to: dayIn(extensionLimit(r.preservedUntil, policy, timezone), timezone), timezone };
    }
    const { earliest, latest } = preservationWindow(this.clock.now(), policy, timezone);
    return { from: dayIn(earliest, timezone), to: dayIn(latest, timezone), timezone };
  }
}
