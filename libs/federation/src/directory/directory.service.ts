import { Injectable } from '@nestjs/common';
import { NodeIdentity } from '../identity/node-identity';
import { PeerGate, type PeerGetCall, type PeerJsonAnswer } from '../intake/peer-gate';
import type { PeerDirectory } from './directory-entry';
import { signDirectory } from './directory-jws';
import { DirectoryRepository } from './directory.repository';

/** The path peers read this node's directory at (outside the API prefix). */
export const DIRECTORY_PATH = '/federation/v1/directory';

/** A signed GET as the controller hands it over. */
export type DirectoryCall = PeerGetCall;

/** What the directory answers: a status and a JSON body (`{ directory: <JWS> }`, or a problem). */
export type DirectoryAnswer = PeerJsonAnswer;

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
    private readonly gate: PeerGate,
    private readonly directory: DirectoryRepository,
  ) {}

  async serve(call: DirectoryCall): Promise<DirectoryAnswer> {
    const verdict = await this.gate.authenticateGet(call);
    if (!verdict.ok) return verdict.answer;
    const payload: PeerDirectory = { nodeId: this.identity.nodeId, countries: this.identity.countries, issuedAt: verdict.now.toISOString(), authorities: await this.directory.localAuthorities() };
    return { status: 200, contentType: 'application/json; charset=utf-8', body: { directory: await signDirectory(payload, this.identity.signingKey()) } };
  }
}
