import { createHash } from 'node:crypto';

/**
 * Conditional reads (RFC 9110 §13.1.2): a client that already holds what it polls sends its
 * ETag in `If-None-Match`; an unchanged answer is a 304 with no body, and — nothing being
 * disclosed — no row in a confidential request's access log. The console polls the request
 * page every 5 s this way.
 *
 * `*` is no tag of a copy: on a GET it would answer 304 to anyone who can see the request,
 * with its ETag (its version) and no access-log row, while naming no representation the
 * client holds. RFC 9110 meant it for a PUT that must not overwrite; here it matches
 * nothing, so the read is answered (200, its body) and logged like any other (issue 22, item 4).
 */
export function matchesIfNoneMatch(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return (Array.isArray(header) ? header.join(',') : header).split(',').some((tag) => tag.trim() !== '*' && opaque(tag) === wanted);
}

/** A weak ETag of a JSON answer: equal answers, equal tags. */
export function contentEtag(body: unknown): string {
  return `W/"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
}

/** What a conditional read answers: the body, or that the client's copy is current. */
export type ConditionalAnswer<T> = { etag: string; notModified: true } | { etag: string; notModified: false; body: T };

/** Sends a conditional read's answer: its ETag, then the body, or 304 with none. */
export function answer<T>(reply: { header(name: string, value: string): unknown; status(code: number): unknown }, read: ConditionalAnswer<T>): T {
  reply.header('etag', read.etag);
  if (read.notModified) {
    reply.status(304);
    return undefined as T;
  }
  return read.body;
}

/** The OpenAPI description of the header, for each conditional GET. */
export const IF_NONE_MATCH = { name: 'If-None-Match', required: false, description: 'The ETag of your copy: 304 Not Modified (no body) while it is current; `*` names no copy and is answered as a GET without it' };
