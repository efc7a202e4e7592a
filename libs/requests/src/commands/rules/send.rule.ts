import type { LetterRenderer } from '../../letters/letter-renderer';
import type { LettersRepository } from '../../letters/letters.repository';
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
    language: r.language,
    details: r.details,
  };
}

/**
 * send: records the authority that sent it; the letter of request is rendered once, in the
 * requested country's language (or English), stored, and its SHA-256 written into the event
 * (issue 13); a follow-up of a preservation request meets that request's PRESERVATION_EXPIRY
 * in the same transaction (follow_up_sent).
 */
export const sendRule =
  (renderer: LetterRenderer, letters: LettersRepository) =>
  async ({ m, row, actor, input, now }: RuleContext): Promise<CommandPlan> => {
    const letter = await renderer.render(row, renderer.sentLanguage(row), now, { authorityId: actor?.authorityId ?? null, userId: actor?.userId ?? null }, m);
    const recordedLetter = { language: letter.language, sha256: letter.sha256, sizeBytes: letter.sizeBytes };
    return {
      changes: { sendingAuthorityId: actor?.authorityId ?? null },
      // The requested side's history starts here (DESIGN §2): with the content and the letter as sent.
      eventInput: { ...input, content: contentAsSent(row), letter: recordedLetter },
      alongside: (p) => [letters.insertStatement(row.id, { ...recordedLetter, pdf: letter.pdf, eventSeq: row.eventSeq + 1 }, now, p)],
      then: row.relatedRequestId
        ? { requestId: row.relatedRequestId, command: { name: 'follow_up_sent', input: { followUpRequestId: row.id, followUpReference: row.reference } } }
        : undefined,
    };
  };

/** follow_up_sent: the event and both sides' notification name the follow-up. */
export function followUpSentRule({ input }: RuleContext): CommandPlan {
  return { notificationData: { followUpRequestId: input.followUpRequestId, followUpReference: input.followUpReference } };
}
