import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SqlParams } from '@mla/core';
import type { StoredEvent } from '../domain/event-hash';

const EVENT_COLUMNS = `request_id AS "requestId", seq, action, from_state AS "fromState", to_state AS "toState",
  actor, input, occurred_at AS "occurredAt", prev_hash AS "prevHash", hash, salt, audience`;

type EventRow = Omit<StoredEvent, 'occurredAt'> & { occurredAt: Date };

const toStored = (r: EventRow): StoredEvent => ({ ...r, occurredAt: r.occurredAt.toISOString() });

@Injectable()
export class EventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `INSERT INTO request_events …` of one event, its parameters added to `p`. */
  insertStatement(e: StoredEvent, p: SqlParams): string {
    const values = [e.requestId, e.seq, e.action, e.fromState, e.toState, JSON.stringify(e.actor), JSON.stringify(e.input), e.occurredAt, e.prevHash, e.hash, e.salt, e.audience];
    return `INSERT INTO request_events (request_id, seq, action, from_state, to_state, actor, input, occurred_at, prev_hash, hash, salt, audience)
       VALUES (${values.map((v) => p.add(v)).join(', ')})`;
  }

  async page(requestId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM request_events WHERE request_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [requestId, afterSeq, limit],
    )) as EventRow[];
    return rows.map(toStored);
  }

  async all(requestId: string): Promise<StoredEvent[]> {
    const rows = (await this.dataSource.query(`SELECT ${EVENT_COLUMNS} FROM request_events WHERE request_id = $1 ORDER BY seq`, [
      requestId,
    ])) as EventRow[];
    return rows.map(toStored);
  }
}
