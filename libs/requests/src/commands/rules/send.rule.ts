import type { RequestRow } from '../../request.row';
import type { CommandPlan, RuleContext } from '../command.types';

/** What the requested side receives of a request: its content, frozen from submit on. */
export function contentAsSent(r: RequestRow): Record<string, unknown> {
  return {
    type: r.type,
    priority: r.priority,
    channel: r.channel,
    legalBasis: r.legalBasis,
    treatyName: r.treatyName,
    title: r.title,
    offence: r.offence,
    facts: r.facts,
    measures: r.measures,
    identifiers: r.identifiers,
    relatedRequestId: r.relatedRequestId,
    neededBy: r.neededBy,
    confidential: r.confidential,
  };
}

/**
 * send: records the authority that sent it; a follow-up of a preservation request meets
 * that request's PRESERVATION_EXPIRY in the same transaction (follow_up_sent).
 */
export function sendRule({ row, actor, input }: RuleContext): CommandPlan {
  return {
    changes: { sendingAuthorityId: actor?.authorityId ?? null },
    // The requested side's history starts here (DESIGN §2): with the content as sent.
    eventInput: { ...input, content: contentAsSent(row) },
    then: row.relatedRequestId
      ? { requestId: row.relatedRequestId, command: { name: 'follow_up_sent', input: { followUpRequestId: row.id, followUpReference: row.reference } } }
      : undefined,
  };
}

/** follow_up_sent: the event and both sides' notification name the follow-up. */
export function followUpSentRule({ input }: RuleContext): CommandPlan {
  return { notificationData: { followUpRequestId: input.followUpRequestId, followUpReference: input.followUpReference } };
}
