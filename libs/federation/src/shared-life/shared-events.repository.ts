import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SqlParams } from '@mla/core';
import { sharedEventHash } from '../crypto/shared-event';

/** A shared event as this node keeps it (`federation_shared_events`), verbatim. */
export interface StoredSharedEvent {
  requestId: string;
  seq: number;
  node: string;
  jws: string;
  hash: string;
  /** The seq of the history event on this node that shows it. */
  eventSeq: number | null;
  createdAt: Date;
}

const COLUMNS = `request_id AS "requestId", seq, node, jws, hash, event_seq AS "eventSeq", created_at AS "createdAt"`;

/** The signed shared events of requests (DESIGN §15), never updated nor deleted: every query on them. */
@Injectable()
export class SharedEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `INSERT INTO federation_shared_events …` of one event, its hash computed from its JWS (to join an action's one statement). */
  insertStatement(e: { requestId: string; seq: number; node: string; jws: string; eventSeq: number }, at: Date, p: SqlParams): string {
    const values = [e.requestId, e.seq, e.node, e.jws, sharedEventHash(e.jws), e.eventSeq, at].map((v) => p.add(v));
    return `INSERT INTO federation_shared_events (request_id, seq, node, jws, hash, event_seq, created_at) VALUES (${values.join(', ')})`;
  }

  /** The request's last shared event (the highest seq), if any. */
  async last(m: EntityManager | DataSource, requestId: string): Promise<StoredSharedEvent | null> {
    const [row] = await m.query(`SELECT ${COLUMNS} FROM federation_shared_events WHERE request_id = $1 ORDER BY seq DESC LIMIT 1`, [requestId]);
    return (row as StoredSharedEvent | undefined) ?? null;
  }

  /** The request's shared event of that seq, if held. */
  async at(m: EntityManager | DataSource, requestId: string, seq: number): Promise<StoredSharedEvent | null> {
    const [row] = await m.query(`SELECT ${COLUMNS} FROM federation_shared_events WHERE request_id = $1 AND seq = $2`, [requestId, seq]);
    return (row as StoredSharedEvent | undefined) ?? null;
  }

  /** Every shared event of a request, in seq order. */
  async ofRequest(requestId: string, m: EntityManager | DataSource = this.dataSource): Promise<StoredSharedEvent[]> {
    return m.query(`SELECT ${COLUMNS} FROM federation_shared_events WHERE request_id = $1 ORDER BY seq`, [requestId]);
  }
}
