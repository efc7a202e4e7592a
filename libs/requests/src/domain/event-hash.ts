import { createHash } from 'node:crypto';

import { canonicalJson } from '@mla/core';

/** JSON with object keys sorted at every depth (one definition, in core: the idempotency keys' body hash uses it too). */
export { canonicalJson };

export interface HashedEventContent {
  requestId: string;
  seq: number;
  action: string;
  fromState: string | null;
  toState: string | null;
  actor: Record<string, unknown>;
  input: Record<string, unknown>;
  occurredAt: string;
  /**
   * An act recorded from correspondence (DESIGN §14): the officer who recorded it, and what from.
   * Absent from every other event (older ones included), so their hashes stay as they were.
   */
  recorder?: Record<string, unknown>;
  recordedFrom?: Record<string, unknown>;
}

/**
 * hash = SHA-256(prevHash, "\n", salt, "\n", canonical JSON of the event): each event seals
 * the one before. The salt (128 random bits, drawn by the event builder) is shown only to those who may
 * see the event, so the other side, who sees a hidden event's hash and could guess all of its
 * content but one id, cannot confirm a guess (issue 22, item 3). An event from before salting
 * has none (null): its hash is the old formula, SHA-256(prevHash, "\n", canonical JSON). The
 * two never collide: a salt is hex, never a newline, and canonical JSON starts with "{".
 */
export function eventHash(prevHash: string | null, event: HashedEventContent, salt?: string | null): string {
  const h = createHash('sha256').update(prevHash ?? '').update('\n');
  if (salt !== null && salt !== undefined) h.update(salt).update('\n');
  return h.update(canonicalJson(event)).digest('hex');
}

/** Who sees an event (DESIGN §2): both sides, or only the side that made it. Not part of the hash. */
export const EVENT_AUDIENCES = ['BOTH', 'REQUESTING', 'REQUESTED'] as const;
export type EventAudience = (typeof EVENT_AUDIENCES)[number];

export interface StoredEvent extends HashedEventContent {
  prevHash: string | null;
  hash: string;
  /** The salt its hash covers; null for an event from before salting. */
  salt: string | null;
  audience: EventAudience;
}

export type ChainVerdict = { valid: true; count: number } | { valid: false; count: number; brokenAt: number; reason: string };

/** An event as chained: its content, the hash before it, its salt (null before salting), its own hash (the audience is not hashed). */
export type ChainedEvent = HashedEventContent & { prevHash: string | null; hash: string; salt?: string | null; audience?: EventAudience };

/** Recomputes the chain and names the first broken link. */
export function verifyChain(events: ChainedEvent[]): ChainVerdict {
  let prev: string | null = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as ChainedEvent;
    if (e.seq !== i + 1) return { valid: false, count: events.length, brokenAt: e.seq, reason: `expected event ${i + 1}, found ${e.seq}` };
    if (e.prevHash !== prev) return { valid: false, count: events.length, brokenAt: e.seq, reason: 'prevHash does not match the previous event' };
    const { prevHash: _p, hash, salt, audience: _a, ...content } = e;
    if (eventHash(prev, content, salt) !== hash) return { valid: false, count: events.length, brokenAt: e.seq, reason: 'content does not match its hash' };
    prev = hash;
  }
  return { valid: true, count: events.length };
}
