import fc from 'fast-check';
import { generateKeyPairSync } from 'node:crypto';
import { publicJwkOf, type NodeJwk } from '../crypto/jwks';
import type { SigningKeyRef } from '../crypto/message-signature';
import { sharedEventHash, signSharedEvent, type SharedEvent } from '../crypto/shared-event';
import { checkSharedChain, compareSharedCopies, type HistoryFacts, type SharedEventCopy, type SharedParties } from './shared-chain';

interface TestNode {
  node: string;
  key: SigningKeyRef;
  jwk: NodeJwk;
}

async function nodeOf(node: string): Promise<TestNode> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = await publicJwkOf(privateKey);
  return { node, key: { privateKey, kid: jwk.kid }, jwk };
}

const REQUEST = '6f1c7f8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
const ACTS = [
  ['acknowledge', 'SENT', 'ACKNOWLEDGED'],
  ['start_execution', 'ACKNOWLEDGED', 'IN_EXECUTION'],
  ['report_delay', 'IN_EXECUTION', 'IN_EXECUTION'],
  ['deliver_evidence', 'IN_EXECUTION', 'EVIDENCE_DELIVERED'],
  ['close', 'EVIDENCE_DELIVERED', 'CLOSED'],
] as const;

describe('the proof of a shared life (DESIGN §15): checking a copy, comparing two', () => {
  let vn: TestNode;
  let sg: TestNode;
  let parties: SharedParties;

  beforeAll(async () => {
    vn = await nodeOf('vn.test');
    sg = await nodeOf('sg.test');
    parties = { requesting: { node: vn.node, keys: [vn.jwk] }, requested: { node: sg.node, keys: [sg.jwk] } };
  });

  const eventAt = (seq: number, prev: string | null, over: Partial<SharedEvent> = {}): SharedEvent => {
    const [action, fromState, toState] = seq === 1 ? (['send', 'APPROVED', 'SENT'] as const) : ACTS[(seq - 2) % ACTS.length]!;
    const by = seq === 1 ? vn : sg;
    return {
      requestId: REQUEST, seq, prev, node: by.node, action, fromState, toState, at: new Date(Date.UTC(2026, 11, 6, 3, seq)).toISOString(),
      actor: { node: by.node, authority: { code: seq === 1 ? 'VN-CA' : 'SG-CA', country: seq === 1 ? 'VN' : 'SG' }, role: 'OFFICER', name: null }, input: {}, ...over,
    };
  };

  /** A chain of n shared events as a node keeps them: seq 1 signed by VN, the rest by SG, each chained to the one before. */
  async function chainOf(n: number, over: (seq: number) => Partial<SharedEvent> = () => ({})): Promise<SharedEventCopy[]> {
    const out: SharedEventCopy[] = [];
    let prev: string | null = null;
    for (let seq = 1; seq <= n; seq++) {
      const by = seq === 1 ? vn : sg;
      const jws = await signSharedEvent(eventAt(seq, prev, over(seq)), by.key);
      const hash = sharedEventHash(jws);
      out.push({ seq, node: by.node, jws, hash, eventSeq: null });
      prev = hash;
    }
    return out;
  }

  /** The copy with event `seq` re-signed by `by` with a change, its hash recomputed (as the database's owner with that node's key would). */
  async function resigned(copies: SharedEventCopy[], seq: number, by: TestNode, change: Partial<SharedEvent>): Promise<SharedEventCopy[]> {
    const i = seq - 1;
    const prev = i === 0 ? null : copies[i - 1]!.hash;
    const jws = await signSharedEvent(eventAt(seq, prev, change), by.key);
    return copies.map((c, j) => (j === i ? { ...c, jws, hash: sharedEventHash(jws) } : c));
  }

  it('finds a chain signed by the right nodes valid, and answers its events', async () => {
    const copies = await chainOf(4);
    const verdict = await checkSharedChain(REQUEST, copies, parties);
    expect(verdict).toMatchObject({ valid: true, count: 4 });
    expect(verdict.valid && verdict.events.map((e) => e.action)).toEqual(['send', 'acknowledge', 'start_execution', 'report_delay']);
    expect(await checkSharedChain(REQUEST, [], parties)).toEqual({ valid: true, count: 0, events: [] });
  });

  it('verifies with a retired key still listed, and refuses a key the signer does not list', async () => {
    const retired = await nodeOf('sg.test');
    const copies = await chainOf(2);
    const byRetired = await resigned(copies, 2, retired, {});
    expect(await checkSharedChain(REQUEST, byRetired, { ...parties, requested: { node: sg.node, keys: [sg.jwk, retired.jwk] } })).toMatchObject({ valid: true });
    expect(await checkSharedChain(REQUEST, byRetired, parties)).toMatchObject({ valid: false, firstProblem: { seq: 2, reason: expect.stringContaining(`no key ${retired.jwk.kid}`) } });
  });

  it('names each kind of problem at its seq', async () => {
    const copies = await chainOf(3);
    const check = (c: SharedEventCopy[], p: SharedParties = parties) => checkSharedChain(REQUEST, c, p);
    expect(await check(copies.filter((c) => c.seq !== 2))).toMatchObject({ valid: false, firstProblem: { seq: 2, reason: 'shared event 2 is missing (the next kept is 3)' } });
    expect(await check([copies[0]!, copies[2]!, copies[1]!])).toMatchObject({ firstProblem: { seq: 2 } });
    expect(await check(copies.map((c) => (c.seq === 2 ? { ...c, hash: 'f'.repeat(64) } : c)))).toMatchObject({ firstProblem: { seq: 2, reason: 'the stored hash is not the SHA-256 of the stored JWS' } });
    expect(await check(copies.map((c) => (c.seq === 3 ? { ...c, node: vn.node } : c)))).toMatchObject({ firstProblem: { seq: 3, reason: 'kept as signed by vn.test; the requested node is sg.test' } });
    // Seq 1 is the requesting node's: signed by the requested node, it does not verify.
    expect(await check(await resigned(copies, 1, sg, {}))).toMatchObject({ firstProblem: { seq: 1, reason: expect.stringContaining('does not verify with the keys of vn.test') } });
    expect(await check(await resigned(copies, 2, sg, { requestId: 'other' }))).toMatchObject({ firstProblem: { seq: 2, reason: 'it names request other' } });
    expect(await check(await resigned(copies, 2, sg, { seq: 5 }))).toMatchObject({ firstProblem: { seq: 2, reason: 'it says seq 5' } });
    expect(await check(await resigned(copies, 2, sg, { node: 'vn.test' }))).toMatchObject({ firstProblem: { seq: 2, reason: 'it names vn.test as its node; the requested node is sg.test' } });
    expect(await check(await resigned(copies, 1, vn, { action: 'acknowledge' }))).toMatchObject({ firstProblem: { seq: 1, reason: 'shared event 1 is the send, not acknowledge' } });
    expect(await check(await resigned(copies, 3, sg, { prev: 'a'.repeat(64) }))).toMatchObject({ firstProblem: { seq: 3, reason: 'its prev is not the hash of shared event 2' } });
    // The parties the other way round: this copy's seq 1 is not signed by the requesting node.
    expect(await check(copies, { requesting: parties.requested, requested: parties.requesting })).toMatchObject({ firstProblem: { seq: 1, reason: 'kept as signed by vn.test; the requesting node is sg.test' } });
  });

  it('checks that the history event a shared event points at says the same action, state and time (a received send shows as receive)', async () => {
    const copies = (await chainOf(2)).map((c) => ({ ...c, eventSeq: c.seq + 3 }));
    const [first, second] = [eventAt(1, null), eventAt(2, null)];
    const history = new Map<number, HistoryFacts>([
      [4, { action: 'send', toState: 'SENT', at: first.at }],
      [5, { action: 'acknowledge', toState: 'ACKNOWLEDGED', at: second.at }],
    ]);
    const check = (h: Map<number, HistoryFacts>) => checkSharedChain(REQUEST, copies, parties, (s) => h.get(s));
    expect(await check(history)).toMatchObject({ valid: true });
    expect(await check(new Map([...history, [4, { action: 'receive', toState: 'SENT', at: '2026-12-07T00:00:00.000Z' }]]))).toMatchObject({ valid: true });
    expect(await check(new Map([...history, [5, { action: 'refuse', toState: 'REFUSED', at: second.at }]]))).toMatchObject({ firstProblem: { seq: 2, reason: 'history event 5 is refuse, the shared event acknowledge' } });
    expect(await check(new Map([...history, [5, { action: 'acknowledge', toState: 'REFUSED', at: second.at }]]))).toMatchObject({ firstProblem: { seq: 2, reason: 'history event 5 reaches REFUSED, the shared event ACKNOWLEDGED' } });
    expect(await check(new Map([...history, [5, { action: 'acknowledge', toState: 'ACKNOWLEDGED', at: '2026-12-06T04:00:00.000Z' }]]))).toMatchObject({ firstProblem: { seq: 2, reason: expect.stringContaining('happened at 2026-12-06T04:00:00.000Z') } });
    expect(await check(new Map([[4, history.get(4)!]]))).toMatchObject({ firstProblem: { seq: 2, reason: 'it points at history event 5, which does not exist' } });
    // Without the history (or without event_seq), nothing of it is checked.
    expect(await checkSharedChain(REQUEST, copies, parties)).toMatchObject({ valid: true });
  });

  describe('properties', () => {
    const length = fc.integer({ min: 1, max: 6 });

    it('a chain of any length verifies; its tail cut off still does (only a witness shows that); any event dropped before the tail is named', async () => {
      await fc.assert(
        fc.asyncProperty(length, fc.nat(), async (n, pick) => {
          const copies = await chainOf(n);
          expect(await checkSharedChain(REQUEST, copies, parties)).toMatchObject({ valid: true, count: n });
          expect(await checkSharedChain(REQUEST, copies.slice(0, n - 1), parties)).toMatchObject({ valid: true });
          const dropped = (pick % n) + 1;
          const verdict = await checkSharedChain(REQUEST, copies.filter((c) => c.seq !== dropped), parties);
          if (dropped === n) expect(verdict.valid).toBe(true);
          else expect(verdict).toMatchObject({ valid: false, firstProblem: { seq: dropped } });
        }),
        { numRuns: 25 },
      );
    });

    it('a changed payload is named at its seq, whether its hash was recomputed or not', async () => {
      await fc.assert(
        fc.asyncProperty(length, fc.nat(), fc.boolean(), async (n, pick, rehash) => {
          const copies = await chainOf(n);
          const seq = (pick % n) + 1;
          const [h, p, s] = copies[seq - 1]!.jws.split('.') as [string, string, string];
          const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as SharedEvent;
          const jws = `${h}.${Buffer.from(JSON.stringify({ ...payload, toState: 'REFUSED' })).toString('base64url')}.${s}`;
          const tampered = copies.map((c) => (c.seq === seq ? { ...c, jws, hash: rehash ? sharedEventHash(jws) : c.hash } : c));
          const verdict = await checkSharedChain(REQUEST, tampered, parties);
          expect(verdict).toMatchObject({ valid: false, firstProblem: { seq, reason: rehash ? expect.stringContaining('the signature does not verify') : 'the stored hash is not the SHA-256 of the stored JWS' } });
        }),
        { numRuns: 25 },
      );
    });

    it('an event re-signed by its own node breaks the link after it (or nothing, at the tail); the comparison with the other copy names it', async () => {
      await fc.assert(
        fc.asyncProperty(length, fc.nat(), async (n, pick) => {
          const copies = await chainOf(n);
          const seq = (pick % n) + 1;
          const forged = await resigned(copies, seq, seq === 1 ? vn : sg, { input: { forged: true } });
          const verdict = await checkSharedChain(REQUEST, forged, parties);
          if (seq === n) expect(verdict.valid).toBe(true);
          else expect(verdict).toMatchObject({ valid: false, firstProblem: { seq: seq + 1, reason: `its prev is not the hash of shared event ${seq}` } });
          expect(compareSharedCopies(forged, copies)).toEqual({ seq, kind: 'DIFFERENT', hereHash: forged[seq - 1]!.hash, thereHash: copies[seq - 1]!.hash });
        }),
        { numRuns: 25 },
      );
    });

    it('an event signed by the other node is named at its seq', async () => {
      await fc.assert(
        fc.asyncProperty(length, fc.nat(), async (n, pick) => {
          const copies = await chainOf(n);
          const seq = (pick % n) + 1;
          const forged = await resigned(copies, seq, seq === 1 ? sg : vn, {});
          expect(await checkSharedChain(REQUEST, forged, parties)).toMatchObject({ valid: false, firstProblem: { seq } });
        }),
        { numRuns: 25 },
      );
    });
  });

  describe('comparing two copies', () => {
    const copy = fc.uniqueArray(fc.record({ seq: fc.integer({ min: 1, max: 12 }), jws: fc.constantFrom('a.b.c', 'a.b.d', 'x.y.z') }), { selector: (e) => e.seq, maxLength: 10 });
    const bySeq = (c: { seq: number; jws: string }[]) => new Map(c.map((e) => [e.seq, sharedEventHash(e.jws)]));

    it('finds no difference between a copy and itself, in any order', () => {
      fc.assert(fc.property(copy, (c) => expect(compareSharedCopies(c, [...c].reverse())).toBeNull()));
    });

    it('names the lowest seq where the copies part, with both hashes as computed from the JWS', () => {
      fc.assert(
        fc.property(copy, copy, (here, there) => {
          const h = bySeq(here);
          const t = bySeq(there);
          const differing = [...new Set([...h.keys(), ...t.keys()])].filter((s) => h.get(s) !== t.get(s)).sort((a, b) => a - b);
          const found = compareSharedCopies(here, there);
          if (differing.length === 0) return expect(found).toBeNull();
          const seq = differing[0]!;
          const hereHash = h.get(seq) ?? null;
          const thereHash = t.get(seq) ?? null;
          expect(found).toEqual({ seq, kind: hereHash === null ? 'MISSING_HERE' : thereHash === null ? 'MISSING_THERE' : 'DIFFERENT', hereHash, thereHash });
        }),
      );
    });

    it('is symmetric: swapping the copies swaps MISSING_HERE and MISSING_THERE and the hashes', () => {
      const swap = { MISSING_HERE: 'MISSING_THERE', MISSING_THERE: 'MISSING_HERE', DIFFERENT: 'DIFFERENT' } as const;
      fc.assert(
        fc.property(copy, copy, (a, b) => {
          const ab = compareSharedCopies(a, b);
          const ba = compareSharedCopies(b, a);
          if (ab === null) return expect(ba).toBeNull();
          expect(ba).toEqual({ seq: ab.seq, kind: swap[ab.kind], hereHash: ab.thereHash, thereHash: ab.hereHash });
        }),
      );
    });

    it('a copy cut short is MISSING_HERE at the first seq it lacks; the stored hash column plays no part', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 8 }), fc.nat(), (n, cut) => {
          const full = Array.from({ length: n }, (_, i) => ({ seq: i + 1, jws: `h.p${i}.s`, hash: 'wrong' }));
          const kept = cut % n;
          expect(compareSharedCopies(full.slice(0, kept), full)).toEqual({ seq: kept + 1, kind: 'MISSING_HERE', hereHash: null, thereHash: sharedEventHash(`h.p${kept}.s`) });
        }),
      );
    });
  });
});
