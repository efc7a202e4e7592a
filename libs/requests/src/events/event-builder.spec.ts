import { eventHash, verifyChain } from '../domain/event-hash';
import { buildEvent, newEventSalt, SYSTEM_ACTOR } from './event-builder';

describe('event builder: salted events (issue 22, item 3)', () => {
  const next = { action: 'assign', fromState: 'ACKNOWLEDGED', toState: 'ACKNOWLEDGED', actor: SYSTEM_ACTOR, input: { assigneeId: 'u-1' }, occurredAt: new Date('2026-11-02T03:00:00Z'), audience: 'REQUESTED' as const };

  it('newEventSalt: 128 random bits, as 32 hex digits, never the same twice', () => {
    const salts = Array.from({ length: 500 }, newEventSalt);
    for (const s of salts) expect(s).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(salts).size).toBe(500);
  });

  it('gives each event its own salt, which its hash covers; the same content twice hashes apart', () => {
    const a = buildEvent({ id: 'r1', eventSeq: 3, lastEventHash: 'f'.repeat(64) }, next);
    const b = buildEvent({ id: 'r1', eventSeq: 3, lastEventHash: 'f'.repeat(64) }, next);
    expect(a.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    const { prevHash, hash, salt, audience: _a, ...content } = a;
    expect(eventHash(prevHash, content, salt)).toBe(hash);
    expect(eventHash(prevHash, content, null)).not.toBe(hash);
  });

  it('chains salted events that verify', () => {
    const first = buildEvent({ id: 'r1', eventSeq: 0, lastEventHash: null }, { ...next, action: 'create', fromState: null, toState: 'DRAFT' });
    const second = buildEvent({ id: 'r1', eventSeq: first.seq, lastEventHash: first.hash }, next);
    expect(verifyChain([first, second])).toEqual({ valid: true, count: 2 });
  });
});
