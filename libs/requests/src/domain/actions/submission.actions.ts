/** From draft to sent: submit, return, send, and the follow-up's effect on its preservation. */
import type { FieldError } from '@mla/core';
import { deadlineEffectsOf, type Transmission } from '@mla/domain';
import { checkDispatchedAt } from '../recording-dates';
import { contentAsSent } from '../request-fields';
import { missingForSubmit } from '../request-content';
import { AppException } from '@mla/core';
import { letterContentRef } from '@mla/federation';
import type { ActionPorts, LetterToSend, NewSignedLetterCopy, RenderedLetterFacts } from './action-ports';
import { BOTH_SIDES, command, REQUESTING_OFFICER, REQUESTING_PROSECUTOR, transition, type CommandPlan, type PrepareContext } from './action-definition';
import type { RequestRow } from '../request-row';
import { conflict, incomplete, ruleViolated } from './refusal';

export type SubmitInput = Record<string, never>;
export interface ReturnInput { reason: string }
/**
 * How the letter that leaves the country is signed (DESIGN §4): SEAL, with the sending
 * authority's certificate; UPLOADED, by the signed copy uploaded for this very letter (its
 * SHA-256). Left out: sealed when the authority has a certificate, else the uploaded copy.
 */
export const SIGNED_LETTER_METHODS = ['SEAL', 'UPLOADED'] as const;
export type SignedLetterMethod = (typeof SIGNED_LETTER_METHODS)[number];
export interface SendInput {
  signedLetter?: SignedLetterMethod;
  /** To an OFFLINE authority (DESIGN §14): how the letter was dispatched; refused for one that works on MLA Hub. */
  transmission?: Transmission;
}
export type AttachSignedLetterInput = Omit<NewSignedLetterCopy, 'id' | 'requestId' | 'uploadedBy' | 'eventSeq'> & { attachmentId: string };

/** What the send event records of the signature: the signer's certificate subject, or the signed copy's SHA-256. */
export type SignedLetterRecord =
  | { method: 'SEAL'; subject: string }
  | { method: 'UPLOADED'; sha256: string; attachmentId: string; fileName: string; letterSha256: string };

/** The letter of a send, rendered and signed before the lock, from the request at `version`. */
interface PreparedSend {
  version: number;
  letter: RenderedLetterFacts;
  signedLetter: SignedLetterRecord;
}
export interface FollowUpSentInput { followUpRequestId: string; followUpReference: string }

