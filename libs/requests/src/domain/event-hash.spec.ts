import fc from 'fast-check';
import { canonicalJson, ChainedEvent, eventHash, HashedEventContent, verifyChain } from './event-hash';

function chain(n: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prev: string | null = null;
  for (let seq = 1; seq <= n; seq++) {
    const content: HashedEventContent = {
      requestId: 'r1',
      seq,
      action: seq === 1 ? 'create' : 'submit',
      fromState: seq === 1 ? null : 'DRAFT',
      toState: 'IN_REVIEW',
      actor: { userId: 'u1', role: 'PROSECUTOR' },
      input: { reason: `step ${seq}`, nested: { b: 2, a: [1, { z: true, y: null }] } },
      occurredAt: new Date(Date.UTC(2026, 10, 1, 0, seq)).toISOString(),
    };
    const hash = eventHash(prev, content);
    events.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"e":2,"f":1}]},"b":1}');
  });

  it('gives the same text whatever the key order (as jsonb reorders keys)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        return canonicalJson(obj) === canonicalJson(reversed);
      }),
    );
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain', () => {
    expect(verifyChain(chain(5))).toEqual({ valid: true, count: 5 });
    expect(verifyChain([])).toEqual({ valid: true, count: 0 });
  });

  it('names the first event whose content was altered', () => {
    const events = chain(5);
    (events[2] as ChainedEvent).input = { reason: 'rewritten' };
    expect(verifyChain(events)).toMatchObject({ valid: false, brokenAt: 3, reason: 'content does not match its hash' });
  });

  it('names a removed event', () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({ valid: false, brokenAt: 3 });
  });

  it('names an event re-hashed without its predecessor', () => {
    const events = chain(4);
    const forged = { ...(events[3] as ChainedEvent), input: { forged: true } };
    const { prevHash: _p, hash: _h, ...content } = forged;
    events[3] = { ...forged, prevHash: 'f'.repeat(64), hash: eventHash('f'.repeat(64), content) };
    expect(verifyChain(events)).toMatchObject({ valid: false, brokenAt: 4, reason: 'prevHash does not match the previous event' });
  });
});
