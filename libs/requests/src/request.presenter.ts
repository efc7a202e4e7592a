import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Clock } from '@mla/core';
import { CountryRequirementsHolder, type RequestContent } from '@mla/countries';
import { DeadlinePlanner, type DeadlineRow } from '@mla/deadlines';
import { extensionLimit, preservationWindow } from '@mla/domain';
import type { Principal } from '@mla/identity';
import { AttachmentsRepository } from './attachments/attachments.repository';
import { missingForSubmit } from './domain/request-content';
import { allowedActions, ballHolder } from './domain/request-state-machine';
import type { DeadlineDto, PreservationWindowDto, RequestDto, RequestSummaryDto } from './dto/request.dto';
import type { RequestRow } from './request.row';
import { mayReadAccessLog, sideOf } from './visibility';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function authorities(r: RequestRow) {
  return {
    requestingAuthority: {
      id: r.requestingAuthorityId,
      code: r.requestingAuthorityCode,
      name: r.requestingAuthorityName,
      country: r.requestingCountry,
      timezone: r.requestingAuthorityTimezone,
    },
    requestedAuthority: {
      id: r.requestedAuthorityId,
      code: r.requestedAuthorityCode,
      name: r.requestedAuthorityName,
      country: r.requestedCountry,
      timezone: r.requestedAuthorityTimezone,
    },
  };
}

export function toSummary(r: RequestRow): RequestSummaryDto {
  return {
    id: r.id,
    reference: r.reference,
    version: r.version,
    state: r.state,
    type: r.type,
    priority: r.priority,
    channel: r.channel,
    ...authorities(r),
    title: r.title,
    ballHolder: ballHolder(r.state),
    confidential: r.confidential,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    sentAt: iso(r.sentAt),
  };
}

export function toDeadlineDto(d: DeadlineRow, r: RequestRow): DeadlineDto {
  return {
    id: d.id,
    kind: d.kind,
    party: d.party,
    startAt: d.startAt.toISOString(),
    dueAt: d.dueAt.toISOString(),
    status: d.status,
    escalationLevel: d.escalationLevel,
    remainingMs: d.remainingMs === null ? null : Number(d.remainingMs),
    metAt: iso(d.metAt),
    ...(d.kind === 'EXECUTION' ? { reportedDelay: r.delayEstimate } : {}),
  };
}

/** What the representation needs beyond the row: computed by `RequestPresenter` from the country's rules and the policy. */
export interface RequestDecisions {
  missing: string[];
  preservationWindow: PreservationWindowDto | null;
}

/** The full representation for this caller: deadlines, the actions it may take now and what the screens decide by. */
export function toRequestDto(r: RequestRow, deadlines: DeadlineRow[], caller: Principal, decisions: RequestDecisions): RequestDto {
  const side = sideOf(caller, r);
  const actions = allowedActions({ state: r.state, type: r.type, resumeState: r.resumeState }, { role: caller.role, side });
  return {
    ...toSummary(r),
    legalBasis: r.legalBasis,
    treatyName: r.treatyName,
    offence: r.offence,
    facts: r.facts,
    measures: r.measures,
    identifiers: r.identifiers,
    relatedRequestId: r.relatedRequestId,
    neededBy: r.neededBy,
    language: r.language,
    details: r.details,
    // Who handles it is the requested side's internal work (DESIGN §2).
    assigneeId: side === 'REQUESTED' ? r.assigneeId : null,
    executingBody: r.executingBody,
    preservedUntil: iso(r.preservedUntil),
    preservationExtensions: r.preservationExtensions,
    delayEstimate: r.delayEstimate,
    outcome: r.outcome,
    refusal: r.refusal,
    deliveryCount: r.deliveryCount,
    submittedAt: iso(r.submittedAt),
    acknowledgedAt: iso(r.acknowledgedAt),
    closedAt: iso(r.closedAt),
    deadlines: deadlines.map((d) => toDeadlineDto(d, r)),
    allowedActions: actions,
    missing: decisions.missing,
    preservationWindow: actions.includes('confirm_preservation') || actions.includes('extend_preservation') ? decisions.preservationWindow : null,
    mayReadAccessLog: mayReadAccessLog(caller, r),
  };
}

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
    return toRequestDto(r, deadlines, caller, { missing, preservationWindow: this.window(r) });
  }

  /** The same without a read (inside a transaction's statement): the documents given, none by default. */
  presentWith(r: RequestRow, deadlines: DeadlineRow[], caller: Principal, attachments: RequestContent['attachments'] = []): RequestDto {
    return toRequestDto(r, deadlines, caller, { missing: this.missing(r, attachments), preservationWindow: this.window(r) });
  }

  private missing(r: RequestRow, attachments: RequestContent['attachments']): string[] {
    if (r.state !== 'DRAFT') return [];
    const content = { type: r.type, channel: r.channel, legalBasis: r.legalBasis, language: r.language, details: r.details, attachments };
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

export const etagOf = (version: number) => `"${version}"`;
