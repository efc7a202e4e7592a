import type { WebhookTargetPolicy } from '@mla/core';
import { type PeerAnswer, requestPeer } from '../net/peer-request';

/** The most of a peer's answer read (a receipt or a problem carrying one). */
export const ANSWER_MAX_BYTES = 64 * 1024;
export const MESSAGES_PATH = '/federation/v1/messages';

/** A POST that got no HTTP answer (refused target, connection failed, timeout, answer too large), with why. */
export class PostFailed extends Error {}

export type PostAnswer = PeerAnswer;

/**
 * POSTs a signed message to `{peerUrl}/federation/v1/messages` as the webhooks reach their
 * targets (DESIGN §12): the URL checked and resolved by the outbound policy, the connection
 * pinned to the addresses checked, no redirect followed, within `timeoutMs`, the answer read
 * up to ANSWER_MAX_BYTES. https; http only on loopback and outside production.
 */
export function postMessage(policy: WebhookTargetPolicy, peerUrl: string, headers: Record<string, string>, body: Buffer, production: boolean, timeoutMs: number): Promise<PostAnswer> {
  return requestPeer(policy, peerUrl, MESSAGES_PATH, { method: 'POST', headers, body, production, timeoutMs, maxBytes: ANSWER_MAX_BYTES, failure: (why) => new PostFailed(why) });
}
