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
  /** An act recorded from correspondence (DESIGN §14): the officer who recorded it and what from; `actor` is then the counterpart. */
  recorded?: { recorder: EventActor; recordedFrom: Record<string, unknown> };
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

  /** The seq of the next event of a request's history. */
  nextSeq(row: Pick<RequestRow, 'eventSeq'>): number {
    return row.eventSeq + 1;
  }

  /**
   * The first event of a new request (`create`: no previous state, DRAFT after it), and the
   * row as it is inserted with it, at version 1. The request's own insert is the caller's
   * (RequestsRepository.insert); these statements go into it.
   */
  start(row: RequestRow, entry: Omit<HistoryEntry, 'toState' | 'changes' | 'followedBy'>): { event: StoredEvent; created: RequestRow; statements: (p: SqlParams) => string[] } {
    const event = buildEvent(
      { id: row.id, eventSeq: 0, lastEventHash: null },
      { action: entry.action, fromState: null, toState: row.state, actor: entry.actor, input: entry.input, occurredAt: entry.at, audience: entry.audience },
    );
    const created: RequestRow = { ...row, version: 1, eventSeq: event.seq, lastEventHash: event.hash, createdAt: entry.at, updatedAt: entry.at };
    const messages = entry.notify?.(event, created) ?? [];
    return { event, created, statements: (p) => [this.events.insertStatement(event, p), ...this.notifyOnly(messages, entry.at, p)] };
  }

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
      recorded: entry.recorded,
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
