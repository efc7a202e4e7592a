import { Injectable } from '@nestjs/common';
import { Clock, problemOf, type ProblemCode } from '@mla/core';
import { keyObjectOf } from '../crypto/jwks';
import { verifyRequest } from '../crypto/message-signature';
import { signReceipt } from '../crypto/receipt';
import { NodeIdentity } from '../identity/node-identity';
import type { PeerRow } from '../peers/peer.row';
import { PeersRepository } from '../peers/peers.repository';
import type { PeerDirectory } from './directory-entry';
import { signDirectory } from './directory-jws';
import { DirectoryRepository } from './directory.repository';

/** The path peers read this node's directory at (outside the API prefix). */
export const DIRECTORY_PATH = '/federation/v1/directory';

/** A signed GET as the controller hands it over. */
export interface DirectoryCall {
  method: string;
  /** The path and query as received (the target URI is this node's NODE_URL and it). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  requestId: string;
}

/** What the directory answers: a status and a JSON body (`{ directory: <JWS> }`, or a problem). */
export interface DirectoryAnswer {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}

/**
 * This node's directory for its peers (DESIGN §15): its LOCAL authorities, signed as a JWS by
 * its key, answered only to a GET signed per RFC 9421 (over @method and @target-uri: a GET has
 * no body, so no content-digest) by an ACTIVE peer's key. An unknown key, a bad signature or a
 * time outside the window 401; a suspended peer 403; each refusal a problem body carrying a
 * receipt signed by this node (as the intake's).
 */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly identity: NodeIdentity,
    private readonly peers: PeersRepository,
    private readonly directory: DirectoryRepository,
    private readonly clock: Clock,
  ) {}

  async serve(call: DirectoryCall): Promise<DirectoryAnswer> {
    const key = this.identity.signingKey();
    const now = this.clock.now();
    // A refusal is signed like the intake's (a receipt REJECTED with its code; no message, no digest).
    const refuse = async (code: ProblemCode, reason: string, detail: string): Promise<DirectoryAnswer> => {
      const receipt = await signReceipt({ messageId: null, digest: null, receivedAt: now.toISOString(), status: 'REJECTED', code }, key);
      const body = { ...problemOf(code, detail), reason, instance: call.url, requestId: call.requestId, receipt };
      return { status: body.status, contentType: 'application/problem+json; charset=utf-8', body };
    };
    const verified = await verifyRequest<PeerRow>(
      { method: call.method, targetUri: `${this.identity.url}${call.url}`, headers: call.headers, body: new Uint8Array(0) },
      async (kid) => {
        const peer = await this.peers.findByKeyId(kid);
        const jwk = peer?.jwks.keys.find((k) => k.kid === kid);
        return peer && jwk ? { publicKey: keyObjectOf(jwk), owner: peer } : null;
      },
      now,
    );
    if (!verified.ok) return refuse('UNAUTHENTICATED', verified.problem, verified.detail);
    const peer = verified.owner;
    await this.peers.touch(peer.id, now);
    if (peer.state === 'SUSPENDED') return refuse('FORBIDDEN', 'PEER_SUSPENDED', `The peer ${peer.nodeId} is suspended on this node`);
    const payload: PeerDirectory = { nodeId: this.identity.nodeId, countries: this.identity.countries, issuedAt: now.toISOString(), authorities: await this.directory.localAuthorities() };
    return { status: 200, contentType: 'application/json; charset=utf-8', body: { directory: await signDirectory(payload, key) } };
  }
}
