import { pendingRefusal, peerSideOf, sharedStepOf, type SharedStepFacts } from './shared-life';

const SENT = new Date('2026-11-02T03:00:00.000Z');
const toPeer = { requestingAuthorityReach: 'LOCAL', requestedAuthorityReach: 'PEER', sentAt: SENT } as const;
const fromPeer = { requestingAuthorityReach: 'PEER', requestedAuthorityReach: 'LOCAL', sentAt: SENT } as const;
const facts = (over: Partial<SharedStepFacts>): SharedStepFacts => ({ row: toPeer, action: 'withdraw', transition: true, side: 'REQUESTING', shared: true, fromPeer: null, ...over });

describe('who decides in the shared life of a request (DESIGN §15)', () => {
  it('names the side on a peer node', () => {
    expect(peerSideOf(toPeer)).toBe('REQUESTED');
    expect(peerSideOf(fromPeer)).toBe('REQUESTING');
    expect(peerSideOf({ requestingAuthorityReach: 'LOCAL', requestedAuthorityReach: 'OFFLINE' })).toBeNull();
  });

  it('keeps everything local without a peer, and before send', () => {
    const local = { requestingAuthorityReach: 'LOCAL', requestedAuthorityReach: 'LOCAL', sentAt: SENT } as const;
    expect(sharedStepOf(facts({ row: local }))).toBe('LOCAL');
    expect(sharedStepOf(facts({ row: local, action: 'send' }))).toBe('LOCAL');
    expect(sharedStepOf(facts({ row: { ...toPeer, sentAt: null }, action: 'submit' }))).toBe('LOCAL');
  });

  it('signs the send to a PEER authority (seq 1)', () => {
    expect(sharedStepOf(facts({ row: { ...toPeer, sentAt: null }, action: 'send' }))).toBe('SIGN');
  });

  it('on the requesting node: its acts after send are proposed; the system’s transitions are not applied; internal commands stay', () => {
    for (const action of ['provide_info', 'withdraw', 'close']) expect(sharedStepOf(facts({ action }))).toBe('PROPOSE');
    expect(sharedStepOf(facts({ action: 'expire', side: null }))).toBe('NOT_HERE');
    expect(sharedStepOf(facts({ action: 'deadline_reminder', transition: false, side: null }))).toBe('LOCAL');
    expect(sharedStepOf(facts({ action: 'reassign', transition: false, shared: false }))).toBe('LOCAL');
  });

  it('on the requested node: its own acts and the system’s are signed; a peer’s event is received, a peer’s act decided and signed', () => {
    for (const action of ['acknowledge', 'refuse', 'deliver_evidence']) expect(sharedStepOf(facts({ row: fromPeer, action, side: 'REQUESTED' }))).toBe('SIGN');
    expect(sharedStepOf(facts({ row: fromPeer, action: 'expire', side: null }))).toBe('SIGN');
    expect(sharedStepOf(facts({ row: fromPeer, action: 'withdraw', fromPeer: 'ACT' }))).toBe('SIGN');
    expect(sharedStepOf(facts({ row: toPeer, action: 'acknowledge', side: 'REQUESTED', fromPeer: 'EVENT' }))).toBe('RECEIVED');
  });

  it('takes one proposed act at a time', () => {
    expect(pendingRefusal(null, 'withdraw', 'sg.example')).toBeNull();
    expect(pendingRefusal({ action: 'close' }, 'withdraw', 'sg.example')).toBe("withdraw cannot be proposed: close is awaiting sg.example's decision");
  });
});
