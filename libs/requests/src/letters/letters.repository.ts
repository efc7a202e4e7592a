import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SqlParams } from '@mla/core';
import type { RequestRow } from '../request.row';
import { RequestsRepository } from '../requests.repository';

/** A letter as sent: its bytes, rendered once at `send` and never changed (the database refuses it). */
export interface FrozenLetter {
  language: string;
  sha256: string;
  sizeBytes: number;
  pdf: Buffer;
  eventSeq: number;
  createdAt: Date;
}

/** A signed copy of a letter (LETTER_SIGNED), bound to the letter it signs by that letter's SHA-256. */
export interface SignedCopy {
  id: string;
  sha256: string;
  fileName: string;
  letterSha256: string;
}

export interface NewSignedCopy {
  id: string;
  requestId: string;
  language: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  contentRef: string;
  uploadedBy: string;
  eventSeq: number;
  letterSha256: string;
}

/** An authority as a letter names it: its registered name and its names per language. */
export interface LetterAuthorityNames {
  name: string;
  names: Record<string, string>;
}

/** What a letter needs besides the request row, read in one round trip. */
export interface LetterPeopleRow {
  documents: { kind: string; language: string; fileName: string; sha256: string }[];
  drafter: { displayName: string; email: string } | null;
  sender: { displayName: string; email: string } | null;
  /** The authority that sends it (null before send). */
  sendingAuthority: LetterAuthorityNames | null;
  requesting: LetterAuthorityNames;
  requested: LetterAuthorityNames;
  /** The authority above the requesting one in the letter's heading: the sending authority, else its country's central authority; null when it is the requesting one. */
  superior: LetterAuthorityNames | null;
  /** The requesting authority's letterhead (symbol, places per language), if set. */
  letterhead: { symbol: string | null; places: Record<string, string> } | null;
  /** The number the request's letter was given at `send` (its register), if any. */
  number: { number: number; symbol: string } | null;
}

/** Whose letter it is: the request's authorities and people. */
export interface LetterFactsQuery {
  requestId: string;
  requestingAuthorityId: string;
  requestedAuthorityId: string;
  requestingCountry: string;
  drafterId: string | null;
  senderId: string | null;
  sendingAuthorityId: string | null;
}

/** What `send` reads before the lock (see `LettersRepository.toSend`). */
export interface LetterToSend {
  row: RequestRow;
  facts: LetterPeopleRow;
  /** The signed copies (LETTER_SIGNED) of the request's letters, the latest first. */
  signedCopies: SignedCopy[];
  /** The authority that sends it, as its seal names it; null when the sender has none. */
  sendingAuthority: { id: string; name: string; country: string } | null;
}

/**
 * The select list of a letter's facts (`LetterPeopleRow`), each an SQL expression: given as
 * parameters (`facts`), or as columns of the request row `r` read with them (`toSend`).
 */
function letterFactsColumns(q: Record<keyof LetterFactsQuery, string>): string {
  const person = (id: string) => `(SELECT json_build_object('displayName', u.display_name, 'email', u.email) FROM users u WHERE u.id = ${id})`;
  const authority = (where: string) => `(SELECT json_build_object('name', a.name, 'names', a.names) FROM authorities a WHERE ${where})`;
  const superior = `coalesce(
      (SELECT a.id FROM authorities a WHERE a.id = ${q.sendingAuthorityId} AND a.id <> ${q.requestingAuthorityId}),
      (SELECT a.id FROM authorities a WHERE a.country = ${q.requestingCountry} AND a.kind = 'CENTRAL_AUTHORITY' AND a.id <> ${q.requestingAuthorityId} ORDER BY a.code LIMIT 1))`;
  return `(SELECT coalesce(json_agg(json_build_object('kind', a.kind, 'language', a.language, 'fileName', a.file_name, 'sha256', a.sha256) ORDER BY a.event_seq), '[]')
          FROM request_attachments a WHERE a.request_id = ${q.requestId} AND a.signs_letter_sha256 IS NULL) AS documents,
         ${person(q.drafterId)} AS drafter,
         ${person(q.senderId)} AS sender,
         ${authority(`a.id = ${q.sendingAuthorityId}`)} AS "sendingAuthority",
         ${authority(`a.id = ${q.requestingAuthorityId}`)} AS requesting,
         ${authority(`a.id = ${q.requestedAuthorityId}`)} AS requested,
         ${authority(`a.id = ${superior}`)} AS superior,
         (SELECT json_build_object('symbol', h.symbol, 'places', h.places) FROM authority_letterheads h WHERE h.authority_id = ${q.requestingAuthorityId}) AS letterhead,
         (SELECT json_build_object('number', n.number, 'symbol', n.symbol) FROM letter_numbers n WHERE n.request_id = ${q.requestId}) AS number`;
}

