import type { OutboxMessage } from '@mla/outbox';
import type { RequestAction, RequestState } from '@mla/domain';
import type { RequestRow } from './request.row';

/** The event type a receiver sees for each action, e.g. `request.sent`. */
export const NOTIFICATION_TYPES: Record<RequestAction | 'follow_up_sent', string> = {
  submit: 'request.submitted',
  return: 'request.returned',
  send: 'request.sent',
  acknowledge: 'request.acknowledged',
  confirm_preservation: 'request.preservation_confirmed',
  extend_preservation: 'request.preservation_extended',
  start_execution: 'request.execution_started',
  report_delay: 'request.delay_reported',
  request_info: 'request.info_requested',
  provide_info: 'request.info_provided',
  deliver_evidence: 'request.evidence_delivered',
  close: 'request.closed',
  refuse: 'request.refused',
  withdraw: 'request.withdrawn',
  expire: 'request.expired',
  follow_up_sent: 'request.follow_up_sent',
};

export interface NotificationContext {
  request: RequestRow;
  action: RequestAction | 'follow_up_sent';
  fromState: RequestState;
  toState: RequestState;
  eventSeq: number;
  occurredAt: Date;
  /** Authorities of the requesting country that act as its officers (central authority, 24/7 point). */
  homeOfficerAuthorityIds: string[];
  data?: Record<string, unknown>;
}

/**
 * Who is told of an action (DESIGN §7: each action tells the other side). Before the
 * request leaves its country, the other side is the home officers or the prosecutor; once
 * sent, the requested authority, or the prosecutor and the authority that sent it.
 */
export function recipientsOf(ctx: NotificationContext): string[] {
  const r = ctx.request;
  const requestingSide = [r.requestingAuthorityId, ...(r.sendingAuthorityId ? [r.sendingAuthorityId] : [])];
  let ids: string[];
  switch (ctx.action) {
    case 'submit':
      ids = ctx.homeOfficerAuthorityIds;
      break;
    case 'return':
      ids = [r.requestingAuthorityId];
      break;
    case 'send':
      ids = [r.requestedAuthorityId, r.requestingAuthorityId];
      break;
    case 'withdraw':
      ids = r.sentAt ? [r.requestedAuthorityId, ...(r.sendingAuthorityId ? [r.sendingAuthorityId] : [])] : ctx.homeOfficerAuthorityIds;
      break;
    case 'provide_info':
    case 'close':
      ids = [r.requestedAuthorityId, ...(r.sendingAuthorityId ? [r.sendingAuthorityId] : [])];
      break;
    case 'expire':
    case 'follow_up_sent':
      ids = [...requestingSide, r.requestedAuthorityId];
      break;
    default:
      ids = requestingSide;
  }
  return [...new Set(ids)];
}

export interface NotificationMessage {
  type: string;
  /** What the payload says of the request: its id, reference, state (never its content). */
  request: { id: string; reference: string; state: string } & Record<string, unknown>;
  eventSeq: number | null;
  at: Date;
  data: Record<string, unknown>;
  recipients: { authorityId: string; userId?: string | null }[];
}

/** The outbox rows of one notification, one per recipient, all with the same payload. */
export function notificationMessages(n: NotificationMessage): OutboxMessage[] {
  const payload = { type: n.type, occurredAt: n.at.toISOString(), request: n.request, data: n.data };
  return n.recipients.map((r) => ({
    type: n.type,
    requestId: n.request.id,
    eventSeq: n.eventSeq,
    recipientAuthorityId: r.authorityId,
    recipientUserId: r.userId ?? null,
    payload,
  }));
}

/**
 * The outbox rows of an action. The payload names the request and what happened; it never
 * carries the request's content (the receiver reads that through the API, by visibility).
 */
export function notificationsOf(ctx: NotificationContext): OutboxMessage[] {
  const r = ctx.request;
  return notificationMessages({
    type: NOTIFICATION_TYPES[ctx.action],
    request: { id: r.id, reference: r.reference, state: ctx.toState, type: r.type, priority: r.priority },
    eventSeq: ctx.eventSeq,
    at: ctx.occurredAt,
    data: { action: ctx.action, fromState: ctx.fromState, toState: ctx.toState, ...(ctx.data ?? {}) },
    recipients: recipientsOf(ctx).map((authorityId) => ({ authorityId })),
  });
}
