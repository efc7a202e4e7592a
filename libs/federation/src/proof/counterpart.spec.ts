import { counterpartOf, isCounterpart, type RequestSides } from './counterpart';
import { readCopy } from './shared-proof.service';

describe('whose copy a peer may read (DESIGN §15)', () => {
  const toSg: RequestSides = { requestingReach: 'LOCAL', requestingCountry: 'VN', requestedReach: 'PEER', requestedCountry: 'SG', sent: true };
  const fromSg: RequestSides = { requestingReach: 'PEER', requestingCountry: 'SG', requestedReach: 'LOCAL', requestedCountry: 'VN', sent: true };

  it('the PEER side of a request sent, to the peer serving its country; nobody else, nothing of a draft or of a request with no PEER side', () => {
    expect(counterpartOf(toSg)).toEqual({ side: 'REQUESTED', country: 'SG' });
    expect(counterpartOf(fromSg)).toEqual({ side: 'REQUESTING', country: 'SG' });
    expect(isCounterpart(toSg, ['SG'])).toBe(true);
    expect(isCounterpart(fromSg, ['MY', 'SG'])).toBe(true);
    expect(isCounterpart(toSg, ['US'])).toBe(false);
    expect(isCounterpart(toSg, ['VN'])).toBe(false);
    expect(isCounterpart({ ...toSg, sent: false }, ['SG'])).toBe(false);
    expect(isCounterpart({ ...toSg, requestedReach: 'OFFLINE' }, ['SG'])).toBe(false);
    expect(isCounterpart({ ...toSg, requestedReach: null, requestedCountry: null, sent: false }, ['SG'])).toBe(false);
    expect(isCounterpart(null, ['SG'])).toBe(false);
  });
});

describe('a peer’s copy read strictly', () => {
  const id = '6f1c7f8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
  const read = (v: unknown) => readCopy(Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)), id);

  it('answers the events of this request, seqs rising; says why otherwise', () => {
    expect(read({ requestId: id, events: [{ seq: 1, jws: 'a.b.c' }, { seq: 3, jws: 'd.e.f' }] })).toEqual([{ seq: 1, jws: 'a.b.c' }, { seq: 3, jws: 'd.e.f' }]);
    expect(read({ requestId: id, events: [] })).toEqual([]);
    expect(read('{')).toBe('not JSON');
    expect(read([])).toBe('not an object');
    expect(read({ requestId: 'other', events: [] })).toBe('it names request other');
    expect(read({ requestId: id, events: {} })).toBe('events is not an array');
    expect(read({ requestId: id, events: [{ seq: 0, jws: 'a' }] })).toBe('events[0].seq is not a positive integer');
    expect(read({ requestId: id, events: [null] })).toBe('events[0].seq is not a positive integer');
    expect(read({ requestId: id, events: [{ seq: 1, jws: 7 }] })).toBe('events[0].jws is not a string');
    expect(read({ requestId: id, events: [{ seq: 2, jws: 'a' }, { seq: 2, jws: 'b' }] })).toBe('events[1].seq does not follow 2');
  });
});
