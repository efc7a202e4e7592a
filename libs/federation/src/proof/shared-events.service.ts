import { Injectable } from '@nestjs/common';
import { PeerGate, type PeerGetCall, type PeerJsonAnswer } from '../intake/peer-gate';
import { isCounterpart } from './counterpart';
import { ProofRepository } from './proof.repository';

/** The path a peer reads a request's shared events at (outside the API prefix). */
export const sharedEventsPath = (requestId: string): string => `/federation/v1/requests/${encodeURIComponent(requestId)}/shared-events`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What this node answers a peer asking for a request's shared events: its copy, each JWS verbatim. */
export interface SharedEventsBody {
  requestId: string;
  events: { seq: number; jws: string }[];
}

/**
 * This node's copy of a request's shared events for the peer that is its counterpart (DESIGN
 * §15, the witness of `events/verify?witness=peer`): a GET signed by an ACTIVE peer (PeerGate:
 * 401 unsigned or forged, 403 suspended), a request id that is a UUID (else 400), a request sent
 * whose PEER side is of a country that peer serves (else 404, the same as no such request: a
 * peer learns nothing of the requests of others). Every refusal signed.
 */
@Injectable()
export class SharedEventsService {
  constructor(
    private readonly gate: PeerGate,
    private readonly proof: ProofRepository,
  ) {}

  async serve(call: PeerGetCall, requestId: string): Promise<PeerJsonAnswer> {
    const verdict = await this.gate.authenticateGet(call);
    if (!verdict.ok) return verdict.answer;
    if (!UUID.test(requestId)) {
      return this.gate.refuse(call, { code: 'VALIDATION_FAILED', reason: 'MALFORMED_REQUEST_ID', detail: 'The request id must be a UUID', errors: [{ field: 'id', message: 'must be a UUID' }] }, verdict.now);
    }
    const id = requestId.toLowerCase();
    if (!isCounterpart(await this.proof.sidesOf(id), verdict.peer.countries)) {
      return this.gate.refuse(call, { code: 'NOT_FOUND', reason: 'UNKNOWN_REQUEST', detail: `No request ${id} is shared with ${verdict.peer.nodeId}` }, verdict.now);
    }
    const events = (await this.proof.sharedEventsOf(id)).map(({ seq, jws }) => ({ seq, jws }));
    const body: SharedEventsBody = { requestId: id, events };
    return { status: 200, contentType: 'application/json; charset=utf-8', body: { ...body } };
  }
}