declare module './action-definition' {
  interface CommandInputs {
    submit: SubmitInput;
    return: ReturnInput;
    send: SendInput;
    attach_signed_letter: AttachSignedLetterInput;
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

/** No seal and no signed copy: 422 naming signedLetter, with the SHA-256 the signed copy must be bound to. */
function unsigned(message: string, letterSha256: string): AppException {
  return new AppException('RULE_VIOLATED', `The letter is not signed: ${message}`, [{ field: 'signedLetter', message }], { letterSha256 });
}

/**
 * send, before the lock: the request read with what its letter is made of, its signed copies
 * and the sending authority (one round trip) and checked; the letter in the requested
 * country's language rendered (in the render pool) and signed, sealed with the sending
 * authority's certificate or bound to the signed copy uploaded for this very letter (its
 * SHA-256).
 */
async function prepareSend({ requestId, check, actor, input, now, ports }: PrepareContext<SendInput>): Promise<PreparedSend> {
  const sender = { authorityId: actor?.authorityId ?? null, userId: actor?.userId ?? null };
  const read = await ports.letters.toSend(requestId, sender);
  const row = check(read?.row ?? null);
  const { facts, signedCopies, sendingAuthority } = read as LetterToSend;
  transmissionOf(row, input, now); // refused before anything is rendered
  const letter = await ports.letters.renderSent(row, now, sender, facts);
  if (input.signedLetter !== 'UPLOADED') {
    const sealed = sendingAuthority ? await ports.letters.seal(letter, sendingAuthority, now) : null;
    if (sealed) {
      const { subject, ...bytes } = sealed;
      return { version: row.version, letter: bytes, signedLetter: { method: 'SEAL', subject } };
    }
    if (input.signedLetter === 'SEAL') throw unsigned('your authority has no sealing certificate (an administrator sets one); upload the signed copy instead', letter.sha256);
  }
  // The latest signed copy uploaded for the letter as rendered.
  const copy = signedCopies.find((c) => c.letterSha256 === letter.sha256);
  if (!copy) {
    throw unsigned(`no signed copy was uploaded for the letter as it is sent today (SHA-256 ${letter.sha256}); download it, sign it and upload the signed copy`, letter.sha256);
  }
  return { version: row.version, letter, signedLetter: { method: 'UPLOADED', sha256: copy.sha256, attachmentId: copy.id, fileName: copy.fileName, letterSha256: letter.sha256 } };
}

/**
 * send: records the authority that sent it; the letter of request, rendered and signed
 * before the lock (`prepareSend`), is stored, and its SHA-256 and how it was signed written
 * into the event (issue 13, DESIGN §4); a follow-up of a preservation request meets that
 * request's PRESERVATION_EXPIRY in the same transaction (follow_up_sent).
 */
export const send = transition<'send', SendInput>(
  'send',
  {
    from: ['IN_REVIEW'], to: 'SENT', ...REQUESTING_OFFICER, types: { kind: 'all' },
    optionalInput: ['signedLetter', 'transmission'],
    deadlines: deadlineEffectsOf({ meet: ['REVIEW'], start: ['ACKNOWLEDGEMENT', 'EXECUTION'] }),
    stamps: ['sentAt'], notify: { type: 'request.sent', audience: ['REQUESTED', 'REQUESTING'] },
  },
  async ({ row, actor, input, now, seq, ports, prepared }) => {
    if (!prepared) throw new Error('send runs with its letter prepared before the lock (RequestCommands.run)');
    const { version, letter, signedLetter } = prepared as PreparedSend;
    // The content is frozen from submit, but the request may have moved since the letter was made (another send, a return).
    if (version !== row.version) throw conflict(`The request changed (version ${version} to ${row.version}) while its letter was made; send it again`, { currentVersion: row.version });
    const transmission = transmissionOf(row, input, now);
    const recordedLetter = { language: letter.language, sha256: letter.sha256, sizeBytes: letter.sizeBytes };
    return {
      changes: { sendingAuthorityId: actor?.authorityId ?? null, ...(transmission ? { transmission } : {}) },
      // The requested side's history starts here (DESIGN §2): with the content and the letter as sent.
      eventInput: { ...input, content: contentAsSent(row), letter: recordedLetter, signedLetter },
      alongside: (p) => [ports.letters.insertStatement(row.id, { ...letter, eventSeq: seq }, now, p)],
      shared: row.requestedAuthorityReach === 'PEER' ? await sentToPeer(row, ports, recordedLetter) : undefined,
      then: row.relatedRequestId
        ? { requestId: row.relatedRequestId, command: { name: 'follow_up_sent', input: { followUpRequestId: row.id, followUpReference: row.reference } } }
        : undefined,
    };
  },
  prepareSend,
);

/**
 * attach_signed_letter: the sending officer uploads the signed copy of the letter (the
 * printed letter signed and stamped, scanned; or the PDF signed with their own token), bound
 * to the letter it signs by that letter's SHA-256; `send` then finds it. Not listed in the
 * letter itself; seen by the requested side from send on, as every document.
 */
export const attachSignedLetter = command<'attach_signed_letter', AttachSignedLetterInput>(
  'attach_signed_letter',
  {
    from: ['IN_REVIEW'], ...REQUESTING_OFFICER, recorded: true, notify: null,
    requiredInput: ['attachmentId', 'language', 'fileName', 'mediaType', 'sizeBytes', 'sha256', 'contentRef', 'letterSha256'],
  },
  async ({ row, input, actor, now, seq, ports }) => {
    const same = await ports.documents.findBySha256(row.id, input.sha256);
    if (same) throw conflict(`This file is already attached to the request as "${same.fileName}"`, { attachmentId: same.id });
    const { attachmentId, contentRef, ...recorded } = input;
    const copy: NewSignedLetterCopy = { ...recorded, contentRef, id: attachmentId, requestId: row.id, uploadedBy: actor?.userId as string, eventSeq: seq };
    return {
      eventInput: { attachmentId, kind: 'LETTER_SIGNED', ...recorded },
      alongside: (p) => [ports.letters.insertSignedCopyStatement(copy, now, p)],
    };
  },
);

/**
 * The transmission of a request to an OFFLINE authority (DESIGN §14): required (422 naming
 * it), its dispatch not in the future; refused for an authority that works on MLA Hub (the
 * hub itself carries the request there).
 */
function transmissionOf(row: RequestRow, input: SendInput, now: Date): Transmission | null {
  const given = input.transmission;
  if (row.requestedAuthorityReach !== 'OFFLINE') {
    if (given === undefined) return null;
    throw ruleViolated(`${row.requestedAuthorityCode} works on MLA Hub: the hub carries the request, no transmission is recorded`, [
      { field: 'transmission', message: `is only for an OFFLINE authority (${row.requestedAuthorityCode} is ${row.requestedAuthorityReach})` },
    ]);
  }
  if (given === undefined) {
    throw incomplete(`${row.requestedAuthorityCode} works on no MLA Hub: say how the letter was dispatched`, [
      { field: 'transmission', message: 'is required to send to an OFFLINE authority (channel, dispatchedAt, dispatchReference)' },
    ]);
  }
  checkDispatchedAt('transmission.dispatchedAt', given.dispatchedAt, now);
  return { channel: given.channel, dispatchedAt: new Date(given.dispatchedAt).toISOString(), dispatchReference: given.dispatchReference };
}

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

/**
 * What a send to a PEER authority carries to its node (DESIGN §15): the content as sent, the
 * signed letter and every supporting document, listed by their hash (the peer fetches them).
 */
async function sentToPeer(row: RequestRow, ports: ActionPorts, letter: { sha256: string; sizeBytes: number }): Promise<NonNullable<CommandPlan['shared']>> {
  const documents = await ports.documents.forRequest(row.id);
  return {
    content: contentAsSent(row) as unknown as Record<string, unknown>,
    files: [
      { sha256: letter.sha256, sizeBytes: letter.sizeBytes, mediaType: 'application/pdf', fileName: `${row.reference}.pdf`, contentRef: letterContentRef(letter.sha256) },
      ...documents.map((d) => ({ sha256: d.sha256, sizeBytes: d.sizeBytes, mediaType: d.mediaType, fileName: d.fileName, contentRef: d.contentRef })),
    ],
  };
}
