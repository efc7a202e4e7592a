import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppException, jsonNestingExceeds, problemOf, ProblemCode, sendProblem } from '@mla/core';

/** Through Nest's Logger, which the app routes to pino (nestjs-pino), like every other line. */
const log = new Logger('HTTP');

/**
 * Fastify's own refusals before any route runs (a malformed percent-encoding, a path
 * parameter longer than maxParamLength) answer a problem body like every other error
 * (the adapter's `frameworkErrors` option).
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  sendProblem(request, reply, error, log);
}

/**
 * A path segment longer than `max` characters as sent (percent-encoded) answers 414
 * URI_TOO_LONG before any route runs. The router's maxParamLength counts a parameter once
 * decoded (200 decoded characters may be 1,800 sent), and what stores a request's path (the
 * idempotency record) must never meet a path longer than it can hold.
 */
export function registerPathSegmentLimit(fastify: FastifyInstance, max: number): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.split('/').some((segment) => segment.length > max)) {
      sendProblem(request, reply, new AppException('URI_TOO_LONG', `A path segment is longer than ${max} characters (counted as sent, percent-encoded)`), log);
      return reply;
    }
    return undefined;
  });
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers or URL over
 * `maxHeaderSize`, a request that takes too long, a malformed request line) answer a
 * problem body too, written on the socket (the adapter's `clientErrorHandler` option).
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  let code: ProblemCode = 'VALIDATION_FAILED';
  let detail = 'The HTTP request is malformed';
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    code = 'HEADERS_TOO_LARGE';
    detail = 'The request line and headers exceed the size limit (16 KiB); the URL counts in it';
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    code = 'REQUEST_TIMEOUT';
    detail = 'The request did not arrive in time';
  }
  const requestId = randomUUID();
  const body = JSON.stringify({ ...problemOf(code, detail), requestId });
  const status = problemOf(code, detail).status;
  socket.end(
    `HTTP/1.1 ${status} ${code}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The JSON body parser: JSON only, nesting bounded (BODY_MAX_DEPTH, counted on the text
 * before parsing, so no later walk can overflow the stack), no `__proto__` key (as
 * Fastify's own parser refuses it). Every refusal is a 400 problem.
 */
export function registerJsonParser(fastify: FastifyInstance, maxDepth: number): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') {
      done(AppException.validation([{ field: 'body', message: 'is empty although Content-Type is application/json' }]), undefined);
      return;
    }
    if (jsonNestingExceeds(text, maxDepth)) {
      done(AppException.validation([{ field: 'body', message: `nests arrays and objects deeper than ${maxDepth} levels` }]), undefined);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      done(AppException.validation([{ field: 'body', message: 'is not valid JSON' }], 'The body is not valid JSON'), undefined);
      return;
    }
    if (text.includes('__proto__') && hasProtoKey(value)) {
      done(AppException.validation([{ field: '__proto__', message: 'is not a known field' }]), undefined);
      return;
    }
    done(null, value);
  });
}

function hasProtoKey(value: unknown): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (!Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, '__proto__')) return true;
    for (const child of Object.values(v)) stack.push(child);
  }
  return false;
}
