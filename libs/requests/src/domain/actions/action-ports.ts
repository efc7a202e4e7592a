/**
 * What a business rule may read or write besides the locked request: each port bound by the
 * pipeline to the command's transaction (the repositories implement them; see
 * `request-action-ports.ts`). Rules never import a sibling folder's service or repository.
 */
import type { SqlParams } from '@mla/core';
import type { OfferedFile, SharedEvent } from '@mla/federation';
import type { MissingRequirement, RequestContent } from '@mla/countries';
import type { SupportingDocumentKind } from '@mla/domain';
import type { CustodyEntry } from '../request-content';
import type { AuthorityRow, UserRow } from '@mla/identity';
import type { RequestRow } from '../request-row';

/** A supporting document of a request, as stored. */
export interface SupportingDocument {
  id: string;
  requestId: string;
  kind: SupportingDocumentKind;
  language: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  contentRef: string;
  uploadedBy: string;
  eventSeq: number;
  createdAt: Date;
}

/** One evidence item of a delivery, as written. */
export interface DeliveredItem {
  description: string;
  kind: string;
  sha256: string | null;
  sizeBytes: number | null;
  supersedesId: string | null;
  custody: CustodyEntry[];
  transfer: 'UPLOAD' | 'OUT_OF_BAND';
  medium: string | null;
  fileName: string | null;
  mediaType: string | null;
}

/** An item to be uploaded whose file is not stored (and that no later item supersedes). */
export interface MissingFile {
  id: string;
  deliveryNo: number;
  itemNo: number;
  description: string;
}

/** The letter of request as rendered. */
export interface RenderedLetterFacts {
  language: string;
  pdf: Buffer;
  sha256: string;
  sizeBytes: number;
}

/** A signed copy of the letter (LETTER_SIGNED: the printed letter signed and stamped, scanned; or the PDF signed with a token), bound to the letter it signs. */
export interface SignedLetterCopy {
  id: string;
  sha256: string;
  fileName: string;
  letterSha256: string;
}

/** What `send` reads before the lock, in one round trip. */
export interface LetterToSend {
  /** The request as last committed (no lock). */
  row: RequestRow;
  /** What its letter is made of besides the row (its people, documents, number given), handed back to `renderSent`. */
  facts: object;
  /** The signed copies uploaded for its letters, the latest first. */
  signedCopies: SignedLetterCopy[];
  /** The sending authority, as its seal names it; null when the sender has none. */
  sendingAuthority: { id: string; name: string; country: string } | null;
}

export interface NewSignedLetterCopy extends SignedLetterCopy {
  requestId: string;
  language: string;
  mediaType: string;
  sizeBytes: number;
  contentRef: string;
  uploadedBy: string;
  eventSeq: number;
}

/** A message to the peer node of a PEER authority (DESIGN §15), as `send` writes it. */
export interface PeerMessage {
  /** Its id, when the command records it (a proposed act's message); default: a new one. */
  id?: string;
  peerId: string;
  peerNode: string;
  type: string;
  requestId: string;
  fromAuthority: { code: string; country: string };
  toAuthority: { code: string; country: string };
  event: Record<string, unknown>;
  content?: Record<string, unknown>;
  files?: { sha256: string; sizeBytes: number; fileName?: string; mediaType?: string }[];
}

export interface ActionPorts {
  authorities: { findByIds(ids: string[]): Promise<AuthorityRow[]> };
  users: {
    findById(id: string): Promise<UserRow | null>;
    supervisorsOf(countries: string[]): Promise<{ id: string; authorityId: string }[]>;
  };
  requests: {
    findRow(id: string): Promise<RequestRow | null>;
    /** Whether some request (not deleted) names `preservationId` as the preservation it continues. */
    findFollowUp(followUpId: string, preservationId: string): Promise<{ id: string; state: string } | null>;
  };
  countries: { check(requestedCountry: string, content: RequestContent): MissingRequirement[] };
  documents: {
    forRequest(requestId: string): Promise<SupportingDocument[]>;
    find(requestId: string, id: string): Promise<SupportingDocument | null>;
    findBySha256(requestId: string, sha256: string): Promise<SupportingDocument | null>;
    insertStatement(document: Omit<SupportingDocument, 'createdAt'>, at: Date, p: SqlParams): string;
    deleteStatement(id: string, p: SqlParams): string;
  };
  evidence: {
    existingIds(requestId: string, ids: string[]): Promise<Set<string>>;
    /** The request's items to be uploaded that have no verified file yet (a final delivery waits for them). */
    missingFiles(requestId: string): Promise<MissingFile[]>;
    insertDeliveryStatement(requestId: string, deliveryNo: number, items: DeliveredItem[], deliveredBy: string | null, at: Date, p: SqlParams): string;
  };
  letters: {
    /** The request as last committed, with what its letter is made of, its signed copies and the sending authority (`LetterToSend`); null when there is none. */
    toSend(requestId: string, sender: { authorityId: string | null; userId: string | null }): Promise<LetterToSend | null>;
    /** The letter as sent: in the requested country's language (or English), by the authority and user that send it (in the render pool); `facts`: as `toSend` read them. */
    renderSent(row: RequestRow, at: Date, sender: { authorityId: string | null; userId: string | null }, facts?: object): Promise<RenderedLetterFacts>;
    /** The letter sealed with the authority's certificate at `at` (in the render pool); null when the authority has none. */
    seal(letter: RenderedLetterFacts, authority: { id: string; name: string; country: string }, at: Date): Promise<(RenderedLetterFacts & { subject: string }) | null>;
    /** Whether the authority has a sealing certificate: its subject, or null. */
    sealSubject(authorityId: string | null): Promise<string | null>;
    insertStatement(requestId: string, letter: RenderedLetterFacts & { eventSeq: number }, at: Date, p: SqlParams): string;
    insertSignedCopyStatement(copy: NewSignedLetterCopy, at: Date, p: SqlParams): string;
  };
  federation: {
    /** This node's name (its NODE_ID). */
    readonly node: string;
    /** The peer node that serves a country (its PEER authorities' node), or null. */
    peerServing(country: string): Promise<{ id: string; nodeId: string } | null>;
    /** The message as an INSERT into the federation outbox, written with the command's statement; its id. */
    messageStatement(message: PeerMessage, at: Date, p: SqlParams): { id: string; sql: string };
    /** The request's last shared event (its seq and hash), read in the command's transaction. */
    lastShared(requestId: string): Promise<{ seq: number; hash: string } | null>;
    /** A shared event signed with this node's key (a compact JWS). */
    signShared(event: SharedEvent): Promise<string>;
    /** The INSERT of a shared event kept verbatim, shown by the history event `eventSeq`. */
    sharedStatement(e: { requestId: string; seq: number; node: string; jws: string; eventSeq: number }, at: Date, p: SqlParams): string;
    /** The INSERT of the OUT rows of the files listed to the peer; null when none. */
    offeredFilesStatement(peerId: string, requestId: string, files: readonly OfferedFile[], at: Date, p: SqlParams): string | null;
  };
}
