import { Injectable } from '@nestjs/common';
import { AppConfig, AppException, Clock, WebhookTargetPolicy } from '@mla/core';
import type { NodeJwk } from '../crypto/jwks';
import { signRequest } from '../crypto/message-signature';
import { NodeIdentity } from '../identity/node-identity';
import { getFromPeer, PeerUnreachable } from '../peers/peer-fetch';
import { readPeerDirectory, type PeerDirectory } from './directory-entry';
import { DirectorySignatureRefused, verifyDirectory } from './directory-jws';
import { DIRECTORY_PATH } from './directory.service';

/** The most a peer's signed directory may weigh. */
export const DIRECTORY_MAX_BYTES = 1024 * 1024;

/** A peer as the reader needs it: its name, URL, countries and keys (as this node keeps or has just read them). */
export interface DirectorySource {
  nodeId: string;
  url: string;
  countries: string[];
  keys: readonly NodeJwk[];
}

/** The peer refused to give its directory (401 or 403: it has not peered with this node yet, or suspended it). */
export class DirectoryNotGiven extends Error {}

/**
 * Reads a peer's directory (DESIGN §15): a GET signed per RFC 9421 with this node's key, the
 * answer's JWS verified with the peer's keys, then every entry validated strictly
 * (`readPeerDirectory`). A refused answer (bad signature, malformed, an authority of a country
 * the peer does not serve) is a 422 naming why; an unreachable peer 422 PEER_UNREACHABLE; the
 * peer refusing this node (401/403) DirectoryNotGiven, for the caller to decide.
 */
@Injectable()
export class DirectoryReader {
  constructor(
    private readonly identity: NodeIdentity,
    private readonly targets: WebhookTargetPolicy,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async read(peer: DirectorySource): Promise<PeerDirectory> {
    const url = `${peer.url}${DIRECTORY_PATH}`;
    const headers = await signRequest({ method: 'GET', url, contentType: '', body: new Uint8Array(0) }, this.identity.signingKey(), this.clock.now());
    let answer: { status: number; body: Buffer };
    try {
      answer = await getFromPeer(this.targets, peer.url, DIRECTORY_PATH, headers, this.config.isProduction, this.config.WEBHOOK_TIMEOUT_MS, DIRECTORY_MAX_BYTES);
    } catch (error) {
      if (error instanceof PeerUnreachable) throw new AppException('PEER_UNREACHABLE', `The directory of ${peer.nodeId} could not be read: ${error.message}`);
      throw error;
    }
    if (answer.status === 401 || answer.status === 403) throw new DirectoryNotGiven(`${peer.nodeId} answered HTTP ${answer.status} to this node's signed GET of its directory (has it peered with this node?)`);
    if (answer.status !== 200) throw new AppException('PEER_UNREACHABLE', `${url} answered HTTP ${answer.status}`);
    let body: unknown;
    try {
      body = JSON.parse(answer.body.toString('utf8'));
    } catch {
      throw refused(peer, [{ field: 'directory', message: 'the answer is not JSON' }]);
    }
    let payload: unknown;
    try {
      payload = await verifyDirectory((body as { directory?: unknown } | null)?.directory, peer.keys);
    } catch (error) {
      if (error instanceof DirectorySignatureRefused) throw refused(peer, [{ field: 'directory', message: error.message }]);
      throw error;
    }
    const read = readPeerDirectory(payload, peer);
    if (Array.isArray(read)) throw refused(peer, read);
    return read;
  }
}

function refused(peer: DirectorySource, errors: { field: string; message: string }[]): AppException {
  const shown = errors.slice(0, 20);
  return AppException.rule(`The directory of ${peer.nodeId} is refused, nothing was changed: ${shown.map((e) => `${e.field} ${e.message}`).join('; ')}`, shown.map((e) => ({ field: `directory.${e.field}`, message: e.message })));
}
