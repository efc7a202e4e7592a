import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_STATUS } from '@mla/core';
import { PEER_SIGNATURE_SCHEME } from '@mla/federation';

type Operation = { security?: Record<string, string[]>[]; responses: Record<string, { description: string; content?: Record<string, unknown> }> };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;
const PROBLEM_REF = { $ref: '#/components/schemas/ProblemDetails' };

/** The RFC 9457 problem body every 4xx and 5xx carries (DESIGN §9). */
const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri', description: 'A URI naming the problem type' },
    title: { type: 'string', description: 'A short summary of the problem type' },
    status: { type: 'integer', description: 'The HTTP status' },
    detail: { type: 'string', description: 'What went wrong, for a person' },
    code: { type: 'string', enum: Object.keys(PROBLEM_STATUS), description: 'The machine-readable code' },
    instance: { type: 'string', description: 'The path the problem occurred at' },
    requestId: { type: 'string', description: 'The request id (also the X-Request-Id header), to find it in the logs' },
    errors: {
      type: 'array',
      description: 'Every field that is wrong, with what is wrong with it',
      items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' }, source: { type: 'string' }, rule: { type: 'string', description: 'The rule broken (a validation constraint name such as minLength), for clients that word the message themselves' } } },
    },
  },
};

/**
 * What the swagger decorators leave out, filled in the same way for every operation: the
 * servers, the session cookie beside the bearer token, `security: []` on the public
 * operations (those without a security requirement: tests hold them to the @Public()
 * routes), the 401 of every authenticated one and the 429 of the API-wide limit (all but the health probes), and the
 * problem body of every 4xx and 5xx.
 */
export function finishOpenApiDocument(doc: OpenAPIObject, sessionCookie: string): OpenAPIObject {
  doc.servers = [{ url: '/', description: 'This server (the API answers on its own origin)' }];
  doc.info.license = { name: 'Proprietary: all rights reserved' };
  doc.components ??= {};
  doc.components.schemas = { ...doc.components.schemas, ProblemDetails: PROBLEM_SCHEMA };
  doc.components.securitySchemes = {
    ...doc.components.securitySchemes,
    session: { type: 'apiKey', in: 'cookie', name: sessionCookie, description: 'The console’s HttpOnly session cookie (login with "session": "cookie"); state changes also need an allowed Origin' },
    [PEER_SIGNATURE_SCHEME]: { type: 'apiKey', in: 'header', name: 'Signature', description: 'A peer node’s RFC 9421 signature (with Signature-Input and Content-Digest), by a key of its well-known JWKS (DESIGN §15)' },
  };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const secured = (op.security ?? []).length > 0;
      const signed = (op.security ?? []).some((s) => PEER_SIGNATURE_SCHEME in s);
      if (signed) {
        op.security = [{ [PEER_SIGNATURE_SCHEME]: [] }];
        op.responses['401'] ??= { description: 'UNAUTHENTICATED: no valid peer signature' };
      } else if (secured) {
        op.security = [{ bearer: [] }, { session: [] }];
        op.responses['401'] ??= { description: 'UNAUTHENTICATED: no valid session (bearer token or session cookie)' };
      } else op.security = [];
      if (!path.startsWith('/health/')) op.responses['429'] ??= { description: 'RATE_LIMITED: too many calls in the window (Retry-After)' };
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400 && !response.content) response.content = { 'application/problem+json': { schema: PROBLEM_REF } };
      }
    }
  }
  return doc;
}
