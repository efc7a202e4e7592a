import { Injectable } from '@nestjs/common';
import { AppConfig, AppException, Clock, WebhookTargetPolicy } from '@mla/core';
import { signRequest } from '../crypto/message-signature';
import { sharedEventHash } from '../crypto/shared-event';
import { NodeIdentity } from '../identity/node-identity';
import { getFromPeer, PeerUnreachable } from '../peers/peer-fetch';
import type { PeerRow } from '../peers/peer.row';
import { PeersRepository } from '../peers/peers.repository';
import { counterpartOf, type PeerSide, type RequestSides } from './counterpart';
import { ProofRepository } from './proof.repository';
import { checkSharedChain, compareSharedCopies, type HistoryFacts, type SharedChainProblem, type SharedCopyDifference, type SharedEventCopy, type SharedParties } from './shared-chain';
import { sharedEventsPath } from './shared-events.service';

/** The most a peer's copy of a request's shared events may weigh, and hold. */
export const WITNESS_MAX_BYTES = 16 * 1024 * 1024;
export const WITNESS_MAX_EVENTS = 10_000;

/** A copy of a request's shared events checked: how many, whether valid, the first problem. */
export interface SharedCheckReport {
  count: number;
  valid: boolean;
  firstProblem?: SharedChainProblem;
}

/** The peer's copy compared with this node's: the first difference, the peer's copy checked with the same keys; or why it could not be compared. */
export interface WitnessReport {
  /** The peer node asked. */
  peer: string;
  compared: boolean;
  /** The first seq where the copies part (null: the same, or not compared). */
  firstDifference: SharedCopyDifference | null;
  /** The peer's copy, checked as this node's is (when compared). */
  there?: SharedCheckReport;
  /** Why it was not compared: the peer unreachable, refusing, or answering a malformed copy. */
  problem?: string;
}

/**
 * The proof of a request's shared life on this node (DESIGN §15): its shared events checked
 * with this node's keys (retired ones included) and the peer's (as `federation_peers` keeps
 * them), and, as a witness, the peer's copy read by a signed GET and compared with this one.
 */
