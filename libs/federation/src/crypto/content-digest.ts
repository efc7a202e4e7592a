import { createHash, timingSafeEqual } from 'node:crypto';
import { parseDictionary, serializeDictionary } from 'structured-headers';

/** The Content-Digest header (RFC 9530) of a body: `sha-256=:<base64>:`. */
export function contentDigest(body: Uint8Array): string {
  return contentDigestOfHash(createHash('sha256').update(body).digest());
}

/** The Content-Digest header (RFC 9530) of a body whose SHA-256 was computed as it streamed. */
export function contentDigestOfHash(sha256: Uint8Array): string {
  return serializeDictionary(new Map([['sha-256', [new Uint8Array(sha256), new Map()]]]));
}

/** Why a Content-Digest header does not prove a body, or null when it does. */
export type DigestProblem = 'missing' | 'malformed' | 'no sha-256' | 'mismatch';

/**
 * Checks a Content-Digest header against the body's bytes, recomputed here (RFC 9530): the
 * header is a structured dictionary whose `sha-256` member (a byte sequence) must equal the
 * body's SHA-256. Other algorithms listed beside it are ignored; without `sha-256` it fails.
 */
export function checkContentDigest(header: string | string[] | undefined, body: Uint8Array): DigestProblem | null {
  if (header === undefined || header === '') return 'missing';
  let dictionary;
  try {
    dictionary = parseDictionary(Array.isArray(header) ? header.join(', ') : header);
  } catch {
    return 'malformed';
  }
  const member = dictionary.get('sha-256');
  if (member === undefined) return 'no sha-256';
  const value = member[0];
  if (!(value instanceof ArrayBuffer)) return 'malformed';
  const given = Buffer.from(value);
  const actual = createHash('sha256').update(body).digest();
  return given.length === actual.length && timingSafeEqual(given, actual) ? null : 'mismatch';
}
