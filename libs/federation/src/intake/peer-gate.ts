import { Injectable } from '@nestjs/common';
import { Clock, problemOf, type FieldError, type ProblemCode } from '@mla/core';
import { keyObjectOf } from '../crypto/jwks';
import { verifyRequest } from '../crypto/message-signature';
import { signReceipt } from '../crypto/receipt';
import { NodeIdentity } from '../identity/node-identity';
import type { PeerRow } from '../peers/peer.row';
import { PeersRepository } from '../peers/peers.repository';

/** A peer's signed GET as a controller hands it over. */
export interface PeerGetCall {
  method: string;
  /** The path and query as received (the target URI is this node's NODE_URL and it). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  requestId: string;
}

/** A JSON answer to a peer: a status, its content type and body. */
export interface PeerJsonAnswer {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}

/** A refusal to a peer: its problem code, a machine-readable reason, a sentence, the fields at fault. */
export interface PeerRefusal {
  code: ProblemCode;
  reason: string;
  detail: string;
  errors?: FieldError[];
}

export type PeerGetVerdict = { ok: true; peer: PeerRow; now: Date } | { ok: false; answer: PeerJsonAnswer };

/**
 * The door of this node's GET endpoints for peers (DESIGN §15: the directory, files, shared
 * events): a GET signed per RFC 9421 over @method and @target-uri (no body, so no
 * content-digest) with created, expires (at most 5 minutes later) and keyid, by an ACTIVE
 * peer's key. An unknown key, a bad signature or a time outside the window 401; a suspended
 * peer 403. Every refusal is a problem body carrying a receipt signed by this node (REJECTED
 * with its code; no message, no digest), as the intake's.
 */
@Injectable()
export class PeerGate {
  constructor(
    private readonly identity: NodeIdentity,
    private readonly peers: PeersRepository,
    private readonly clock: Clock,
  ) {}

  async authenticateGet(call: PeerGetCall): Promise<PeerGetVerdict> {
    const now = this.clock.now();
    const verified = await verifyRequest<PeerRow>(
      { method: call.method, targetUri: `${this.identity.url}${call.url}`, headers: call.headers, body: new Uint8Array(0) },
      async (kid) => {
        const peer = await this.peers.findByKeyId(kid);
        const jwk = peer?.jwks.keys.find((k) => k.kid === kid);
        return peer && jwk ? { publicKey: keyObjectOf(jwk), owner: peer } : null;
      },
      now,
    );
    if (!verified.ok) return { ok: false, answer: await this.refuse(call, { code: 'UNAUTHENTICATED', reason: verified.problem, detail: verified.detail }, now) };
    const peer = verified.owner;
    await this.peers.touch(peer.id, now);
    if (peer.state === 'SUSPENDED') {
      return { ok: false, answer: await this.refuse(call, { code: 'FORBIDDEN', reason: 'PEER_SUSPENDED', detail: `The peer ${peer.nodeId} is suspended on this node` }, now) };
    }
    return { ok: true, peer, now };
  }

  /** A refusal to a peer's GET (e.g. 404 for a file or request not shared with it), signed like the intake's. */
  async refuse(call: Pick<PeerGetCall, 'url' | 'requestId'>, r: PeerRefusal, now: Date = this.clock.now()): Promise<PeerJsonAnswer> {
    const receipt = await signReceipt({ messageId: null, digest: null, receivedAt: now.toISOString(), status: 'REJECTED', code: r.code }, this.identity.signingKey());
    const body = { ...problemOf(r.code, r.detail, r.errors), reason: r.reason, instance: call.url, requestId: call.requestId, receipt };
    return { status: body.status, contentType: 'application/problem+json; charset=utf-8', body };
  }
}
