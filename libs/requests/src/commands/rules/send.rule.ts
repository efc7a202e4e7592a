import type { CommandPlan, RuleContext } from '../command.types';

/**
 * send: records the authority that sent it; a follow-up of a preservation request meets
 * that request's PRESERVATION_EXPIRY in the same transaction (follow_up_sent).
 */
export function sendRule({ row, actor }: RuleContext): CommandPlan {
  return {
    changes: { sendingAuthorityId: actor?.authorityId ?? null },
    then: row.relatedRequestId
      ? { requestId: row.relatedRequestId, command: { name: 'follow_up_sent', input: { followUpRequestId: row.id, followUpReference: row.reference } } }
      : undefined,
  };
}

/** follow_up_sent: the event and both sides' notification name the follow-up. */
export function followUpSentRule({ input }: RuleContext): CommandPlan {
  return { notificationData: { followUpRequestId: input.followUpRequestId, followUpReference: input.followUpReference } };
}
