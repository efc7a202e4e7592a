import { Injectable } from '@nestjs/common';
import type { SqlParams } from '@mla/core';
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
}

/**
 * How a request's history grows: the next hash-chained event, the request's new version
 * and chain head (and other changes), and the event's notifications, as statements for
 * the caller's one round trip. The caller holds the request row's lock.
 */
@Injectable()
export class RequestHistory {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly events: EventsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  append(row: RequestRow, entry: HistoryEntry): { event: StoredEvent; updated: RequestRow; statements: (p: SqlParams) => string[] } {
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
    const messages = entry.notify?.(event, updated) ?? [];
    const statements = (p: SqlParams) => [
      this.requests.updateStatement(row.id, changes, p),
      this.events.insertStatement(event, p),
      ...this.notifyOnly(messages, entry.at, p),
    ];
    return { event, updated, statements };
  }

  /** Notifications that are no event of the history (reminders). */
  notifyOnly(messages: OutboxMessage[], at: Date, params: SqlParams): string[] {
    const outbox = this.outbox.insertStatement(messages, at, params);
    return outbox ? [outbox] : [];
  }
}
