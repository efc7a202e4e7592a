import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { combineStatements, SqlParams } from '@mla/core';
import { OutboxMessage, OutboxWriter } from '@mla/outbox';
import type { StoredEvent } from '../domain/event-hash';
import type { RequestState } from '@mla/domain';
import type { RequestChanges, RequestRow } from '../request.row';
import { RequestsRepository } from '../requests.repository';
import { buildEvent, EventActor } from './event-builder';
import { EventsRepository } from './events.repository';

export interface HistoryEntry {
  action: string;
  /** The state after the event (default: unchanged). */
  toState?: RequestState;
  actor: EventActor;
  input: Record<string, unknown>;
  at: Date;
  /** What else changes on the request row, besides its version and chain head. */
  changes?: RequestChanges;
  /** The notifications of this event (written to the outbox). */
  notify?: (event: StoredEvent, updated: RequestRow) => OutboxMessage[];
  /** One more data-modifying statement to run in the same round trip. */
  alongside?: (params: SqlParams) => string;
}

/**
 * The one way a request's history grows: the next hash-chained event, the request's new
 * version and chain head (and other changes), and the event's notifications, in the
 * caller's transaction, as one round trip. The caller holds the request row's lock.
 */
@Injectable()
export class RequestHistory {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly events: EventsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async append(m: EntityManager, row: RequestRow, entry: HistoryEntry): Promise<{ event: StoredEvent; updated: RequestRow }> {
    const event = buildEvent(row, {
      action: entry.action,
      fromState: row.state,
      toState: entry.toState ?? row.state,
      actor: entry.actor,
      input: entry.input,
      occurredAt: entry.at,
    });
    const changes: RequestChanges = {
      ...entry.changes,
      version: row.version + 1,
      eventSeq: event.seq,
      lastEventHash: event.hash,
      updatedAt: entry.at,
    };
    const updated = { ...row, ...(changes as Partial<RequestRow>) } as RequestRow;
    const params = new SqlParams();
    await m.query(
      combineStatements([
        this.requests.updateStatement(row.id, changes, params),
        this.events.insertStatement(event, params),
        entry.alongside?.(params) ?? null,
        this.outbox.insertStatement(entry.notify?.(event, updated) ?? [], entry.at, params),
      ]),
      params.values,
    );
    return { event, updated };
  }
}
