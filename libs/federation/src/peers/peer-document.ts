import { readNodeKeys, NodeKeysRefused, type NodeJwk } from '../crypto/jwks';

/** The protocol both nodes must speak. */
export const PEER_PROTOCOL = 'mla-hub/1';
const NODE_ID = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const COUNTRY = /^[A-Z]{2}$/;

/** A peer's well-known document as this node keeps it. */
export interface PeerDocument {
  nodeId: string;
  countries: string[];
  url: string;
  keys: NodeJwk[];
}

/** A well-known document that is not a valid node document, with why. */
export class PeerDocumentRefused extends Error {}

/** A base URL as nodes compare them: no trailing slash. */
export function normalizeBaseUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Reads a peer's `/.well-known/mla-hub` document (DESIGN §15): its nodeId (a DNS-style
 * name), its countries (ISO 3166-1 alpha-2, at least one), its url, `mla-hub/1` among its
 * protocols, and its JWKS (`readNodeKeys`). Fields this version does not know are ignored.
 */
export async function readPeerDocument(doc: unknown): Promise<PeerDocument> {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new PeerDocumentRefused('the document is not a JSON object');
  const d = doc as Record<string, unknown>;
  if (typeof d.nodeId !== 'string' || !NODE_ID.test(d.nodeId)) throw new PeerDocumentRefused('nodeId is not a DNS-style name');
  const countries = d.countries;
  if (!Array.isArray(countries) || countries.length === 0 || countries.length > 50 || !countries.every((c) => typeof c === 'string' && COUNTRY.test(c))) {
    throw new PeerDocumentRefused('countries must list 1 to 50 ISO 3166-1 alpha-2 codes (a node in the single-node mode federates with no one)');
  }
  if (typeof d.url !== 'string' || !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(d.url)) throw new PeerDocumentRefused('url is not an http(s) base URL');
  if (!Array.isArray(d.protocols) || !d.protocols.includes(PEER_PROTOCOL)) throw new PeerDocumentRefused(`protocols does not include ${PEER_PROTOCOL}`);
  let keys: NodeJwk[];
  try {
    keys = await readNodeKeys(d.jwks);
  } catch (error) {
    if (error instanceof NodeKeysRefused) throw new PeerDocumentRefused(error.message);
    throw error;
  }
  return { nodeId: d.nodeId, countries: [...new Set(countries as string[])].sort(), url: normalizeBaseUrl(d.url), keys };
}
