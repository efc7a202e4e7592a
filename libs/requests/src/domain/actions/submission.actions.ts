/** From draft to sent: submit, return, send, and the follow-up's effect on its preservation. */
import type { FieldError } from '@mla/core';
import { deadlineEffectsOf } from '@mla/domain';
import { contentAsSent } from '../request-fields';
import { missingForSubmit } from '../request-content';
import { BOTH_SIDES, command, REQUESTING_OFFICER, REQUESTING_PROSECUTOR, transition } from './action-definition';
import { incomplete } from './refusal';

export type SubmitInput = Record<string, never>;
export interface ReturnInput { reason: string }
export type SendInput = Record<string, never>;
export interface FollowUpSentInput { followUpRequestId: string; followUpReference: string }

declare module './action-definition' {
  interface CommandInputs {
    submit: SubmitInput;
    return: ReturnInput;
    send: SendInput;
    follow_up_sent: FollowUpSentInput;
  }
}

/**
 * submit: the request is complete (DESIGN §4) and meets its requested country's requirements
 * (languages, translation, channels, legal bases, extra fields: config/countries.yaml); every
 * missing item is named, a country's with the source of its rule.
 */
export const submit = transition<'submit', SubmitInput>(
  'submit',
  {
    from: ['DRAFT'], to: 'IN_REVIEW', ...REQUESTING_PROSECUTOR, types: { kind: 'all' },
    deadlines: deadlineEffectsOf({ start: ['REVIEW'] }),
    stamps: ['submittedAt'], notify: { type: 'request.submitted', audience: ['HOME_OFFICERS'] },
  },
  async ({ row, ports }) => {
    const missing: FieldError[] = missingForSubmit(row).map((field) => ({ field, message: 'is required before submit' }));
    const content = { type: row.type, priority: row.priority, channel: row.channel, legalBasis: row.legalBasis, language: row.language, details: row.details };
    let country = ports.countries.check(row.requestedCountry, { ...content, attachments: [] });
    // Its documents are read only when they matter: a language the country does not accept, unless translated.
    if (country.some((e) => e.field === 'attachments' || e.field === 'language')) {
      country = ports.countries.check(row.requestedCountry, { ...content, attachments: await ports.documents.forRequest(row.id) });
    }
    missing.push(...country.map(({ field, message, source }) => ({ field, message, source })));
    if (missing.length > 0) {
      throw incomplete(`The request cannot be submitted: ${missing.map((e) => e.field).join(', ')} missing or unfit`, missing);
    }
    return {};
  },
);

export const returnToDraft = transition<'return', ReturnInput>('return', {
  from: ['IN_REVIEW'], to: 'DRAFT', ...REQUESTING_OFFICER, types: { kind: 'all' },
  requiredInput: ['reason'],
  deadlines: deadlineEffectsOf({ meet: ['REVIEW'] }),
  stamps: [], notify: { type: 'request.returned', audience: ['REQUESTING'] },
});

/**
 * send: records the authority that sent it; the letter of request is rendered once, in the
 * requested country's language (or English), stored, and its SHA-256 written into the event
 * (issue 13); a follow-up of a preservation request meets that request's PRESERVATION_EXPIRY
 * in the same transaction (follow_up_sent).
 */
export const send = transition<'send', SendInput>(
  'send',
  {
    from: ['IN_REVIEW'], to: 'SENT', ...REQUESTING_OFFICER, types: { kind: 'all' },
    deadlines: deadlineEffectsOf({ meet: ['REVIEW'], start: ['ACKNOWLEDGEMENT', 'EXECUTION'] }),
    stamps: ['sentAt'], notify: { type: 'request.sent', audience: ['REQUESTED', 'REQUESTING'] },
  },
  async ({ row, actor, input, now, seq, ports }) => {
    const letter = await ports.letters.renderSent(row, now, { authorityId: actor?.authorityId ?? null, userId: actor?.userId ?? null });
    const recordedLetter = { language: letter.language, sha256: letter.sha256, sizeBytes: letter.sizeBytes };
    return {
      changes: { sendingAuthorityId: actor?.authorityId ?? null },
      // The requested side's history starts here (DESIGN §2): with the content and the letter as sent.
      eventInput: { ...input, content: contentAsSent(row), letter: recordedLetter },
      alongside: (p) => [ports.letters.insertStatement(row.id, { ...letter, eventSeq: seq }, now, p)],
      then: row.relatedRequestId
        ? { requestId: row.relatedRequestId, command: { name: 'follow_up_sent', input: { followUpRequestId: row.id, followUpReference: row.reference } } }
        : undefined,
    };
  },
);

/** A follow-up of a PRESERVED request was sent: its PRESERVATION_EXPIRY is met (Budapest art. 29(7)); the event and both sides' notification name it. */
export const followUpSent = command<'follow_up_sent', FollowUpSentInput>(
  'follow_up_sent',
  {
    from: ['PRESERVED'], role: 'SYSTEM', side: null, recorded: true, skipUnlessFrom: true,
    requiredInput: ['followUpRequestId', 'followUpReference'],
    deadlines: deadlineEffectsOf({ meet: ['PRESERVATION_EXPIRY'] }),
    notify: { type: 'request.follow_up_sent', audience: BOTH_SIDES },
  },
  ({ input }) => ({ notificationData: { followUpRequestId: input.followUpRequestId, followUpReference: input.followUpReference } }),
);
