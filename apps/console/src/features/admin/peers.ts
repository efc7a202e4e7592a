import { z } from 'zod';
import type { Schemas } from '@/lib/api/client';
import { countryName } from './directory';

export type Peer = Schemas['PeerDto'];
export type NodeDocument = Schemas['NodeDocumentDto'];
export type PeerAction = Schemas['UpdatePeerDto']['action'];

/** An RFC 7638 thumbprint as the API takes it: SHA-256, base64url without padding (43 characters). */
export const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;

/** A node's public base URL as the API takes it: http(s), a host, no query or fragment. */
const BASE_URL = /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/;

/** What the add dialog holds (texts as typed). */
export interface PeerValues {
  url: string;
  keyThumbprint: string;
}

/** The add dialog's checks before sending; messages are admin:peers.errors.* keys. */
export const peerSchema = z.object({
  url: z.string().trim().regex(BASE_URL, 'peers.errors.url'),
  keyThumbprint: z.string().trim().regex(THUMBPRINT, 'peers.errors.thumbprint'),
});

/** The re-read keys dialog: a new thumbprint is optional (empty: the one kept). */
export const refreshSchema = z.object({
  keyThumbprint: z.string().trim().refine((v) => v === '' || THUMBPRINT.test(v), 'peers.errors.thumbprint'),
});

/** The body of POST /peers: the values trimmed, the URL without trailing slashes. */
export function addBody(v: PeerValues): Schemas['AddPeerDto'] {
  return { url: v.url.trim().replace(/\/+$/, ''), keyThumbprint: v.keyThumbprint.trim() };
}

/** The body of PATCH /peers/{id}: the action, and with refresh_keys a new thumbprint when one is given. */
export function actionBody(action: PeerAction, keyThumbprint = ''): Schemas['UpdatePeerDto'] {
  const kid = keyThumbprint.trim();
  return action === 'refresh_keys' && kid ? { action, keyThumbprint: kid } : { action };
}

/** The actions a peer offers in its state. */
export function actionsOf(peer: Pick<Peer, 'state'>): PeerAction[] {
  return peer.state === 'ACTIVE' ? ['suspend', 'refresh_keys', 'refresh_directory'] : ['resume', 'refresh_keys'];
}

/** Whether this node federates: the single-node mode (no NODE_COUNTRIES) publishes no country and peers with no one. */
export const federates = (node: Pick<NodeDocument, 'countries'> | undefined) => (node?.countries.length ?? 0) > 0;

/** This node's current key's thumbprint (the first key of its JWKS), the one a peer's operator is given. */
export const thumbprintOf = (node: Pick<NodeDocument, 'jwks'> | undefined) => node?.jwks.keys[0]?.kid ?? '';

/** Countries written out in the reader's language, in that language's order ("Singapore, Vietnam"). */
export function countriesText(codes: readonly string[], language: string): string {
  const names = codes.map((c) => countryName(c, language)).sort((a, b) => a.localeCompare(b, language));
  return new Intl.ListFormat(language, { type: 'conjunction', style: 'long' }).format(names);
}

/** Problems of adding a peer or acting on one that the screen words itself (admin:peers.problem.*). */
export const PEER_PROBLEMS = ['PEER_KEY_MISMATCH', 'PEER_UNREACHABLE', 'CONFLICT', 'RULE_VIOLATED', 'INVALID_TRANSITION'] as const;

export const isPeerProblem = (code: string): code is (typeof PEER_PROBLEMS)[number] => (PEER_PROBLEMS as readonly string[]).includes(code);
