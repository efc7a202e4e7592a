import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

  /** `INSERT INTO request_letters …`, run in the statement of the `send` whose event names it. */
  insertStatement(requestId: string, letter: Omit<FrozenLetter, 'createdAt'>, at: Date, p: SqlParams): string {
    const values = [requestId, letter.language, letter.sha256, letter.sizeBytes, letter.pdf, letter.eventSeq, at].map((v) => p.add(v));
    return `INSERT INTO request_letters (request_id, language, sha256, size_bytes, pdf, event_seq, created_at) VALUES (${values.join(', ')})`;
  }
}
