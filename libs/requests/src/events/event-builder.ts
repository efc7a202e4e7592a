import { randomBytes } from 'node:crypto';
import type { Principal } from '@mla/identity';
import { EventAudience, eventHash, HashedEventContent, StoredEvent } from '../domain/event-hash';

export interface EventActor {
  userId: string | null;
  role: string;
  authorityId: string | null;
  authorityCode: string | null;
  country: string | null;
  /** A recorder's name (an act recorded from correspondence, DESIGN §14); the person's name of a PEER authority's act (DESIGN §15). */
  displayName?: string | null;
  /** A PEER authority's act (DESIGN §15): the node where it was taken. */
  node?: string;
}

export function actorOf(p: Principal): EventActor {
  return { userId: p.userId, role: p.role, authorityId: p.authorityId, authorityCode: p.authorityCode, country: p.country };
}

/** A new event's salt: 128 random bits (at least what issue 22 asks), as 32 hex digits. */
export function newEventSalt(): string {
  return randomBytes(16).toString('hex');
}

export const SYSTEM_ACTOR: EventActor = { userId: null, role: 'SYSTEM', authorityId: null, authorityCode: null, country: null };

/**
 * The next event of a request's chain: seq and prevHash come from the request row (locked
 * by the caller), so the chain needs no extra read. Its hash covers a fresh random salt
 * (stored with it, shown only to those who see the event), so that a hidden event's hash
 * confirms no guess of its content.
 */
export function buildEvent(
  chain: { id: string; eventSeq: number; lastEventHash: string | null },
  e: {
    action: string;
    fromState: string | null;
    toState: string | null;
    actor: EventActor;
    input: Record<string, unknown>;
    occurredAt: Date;
    audience: EventAudience;
    /** An act recorded from correspondence: who recorded it, and from what (both hashed). */
    recorded?: { recorder: EventActor; recordedFrom: Record<string, unknown> };
  },
  salt: string = newEventSalt(),
): StoredEvent {
  const content: HashedEventContent = {
    requestId: chain.id,
    seq: chain.eventSeq + 1,
    action: e.action,
    fromState: e.fromState,
    toState: e.toState,
    actor: { ...e.actor },
    input: JSON.parse(JSON.stringify(e.input)) as Record<string, unknown>,
    occurredAt: e.occurredAt.toISOString(),
    ...(e.recorded ? { recorder: { ...e.recorded.recorder } as Record<string, unknown>, recordedFrom: JSON.parse(JSON.stringify(e.recorded.recordedFrom)) as Record<string, unknown> } : {}),
  };
  return { ...content, prevHash: chain.lastEventHash, hash: eventHash(chain.lastEventHash, content, salt), salt, audience: e.audience };
}