@Injectable()
export class LettersRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: RequestsRepository,
  ) {}

  async find(requestId: string, language: string): Promise<FrozenLetter | null> {
    const rows = (await this.dataSource.query(
      `SELECT language, sha256, size_bytes AS "sizeBytes", pdf, event_seq AS "eventSeq", created_at AS "createdAt"
       FROM request_letters WHERE request_id = $1 AND language = $2`,
      [requestId, language],
    )) as FrozenLetter[];
    return rows[0] ?? null;
  }

  /**
   * The SHA-256 of the letter a peer node sent with the request (DESIGN §15), as its first
   * event (`receive` of a peer's message) records it, when it was sent in `language`; null for
   * a request not received from a peer node, or sent in another language.
   */
  async sentByPeer(requestId: string, language: string): Promise<string | null> {
    const rows = (await this.dataSource.query(
      `SELECT input->'letter'->>'sha256' AS sha256 FROM request_events
       WHERE request_id = $1 AND seq = 1 AND action = 'receive' AND input->'message' IS NOT NULL AND input->'letter'->>'language' = $2`,
      [requestId, language],
    )) as { sha256: string | null }[];
    return rows[0]?.sha256 ?? null;
  }

  /** The request's documents (in order), its drafter, the sending officer, its authorities' names, the letterhead and the number given: one round trip. */
  async facts(q: LetterFactsQuery, m?: EntityManager): Promise<LetterPeopleRow> {
    const [row] = (await (m ?? this.dataSource).query(
      `SELECT ${letterFactsColumns({ requestId: '$1::uuid', drafterId: '$2::uuid', senderId: '$3::uuid', sendingAuthorityId: '$4::uuid', requestingAuthorityId: '$5::uuid', requestedAuthorityId: '$6::uuid', requestingCountry: '$7' })}`,
      [q.requestId, q.drafterId, q.senderId, q.sendingAuthorityId, q.requestingAuthorityId, q.requestedAuthorityId, q.requestingCountry],
    )) as LetterPeopleRow[];
    return row as LetterPeopleRow;
  }

  /**
   * What `send` reads before the lock, in one round trip: the request as last committed (no
   * lock), what its letter is made of (`facts`, the sender's), the signed copies uploaded for
   * its letters (the latest first), and the sending authority (for its seal).
   */
  async toSend(requestId: string, sender: { authorityId: string | null; userId: string | null }): Promise<LetterToSend | null> {
    const columns = [
      `(SELECT row_to_json(f) FROM (SELECT ${letterFactsColumns({
        requestId: 'r.id', drafterId: 'r.created_by', senderId: '$2::uuid', sendingAuthorityId: '$3::uuid',
        requestingAuthorityId: 'r.requesting_authority_id', requestedAuthorityId: 'r.requested_authority_id', requestingCountry: 'r.requesting_country',
      })}) f) AS "letterFacts"`,
      `(SELECT coalesce(json_agg(json_build_object('id', a.id, 'sha256', a.sha256, 'fileName', a.file_name, 'letterSha256', a.signs_letter_sha256) ORDER BY a.event_seq DESC), '[]')
        FROM request_attachments a WHERE a.request_id = r.id AND a.signs_letter_sha256 IS NOT NULL) AS "signedCopies"`,
      `(SELECT json_build_object('id', a.id, 'name', a.name, 'country', a.country) FROM authorities a WHERE a.id = $3::uuid) AS "sendingAuthority"`,
    ];
    const found = (await this.requests.findRowWith(null, requestId, columns, [sender.userId, sender.authorityId])) as
      | (RequestRow & { letterFacts: LetterPeopleRow; signedCopies: SignedCopy[]; sendingAuthority: LetterToSend['sendingAuthority'] })
      | null;
    if (!found) return null;
    const { letterFacts, signedCopies, sendingAuthority, ...row } = found;
    return { row, facts: letterFacts, signedCopies, sendingAuthority };
  }

  /** `INSERT INTO request_attachments …` of a signed copy, bound to the letter it signs. */
  insertSignedCopyStatement(copy: NewSignedCopy, at: Date, p: SqlParams): string {
    const values = [copy.id, copy.requestId, 'LETTER_SIGNED', copy.language, copy.fileName, copy.mediaType, copy.sizeBytes, copy.sha256, copy.contentRef, copy.uploadedBy, copy.eventSeq, at, copy.letterSha256].map((v) => p.add(v));
    return `INSERT INTO request_attachments (id, request_id, kind, language, file_name, media_type, size_bytes, sha256, content_ref, uploaded_by, event_seq, created_at, signs_letter_sha256)
      VALUES (${values.join(', ')})`;
  }

  /** `INSERT INTO request_letters …`, run in the statement of the `send` whose event names it. */
  insertStatement(requestId: string, letter: Omit<FrozenLetter, 'createdAt'>, at: Date, p: SqlParams): string {
    const values = [requestId, letter.language, letter.sha256, letter.sizeBytes, letter.pdf, letter.eventSeq, at].map((v) => p.add(v));
    return `INSERT INTO request_letters (request_id, language, sha256, size_bytes, pdf, event_seq, created_at) VALUES (${values.join(', ')})`;
  }
}
