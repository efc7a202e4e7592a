import { createHash, randomBytes } from 'node:crypto';
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

/** A salt as the event builder draws one (events/event-builder.ts). */
const newEventSalt = (): string => randomBytes(16).toString('hex');

describe('eventHash with a salt (issue 22, item 3)', () => {
  const content = (assigneeId: string): HashedEventContent => ({
    requestId: 'r1',
    seq: 7,
    action: 'assign',
    fromState: 'ACKNOWLEDGED',
    toState: 'ACKNOWLEDGED',
    actor: { userId: 'sg-officer', role: 'OFFICER', authorityId: 'sg-ca', authorityCode: 'SG-CA', country: 'SG' },
    input: { assigneeId },
    occurredAt: '2026-11-02T03:00:00.000Z',
  });
  const prev = 'a'.repeat(64);
  const candidates = ['u-01', 'u-02', 'u-03', 'u-04', 'u-05'];

  it('without a salt is the old formula: SHA-256(prevHash, newline, canonical JSON), byte for byte', () => {
    const old = createHash('sha256').update(prev).update('\n').update(canonicalJson(content('u-03'))).digest('hex');
    expect(eventHash(prev, content('u-03'))).toBe(old);
    expect(eventHash(prev, content('u-03'), null)).toBe(old);
    expect(eventHash(null, content('u-03'), undefined)).toBe(createHash('sha256').update('\n').update(canonicalJson(content('u-03'))).digest('hex'));
  });

  it('an unsalted hidden event is found by trying each candidate (what old events still give away)', () => {
    const hidden = eventHash(prev, content('u-03'), null);
    expect(candidates.filter((c) => eventHash(prev, content(c), null) === hidden)).toEqual(['u-03']);
  });

  it('a salted one is not: no guess without its salt matches', () => {
    const salt = newEventSalt();
    const hidden = eventHash(prev, content('u-03'), salt);
    const guesses = candidates.flatMap((c) => [eventHash(prev, content(c), null), eventHash(prev, content(c), ''), eventHash(prev, content(c), newEventSalt())]);
    expect(guesses.filter((g) => g === hidden)).toEqual([]);
    expect(eventHash(prev, content('u-03'), salt)).toBe(hidden);
  });

  it('property: the salt changes the hash, the same salt gives the same hash, and no salt differs from any salt', () => {
    const hex = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('hex'));
    fc.assert(
      fc.property(fc.string(), hex, hex, (assignee, s1, s2) => {
        const c = content(assignee);
        const h1 = eventHash(prev, c, s1);
        if (h1 !== eventHash(prev, c, s1)) return false;
        if (h1 === eventHash(prev, c, null)) return false;
        return s1 === s2 || h1 !== eventHash(prev, c, s2);
      }),
    );
  });

  it('verifyChain: unsalted old events, then salted ones, verify; a changed salt or a salt stripped breaks the link', () => {
    const events: ChainedEvent[] = [];
    let before: string | null = null;
    for (let seq = 1; seq <= 4; seq++) {
      const c: HashedEventContent = { ...content(`u-0${seq}`), seq };
      const salt = seq <= 2 ? null : newEventSalt();
      const hash = eventHash(before, c, salt);
      events.push({ ...c, prevHash: before, hash, salt });
      before = hash;
    }
    expect(verifyChain(events)).toEqual({ valid: true, count: 4 });
    expect(verifyChain(events.map((e) => (e.seq === 3 ? { ...e, salt: newEventSalt() } : e)))).toMatchObject({ valid: false, brokenAt: 3, reason: 'content does not match its hash' });
    expect(verifyChain(events.map((e) => (e.seq === 4 ? { ...e, salt: null } : e)))).toMatchObject({ valid: false, brokenAt: 4 });
    expect(verifyChain(events.map((e) => (e.seq === 2 ? { ...e, salt: newEventSalt() } : e)))).toMatchObject({ valid: false, brokenAt: 2 });
  });
});
