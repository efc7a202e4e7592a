import type { WebhookTargetPolicy } from '@mla/core';
import { type PeerAnswer, requestPeer } from '../net/peer-request';

/** The most a peer's well-known document may weigh. */
export const PEER_DOCUMENT_MAX_BYTES = 64 * 1024;
export const WELL_KNOWN_PATH = '/.well-known/mla-hub';

/** A peer whose document could not be read (refused target, no answer, not 200, too large, not JSON), with why. */
export class PeerUnreachable extends Error {}

/**
 * Reads `{url}/.well-known/mla-hub` as the webhooks reach their targets (DESIGN §12): the
 * URL checked and resolved by the outbound policy, the connection pinned to the addresses
 * checked, no redirect followed, within `timeoutMs`, at most PEER_DOCUMENT_MAX_BYTES. A peer
 * is https; http only on loopback and outside production (DESIGN §15).
 */
export async function fetchPeerDocument(policy: WebhookTargetPolicy, baseUrl: string, production: boolean, timeoutMs: number): Promise<unknown> {
  const { status, body } = await getFromPeer(policy, baseUrl, WELL_KNOWN_PATH, {}, production, timeoutMs, PEER_DOCUMENT_MAX_BYTES);
  if (status !== 200) throw new PeerUnreachable(`${baseUrl}${WELL_KNOWN_PATH} answered HTTP ${status}`);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new PeerUnreachable(`${baseUrl}${WELL_KNOWN_PATH} did not answer JSON`);
  }
}

/** A GET of `{baseUrl}{path}` with `headers` (e.g. a signature), under the same rules as the well-known document; answers the status and at most `maxBytes`. */
export function getFromPeer(policy: WebhookTargetPolicy, baseUrl: string, path: string, headers: Record<string, string>, production: boolean, timeoutMs: number, maxBytes: number): Promise<PeerAnswer> {
  return requestPeer(policy, baseUrl, path, { method: 'GET', headers, production, timeoutMs, maxBytes, failure: (why) => new PeerUnreachable(why) });
}
