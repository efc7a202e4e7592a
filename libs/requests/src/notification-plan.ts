import type { Side } from '@mla/domain';
import type { OutboxMessage } from '@mla/outbox';
import type { Audience } from './domain/request-commands';
import type { RequestRow } from './request.row';

/** One recipient of a notification: an authority's inbox (and webhook), optionally one of its users. */
export interface Recipient {
  authorityId: string;
  userId?: string | null;
  /** The recipient's side of the request: its text is written for that side (`request.sent` reads "received" abroad, "sent" at home). */
  side?: Side;
}

/**
 * The authorities an audience names for a request (DESIGN §7: each action tells the other
 * side). The requested authority is told nothing before the request is sent to it. An
 * OFFLINE authority has no inbox nor webhook here (DESIGN §14): the letter and the chasers
 * are how it hears, so it is never a recipient.
 */
export function audienceOf(r: RequestRow, audience: readonly Audience[], homeOfficerAuthorityIds: readonly string[]): Recipient[] {
  const ids = new Map<string, Side>();
  const add = (side: Side, ...authorityIds: string[]) => authorityIds.forEach((id) => ids.has(id) || ids.set(id, side));
  for (const a of audience) {
    switch (a) {
      case 'REQUESTING':
        if (r.requestingAuthorityReach !== 'OFFLINE') add('REQUESTING', r.requestingAuthorityId);
        break;
      case 'SENDING':
        if (r.sendingAuthorityId && !(r.requestingAuthorityReach === 'OFFLINE' && r.sendingAuthorityId === r.requestingAuthorityId)) add('REQUESTING', r.sendingAuthorityId);
        break;
      case 'REQUESTED':
        if (r.sentAt && r.requestedAuthorityReach !== 'OFFLINE') add('REQUESTED', r.requestedAuthorityId);
        break;
      case 'HOME_OFFICERS':
        add('REQUESTING', ...homeOfficerAuthorityIds);
        break;
      case 'HOME_OFFICERS_UNTIL_SENT':
        if (!r.sentAt) add('REQUESTING', ...homeOfficerAuthorityIds);
        break;
    }
  }
  return [...ids].map(([authorityId, side]) => ({ authorityId, side }));
}

export interface NotificationMessage {
  type: string;
  /** What the payload says of the request: its id, reference, state (never its content). */
  request: { id: string; reference: string; state: string } & Record<string, unknown>;
  eventSeq: number | null;
  at: Date;
  data: Record<string, unknown>;
  recipients: Recipient[];
}

/** The outbox rows of one notification, one per recipient, with the same payload but for the recipient's side (its text depends on it). */
export function notificationMessages(n: NotificationMessage): OutboxMessage[] {
  const payload = { type: n.type, occurredAt: n.at.toISOString(), request: n.request, data: n.data };
  return n.recipients.map((r) => ({
    type: n.type,
    requestId: n.request.id,
    eventSeq: n.eventSeq,
    recipientAuthorityId: r.authorityId,
    recipientUserId: r.userId ?? null,
    payload: r.side ? { ...payload, recipientSide: r.side } : payload,
  }));
}

/**
 * What a notification's payload says of its request: never its content (the receiver reads
 * that through the API, by visibility); of a confidential request only its reference and
 * state (DESIGN §2).
 */
export function requestRef(r: RequestRow): NotificationMessage['request'] {
  if (r.confidential) return { id: r.id, reference: r.reference, state: r.state };
  return { id: r.id, reference: r.reference, state: r.state, type: r.type, priority: r.priority };
}

/** The data of a confidential request's notification: what happened to it and to its deadlines, nothing of its content or people. */
const CONFIDENTIAL_DATA = new Set(['action', 'fromState', 'toState', 'deadlineId', 'kind', 'party', 'dueAt', 'escalationLevel', 'oldDueAt', 'newDueAt', 'calendarCountry', 'deliveryNo', 'itemCount', 'final']);

export function notificationData(r: RequestRow, data: Record<string, unknown>): Record<string, unknown> {
  if (!r.confidential) return data;
  return Object.fromEntries(Object.entries(data).filter(([k]) => CONFIDENTIAL_DATA.has(k)));
}
