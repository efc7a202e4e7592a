import type { DeadlineRow } from '@mla/deadlines';
import type { Principal } from '@mla/identity';
import { allowedActions, ballHolder, ballHolderRole } from './domain/request-state-machine';
import type { DeadlineDto, NextDeadlineDto, PreservationWindowDto, RequestDto, RequestSummaryDto } from './dto/request.dto';
import type { RequestRow } from './request.row';
import { mayReadAccessLog, sideOf } from './visibility';
import { mayChase, recordableActions } from './domain/counterpart-actions';
import { offlineSideOf } from './domain/counterpart-sides';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function authorities(r: RequestRow) {
  return {
    requestingAuthority: {
      id: r.requestingAuthorityId,
      code: r.requestingAuthorityCode,
      name: r.requestingAuthorityName,
      country: r.requestingCountry,
      timezone: r.requestingAuthorityTimezone,
      reach: r.requestingAuthorityReach,
    },
    requestedAuthority: {
      id: r.requestedAuthorityId,
      code: r.requestedAuthorityCode,
      name: r.requestedAuthorityName,
      country: r.requestedCountry,
      timezone: r.requestedAuthorityTimezone,
      reach: r.requestedAuthorityReach,
    },
  };
}

/** A listed row: the request row with its earliest open deadline (the list's query adds it). */
export type ListedRequestRow = RequestRow & { nextDeadline?: { kind: string; party: string; dueAt: string | Date; status: string; escalationLevel: number } | null };

/** The earliest open deadline among a request's deadlines. */
export function nextOpenDeadline(deadlines: readonly DeadlineRow[]): NextDeadlineDto | null {
  const open = deadlines.filter((d) => d.status === 'PENDING' || d.status === 'OVERDUE').sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
  return open ? { kind: open.kind, party: open.party, dueAt: open.dueAt.toISOString(), status: open.status, escalationLevel: open.escalationLevel } : null;
}

export function toSummary(r: ListedRequestRow): RequestSummaryDto {
  const next = r.nextDeadline;
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
    ballHolderRole: ballHolderRole(r.state),
    nextDeadline: next ? { kind: next.kind, party: next.party, dueAt: new Date(next.dueAt).toISOString(), status: next.status, escalationLevel: next.escalationLevel } : null,
    confidential: r.confidential,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    sentAt: iso(r.sentAt),
    chase: chaseOf(r),
  };
}

/** Where the chase of an OFFLINE counterpart stands (DESIGN §14); null for a request that has none (both sides on a hub). */
function chaseOf(r: RequestRow): RequestSummaryDto['chase'] {
  if (offlineSideOf(r) === null) return null;
  return { dueAt: iso(r.chaseDueAt), count: r.chaseCount, lastChasedAt: iso(r.lastChasedAt) };
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
  /** The language the letter is sent in (the requested country's own when letters are rendered in it, English otherwise). */
  letterLanguage: 'en' | 'vi';
}

/** The full representation for this caller: deadlines, the actions it may take now and what the screens decide by. */
export function toRequestDto(r: RequestRow, deadlines: DeadlineRow[], caller: Principal, decisions: RequestDecisions): RequestDto {
  const side = sideOf(caller, r);
  // While an act awaits the peer's decision, the requesting side proposes no other (DESIGN §15).
  const actions = r.pendingAct && side === 'REQUESTING' ? [] : allowedActions({ state: r.state, type: r.type, resumeState: r.resumeState }, { role: caller.role, side });
  return {
    ...toSummary(r),
    nextDeadline: nextOpenDeadline(deadlines),
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
    letterLanguage: decisions.letterLanguage,
    transmission: r.transmission,
    recordableActions: recordableActions(caller, r),
    mayChase: mayChase(caller, r),
    pendingAct: r.pendingAct && side === 'REQUESTING' ? { action: r.pendingAct.action, proposedAt: r.pendingAct.proposedAt, messageId: r.pendingAct.messageId } : null,
  };
}

export const etagOf = (version: number) => `"${version}"`;
