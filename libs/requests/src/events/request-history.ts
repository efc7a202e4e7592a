import { Injectable } from '@nestjs/common';
import type { SqlParams } from '@mla/core';
import { OutboxMessage, OutboxWriter } from '@mla/outbox';
import type { EventAudience, StoredEvent } from '../domain/event-hash';
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
  /** Who sees it: both sides, or only the side that made it. */
  audience: EventAudience;
  /** The notifications of this event (written to the outbox). */
  notify?: (event: StoredEvent, updated: RequestRow) => OutboxMessage[];
  /** Events that follow it in the same change, each with its own audience (an internal assignment). */
  followedBy?: { action: string; input: Record<string, unknown>; audience: EventAudience }[];
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
    const toState = entry.toState ?? row.state;
    const event = buildEvent(row, {
      action: entry.action,
      fromState: row.state,
      toState,
      actor: entry.actor,
      input: entry.input,
      occurredAt: entry.at,
      audience: entry.audience,
    });
    const events = [event];
    for (const next of entry.followedBy ?? []) {
      const last = events[events.length - 1] as StoredEvent;
      events.push(
        buildEvent(
          { id: row.id, eventSeq: last.seq, lastEventHash: last.hash },
          { action: next.action, fromState: toState, toState, actor: entry.actor, input: next.input, occurredAt: entry.at, audience: next.audience },
        ),
      );
    }
    const head = events[events.length - 1] as StoredEvent;
    const changes: RequestChanges = {
      ...entry.changes,
      version: row.version + 1,
      eventSeq: head.seq,
      lastEventHash: head.hash,
      updatedAt: entry.at,
    };
    const updated = { ...row, ...(changes as Partial<RequestRow>) } as RequestRow;
    const messages = entry.notify?.(event, updated) ?? [];
    const statements = (p: SqlParams) => [
      this.requests.updateStatement(row.id, changes, p),
      ...events.map((e) => this.events.insertStatement(e, p)),
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
