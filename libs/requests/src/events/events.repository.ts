import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SqlParams } from '@mla/core';
import type { StoredEvent } from '../domain/event-hash';

const EVENT_COLUMNS = `request_id AS "requestId", seq, action, from_state AS "fromState", to_state AS "toState",
  actor, input, occurred_at AS "occurredAt", prev_hash AS "prevHash", hash, salt, audience, recorder, recorded_from AS "recordedFrom"`;

const NAMED_EVENT_COLUMNS = `e.request_id AS "requestId", e.seq, e.action, e.from_state AS "fromState", e.to_state AS "toState",
  e.actor, e.input, e.occurred_at AS "occurredAt", e.prev_hash AS "prevHash", e.hash, e.salt, e.audience, e.recorder, e.recorded_from AS "recordedFrom"`;

type EventRow = Omit<StoredEvent, 'occurredAt' | 'recorder' | 'recordedFrom'> & { occurredAt: Date; recorder: Record<string, unknown> | null; recordedFrom: Record<string, unknown> | null };

interface ActorNames {
  actorName: string | null;
  actorAuthorityName: string | null;
}

/** A stored event with the names of who made it (looked up when read, never hashed). */
export interface NamedEvent extends ActorNames {
  event: StoredEvent;
}

/** An event as hashed: the recorder and what it was recorded from only when there are (older events never had them). */
const toStored = ({ recorder, recordedFrom, ...r }: EventRow): StoredEvent => ({
  ...r,
  occurredAt: r.occurredAt.toISOString(),
  ...(recorder && recordedFrom ? { recorder, recordedFrom } : {}),
});

@Injectable()
export class EventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `INSERT INTO request_events …` of one event, its parameters added to `p`. */
  insertStatement(e: StoredEvent, p: SqlParams): string {
    const recorded = e.recorder && e.recordedFrom ? [JSON.stringify(e.recorder), JSON.stringify(e.recordedFrom)] : [null, null];
    const values = [e.requestId, e.seq, e.action, e.fromState, e.toState, JSON.stringify(e.actor), JSON.stringify(e.input), e.occurredAt, e.prevHash, e.hash, e.salt, e.audience, ...recorded];
    return `INSERT INTO request_events (request_id, seq, action, from_state, to_state, actor, input, occurred_at, prev_hash, hash, salt, audience, recorder, recorded_from)
       VALUES (${values.map((v) => p.add(v)).join(', ')})`;
  }

  /** A page of the history, each event with its actor's name and authority's name as they are now (outside the hashed content). */
  async page(requestId: string, afterSeq: number, limit: number): Promise<NamedEvent[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${NAMED_EVENT_COLUMNS}, u.display_name AS "actorName", a.name AS "actorAuthorityName"
         FROM request_events e
         LEFT JOIN users u ON u.id = (e.actor->>'userId')::uuid
         LEFT JOIN authorities a ON a.id = (e.actor->>'authorityId')::uuid
        WHERE e.request_id = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3`,
      [requestId, afterSeq, limit],
    )) as (EventRow & ActorNames)[];
    return rows.map(({ actorName, actorAuthorityName, ...e }) => ({ event: toStored(e), actorName, actorAuthorityName }));
  }

  async all(requestId: string): Promise<StoredEvent[]> {
    const rows = (await this.dataSource.query(`SELECT ${EVENT_COLUMNS} FROM request_events WHERE request_id = $1 ORDER BY seq`, [
      requestId,
    ])) as EventRow[];
    return rows.map(toStored);
  }
}