@Injectable()
export class SharedProof {
  constructor(
    private readonly identity: NodeIdentity,
    private readonly peers: PeersRepository,
    private readonly proof: ProofRepository,
    private readonly targets: WebhookTargetPolicy,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The check of the request's shared events; null when it has none and no side works on a
   * peer node (nothing is shared: the answer of events/verify stays as in the single-node mode).
   */
  async check(requestId: string, history?: (eventSeq: number) => HistoryFacts | null | undefined): Promise<SharedCheckReport | null> {
    const [sides, copies] = await Promise.all([this.proof.sidesOf(requestId), this.proof.sharedEventsOf(requestId)]);
    const counterpart = sides ? counterpartOf(sides) : null;
    if (!counterpart && copies.length === 0) return null;
    if (!counterpart) return { count: copies.length, valid: false, firstProblem: { seq: 1, reason: 'neither side of the request works on a peer node, yet it has shared events' } };
    const peer = await this.peerServing(counterpart);
    if (!peer) return { count: copies.length, valid: copies.length === 0, ...(copies.length > 0 ? { firstProblem: noPeer(counterpart) } : {}) };
    return this.checkCopy(requestId, copies, this.partiesOf(counterpart, peer), history);
  }

  /**
   * The peer's copy of the request's shared events (a signed GET of
   * /federation/v1/requests/{id}/shared-events), compared with this node's. A request with no
   * side on a peer node, or not sent, has no witness: 422.
   */
  async witness(requestId: string): Promise<WitnessReport> {
    const sides = await this.proof.sidesOf(requestId);
    const counterpart = sides ? counterpartOf(sides) : null;
    if (!sides || !counterpart) throw AppException.rule('Neither side of this request works on a peer node: no peer holds a copy of its shared events', [{ field: 'witness', message: 'no peer counterpart' }]);
    if (!sides.sent) throw AppException.rule('This request was never sent: no peer holds a copy of it', [{ field: 'witness', message: 'not sent' }]);
    const peer = await this.peerServing(counterpart);
    if (!peer) throw AppException.rule(noPeer(counterpart).reason, [{ field: 'witness', message: 'no peer serves the counterpart' }]);
    const here = await this.proof.sharedEventsOf(requestId);
    const notCompared = (problem: string): WitnessReport => ({ peer: peer.nodeId, compared: false, firstDifference: null, problem });
    const path = sharedEventsPath(requestId);
    const headers = await signRequest({ method: 'GET', url: `${peer.url}${path}`, contentType: '', body: new Uint8Array(0) }, this.identity.signingKey(), this.clock.now());
    let answer: { status: number; body: Buffer };
    try {
      answer = await getFromPeer(this.targets, peer.url, path, headers, this.config.isProduction, this.config.WEBHOOK_TIMEOUT_MS, WITNESS_MAX_BYTES);
    } catch (error) {
      if (error instanceof PeerUnreachable) return notCompared(`${peer.nodeId} could not be reached: ${error.message}`);
      throw error;
    }
    if (answer.status !== 200) return notCompared(`${peer.nodeId} answered HTTP ${answer.status}${refusalOf(answer.body)}`);
    const there = readCopy(answer.body, requestId);
    if (typeof there === 'string') return notCompared(`${peer.nodeId} answered a malformed copy: ${there}`);
    const parties = this.partiesOf(counterpart, peer);
    const theirs = there.map((e) => ({ ...e, node: e.seq === 1 ? parties.requesting.node : parties.requested.node, hash: sharedEventHash(e.jws) }));
    return { peer: peer.nodeId, compared: true, firstDifference: compareSharedCopies(here, there), there: await this.checkCopy(requestId, theirs, parties) };
  }

  private async checkCopy(requestId: string, copies: SharedEventCopy[], parties: SharedParties, history?: (eventSeq: number) => HistoryFacts | null | undefined): Promise<SharedCheckReport> {
    const verdict = await checkSharedChain(requestId, copies, parties, history);
    return verdict.valid ? { count: verdict.count, valid: true } : { count: verdict.count, valid: false, firstProblem: verdict.firstProblem };
  }

  private async peerServing(counterpart: PeerSide): Promise<PeerRow | null> {
    const serving = await this.peers.findServing(counterpart.country);
    return serving ? this.peers.findById(serving.id) : null;
  }

  /** Seq 1 is the requesting node's, the rest the requested node's: this node is the side that is not the peer's. */
  private partiesOf(counterpart: PeerSide, peer: PeerRow): SharedParties {
    const self = { node: this.identity.nodeId, keys: this.identity.hasKey() ? this.identity.document().jwks.keys : [] };
    const other = { node: peer.nodeId, keys: peer.jwks.keys };
    return counterpart.side === 'REQUESTED' ? { requesting: self, requested: other } : { requesting: other, requested: self };
  }
}

const noPeer = (counterpart: PeerSide): SharedChainProblem => ({ seq: 1, reason: `no peer of this node serves ${counterpart.country}: its keys are unknown here` });

/** The reason and detail of a peer's problem body, when it gave one (bounded). */
function refusalOf(body: Buffer): string {
  try {
    const p = JSON.parse(body.toString('utf8')) as { reason?: unknown; detail?: unknown };
    const said = [p.reason, p.detail].filter((v): v is string => typeof v === 'string').join(': ');
    return said ? ` (${said.slice(0, 300)})` : '';
  } catch {
    return '';
  }
}

/** The peer's answer read strictly: `{ requestId, events: [{ seq, jws }] }`, this request, seqs rising from 1 at most; or why not. */
export function readCopy(body: Buffer, requestId: string): { seq: number; jws: string }[] | string {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return 'not JSON';
  }
  const v = value as Partial<{ requestId: unknown; events: unknown }> | null;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not an object';
  if (v.requestId !== requestId) return `it names request ${String(v.requestId)}`;
  if (!Array.isArray(v.events)) return 'events is not an array';
  if (v.events.length > WITNESS_MAX_EVENTS) return `more than ${WITNESS_MAX_EVENTS} events`;
  const out: { seq: number; jws: string }[] = [];
  for (const [i, e] of (v.events as unknown[]).entries()) {
    const { seq, jws } = (e ?? {}) as { seq?: unknown; jws?: unknown };
    if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1) return `events[${i}].seq is not a positive integer`;
    if (typeof jws !== 'string' || jws.length === 0) return `events[${i}].jws is not a string`;
    if (out.length > 0 && seq <= out[out.length - 1]!.seq) return `events[${i}].seq does not follow ${out[out.length - 1]!.seq}`;
    out.push({ seq, jws });
  }
  return out;
}
