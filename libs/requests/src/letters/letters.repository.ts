import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SqlParams } from '@mla/core';

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
  drafterId: string;
  senderId: string | null;
  sendingAuthorityId: string | null;
}

@Injectable()
export class LettersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(requestId: string, language: string): Promise<FrozenLetter | null> {
    const rows = (await this.dataSource.query(
      `SELECT language, sha256, size_bytes AS "sizeBytes", pdf, event_seq AS "eventSeq", created_at AS "createdAt"
       FROM request_letters WHERE request_id = $1 AND language = $2`,
      [requestId, language],
    )) as FrozenLetter[];
    return rows[0] ?? null;
  }

  /** The request's documents (in order), its drafter, the sending officer, its authorities' names, the letterhead and the number given: one round trip. */
  async facts(q: LetterFactsQuery, m?: EntityManager): Promise<LetterPeopleRow> {
    const person = (param: string) => `(SELECT json_build_object('displayName', u.display_name, 'email', u.email) FROM users u WHERE u.id = ${param})`;
    const authority = (where: string) => `(SELECT json_build_object('name', a.name, 'names', a.names) FROM authorities a WHERE ${where})`;
    const superior = `coalesce(
      (SELECT a.id FROM authorities a WHERE a.id = $4::uuid AND a.id <> $5::uuid),
      (SELECT a.id FROM authorities a WHERE a.country = $7 AND a.kind = 'CENTRAL_AUTHORITY' AND a.id <> $5::uuid ORDER BY a.code LIMIT 1))`;
    const [row] = (await (m ?? this.dataSource).query(
      `SELECT
         (SELECT coalesce(json_agg(json_build_object('kind', a.kind, 'language', a.language, 'fileName', a.file_name, 'sha256', a.sha256) ORDER BY a.event_seq), '[]')
          FROM request_attachments a WHERE a.request_id = $1 AND a.signs_letter_sha256 IS NULL) AS documents,
         ${person('$2::uuid')} AS drafter,
         ${person('$3::uuid')} AS sender,
         ${authority('a.id = $4::uuid')} AS "sendingAuthority",
         ${authority('a.id = $5::uuid')} AS requesting,
         ${authority('a.id = $6::uuid')} AS requested,
         ${authority(`a.id = ${superior}`)} AS superior,
         (SELECT json_build_object('symbol', h.symbol, 'places', h.places) FROM authority_letterheads h WHERE h.authority_id = $5::uuid) AS letterhead,
         (SELECT json_build_object('number', n.number, 'symbol', n.symbol) FROM letter_numbers n WHERE n.request_id = $1) AS number`,
      [q.requestId, q.drafterId, q.senderId, q.sendingAuthorityId, q.requestingAuthorityId, q.requestedAuthorityId, q.requestingCountry],
    )) as LetterPeopleRow[];
    return row as LetterPeopleRow;
  }

  /** The signed copy (LETTER_SIGNED) uploaded for the letter whose SHA-256 is `letterSha256`, the latest; null when none. */
  async signedCopy(requestId: string, letterSha256: string, m?: EntityManager): Promise<SignedCopy | null> {
    const rows = (await (m ?? this.dataSource).query(
      `SELECT id, sha256, file_name AS "fileName", signs_letter_sha256 AS "letterSha256" FROM request_attachments
       WHERE request_id = $1 AND signs_letter_sha256 = $2 ORDER BY event_seq DESC LIMIT 1`,
      [requestId, letterSha256],
    )) as SignedCopy[];
    return rows[0] ?? null;
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
