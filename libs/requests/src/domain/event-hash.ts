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
}

/** hash = SHA-256(prevHash + canonical JSON of the event): each event seals the one before. */
export function eventHash(prevHash: string | null, event: HashedEventContent): string {
  return createHash('sha256')
    .update(prevHash ?? '')
    .update('\n')
    .update(canonicalJson(event))
    .digest('hex');
}

/** Who sees an event (DESIGN §2): both sides, or only the side that made it. Not part of the hash. */
export const EVENT_AUDIENCES = ['BOTH', 'REQUESTING', 'REQUESTED'] as const;
export type EventAudience = (typeof EVENT_AUDIENCES)[number];

export interface StoredEvent extends HashedEventContent {
  prevHash: string | null;
  hash: string;
  audience: EventAudience;
}

export type ChainVerdict = { valid: true; count: number } | { valid: false; count: number; brokenAt: number; reason: string };

/** An event as chained: its content, the hash before it, its own (the audience is not hashed). */
export type ChainedEvent = HashedEventContent & { prevHash: string | null; hash: string; audience?: EventAudience };

/** Recomputes the chain and names the first broken link. */
export function verifyChain(events: ChainedEvent[]): ChainVerdict {
  let prev: string | null = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as ChainedEvent;
    if (e.seq !== i + 1) return { valid: false, count: events.length, brokenAt: e.seq, reason: `expected event ${i + 1}, found ${e.seq}` };
    if (e.prevHash !== prev) return { valid: false, count: events.length, brokenAt: e.seq, reason: 'prevHash does not match the previous event' };
    const { prevHash: _p, hash, audience: _a, ...content } = e;
    if (eventHash(prev, content) !== hash) return { valid: false, count: events.length, brokenAt: e.seq, reason: 'content does not match its hash' };
    prev = hash;
  }
  return { valid: true, count: events.length };
}
