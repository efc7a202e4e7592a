import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Where peers post their messages (outside the API prefix). */
export const INTAKE_PATH = '/federation/v1/messages';
/** The internal media type the intake's body is read as (bytes, whatever the sender declared). */
const RAW_TYPE = 'application/x-mla-federation-raw';

/** The intake's body as received: its bytes and SHA-256, or null for both beyond the limit (then the size declared or read so far). */
export interface RawBody {
  bytes: Buffer | null;
  size: number;
  sha256: Buffer | null;
}

/** What the intake reads of a request: the raw body and the Content-Type the sender sent (a signed component). */
export interface IntakeRequest extends FastifyRequest {
  federationContentType?: string;
}

/**
 * The intake reads the body's bytes as they arrived (the Content-Digest is recomputed from
 * them, DESIGN §15), whatever the Content-Type: for that route only, a preParsing hook keeps
 * the sender's Content-Type aside and hands the body to a parser of raw bytes, which hashes
 * them and keeps at most `maxBytes` (beyond, it stops reading: answered 413 signed, and the
 * connection closed). The
 * JSON parser of every other route is untouched; the raw parser refuses any other route.
 */
export function registerFederationIntakeBody(fastify: FastifyInstance, maxBytes: number): void {
  fastify.addHook('preParsing', async (request: IntakeRequest, _reply, payload) => {
    if (request.method === 'POST' && request.routeOptions.url === INTAKE_PATH) {
      request.federationContentType = request.headers['content-type'] ?? '';
      request.headers['content-type'] = RAW_TYPE;
    }
    return payload;
  });
  fastify.addContentTypeParser(RAW_TYPE, (request, payload, fastifyDone) => {
    let finished = false;
    const done = (error: Error | null, body: RawBody | undefined) => {
      if (finished) return;
      finished = true;
      fastifyDone(error, body);
    };
    if (request.routeOptions.url !== INTAKE_PATH) {
      done(Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }), undefined);
      return;
    }
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      // Refused at once: the answer closes the connection (the rest of the body is never read).
      payload.resume();
      done(null, { bytes: null, size: declared, sha256: null } satisfies RawBody);
      return;
    }
    payload.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        chunks.length = 0;
        done(null, { bytes: null, size, sha256: null } satisfies RawBody);
        return;
      }
      hash.update(chunk);
      chunks.push(chunk);
    });
    payload.on('end', () => {
      if (!over) done(null, { bytes: Buffer.concat(chunks), size, sha256: hash.digest() } satisfies RawBody);
    });
    payload.on('error', (error: Error) => done(error, undefined));
  });
}

/** The raw body of an intake request (empty when none was sent). */
export function rawBodyOf(request: FastifyRequest): RawBody {
  const body = request.body as RawBody | undefined;
  if (body && typeof body === 'object' && 'sha256' in body) return body;
  return { bytes: Buffer.alloc(0), size: 0, sha256: createHash('sha256').digest() };
}
